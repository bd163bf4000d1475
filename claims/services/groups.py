"""Writing the matcher's groups: ClaimGroup rows, and each claim's and quote's group.

One article at a time (`article_match`, run by the `claims.match_article` task on its own
`matching` queue) reads only its neighbourhood: the articles that may report the same story
(found through an index on the names articles are written around, weighed by how many
articles hold each name and how many articles there are: NameFrequency and ArticleCount,
kept by triggers), their claims, quotes and event reports, and the groups those already
belong to: about twenty statements, none of which reads more than the story's
neighbourhood. Nothing global is locked: PostgreSQL advisory locks per name serialise two
articles deciding their stories only when they share a name, and one per story two matches
of one story; matches of other stories run side by side. `groups_rebuild` (the `match`
command) matches everything again.

Re-matching keeps people's work. A new group is laid over the existing group that holds
most of the same members, so its verdict and its reviews stay with it; a group that no
longer has members is deleted only when nobody reviewed it, otherwise kept (empty, with a
reason saying so). Review rows are never touched here.
"""
from __future__ import annotations

import hashlib
import logging
import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import BooleanField, Case, Exists, ExpressionWrapper, OuterRef, Q, TextField, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import get_change_reason_from_object

from claims import matching
from claims.matching import events
from claims.models import (
    Article,
    ArticleCount,
    ArticleName,
    Claim,
    ClaimGroup,
    GroupOutlet,
    NameFrequency,
    Outlet,
    Quote,
    Review,
    ReviewStatus,
    Speaker,
)
from claims.services.queueing import task_queued

logger = logging.getLogger(__name__)

# Advisory lock keys (PostgreSQL): one a rebuild holds alone and deciding a new article's
# story shares, one per name for deciding a story (a few milliseconds), and one per story
# for matching it. SQLite's IMMEDIATE transactions already serialise writers.
_STORY_ASSIGNMENT_LOCK = 7_304_211
_STORY_LOCK_SPACE = 7_304_212
_STORY_NAME_LOCK_SPACE = 7_304_213
# The most articles of one story a match reads (the newest): a bound on one match's work.
MAX_STORY_ARTICLES = 400
# Rows per statement when a rebuild writes or looks up thousands of groups (PostgreSQL takes
# at most 65,535 parameters a statement).
_WRITE_BATCH = 500
_LOOKUP_BATCH = 5000


@dataclass(frozen=True)
class MatchSummary:
    groups: int
    created: int
    updated: int
    deleted: int
    kept_for_reviews: int
    conflicting: int


@dataclass(frozen=True)
class _ArticleInfo:
    source: str  # the outlet's name (or the title), for reasons a person reads
    outlet: str  # the outlet's identity: "outlet:<id>", or the article itself without one
    published: date | None
    story: int | None


def _articles() -> dict[int, _ArticleInfo]:
    """What reasons and events need of every article (a rebuild)."""
    rows = Article.objects.values_list("id", "outlet_id", "outlet__name", "title", "published_at", "story")
    return {row[0]: _article_info(*row) for row in rows}


def _article_info(i: int, outlet_id: int | None, name: str | None, title: str, published, story: int | None) -> _ArticleInfo:
    return _ArticleInfo(
        source=name or _short_title(title) or f"article {i}",
        outlet=f"outlet:{outlet_id}" if outlet_id else f"article:{i}",
        published=published.date() if published else None,
        story=story,
    )


def _short_title(title: str) -> str:
    """An article without an outlet is named by its title, cut at a word near 50 characters."""
    title = " ".join(title.split())
    if len(title) <= 50:
        return title
    return title[:50].rsplit(" ", 1)[0] + "\u2026"


# Columns the numbers extraction may add (a canonical value per dimension, a date's end).
_OPTIONAL_CLAIM_COLUMNS = ("base_value", "base_unit", "date_end")


def _claim_rows(queryset):
    """The columns of these claims the matcher reads, as dicts (a query: a rebuild iterates
    it on a server-side cursor, one article's match reads it whole in one round trip)."""
    return queryset.values(*_claim_columns())


def _claim_columns() -> list[str]:
    return ["id", "article_id", "kind", "text", "value", "unit", "subject", "sentence", "qualifier",
            "speaker__name", "date_value", "start", "fingerprint", "group_id", *_optional_claim_columns()]


def _optional_claim_columns() -> list[str]:
    return [c for c in _OPTIONAL_CLAIM_COLUMNS if any(f.name == c for f in Claim._meta.get_fields())]


def _claim_facts(rows, articles: dict[int, _ArticleInfo]) -> list[matching.ClaimFact]:
    optional = _optional_claim_columns()
    facts = []
    for row in rows:
        info = articles.get(row["article_id"])
        facts.append(matching.ClaimFact(
            id=row["id"], article_id=row["article_id"], source=info.source if info else f"article {row['article_id']}",
            outlet=info.outlet if info else "", kind=row["kind"], text=row["text"], value=row["value"], unit=row["unit"],
            subject=row["subject"], sentence=row["sentence"], qualifier=row["qualifier"], speaker=row["speaker__name"] or "",
            date_value=row["date_value"], start=row["start"], fingerprint=row["fingerprint"],
            **{c: row[c] for c in optional if row[c] is not None},
        ))
    return facts


def _quote_rows(queryset):
    """The columns of these quotes the matcher reads, as tuples (a query, as `_claim_rows`),
    with each quote's group last."""
    return queryset.values_list("id", "article_id", "text", "speaker__name", "speaker__kind", "start", "fingerprint", "group_id")


def _quote_facts(rows, articles: dict[int, _ArticleInfo]) -> list[matching.QuoteFact]:
    return [
        matching.QuoteFact(
            id=i, article_id=a, source=articles[a].source if a in articles else f"article {a}",
            outlet=articles[a].outlet if a in articles else "", text=t, speaker=s or "", speaker_kind=kind or "",
            start=st, fingerprint=fp,
        )
        for i, a, t, s, kind, st, fp, _ in rows
    ]


def _article_texts(articles: dict[int, _ArticleInfo]) -> list[matching.ArticleText]:
    """Every extracted article's text (a rebuild)."""
    rows = Article.objects.filter(status=Article.Status.EXTRACTED).values_list("id", "body")
    return [
        matching.ArticleText(id=i, source=articles[i].source, body=body, published=articles[i].published, outlet=articles[i].outlet)
        for i, body in rows.iterator()
        if i in articles
    ]


def _neighbourhood(article_ids: set[int], members: set[int]) -> tuple[dict[int, _ArticleInfo], list[matching.ArticleText]]:
    """What reasons need of these articles, and the texts of the members among them (those
    extracted), in one read."""
    if connection.vendor == "postgresql":
        # In SQL of its own, in the order of Article's Meta (its text does not change with the
        # number of articles; the ORM took longer to build it than to run it).
        articles_t, outlets_t = Article._meta.db_table, Outlet._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT a.id, a.outlet_id, o.name, a.title, a.published_at, a.story, "
                f"CASE WHEN a.id = ANY(%s) AND a.status = %s THEN a.body ELSE NULL END "
                f"FROM {articles_t} a LEFT JOIN {outlets_t} o ON o.id = a.outlet_id WHERE a.id = ANY(%s) "
                f"ORDER BY a.created_at DESC, a.id DESC",
                [sorted(members), Article.Status.EXTRACTED, sorted(article_ids)],
            )
            rows = cursor.fetchall()
    else:
        extracted_member = Q(id__in=members, status=Article.Status.EXTRACTED)
        rows = Article.objects.filter(id__in=article_ids).values_list(
            "id", "outlet_id", "outlet__name", "title", "published_at", "story",
            Case(When(extracted_member, then="body"), default=Value(None), output_field=TextField()),
        )
    articles, texts = {}, []
    for i, outlet_id, name, title, published, story, body in rows:
        info = articles[i] = _article_info(i, outlet_id, name, title, published, story)
        if body is not None:
            texts.append(matching.ArticleText(id=i, source=info.source, body=body, published=info.published, outlet=info.outlet))
    return articles, texts


def _new_key(plan: matching.GroupPlan) -> str:
    anchor = hashlib.sha256(plan.anchor.encode()).hexdigest()[:16]
    return f"{plan.kind}|{plan.unit}|{slugify(plan.subject)[:200]}|{anchor}"[:400]


def _members_of(plan: matching.GroupPlan) -> set[str]:
    members = {f"c{i}" for i in plan.claim_ids} | {f"q{i}" for i in plan.quote_ids}
    members |= {m.member_key for m in matching.group_mentions(plan.details)}
    return members


# A match's statements planned for their own parameters: the settings' generic plans suit
# the API's repeated lookups, not a match's reads of lists of ids and names (a generic plan
# read a story's candidates in 35 ms, a planned one in 7); and not compiled (JIT), which
# cost a candidates' read 20 ms to save less than one.
_PLANNING = "set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true)"


def _lock(*keys: tuple[int, int]) -> None:
    """Transaction-scoped advisory locks, taken in a fixed order so two matches cannot deadlock.

    The same statement plans the rest of the transaction for its own parameters (`_PLANNING`)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for i, (space, key) in enumerate(sorted(set(keys))):
                custom = f", {_PLANNING}" if i == 0 else ""
                cursor.execute(f"SELECT pg_advisory_xact_lock(%s, %s){custom}", [space, key % 2_000_000_000])


def _lock_names(names) -> None:
    """Locks for deciding a story by the names the article is written around.

    An article finds its story among the articles holding one of its names; two articles
    that share no name cannot find each other, and decide their stories side by side. Two
    that share one (the same story arriving from two outlets at once) decide one after the
    other, the second seeing the first's story. (They wait on each other for that name's
    NameFrequency row anyway.) A rebuild, which decides every story, excludes them all.
    Taken in key order, so that two deciders cannot deadlock; the rest of the transaction
    is planned for its own parameters, as `_lock` says."""
    if connection.vendor != "postgresql":
        return
    keys = sorted({zlib.crc32(name[:200].encode()) - 2**31 for name in names})
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pg_advisory_xact_lock_shared(%s, 0), {_PLANNING}, "
            "(SELECT count(pg_advisory_xact_lock(%s, key)) FROM (SELECT unnest(%s::int4[]) AS key ORDER BY 1) AS keys)",
            [_STORY_ASSIGNMENT_LOCK, _STORY_NAME_LOCK_SPACE, keys],
        )


def _write(*, plans: list[matching.GroupPlan], scope: Q, read: tuple[set[int], list[tuple]] | None = None) -> MatchSummary:
    """Lay plans over the groups in scope; scope selects the groups this run may change.

    A rebuild's scope (an empty Q()) holds every group: its reads take whole tables rather
    than lists of ids, which PostgreSQL caps at 65,535 parameters a query. One article's
    match has read every member of most groups in scope already: `read` is those groups'
    ids and their members' rows, ("c" or "q", article id, start, id, group id); only the
    other groups' members are read here."""
    everything = not scope
    held: dict[str, int] | None = None
    keys = set() if everything else {_new_key(plan) for plan in plans}
    if 0 < len(keys) <= _LOOKUP_BATCH:
        # The groups in scope and those holding one of the plans' own keys (which new groups
        # may not take, _keys_assign), in one read.
        rows = list(ClaimGroup.objects.filter(scope | Q(key__in=sorted(keys))).annotate(
            in_scope=ExpressionWrapper(scope, output_field=BooleanField())))
        existing = {g.id: g for g in rows if g.in_scope}
        held = {g.key: g.id for g in rows if g.key in keys}
    else:
        existing = {g.id: g for g in ClaimGroup.objects.filter(scope)}
    current: dict[int, set[str]] = defaultdict(set)
    grouped_claims: set[int] = set()
    grouped_quotes: set[int] = set()
    if everything:
        for model, prefix, found in ((Claim, "c", grouped_claims), (Quote, "q", grouped_quotes)):
            for mid, gid in model.objects.filter(group__isnull=False).values_list("id", "group_id"):
                current[gid].add(f"{prefix}{mid}")
                found.add(mid)
    else:
        # Claims and quotes taken in the order two reads would give them (claims, then quotes,
        # each as their model orders them): the order groups enter `current`.
        covered, known = read if read is not None else (set(), [])
        member_rows = [row for row in known if row[4] in existing]
        unread = [gid for gid in existing if gid not in covered]
        if unread:
            reads = [
                model.objects.filter(group_id__in=unread).annotate(member=Value(prefix))
                .values_list("member", "article_id", "start", "id", "group_id").order_by()
                for model, prefix in ((Claim, "c"), (Quote, "q"))
            ]
            member_rows += reads[0].union(reads[1], all=True)
        for prefix, _, _, mid, gid in sorted(member_rows, key=lambda r: (r[0] != "c", *r[1:4])):
            current[gid].add(f"{prefix}{mid}")
            (grouped_claims if prefix == "c" else grouped_quotes).add(mid)
    for g in existing.values():
        current[g.id] |= {m.member_key for m in g.mentions()}
    owner: dict[str, int] = {}
    for gid, members in current.items():
        for m in members:
            owner[m] = gid

    # Greedy by overlap: each existing group goes to the new group sharing most members.
    wanted = []
    for pi, plan in enumerate(plans):
        counts: dict[int, int] = defaultdict(int)
        for m in _members_of(plan):
            gid = owner.get(m)
            if gid is not None and existing[gid].kind == plan.kind:
                counts[gid] += 1
        for gid, n in counts.items():
            wanted.append((-n, pi, gid))
    wanted.sort()
    chosen: dict[int, ClaimGroup] = {}
    taken: set[int] = set()
    for _, pi, gid in wanted:
        if pi in chosen or gid in taken:
            continue
        chosen[pi] = existing[gid]
        taken.add(gid)

    created = updated = deleted = kept = 0
    group_of: dict[int, ClaimGroup] = {}
    changed_groups: dict[tuple[str, ...], list[ClaimGroup]] = defaultdict(list)
    new_groups: list[tuple[matching.GroupPlan, ClaimGroup]] = []
    for pi, plan in enumerate(plans):
        fields = {
            "kind": plan.kind,
            "unit": plan.unit[:64],
            "subject": plan.subject[:300],
            "label": plan.label[:500],
            "suggested_state": plan.state,
            "reason": plan.reason,
            "source_count": plan.source_count,
            "independent_reports": plan.independent_reports,
            "confidence": round(plan.confidence, 3),
            "story": plan.story,
            "details": _details(plan),
        }
        group = chosen.get(pi)
        if group is not None:
            # The note stays until a reviewer looks again (review_submit removes it).
            changed_since = current[group.id] != _members_of(plan) or group.sources_changed
            fields["sources_changed"] = group.verdict != ReviewStatus.UNREVIEWED and changed_since
            changed = [name for name, value in fields.items() if getattr(group, name) != value]
            if changed:
                for name in changed:
                    setattr(group, name, fields[name])
                changed_groups[tuple(changed)].append(group)
                updated += 1
        else:
            group = ClaimGroup(**fields)
            new_groups.append((plan, group))
            created += 1
        group_of[pi] = group
    _keys_assign(new_groups, used_keys={existing[gid].key for gid in taken}, taken=taken, held=held)
    _groups_save(changed_groups, [group for _, group in new_groups])
    claim_targets: dict[int, list[int]] = defaultdict(list)
    quote_targets: dict[int, list[int]] = defaultdict(list)
    for pi, plan in enumerate(plans):
        claim_targets[group_of[pi].id].extend(plan.claim_ids)
        quote_targets[group_of[pi].id].extend(plan.quote_ids)

    # Group assignment is the machine's bookkeeping, not a person's edit: a plain update,
    # without a history row per claim on every re-match. Members of groups in scope that no
    # plan placed (a quote now matching nothing) leave.
    for model, targets, grouped in ((Claim, claim_targets, grouped_claims), (Quote, quote_targets, grouped_quotes)):
        placed = {member for ids in targets.values() for member in ids}
        leaving = sorted(grouped - placed)
        if everything:
            _place(model, targets, one_statement=False)
            for start in range(0, len(leaving), 10_000):
                model.objects.filter(id__in=leaving[start:start + 10_000]).update(group=None)
        else:
            _place(model, targets, one_statement=True, leaving=leaving)

    group_outlets_refresh(set(claim_targets) | set(quote_targets) | set(existing), everything=everything)

    released = [group for gid, group in existing.items() if gid not in taken]
    unreviewed = sorted(g.id for g in released if g.verdict == ReviewStatus.UNREVIEWED)
    reviewed = {
        gid
        for start in range(0, len(unreviewed), _LOOKUP_BATCH)
        for gid in Review.objects.filter(group__in=unreviewed[start:start + _LOOKUP_BATCH]).values_list("group_id", flat=True)
    }
    gone = []
    for group in released:
        if group.verdict != ReviewStatus.UNREVIEWED or group.id in reviewed:
            # Keep what people decided; say why the group is empty now.
            group.source_count = 0
            group.suggested_state = ClaimGroup.Suggestion.SINGLE_SOURCE
            group.reason = (
                "No longer matched: its claims were re-extracted or regrouped. Kept because reviewers gave a verdict."
            )
            group.sources_changed = False  # the reason above says what changed
            group.details = {**(group.details or {}), "orphaned": True}
            group.save(update_fields=["source_count", "suggested_state", "reason", "sources_changed", "details", "updated_at"])
            kept += 1
        else:
            gone.append(group.id)
    for start in range(0, len(gone), _LOOKUP_BATCH):
        # Deleted together: their history rows and what they held set free, a statement per kind.
        ClaimGroup.objects.filter(id__in=gone[start:start + _LOOKUP_BATCH]).delete()
    deleted = len(gone)
    return MatchSummary(
        groups=len(plans),
        created=created,
        updated=updated,
        deleted=deleted,
        kept_for_reviews=kept,
        conflicting=sum(1 for p in plans if p.state == matching.CONFLICTING),
    )


def _keys_assign(
    new_groups: list[tuple[matching.GroupPlan, ClaimGroup]], *, used_keys: set[str], taken: set[int],
    held: dict[str, int] | None = None,
) -> None:
    """Give each new group its key: the plan's own, or with a number when another group
    (one this run does not lay a plan over) or an earlier new group holds it. The plans'
    own keys are looked up in one read (`held`, key -> group, when the caller read them); a
    numbered key is seldom needed."""
    if held is None:
        wanted = sorted({_new_key(plan) for plan, _ in new_groups})
        held = {
            key: gid
            for start in range(0, len(wanted), _LOOKUP_BATCH)
            for key, gid in ClaimGroup.objects.filter(key__in=wanted[start:start + _LOOKUP_BATCH]).values_list("key", "id")
        }
    held = {key for key, gid in held.items() if gid not in taken}
    for plan, group in new_groups:
        key = base = _new_key(plan)
        n = 1
        while key in used_keys or key in held or (n > 1 and any(
            gid not in taken for gid in ClaimGroup.objects.filter(key=key).values_list("id", flat=True)
        )):
            n += 1
            key = f"{base[:390]}|{n}"
        used_keys.add(key)
        group.key = key


def _groups_save(changed: dict[tuple[str, ...], list[ClaimGroup]], new: list[ClaimGroup]) -> None:
    """Write the groups a match changed and those it created, each with its history row, as
    saving them one by one would: the changed groups in one statement (per batch), setting
    the fields any of them changed (a group's unchanged fields to the values it holds), the
    new ones in another, their history rows in a third."""
    now = timezone.now()
    fields = list(dict.fromkeys(name for names in changed for name in names))
    history = [g for groups in changed.values() for g in groups]
    for group in history:
        group.updated_at = now
    if history:
        _groups_update(history, [*fields, "updated_at"])
    if new:
        ClaimGroup.objects.bulk_create(new, batch_size=_WRITE_BATCH)
    if (history or new) and getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        manager = ClaimGroup.history
        rows = [_history_row(manager, group, "~") for group in history] + [_history_row(manager, group, "+") for group in new]
        manager.model.objects.bulk_create(rows, batch_size=_WRITE_BATCH)


def _groups_update(groups: list[ClaimGroup], fields: list[str]) -> None:
    """Write these fields of these groups, in batches (a rebuild writes every group). On
    PostgreSQL an UPDATE from a list of rows, which Django's bulk_update spells as a CASE per
    field and row, and takes longer to build than to run."""
    if connection.vendor != "postgresql":
        ClaimGroup.objects.bulk_update(groups, fields, batch_size=_WRITE_BATCH)
        return
    columns = [ClaimGroup._meta.get_field(name) for name in fields]
    table = connection.ops.quote_name(ClaimGroup._meta.db_table)
    names = [connection.ops.quote_name(f.column) for f in columns]
    row = "(" + ", ".join([f"CAST(%s AS {f.db_type(connection)})" for f in [ClaimGroup._meta.pk, *columns]]) + ")"
    assignments = ", ".join(f"{name} = new.{name}" for name in names)
    with connection.cursor() as cursor:
        for start in range(0, len(groups), _WRITE_BATCH):
            batch = groups[start:start + _WRITE_BATCH]
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row] * len(batch))}) "
                f"AS new (id, {', '.join(names)}) WHERE {table}.id = new.id",
                [value for group in batch for value in (
                    group.pk, *(f.get_db_prep_save(getattr(group, f.attname), connection) for f in columns))],
            )


def _history_row(manager, instance: ClaimGroup, history_type: str):
    """The history row `bulk_history_create` writes for a group (simple_history's own
    fields), so that the rows of changed and of new groups go in one statement."""
    model = manager.model
    row = model(
        history_date=getattr(instance, "_history_date", timezone.now()),
        history_user=getattr(instance, "_history_user", model.get_default_history_user(instance)),
        history_change_reason=get_change_reason_from_object(instance) or "",
        history_type=history_type,
        **{field.attname: getattr(instance, field.attname) for field in model.tracked_fields},
    )
    if hasattr(model, "history_relation"):
        row.history_relation_id = instance.pk
    return row


def _place(model, targets: dict[int, list[int]], *, one_statement: bool, leaving: list[int] = ()) -> None:
    """Move these claims (or quotes) into their groups (group id -> member ids), and those
    `leaving` out of any, writing only the rows whose group changes. One article's match
    moves a few dozen members of a few groups: one statement; a rebuild moves every member:
    a statement per group, as one statement would spell out a hundred thousand members twice."""
    if not one_statement:
        for gid, ids in targets.items():
            model.objects.filter(id__in=ids).exclude(group_id=gid).update(group_id=gid)
        if leaving:
            model.objects.filter(id__in=leaving).update(group=None)
        return
    # A member listed twice ends where a statement per group would leave it: in the later group.
    placed = {member: gid for gid, ids in targets.items() for member in ids}
    placed.update((member, None) for member in leaving if member not in placed)
    if not placed:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    pairs = sorted(placed.items())
    # Within PostgreSQL's 65,535 parameters a statement.
    for start in range(0, len(pairs), 30_000):
        chunk = pairs[start:start + 30_000]
        rows = ", ".join(["(CAST(%s AS BIGINT), CAST(%s AS BIGINT))"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET group_id = placed.column2 FROM (VALUES {rows}) AS placed "
                f"WHERE {table}.id = placed.column1 AND COALESCE({table}.group_id, 0) <> COALESCE(placed.column2, 0)",
                [value for pair in chunk for value in pair],
            )


def group_outlets_refresh(group_ids: set[int], *, everything: bool = False) -> None:
    """Write which outlets each group's members come from (GroupOutlet), for these groups,
    or for all when `everything` (a rebuild). The matcher calls it with the groups it wrote."""
    if everything:
        GroupOutlet.objects.all().delete()
        reads = [
            model.objects.filter(group__isnull=False, article__outlet__isnull=False)
            .values_list("group_id", "article__outlet_id").distinct().order_by()
            for model in (Claim, Quote)
        ]
        GroupOutlet.objects.bulk_create(
            [GroupOutlet(group_id=group, outlet_id=outlet) for group, outlet in sorted(reads[0].union(reads[1]))],
            batch_size=5000,
        )
        return
    # Most matches leave most groups' outlets as they were: the database compares and writes
    # only the difference, in two statements (a pair no member holds any more goes).
    ids = sorted(group_ids)
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        in_chunk = ", ".join(["%s"] * len(chunk))
        links = connection.ops.quote_name(GroupOutlet._meta.db_table)
        held = [
            f"NOT EXISTS (SELECT 1 FROM {model._meta.db_table} m JOIN {Article._meta.db_table} a ON a.id = m.article_id "
            f"WHERE m.group_id = {links}.group_id AND a.outlet_id = {links}.outlet_id)"
            for model in (Claim, Quote)
        ]
        pairs = [
            f"SELECT m.group_id, a.outlet_id FROM {model._meta.db_table} m JOIN {Article._meta.db_table} a "
            f"ON a.id = m.article_id WHERE m.group_id IN ({in_chunk}) AND a.outlet_id IS NOT NULL"
            for model in (Claim, Quote)
        ]
        # In order, so that two matches adding pairs of a group both read wait rather than
        # deadlock; a pair the other wrote meanwhile is already there.
        delete = f"DELETE FROM {links} WHERE group_id IN ({in_chunk}) AND {held[0]} AND {held[1]}"
        insert = f"INSERT INTO {links} (group_id, outlet_id) {pairs[0]} UNION {pairs[1]} ORDER BY 1, 2 ON CONFLICT DO NOTHING"
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # One statement: the pairs it deletes (no member holds them) and those it
                # inserts (a member holds them) are never the same.
                cursor.execute(f"WITH gone AS ({delete}) {insert}", [*chunk, *chunk, *chunk])
            else:
                cursor.execute(delete, chunk)
                cursor.execute(insert, [*chunk, *chunk])


def _details(plan: matching.GroupPlan) -> dict:
    details = dict(plan.details)
    if plan.conflicts:
        # The two members each conflict is between, for the group page and the API.
        details["conflicts"] = [
            {"a": c.a, "b": c.b, "confidence": round(c.confidence, 3), "reason": c.reason} for c in plan.conflicts
        ]
    return details


def _save_names(article_id: int, profile: events.ArticleProfile, *, named: bool = True) -> None:
    """The names the article is written around, in place of those it held (`named`: it may
    hold some; an article never matched holds none). A concurrent match of the same article
    that wrote its names meanwhile makes this one fail on the unique key, and run again."""
    if named:
        ArticleName.objects.filter(article_id=article_id).delete()
    ArticleName.objects.bulk_create(
        [ArticleName(article_id=article_id, name=name[:200], count=count) for name, count in profile.names.items()]
    )


def groups_rebuild() -> MatchSummary:
    """Match every claim, quote and event report again (the `match` command): stories are
    decided again too, in arrival order, as one article at a time would decide them."""
    with transaction.atomic():
        _lock((_STORY_ASSIGNMENT_LOCK, 0))
        info = _articles()
        texts = _article_texts(info)
        story_of = matching.stories(texts)
        ArticleName.objects.all().delete()
        ArticleName.objects.bulk_create(
            [
                ArticleName(article_id=text.id, name=name[:200], count=count)
                for text in texts
                for name, count in events.article_profile(text).names.items()
            ],
            batch_size=5000,
        )
        by_story: dict[int, list[int]] = defaultdict(list)
        for article_id, story in story_of.items():
            by_story[story].append(article_id)
        for story, ids in by_story.items():
            Article.objects.filter(id__in=ids).update(story=story, matched_at=timezone.now())
        claims = _claim_facts(_claim_rows(Claim.objects.all()).iterator(), info)
        quotes = _quote_facts(_quote_rows(Quote.objects.all()).iterator(), info)
        plans = matching.match(claims=claims, quotes=quotes, articles=texts, story_of=story_of)
        summary = _write(plans=plans, scope=Q())
    logger.info("matching rebuilt: %s", summary)
    return summary


def _name_frequencies(names) -> tuple[dict[str, int], int]:
    """How many articles hold each of these names (those no article holds are left out), and
    how many articles there are (ArticleCount's slots), in one read."""
    names = sorted(names)
    placeholders = ", ".join(["%s"] * len(names)) or "NULL"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, articles FROM {NameFrequency._meta.db_table} WHERE name IN ({placeholders}) AND articles > 0 "
            f"UNION ALL SELECT NULL, SUM(articles) FROM {ArticleCount._meta.db_table}",
            names,
        )
        rows = cursor.fetchall()
    freq = {name: articles for name, articles in rows if name is not None}
    total = next((articles for name, articles in rows if name is None), None) or 0
    return freq, int(total)


def _story_for(article: Article, profile: events.ArticleProfile) -> tuple[int, set[int]]:
    """The story a newly matched article reports: that of the stored article it is most like
    among those sharing one of its rarest names and dated near it (claims.matching.events);
    and the other stories the article joins to it (their articles are to take its id)."""
    freq, total = _name_frequencies(profile.names)
    index = events.StoryIndex(doc_freq=lambda name: freq.get(name, 0), total=total)
    vector = events.weights(profile, index.idf)
    rare = [n for n in sorted(vector, key=lambda n: -vector[n])[: events.CANDIDATE_NAMES]
            if freq.get(n, 0) <= events.COMMON_NAME_ARTICLES]
    names: dict[int, dict[str, float]] = defaultdict(dict)
    info: dict[int, tuple[str, date | None, int]] = {}
    for article_id, name, count, outlet_id, published, story in _candidate_names(article, rare):
        names[article_id][name] = count
        if article_id not in info:
            outlet = f"outlet:{outlet_id}" if outlet_id else f"article:{article_id}"
            info[article_id] = (outlet, published, story)
    if not info:
        return article.id, set()
    # How many articles hold the candidates' other names, in one more read (a subquery per
    # name row took longer).
    unknown = {name for held in names.values() for name in held} - set(freq)
    if unknown and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT name, articles FROM {NameFrequency._meta.db_table} WHERE name = ANY(%s) AND articles > 0",
                           [sorted(unknown)])
            freq.update(cursor.fetchall())
    elif unknown:
        freq.update(NameFrequency.objects.filter(name__in=unknown, articles__gt=0).values_list("name", "articles"))
    for article_id in sorted(info):
        outlet, published, story = info[article_id]
        index.add(events.ArticleProfile(article_id, outlet, published, names[article_id]), story=story)
    return index.best_story(profile, vector)


def _candidate_names(article: Article, rare: list[str]):
    """The names of the stored articles that may report this article's story, with what the
    story index needs of each article, as rows (article id, name, count, outlet id, day,
    story) in article order: articles sharing one of its rare names, dated near enough to
    report the same story (the index compares no others), 500 of them at most, in one read.
    On PostgreSQL in SQL of its own: the query's text is the same from one match to the next,
    and building it through the ORM took longer than running it."""
    if not rare:
        return []
    span = timedelta(days=events.STORY_DAYS + 1)
    if connection.vendor != "postgresql":
        candidates = ArticleName.objects.filter(name__in=rare).exclude(article_id=article.id).filter(article__story__isnull=False)
        if article.published_at is not None:
            candidates = candidates.filter(
                Q(article__published_at__isnull=True)
                | Q(article__published_at__range=(article.published_at - span, article.published_at + span))
            )
        return (
            ArticleName.objects.filter(article_id__in=candidates.values("article_id").distinct()[:500])
            # The day (UTC, as _article_info takes it) on every name's row: a date is cheaper to
            # read than a time with its zone.
            .values_list("article_id", "name", "count", "article__outlet_id", TruncDate("article__published_at", tzinfo=UTC),
                         "article__story")
            .order_by("article_id", "id")
        )
    names, articles = ArticleName._meta.db_table, Article._meta.db_table
    near, params = _published_near(article, span, "u1.published_at")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT n.article_id, n.name, n.count, a.outlet_id, (a.published_at AT TIME ZONE 'UTC')::date, a.story "
            f"FROM {names} n JOIN {articles} a ON a.id = n.article_id WHERE n.article_id IN ("
            f"SELECT DISTINCT u0.article_id FROM {names} u0 JOIN {articles} u1 ON u1.id = u0.article_id "
            f"WHERE u0.name = ANY(%s) AND u0.article_id <> %s AND u1.story IS NOT NULL{near} LIMIT 500) "
            f"ORDER BY n.article_id, n.id",
            [rare, article.id, *params],
        )
        return cursor.fetchall()


def _story_rows(article_id: int, members: set[int]) -> tuple[list[dict], list[tuple]]:
    """The claims and quotes one article's match reads (as `_claim_rows` and `_quote_rows`
    give them): those of the story's members, quotes by the article's speakers (a quote may
    be the same words as one in another story, a speaker repeating a line), and every
    member of the groups these belong to, so that rewriting a group never drops a member
    this run did not read. (An event group of these articles is among the groups of their
    claims.) Each read names its rows through a union of ids: an OR of the list and a
    subquery would scan the whole table. On PostgreSQL in SQL of its own, whose text is the
    same from one match to the next (the ORM took longer to build these than to run them)."""
    if connection.vendor != "postgresql":
        speakers = Quote.objects.filter(article_id=article_id, speaker__isnull=False).values("speaker_id")
        claim_q = Q(article_id__in=members)
        quote_q = Q(article_id__in=members) | Q(speaker_id__in=speakers)
        earlier = (
            Claim.objects.filter(claim_q, group__isnull=False).values("group_id").order_by()
            .union(Quote.objects.filter(quote_q, group__isnull=False).values("group_id").order_by())
        )
        claim_ids = Claim.objects.filter(claim_q).values("id").order_by().union(
            Claim.objects.filter(group_id__in=earlier).values("id").order_by())
        quote_ids = Quote.objects.filter(quote_q).values("id").order_by().union(
            Quote.objects.filter(group_id__in=earlier).values("id").order_by())
        return list(_claim_rows(Claim.objects.filter(id__in=claim_ids))), list(_quote_rows(Quote.objects.filter(id__in=quote_ids)))
    claims, quotes, speakers = (m._meta.db_table for m in (Claim, Quote, Speaker))
    ids = sorted(members)
    quote_q = (f"(article_id = ANY(%s) OR speaker_id IN "
               f"(SELECT speaker_id FROM {quotes} WHERE article_id = %s AND speaker_id IS NOT NULL))")
    earlier = (f"SELECT group_id FROM {claims} WHERE article_id = ANY(%s) AND group_id IS NOT NULL "
               f"UNION SELECT group_id FROM {quotes} WHERE {quote_q} AND group_id IS NOT NULL")
    earlier_params = [ids, ids, article_id]
    columns = _claim_columns()
    select = ", ".join("s.name" if c == "speaker__name" else f"c.{c}" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {select} FROM {claims} c LEFT JOIN {speakers} s ON s.id = c.speaker_id WHERE c.id IN "
            f"(SELECT id FROM {claims} WHERE article_id = ANY(%s) UNION SELECT id FROM {claims} WHERE group_id IN ({earlier})) "
            f"ORDER BY c.article_id, c.start, c.id",
            [ids, *earlier_params],
        )
        claim_rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT q.id, q.article_id, q.text, s.name, s.kind, q.start, q.fingerprint, q.group_id "
            f"FROM {quotes} q LEFT JOIN {speakers} s ON s.id = q.speaker_id WHERE q.id IN "
            f"(SELECT id FROM {quotes} WHERE {quote_q} UNION SELECT id FROM {quotes} WHERE group_id IN ({earlier})) "
            f"ORDER BY q.article_id, q.start, q.id",
            [ids, article_id, *earlier_params],
        )
        quote_rows = cursor.fetchall()
    return claim_rows, quote_rows


def _published_near(article: Article, span: timedelta, column: str) -> tuple[str, list]:
    """SQL narrowing rows to articles undated or published within `span` of this one (none
    when this one is undated), and its parameters."""
    if article.published_at is None:
        return "", []
    return (f" AND ({column} IS NULL OR {column} BETWEEN %s AND %s)",
            [article.published_at - span, article.published_at + span])


def _story_members(article: Article, story: int) -> set[int]:
    """The story's articles near this one in time, the newest MAX_STORY_ARTICLES of them: a
    long-running story gathers months of articles, and facts of articles further apart than
    a story's span are not compared. On PostgreSQL the same statement notes the article
    matched (its matched_at; elsewhere article_match writes it last)."""
    span = timedelta(days=events.STORY_DAYS)
    if connection.vendor != "postgresql":
        nearby = Article.objects.filter(story=story, status=Article.Status.EXTRACTED)
        if article.published_at is not None:
            nearby = nearby.filter(
                Q(published_at__isnull=True)
                | Q(published_at__range=(article.published_at - span, article.published_at + span))
            )
        return set(nearby.order_by("-id").values_list("id", flat=True)[:MAX_STORY_ARTICLES])
    table = connection.ops.quote_name(Article._meta.db_table)
    near, params = _published_near(article, span, "published_at")
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH matched AS (UPDATE {table} SET matched_at = %s WHERE id = %s) "
            f"SELECT id FROM {table} WHERE story = %s AND status = %s{near} ORDER BY id DESC LIMIT %s",
            [timezone.now(), article.id, story, Article.Status.EXTRACTED, *params, MAX_STORY_ARTICLES],
        )
        return {row[0] for row in cursor.fetchall()}


def article_match(*, article_id: int) -> MatchSummary | None:
    """Match one article's claims, quotes and event reports with its neighbourhood: the
    articles of its story, and whatever groups their members already belong to. None when
    the article is gone or not extracted."""
    article = (
        Article.objects.filter(id=article_id, status=Article.Status.EXTRACTED).select_related("outlet").defer("raw")
        # Whether it holds names from an earlier match (a new article has none to delete).
        .annotate(named=Exists(ArticleName.objects.filter(article_id=OuterRef("id")))).first()
    )
    if article is None:
        return None
    outlet = article.outlet
    info = _article_info(article_id, article.outlet_id, outlet.name if outlet else None, article.title,
                         article.published_at, article.story)
    text = matching.ArticleText(id=article_id, source=info.source, body=article.body, published=info.published, outlet=info.outlet)
    profile = events.article_profile(text)
    story = article.story
    if story is None:
        with transaction.atomic():
            _lock_names(profile.names)
            _save_names(article_id, profile, named=article.named)
            story, joined = _story_for(article, profile)
            Article.objects.filter(Q(id=article_id) | Q(story__in=joined)).update(story=story)
    else:
        joined = set()
    with transaction.atomic():
        # The stories this article joined were matched apart: this match rewrites their groups.
        _lock(*((_STORY_LOCK_SPACE, s) for s in (story, *joined)))
        members = _story_members(article, story)
        members.add(article_id)
        # The claims and quotes first: their articles are the ones whose names reasons give.
        claim_rows, quote_rows = _story_rows(article_id, members)
        earlier = {row["group_id"] for row in claim_rows} | {row[-1] for row in quote_rows}
        earlier.discard(None)
        article_ids = members | {row["article_id"] for row in claim_rows} | {row[1] for row in quote_rows}
        articles, texts = _neighbourhood(article_ids, members)
        story_of = {i: a.story if a.story is not None else i for i, a in articles.items()}
        story_of[article_id] = story
        plans = matching.match(
            claims=_claim_facts(claim_rows, articles), quotes=_quote_facts(quote_rows, articles), articles=texts, story_of=story_of
        )
        scope = Q(id__in=earlier) | Q(kind="event", story__in=[story, *joined])
        # Every member of the groups in `earlier` is among the rows read: _write need not
        # read them again.
        read = [("c", row["article_id"], row["start"], row["id"], row["group_id"]) for row in claim_rows
                if row["group_id"] is not None]
        read += [("q", row[1], row[5], row[0], row[-1]) for row in quote_rows if row[-1] is not None]
        summary = _write(plans=plans, scope=scope, read=(earlier, read))
        if connection.vendor != "postgresql":
            Article.objects.filter(id=article_id).update(matched_at=timezone.now())
    logger.info("article %s matched: %s", article_id, summary)
    return summary


def groups_release(*, group_ids: set[int]) -> MatchSummary:
    """Groups that no article tells any more (their articles were deleted): released as a
    re-match releases a group it no longer proposes, deleted, or kept empty when reviewers
    gave it a verdict."""
    with transaction.atomic():
        return _write(plans=[], scope=Q(id__in=list(group_ids)))


def article_queue_matching(*, article_id: int) -> bool:
    """Queue matching of one article; False when the broker cannot be reached (the
    `match` command, or the next article's matching, catches up)."""
    from claims.tasks import match_article

    return task_queued(match_article, article_id, what=f"matching of article {article_id}")
