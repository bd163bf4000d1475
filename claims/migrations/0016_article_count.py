from django.db import migrations, models

# Statement-level triggers with transition tables (a bulk insert or delete counts once), each
# connection adding to its own slot of SLOTS counters, so two transactions storing articles
# at once seldom wait on one counter row until the other commits.
SLOTS = 16
POSTGRESQL = [
    f"""
CREATE FUNCTION claims_article_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed bigint;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM claims_articlecount;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO changed FROM new_articles;
    ELSE
        SELECT -count(*) INTO changed FROM old_articles;
    END IF;
    IF changed <> 0 THEN
        INSERT INTO claims_articlecount (slot, articles) VALUES (mod(pg_backend_pid(), {SLOTS}), changed)
        ON CONFLICT (slot) DO UPDATE SET articles = claims_articlecount.articles + EXCLUDED.articles;
    END IF;
    RETURN NULL;
END $$
""",
    "CREATE TRIGGER claims_article_count_insert AFTER INSERT ON claims_article "
    "REFERENCING NEW TABLE AS new_articles FOR EACH STATEMENT EXECUTE FUNCTION claims_article_count()",
    "CREATE TRIGGER claims_article_count_delete AFTER DELETE ON claims_article "
    "REFERENCING OLD TABLE AS old_articles FOR EACH STATEMENT EXECUTE FUNCTION claims_article_count()",
    "CREATE TRIGGER claims_article_count_truncate AFTER TRUNCATE ON claims_article "
    "FOR EACH STATEMENT EXECUTE FUNCTION claims_article_count()",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER claims_article_count_insert ON claims_article",
    "DROP TRIGGER claims_article_count_delete ON claims_article",
    "DROP TRIGGER claims_article_count_truncate ON claims_article",
    "DROP FUNCTION claims_article_count()",
]
# SQLite has row triggers only, and one writer at a time: one counter.
SQLITE = [
    """
CREATE TRIGGER claims_article_count_insert AFTER INSERT ON claims_article BEGIN
    INSERT INTO claims_articlecount (slot, articles) VALUES (0, 1)
    ON CONFLICT (slot) DO UPDATE SET articles = articles + 1;
END
""",
    """
CREATE TRIGGER claims_article_count_delete AFTER DELETE ON claims_article BEGIN
    INSERT INTO claims_articlecount (slot, articles) VALUES (0, -1)
    ON CONFLICT (slot) DO UPDATE SET articles = articles - 1;
END
""",
]
SQLITE_DROP = ["DROP TRIGGER claims_article_count_insert", "DROP TRIGGER claims_article_count_delete"]
FILL = "INSERT INTO claims_articlecount (slot, articles) SELECT 0, count(*) FROM claims_article"


def install(apps, schema_editor):
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError(f"article count triggers are written for PostgreSQL and SQLite, not {schema_editor.connection.vendor}")
    for statement in [*statements, FILL]:
        schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    for statement in {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0015_name_frequencies'),
    ]

    operations = [
        migrations.CreateModel(
            name='ArticleCount',
            fields=[
                ('slot', models.SmallIntegerField(primary_key=True, serialize=False)),
                ('articles', models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(install, uninstall),
    ]
