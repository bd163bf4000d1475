"""Reads shared by the admin and the API. Each returns a queryset or plain data with the
joins it needs, so a page costs a fixed number of queries.

The API's lists load what their serializers show in their views' get_queryset() (the
relations follow the resource's shape, claims.api.shapes); the reads that are more than
that, and the ones the admin shares, are here."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from claims.matching.types import group_mentions
from claims.models import (
    Article,
    Claim,
    ClaimGroup,
    GroupOutlet,
    Outlet,
    Quote,
    Review,
    ReviewDecision,
    ReviewStatus,
    Speaker,
)

# The queue's order: sources disagreeing and no verdict yet first (ClaimGroup.queue_rank),
# then the matcher's certainty, then the most sources. An index holds exactly this order
# (group_queue_in_order), so a page is the first rows of one index scan at any size.
QUEUE_ORDER = ("queue_rank", "-confidence", "-source_count", "-id")
QUEUE_KINDS = ("money", "count", "percent", "quantity", "date", "quote", "event")
QUEUE_STATES = {
    "open": ("Needs a verdict", (0, 2)),
    "conflicting": ("Sources disagree", (0, 1)),
    "reviewed": ("Verdict given", (1, 3)),
    "all": ("All", (0, 1, 2, 3)),
}
QUEUE_FOUND = {"today": ("Found today", 1), "week": ("Past 7 days", 7), "month": ("Past 30 days", 30)}


@dataclass(frozen=True)
class QueueFilters:
    """What a reviewer narrowed the conflict queue to (all optional)."""

    q: str = ""
    kind: str = ""
    outlet: str = ""  # an outlet's name, any case
    state: str = "open"
    found: str = ""  # "today", "week", "month": when the matcher first found the group
    assigned: str = ""  # "me", "nobody" or ""
    # The outlet's id, read once per request (queue_filters_resolved) for each of the page's
    # queries (0 when no outlet has the name); not part of the filters' query string.
    outlet_id: int | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_query(cls, query) -> QueueFilters:
        def pick(name: str, allowed, default: str = "") -> str:
            value = (query.get(name) or "").strip()
            return value if value in allowed else default

        return cls(
            q=(query.get("q") or "").strip()[:200], kind=pick("kind", QUEUE_KINDS),
            outlet=(query.get("outlet") or "").strip()[:200], state=pick("state", QUEUE_STATES, "open"),
            found=pick("found", QUEUE_FOUND), assigned=pick("assigned", ("me", "nobody")),
        )

    def query(self, **changes) -> str:
        """The query string of these filters (with changes), for links that keep them."""
        from urllib.parse import urlencode

        values = {**self.__dict__, **changes}
        values.pop("outlet_id", None)
        return urlencode({k: v for k, v in values.items() if v and not (k == "state" and v == "open")})


def conflict_queue(
    *, include_reviewed: bool = True, filters: QueueFilters | None = None, user=None, counting: bool = False
) -> QuerySet[ClaimGroup]:
    """Groups told by two or more sources (or flagged conflicting), in the queue's order:
    sources disagreeing and no verdict yet first, then the matcher's confidence, then the
    number of sources. `filters` narrows it; "assigned to me" needs `user`.
    """
    from claims import search

    filters = filters or QueueFilters(state="all" if include_reviewed else "open")
    # queue_rank is empty for groups outside the queue (one source, nothing flagged).
    groups = ClaimGroup.objects.filter(queue_rank__in=QUEUE_STATES[filters.state][1])
    if filters.kind:
        groups = groups.filter(kind=filters.kind)
    if filters.outlet:
        outlet_id = filters.outlet_id if filters.outlet_id is not None else outlet_named(filters.outlet)
        groups = groups.filter(_in_outlet(outlet_id, counting=counting))
    if filters.found:
        groups = groups.filter(created_at__gte=timezone.now() - timedelta(days=QUEUE_FOUND[filters.found][1]))
    if filters.assigned == "me" and user is not None:
        groups = groups.filter(assigned_to=user)
    elif filters.assigned == "nobody":
        groups = groups.filter(assigned_to__isnull=True)
    if filters.q:
        if search.fulltext_available(groups):
            groups = search.fulltext_match(groups, filters.q)
        else:
            groups = search.words_match(groups, filters.q)
    return groups.select_related("assigned_to").order_by(*QUEUE_ORDER)


def group_outlets(*, groups: list[ClaimGroup]) -> dict[int, list[str]]:
    """The outlets telling each group's fact, for one page of groups (three queries at most):
    an outlet's name, else the first words of the article's title."""
    from django.utils.text import Truncator

    names: dict[int, set[str]] = defaultdict(set)
    ids = [g.id for g in groups]
    for model in (Claim, Quote):
        for gid, outlet, title in model.objects.filter(group_id__in=ids).values_list(
            "group_id", "article__outlet__name", "article__title"
        ).distinct():
            names[gid].add(outlet or Truncator(title).words(6) or "outlet not named")
    event_articles: dict[int, set[int]] = defaultdict(set)
    for g in groups:
        for m in g.mentions():
            event_articles[m.article_id].add(g.id)
    if event_articles:
        for aid, outlet, title in Article.objects.filter(id__in=event_articles).values_list("id", "outlet__name", "title"):
            for gid in event_articles[aid]:
                names[gid].add(outlet or Truncator(title).words(6) or "outlet not named")
    return {gid: sorted(n) for gid, n in names.items()}


def _in_outlet(outlet_id: int, *, counting: bool):
    """Groups the outlet is a source of. A page walks the queue's index and keeps the
    outlet's (it stops at 50); a count probes the outlet's few thousand groups by id, which
    PostgreSQL's planner does not choose by itself for a semi-join (it hashed them and read
    every group of the queue: 180 ms at a million claims, against 50)."""
    if counting and connection.vendor == "postgresql":
        return RawSQL(
            '"claims_claimgroup"."id" = ANY((SELECT array_agg(group_id) FROM claims_groupoutlet WHERE outlet_id = %s)::bigint[])',
            [outlet_id], output_field=BooleanField(),
        )
    return Q(id__in=GroupOutlet.objects.filter(outlet_id=outlet_id).values("group_id"))


def outlet_named(outlet: str) -> int:
    """The id of the outlet with this name (any case), 0 when there is none."""
    return Outlet.objects.filter(name__iexact=outlet).values_list("id", flat=True).first() or 0


def queue_filters_resolved(filters: QueueFilters) -> QueueFilters:
    """The filters with what they need read once for the whole page (an outlet's groups)."""
    from dataclasses import replace

    if filters.outlet and filters.outlet_id is None:
        return replace(filters, outlet_id=outlet_named(filters.outlet))
    return filters


def queue_counts(*, filters: QueueFilters, user) -> dict[str, int]:
    """How many groups each tab of the queue holds under the other filters, each count
    stopping at search.COUNT_CAP (the first rows of an index, not the whole table)."""
    from dataclasses import replace

    from claims import search

    if filters.outlet:
        # An outlet's groups are a few thousand: one pass over them counts every tab at once
        # (three capped counts each joined the outlet's groups to all the queue's).
        every = conflict_queue(filters=replace(filters, state="all", assigned=""), user=user, counting=True).order_by()
        open_ranks, conflicting_ranks = QUEUE_STATES["open"][1], QUEUE_STATES["conflicting"][1]
        mine = Q(queue_rank__in=open_ranks, assigned_to=user) if user is not None else Q(pk__in=[])
        return every.aggregate(
            open=Count("id", filter=Q(queue_rank__in=open_ranks)),
            conflicting=Count("id", filter=Q(queue_rank__in=conflicting_ranks)),
            mine=Count("id", filter=mine),
        )
    counts = {}
    for state in ("open", "conflicting"):
        groups = conflict_queue(filters=replace(filters, state=state), user=user)
        counts[state] = groups.order_by()[: search.COUNT_CAP + 1].count()
    mine = conflict_queue(filters=replace(filters, state="open", assigned="me"), user=user)
    counts["mine"] = mine.order_by()[: search.COUNT_CAP + 1].count()
    return counts


def queue_neighbour(*, group: ClaimGroup, filters: QueueFilters, user) -> ClaimGroup | None:
    """The group after this one in the queue (its filters kept), or the queue's first when
    none follows: "next" on the group page, and after a verdict (given the group as it was
    before the verdict, so that its place in the queue is where the reviewer was)."""
    groups = conflict_queue(filters=filters, user=user).exclude(pk=group.pk)
    rank = group.queue_rank if group.queue_rank is not None else 3
    # The rows after it in (rank, -confidence, -sources, -id) order, as four ranges the queue's
    # index reads directly, nearest first: one OR of them would be checked row by row from
    # the top of the queue.
    following = (
        Q(queue_rank=rank, confidence=group.confidence, source_count=group.source_count, id__lt=group.pk),
        Q(queue_rank=rank, confidence=group.confidence, source_count__lt=group.source_count),
        Q(queue_rank=rank, confidence__lt=group.confidence),
        Q(queue_rank__gt=rank),
    )
    for after in following:
        found = groups.filter(after).first()
        if found is not None:
            return found
    return groups.first()


@dataclass
class GroupSource:
    """One source's version of a group's fact, for the side-by-side view."""

    kind: str  # "claim", "quote" or "event"
    article_id: int
    outlet: str
    article_title: str
    published_at: datetime | None
    sentence: str
    value: str  # the claim's surface text, the quote, or the event's place and date
    speaker: str
    speaker_id: int | None
    object_id: int | None  # the claim or quote id
    review_status: str = ""
    article_url: str = ""  # the story's address, when it came with one
    published_from: str = ""  # where its date came from, in words
    reads_as: str = ""  # a claim's value as people read it ("about US$45 billion")
    exact: str = ""  # and as stored ("45000000000 USD")
    # Why this source disagrees with others, one line per other source (the matcher's words).
    conflicts: list[str] = field(default_factory=list)


def group_sources(*, group: ClaimGroup) -> list[GroupSource]:
    """Every source of a group, by outlet then article, in three queries at most, each
    marked with the disagreements the matcher found (details["conflicts"]) it is part of."""
    from claims.readable import claim_exact_text, claim_value_text

    sources: list[GroupSource] = []
    members: dict[int, GroupSource] = {}  # the matcher's member ids: claim or quote ids, mention indexes

    def about(article: Article) -> dict:
        return {
            "article_id": article.id, "outlet": _outlet(article), "article_title": article.title,
            "published_at": article.published_at, "article_url": article.url,
            "published_from": article.get_published_from_display() if article.published_at else "",
        }

    claims = Claim.objects.filter(group=group).select_related("article__outlet", "speaker").order_by("article_id", "start")
    for c in claims:
        members[c.id] = GroupSource(
            kind="claim", **about(c.article), sentence=c.sentence, value=c.text,
            speaker=c.speaker.name if c.speaker else "", speaker_id=c.speaker_id, object_id=c.id,
            review_status=c.review_status, reads_as=claim_value_text(c), exact=claim_exact_text(c),
        )
    quotes = Quote.objects.filter(group=group).select_related("article__outlet", "speaker").order_by("article_id", "start")
    for q in quotes:
        members[q.id] = GroupSource(
            kind="quote", **about(q.article), sentence=q.text, value=q.text,
            speaker=q.speaker.name if q.speaker else (q.speaker_mention or ""), speaker_id=q.speaker_id,
            object_id=q.id,
        )
    sources.extend(members.values())
    mentions = group.mentions()
    if mentions:
        members = {}
        articles = Article.objects.select_related("outlet").in_bulk({m.article_id for m in mentions})
        for index, m in enumerate(mentions):
            article = articles.get(m.article_id)
            if article is None:
                continue
            where_when = ", ".join(part for part in (m.place, m.date) if part)
            members[index] = GroupSource(
                kind="event", **about(article), sentence=m.sentence, value=where_when,
                speaker="", speaker_id=None, object_id=None,
            )
        sources.extend(members.values())
    for conflict in (group.details or {}).get("conflicts", []):
        a, b = members.get(conflict.get("a")), members.get(conflict.get("b"))
        for this, other in ((a, b), (b, a)):
            if this is not None:
                who = (other.outlet or other.article_title) if other is not None else "another source"
                line = f"disagrees with {who}: {conflict.get('reason', '')}".rstrip(": ")
                if line not in this.conflicts:
                    this.conflicts.append(line)
    sources.sort(key=lambda s: (s.outlet.lower(), s.article_id))
    return sources


def _outlet(article: Article) -> str:
    return article.outlet.name if article.outlet_id else ""


def review_trail(*, claim: Claim | None = None, quote: Quote | None = None, group: ClaimGroup | None = None) -> QuerySet[Review]:
    """The verdicts on one claim, quote or group (unordered), with what each decided: a
    claim's trail is its own verdicts and those on its groups that decided it."""
    reviews = reviews_with_decisions()
    if claim is not None:
        return reviews.filter(pk__in=reviews_deciding_claim(claim.pk))
    if quote is not None:
        return reviews.filter(quote=quote)
    return reviews.filter(group=group)


def reviews_with_decisions() -> QuerySet[Review]:
    """Reviews with their reviewer and what each decided for every claim (with whether
    that decision still stands), and `superseded`: a later verdict on the same target.
    Three queries for any number of reviews."""
    later = Review.objects.filter(id__gt=OuterRef("id"))
    superseded = (
        Exists(later.filter(claim_id=OuterRef("claim_id")).exclude(claim_id=None))
        | Exists(later.filter(group_id=OuterRef("group_id")).exclude(group_id=None))
        | Exists(later.filter(quote_id=OuterRef("quote_id")).exclude(quote_id=None))
    )
    decisions = ReviewDecision.objects.select_related("claim").only(
        "id", "review_id", "claim_id", "claim_text", "status", "basis", "claim__id", "claim__decided_by_id"
    ).order_by("id")
    return (
        Review.objects.select_related("reviewer")
        .annotate(superseded=superseded)
        .prefetch_related(Prefetch("decisions", queryset=decisions))
    )


def reviews_deciding_claim(claim_id: int) -> QuerySet[Review]:
    """The ids of the verdicts that decided a claim: given on it, or on its group with a
    decision for it (a subquery)."""
    return Review.objects.filter(Q(claim_id=claim_id) | Q(decisions__claim_id=claim_id)).values("id")


# --- ClaimReview ---------------------------------------------------------------------------


def claimreview_feed() -> QuerySet:
    """The ids of every claim with a published ClaimReview, most recently changed first: the
    feed pages through these, then loads a page's claims with claimreview_claims()."""
    return Claim.objects.published().order_by("-updated_at", "-id").values_list("id", flat=True)


def claimreview_claims() -> QuerySet[Claim]:
    """Published claims with everything their ClaimReview shows: the deciding review, and
    the other published members of their group (for the appearances). 2 queries a page."""
    published_members = (
        Claim.objects.published().select_related("article__outlet").order_by("id")
        .only("id", "group_id", "kind", "value", "unit", "date_value", "review_status",
              "article__id", "article__url", "article__title", "article__published_at",
              "article__outlet__id", "article__outlet__name", "article__outlet__domain")
    )
    return (
        Claim.objects.published()
        .select_related("speaker", "quote", "article__outlet", "decided_by", "group")
        .prefetch_related(Prefetch("group__claims", queryset=published_members, to_attr="published_members"))
    )


SPEAKER_PAGE_ROWS = 50


def speaker_statements(*, speaker: Speaker) -> dict[str, Any]:
    """What a speaker is quoted as saying and the numbers credited to them, the latest
    stored first, 50 of each (a head of state is quoted thousands of times: the rest are
    one click away, on the quote and claim lists filtered by the speaker), with how many
    there are in all (counted up to search.COUNT_CAP)."""
    from claims import search

    quotes = Quote.objects.filter(speaker=speaker)
    claims = Claim.objects.filter(speaker=speaker)
    # Newest article first, read as ids from the (speaker, article) index backwards and then
    # fetched: with the joins in one statement, a prepared plan made for a speaker quoted
    # twenty times sorted all twenty thousand quotes of the most quoted one.
    latest = list(quotes.order_by("-article_id").values_list("id", flat=True)[:SPEAKER_PAGE_ROWS])
    shown = Quote.objects.filter(id__in=latest).select_related("article__outlet", "group")
    return {
        "quotes": sorted(shown, key=lambda q: (-q.article_id, -q.start)),
        # Newest claim first: the (speaker, id) index read backwards.
        "claims": list(claims.select_related("article__outlet", "group").order_by("-id")[:SPEAKER_PAGE_ROWS]),
        "quote_total": quotes.order_by()[: search.COUNT_CAP + 1].count(),
        "claim_total": claims.order_by()[: search.COUNT_CAP + 1].count(),
        "cap": search.COUNT_CAP,
        "page_rows": SPEAKER_PAGE_ROWS,
    }


def article_appearances(*, article: Article) -> list[Article]:
    """The other outlets' articles carrying the same text (a wire story run by several)."""
    return list(
        Article.objects.filter(content_hash=article.content_hash).exclude(pk=article.pk)
        .select_related("outlet").only("id", "title", "url", "published_at", "outlet__name").order_by("id")[:50]
    )


def article_annotations(*, article: Article) -> dict[str, list]:
    """An article's quotes and claims with what the highlighted text shows about each."""
    quotes = list(Quote.objects.filter(article=article).select_related("speaker", "group").order_by("start"))
    claims = list(Claim.objects.filter(article=article).select_related("speaker", "group").order_by("start"))
    return {"quotes": quotes, "claims": claims}


DASHBOARD_KEY = "claims:dashboard"


def dashboard_counts_kept(*, max_age: int = 60) -> dict[str, Any]:
    """The dashboard's counts as of at most `max_age` seconds ago: {"at": when, "counts": ...}.

    Counting a million claims by state takes a second; the dashboard is an overview, so the
    counts are kept in the cache and counted again by one request at a time once they are
    older (the others are shown the last counts meanwhile). Without a cache, counted each time.
    """
    from django.core.cache import cache

    try:
        kept = cache.get(DASHBOARD_KEY)
        if kept and (timezone.now() - kept["at"]).total_seconds() < max_age:
            return kept
        if kept and not cache.add(f"{DASHBOARD_KEY}:counting", 1, 60):
            return kept  # another request is counting
    except Exception:  # the cache is down: count here
        return {"at": timezone.now(), "counts": dashboard_counts()}
    kept = {"at": timezone.now(), "counts": dashboard_counts()}
    try:
        cache.set(DASHBOARD_KEY, kept, max(max_age * 60, 3600))
        cache.delete(f"{DASHBOARD_KEY}:counting")
    except Exception:
        pass
    return kept


def dashboard_counts() -> dict[str, Any]:
    """Claims by review state, groups by suggested state, conflicts by outlet, articles by
    status: every count grouped in the database (one pass over each table)."""
    claims_by_state = dict(Claim.objects.values_list("review_status").annotate(n=Count("id")).order_by())
    groups_by_state = dict(ClaimGroup.objects.values_list("suggested_state").annotate(n=Count("id")).order_by())
    articles_by_status = dict(Article.objects.values_list("status").annotate(n=Count("id")).order_by())
    conflicting = ClaimGroup.objects.filter(
        Q(suggested_state=ClaimGroup.Suggestion.CONFLICTING) | Q(verdict=ReviewStatus.CONFLICTING)
    )
    # An outlet counts once per conflicting group it is a source of (through a claim, a
    # quote or an event report). A group holds claims or quotes, never both.
    per_outlet: Counter[str] = Counter()
    for model in (Claim, Quote):
        rows = (
            model.objects.filter(group__in=conflicting.exclude(kind="event"))
            .values_list("article__outlet__name").annotate(n=Count("group_id", distinct=True)).order_by()
        )
        for outlet, n in rows:
            per_outlet[outlet or "outlet not named"] += n
    event_articles: dict[int, set[int]] = defaultdict(set)
    for group_id, details in conflicting.filter(kind="event").values_list("id", "details"):
        for m in group_mentions(details):
            event_articles[m.article_id].add(group_id)
    if event_articles:
        per_event_outlet: dict[str, set[int]] = defaultdict(set)
        for article_id, outlet in Article.objects.filter(id__in=event_articles).values_list("id", "outlet__name"):
            per_event_outlet[outlet or "outlet not named"].update(event_articles[article_id])
        for outlet, ids in per_event_outlet.items():
            per_outlet[outlet] += len(ids)
    return {
        "claims_by_state": {s.value: claims_by_state.get(s.value, 0) for s in ReviewStatus},
        "groups_by_state": {s.value: groups_by_state.get(s.value, 0) for s in ClaimGroup.Suggestion},
        "articles_by_status": {s.value: articles_by_status.get(s.value, 0) for s in Article.Status},
        "conflicts_by_outlet": per_outlet.most_common(15),
        "totals": {
            "articles": sum(articles_by_status.values()),
            "claims": sum(claims_by_state.values()),
            "quotes": Quote.objects.count(),
            "groups": sum(groups_by_state.values()),
            "outlets": Outlet.objects.count(),
            "reviews": Review.objects.count(),
        },
    }


def quote_and_claim_counts(*, by: str, ids: list[int]) -> dict[str, dict[int, int]]:
    """How many quotes and claims each listed article or speaker has (`by`: "article" or
    "speaker"): {"quotes": {id: n}, "claims": {id: n}}, one grouped query each, for the
    page shown rather than the table (an annotation counted every row before paging)."""
    column = {"article": "article_id", "speaker": "speaker_id"}[by]
    return {
        name: dict(model.objects.filter(**{f"{column}__in": ids}).values_list(column).annotate(n=Count("id")).order_by())
        for name, model in (("quotes", Quote), ("claims", Claim))
    }


def articles_needing_extraction(*, outdated: bool = False, pending_for: timedelta | None = None):
    """Articles a sweeper should queue: pending, or held by a worker whose lease ran out.

    With outdated, also those extracted by an earlier extractor version. With pending_for,
    only articles pending (untouched) at least that long: the beat sweeper must not queue
    again, every minute, a backlog that is already waiting in the queue.
    """
    now = timezone.now()
    pending = Q(status=Article.Status.PENDING)
    if pending_for is not None:
        pending &= Q(updated_at__lte=now - pending_for)
    wanted = pending | Q(status=Article.Status.EXTRACTING, lease_until__lt=now)
    if outdated:
        from claims.extraction import EXTRACTOR_VERSION

        wanted |= Q(status=Article.Status.EXTRACTED) & ~Q(extractor_version=EXTRACTOR_VERSION)
    return Article.objects.filter(wanted).order_by("id")
