"""Full-text indexes for the admin's searches on PostgreSQL (see claims/search.py): each is
built over exactly the expression the search filters by. Nothing on other databases."""
from django.db import migrations

# Kept here, not imported, so that this migration builds the same indexes whatever
# claims/search.py becomes later.
FULLTEXT = {
    "claims_claim": ("claim_fulltext", ("sentence", "subject")),
    "claims_claimgroup": ("group_fulltext", ("label", "subject")),
    "claims_article": ("article_fulltext", ("title",)),
    "claims_quote": ("quote_fulltext", ("text",)),
    "claims_speaker": ("speaker_fulltext", ("name",)),
}


def _expression(columns):
    joined = " || ' ' || ".join(f"coalesce(\"{c}\", '')" for c in columns)
    return f"to_tsvector('english'::regconfig, {joined})"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (name, columns) in FULLTEXT.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (({_expression(columns)}))')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in FULLTEXT.values():
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_reviewers_desk")]
    operations = [migrations.RunPython(create, drop)]
