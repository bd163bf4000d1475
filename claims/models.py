"""factcheck's tables.

Every offset (Quote.start, Claim.start, ...) is a Python string offset into Article.body,
end exclusive. Extracted rows are replaced when an article is extracted again; what people
decided (Review rows, verdicts) is kept and re-attached by fingerprint.

One module, over 500 lines, on purpose: Django finds an app's tables here, and each model's
fields carry their help texts and index choices beside them; rules about one row live on
its model, rules across rows in services and selectors.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from claims.extraction.types import LOW_CONFIDENCE
from claims.matching.types import GroupMention, group_mentions


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    class Status(models.TextChoices):
        FETCHING = "fetching"  # a submitted URL whose page a worker has yet to fetch
        PENDING = "pending"
        EXTRACTING = "extracting"
        EXTRACTED = "extracted"
        FAILED = "failed"

    class Format(models.TextChoices):
        TEXT = "text"
        HTML = "html"

    class PublishedFrom(models.TextChoices):
        """Where the publication date came from: how far to trust it, and what relative
        dates in the story ("on Friday") were counted from."""

        UNKNOWN = "", "unknown"
        GIVEN = "given", "given by the person who added it"
        METADATA = "metadata", "from the page's publication metadata"
        BYLINE = "byline", "from the byline or the line under the headline"
        DATELINE = "dateline", "from the story's dateline"
        URL = "url", "from the date in the page's address"

    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2000, blank=True, verbose_name="address (URL)", help_text="Where the story was published.")
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(
        null=True, blank=True, verbose_name="published",
        help_text="When the story ran. Relative dates in it (\u201con Friday\u201d) are counted from this day; "
        "leave it empty when unsure.",
    )
    published_from = models.CharField(
        max_length=10, choices=PublishedFrom.choices, blank=True, default="", verbose_name="date source",
        help_text="Where the publication date came from.",
    )
    body = models.TextField(help_text="Clean story text; every quote and claim offset points into it.")
    raw = models.TextField(help_text="The input as received (decoded).")
    raw_format = models.CharField(max_length=8, choices=Format.choices, default=Format.TEXT)
    source_name = models.CharField(max_length=500, blank=True, help_text="File name or URL it came from.")
    # Not unique: one text may run in several outlets (a wire story), one article each; null
    # until a submitted URL's page is fetched (several may wait at once).
    content_hash = models.CharField(max_length=64, null=True, blank=True, help_text="SHA-256 of the clean body.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # A worker's claim on the row while it extracts (see services.extraction_runs).
    lease_token = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    # The story (event or occasion) the article reports: the id of the story's first article,
    # decided once when the article is first matched (claims.matching.events).
    story = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    # When its claims were last matched with other outlets'; the sweeper queues extracted
    # articles whose matching never ran (a broker outage lost the task).
    matched_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["body", "raw", "lease_token", "lease_until", "story", "matched_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="article_url_unique_when_present"),
            # A text once per outlet (its index also finds every outlet that ran a text).
            models.UniqueConstraint(fields=["content_hash", "outlet"], name="article_text_once_per_outlet"),
            models.UniqueConstraint(
                fields=["content_hash"], condition=Q(outlet__isnull=True), name="article_text_once_without_outlet"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "lease_until"], name="article_status_lease"),
            models.Index(fields=["published_at"], name="article_published"),
            models.Index(fields=["updated_at", "id"], name="article_updated"),
        ]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"


class ArticleName(models.Model):
    """A name an article is written around, with how often it occurs: how a new article finds
    the stored articles that may report the same story (an index on the name), without
    reading them all."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    count = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "name"], name="article_name_unique")]
        indexes = [models.Index(fields=["name", "article"], name="article_name_lookup")]

    def __str__(self) -> str:
        return self.name


class NameFrequency(models.Model):
    """How many articles hold each name (ArticleName rows per name): what makes a name rare
    when a new article's story is decided. Counting the rows instead reads every article of
    a common name ("USD" is in a tenth of them) on each new article. Kept by database
    triggers on ArticleName (migration 0015), so every write counts, in its own transaction:
    a deleted article's names too."""

    name = models.CharField(max_length=200, primary_key=True)
    articles = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.name}: {self.articles}"


class ArticleCount(models.Model):
    """How many articles are stored, in a few counters summed on reading: the total a new
    article's names are weighed against (NameFrequency's companion) without counting every
    article on each match. Kept by database triggers on Article (migration 0016); a writer
    adds to the counter of its connection's slot, so two writers seldom wait on one row."""

    slot = models.SmallIntegerField(primary_key=True)
    articles = models.BigIntegerField()

    def __str__(self) -> str:
        return f"slot {self.slot}: {self.articles}"


class Speaker(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person"
        ORGANISATION = "organisation"
        UNKNOWN = "unknown"

    name = models.CharField(max_length=300, help_text="Canonical name, e.g. 'Jens Stoltenberg'.")
    key = models.CharField(max_length=300, unique=True, help_text="Normalised name used to merge mentions across articles.")
    kind = models.CharField(max_length=14, choices=Kind.choices, default=Kind.UNKNOWN)
    roles = models.JSONField(default=list, blank=True, help_text="Titles and roles seen, e.g. 'NATO Secretary-General'.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["updated_at", "id"], name="speaker_updated")]

    def __str__(self) -> str:
        return self.name


class SpeakerAlias(models.Model):
    """A way an article referred to a speaker: 'Stoltenberg', 'the former Norwegian prime minister'."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=300)

    class Meta:
        verbose_name = "other name"
        verbose_name_plural = "other names"
        ordering = ["text"]
        constraints = [models.UniqueConstraint(fields=["speaker", "text"], name="speaker_alias_unique")]

    def __str__(self) -> str:
        return self.text


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed"
    CONSISTENT = "consistent"
    CONFLICTING = "conflicting"
    VERIFIED = "verified"
    REJECTED = "rejected"


# The states of a claim that factcheck publishes (ClaimReview: 5 Verified, 1 False): both
# were checked against evidence, which a verified or rejected verdict must carry.
PUBLISHED_STATUSES = (ReviewStatus.VERIFIED, ReviewStatus.REJECTED)


class ClaimGroup(models.Model):
    """The same fact (a number, a quote, an event's date or place) as told by several sources."""

    class Suggestion(models.TextChoices):
        SINGLE_SOURCE = "single_source"
        CONSISTENT = "consistent"
        CONFLICTING = "conflicting"

    kind = models.CharField(
        max_length=12,
        help_text="What the sources state: a number of a claim kind (money, count, percent, quantity, date), "
        "the same quote, or an event's place and date.",
    )
    unit = models.CharField(max_length=64, blank=True)
    subject = models.CharField(max_length=300, blank=True, help_text="What the figure is about.")
    key = models.CharField(max_length=400, unique=True, help_text="The matcher's own identity for the group.")
    label = models.CharField(max_length=500, blank=True, verbose_name="fact", help_text="A readable name for the fact.")
    suggested_state = models.CharField(
        max_length=14, choices=Suggestion.choices, default=Suggestion.SINGLE_SOURCE, verbose_name="matcher says",
        help_text="Whether the sources agree, by the matcher's comparison of their values.",
    )
    reason = models.TextField(blank=True, help_text="Why the matcher suggests this state.")
    verdict = models.CharField(max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED)
    # Set by the matcher when a source came or went after the verdict; cleared by the next
    # verdict (services.review), so the group asks for another look until someone gives one.
    sources_changed = models.BooleanField(
        default=False, verbose_name="sources changed since the verdict",
        help_text="A source came or went after the reviewers' verdict: the verdict wants another look.",
    )
    source_count = models.PositiveIntegerField(default=0, help_text="Distinct outlets reporting the fact.")
    independent_reports = models.PositiveIntegerField(
        default=0, help_text="Outlets less those that ran one shared text (a wire story): independent confirmations."
    )
    confidence = models.FloatField(default=0.0, help_text="How sure the matcher is of its suggestion (0 to 1).")
    story = models.PositiveIntegerField(null=True, blank=True, db_index=True, help_text="The story its first article reports.")
    # What the matcher saw, for the group page: event reports (sentence, place, date per
    # source), quote credits, values. Rewritten on every re-match; never reviewers' work.
    details = models.JSONField(default=dict, blank=True)
    # The reviewer working on it, so that two people do not take the same group. People's
    # work: the matcher never writes it, and a re-match laid over the group keeps it.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_groups",
        help_text="The reviewer working on this group.",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    # The queue's first key, kept by the database from the state, verdict and sources (so
    # the matcher, which writes those, need not know of it): 0 sources disagree and nobody
    # gave a verdict, 1 they disagree and a verdict was given, 2 no verdict yet, 3 the rest;
    # empty for a group outside the queue (one source, nothing flagged). The queue filters on
    # it alone: a condition the index can read with the statement's parameters bound late
    # (prepared, generic plans), where "source_count >= $1 OR ..." could not prove a partial
    # index's predicate and PostgreSQL sorted every group instead.
    queue_rank = models.GeneratedField(
        expression=models.Case(
            models.When(Q(source_count__lt=2) & ~Q(suggested_state="conflicting"), then=models.Value(None)),
            models.When(Q(suggested_state="conflicting", verdict="unreviewed"), then=models.Value(0)),
            models.When(Q(suggested_state="conflicting") | Q(verdict="conflicting"), then=models.Value(1)),
            models.When(verdict="unreviewed", then=models.Value(2)),
            default=models.Value(3),
            output_field=models.SmallIntegerField(null=True),
        ),
        output_field=models.SmallIntegerField(null=True),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="found")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["queue_rank"])

    class Meta:
        verbose_name = "group"
        ordering = ["-updated_at", "-id"]
        indexes = [
            # The conflict queue's order (conflicting first, then the matcher's confidence)
            # over the groups it lists: a page is the first rows of an index scan.
            models.Index(fields=["queue_rank", "-confidence", "-source_count", "-id"], name="group_queue_in_order"),
            models.Index(fields=["created_at"], name="group_found"),
            models.Index(fields=["suggested_state", "-source_count"], name="group_state_sources"),
            models.Index(fields=["suggested_state", "-confidence"], name="group_state_confidence"),
            models.Index(fields=["verdict"], name="group_verdict"),
            models.Index(fields=["kind", "unit", "subject"], name="group_kind_unit_subject"),
            models.Index(fields=["updated_at", "id"], name="group_updated"),
        ]

    def __str__(self) -> str:
        return self.label or self.key

    def mentions(self) -> list[GroupMention]:
        """An event group's reports (sentence, place, date per source), as the matcher kept them."""
        return group_mentions(self.details)


class GroupOutlet(models.Model):
    """An outlet that is a source of a group (one of its articles has a claim or quote in
    it): what the queue's outlet filter reads, by outlet, instead of joining an outlet's
    claims to the groups on every page (a second at a million claims). Written by the
    matcher with the groups' members (claims.services.groups); an article moved to another
    outlet is read under its new outlet from the next match of its story."""

    group = models.ForeignKey(ClaimGroup, on_delete=models.CASCADE, related_name="outlet_links")
    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="group_links", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["outlet", "group"], name="group_outlet_once")]

    def __str__(self) -> str:
        return f"{self.outlet_id} in group {self.group_id}"


class Quote(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct"
        INDIRECT = "indirect"
        MIXED = "mixed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    speaker_mention = models.CharField(max_length=300, blank=True)
    mention_start = models.PositiveIntegerField(null=True, blank=True)
    mention_end = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    cue = models.CharField(max_length=100, blank=True)
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.FloatField(default=0.0)
    fingerprint = models.CharField(max_length=64, db_index=True, help_text="Stable identity across re-extraction.")
    group = models.ForeignKey(ClaimGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article_id", "start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "fingerprint"], name="quote_unique_per_article"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="quote_span_not_empty"),
        ]
        indexes = [
            models.Index(fields=["speaker", "article"], name="quote_speaker_article"),
            models.Index(fields=["updated_at", "id"], name="quote_updated"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def low_confidence(self) -> bool:
        """Extraction was unsure of this quote or of its speaker: a reviewer should check it."""
        return self.confidence < LOW_CONFIDENCE


class ClaimQuerySet(models.QuerySet):
    """A claim's state is its review_status: the decision of the latest verdict that
    decided it, on the claim itself or on its group (claims.services.review writes it, and
    nothing else does). Every reader asks through these, so "verified" means one thing in
    the API, its filters, the CSV, ClaimReview and the admin."""

    def verified(self) -> ClaimQuerySet:
        return self.filter(Claim.VERIFIED)

    def unverified(self) -> ClaimQuerySet:
        return self.exclude(Claim.VERIFIED)

    def published(self) -> ClaimQuerySet:
        """Claims with a published ClaimReview: verified, or rejected (published as false)."""
        return self.filter(Claim.PUBLISHED)


class Claim(models.Model):
    # The one definition of a verified and of a published claim (see ClaimQuerySet).
    VERIFIED = Q(review_status=ReviewStatus.VERIFIED)
    PUBLISHED = Q(review_status__in=PUBLISHED_STATUSES)

    class Kind(models.TextChoices):
        COUNT = "count"
        MONEY = "money"
        PERCENT = "percent"
        QUANTITY = "quantity"
        DATE = "date"

    class Qualifier(models.TextChoices):
        EXACT = "exact"
        APPROXIMATE = "approximate"  # about, around, nearly, some, roughly
        AT_LEAST = "at_least"  # more than, over, at least
        AT_MOST = "at_most"  # fewer than, under, up to
        VAGUE = "vague"  # dozens, hundreds
        RANGE = "range"  # "$60 million to $70 million": value to value_end

    class DatePrecision(models.TextChoices):
        DAY = "day"
        WEEK = "week"
        MONTH = "month"
        YEAR = "year"

    class DateAnchor(models.TextChoices):
        TEXT = "text", "stated in the text"
        PUBLICATION = "publication", "read against the publication date"
        UNRESOLVED = "unresolved", "nothing anchors it"

    # Below this an extraction is shown as low confidence in the admin (an ambiguous unit or
    # currency read by default, an elliptic or vague count, a date nothing anchors): the
    # same figure as claims.extraction.numeric_claims.LOW_CONFIDENCE.
    LOW_CONFIDENCE = 0.7

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    quote = models.ForeignKey(Quote, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    speaker = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=500, help_text="Surface text, e.g. 'about $45 billion'.")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    value = models.DecimalField(
        max_digits=28, decimal_places=6, null=True, blank=True,
        help_text="The number in full: 45000000000 for \u201c$45 billion\u201d, 12.5 for \u201c12.5%\u201d. Empty for dates.",
    )
    unit = models.CharField(
        max_length=64, blank=True,
        help_text="As stated: ISO 4217 code, 'percent', a unit ('mile'), 'date'/'month'..., 'time_utc'/'time_local' "
                  "(a time of day, its value in minutes after midnight) or the counted noun.",
    )
    qualifier = models.CharField(max_length=12, choices=Qualifier.choices, default=Qualifier.EXACT)
    date_value = models.DateField(null=True, blank=True, help_text="Resolved date for date claims.")
    value_end = models.DecimalField(max_digits=28, decimal_places=6, null=True, blank=True,
                                    help_text="The other end of a range ('$60 million to $70 million').")
    date_end = models.DateField(null=True, blank=True, help_text="The end of a date range ('Nov 29-30').")
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    date_anchor = models.CharField(max_length=11, choices=DateAnchor.choices, blank=True,
                                   help_text="What a date was read against.")
    # The value in one unit per dimension (meters, kilograms, seconds...; money and counts as
    # stated), so that "10 miles" and "16.1 km" from two sources compare.
    base_value = models.DecimalField(max_digits=40, decimal_places=12, null=True, blank=True)
    base_unit = models.CharField(max_length=64, blank=True)
    notes = models.JSONField(default=list, blank=True, help_text="How an ambiguous reading was decided.")
    confidence = models.FloatField(
        null=True, blank=True,
        help_text="0..1: how sure extraction is of its reading (empty: extracted before it was measured).",
    )
    subject = models.CharField(max_length=300, blank=True, help_text="What the number is about, normalised.")
    sentence = models.TextField(blank=True)
    review_status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED,
        help_text="The claim's state: what the latest verdict deciding it (on the claim or its group) decided.",
    )
    # The review whose decision review_status is; the trail is in Review.decisions.
    decided_by = models.ForeignKey(
        "Review", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The verdict whose decision for this claim stands.",
    )
    fingerprint = models.CharField(max_length=64, db_index=True, help_text="Stable identity across re-extraction.")
    group = models.ForeignKey(ClaimGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article_id", "start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "fingerprint"], name="claim_unique_per_article"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="claim_span_not_empty"),
        ]
        # The API lists claims in id order, a page at a time: each equality filter it offers
        # has an index ending in the id, so a page is an index range scan that stops after
        # 50 rows, whether the filter matches a million claims or none.
        indexes = [
            models.Index(fields=["kind", "unit", "subject", "id"], name="claim_kind_unit_subject_id"),
            models.Index(fields=["review_status", "id"], name="claim_status"),
            # The claims list filtered by kind and state counts its first rows from here.
            models.Index(fields=["kind", "review_status", "id"], name="claim_kind_status"),
            models.Index(fields=["speaker", "id"], name="claim_speaker_id"),
            models.Index(fields=["updated_at", "id"], name="claim_updated"),
            models.Index(fields=["value"], name="claim_value"),
            # The API's value-range filter on one unit, read in (value, id) order: a page of a
            # range over a million claims is an index range scan, with no sort.
            models.Index(fields=["unit", "value", "id"], name="claim_unit_value"),
        ]

    def __str__(self) -> str:
        return self.text

    # The same rules as VERIFIED and PUBLISHED, for a claim read as a row or a loaded model.
    @staticmethod
    def state_is_verified(review_status: str) -> bool:
        return review_status == ReviewStatus.VERIFIED

    @staticmethod
    def state_is_published(review_status: str) -> bool:
        return review_status in PUBLISHED_STATUSES

    @property
    def is_verified(self) -> bool:
        return self.state_is_verified(self.review_status)

    @property
    def is_published(self) -> bool:
        return self.state_is_published(self.review_status)

    @property
    def is_low_confidence(self) -> bool:
        return self.confidence is not None and self.confidence < self.LOW_CONFIDENCE

    def rebase(self) -> None:
        """Recompute the canonical value from the value and unit as stated (after a person's fix)."""
        from claims.extraction.units import base_of

        self.base_value, self.base_unit = base_of(self.kind, self.value, self.unit)


class Review(models.Model):
    """One person's verdict on a claim, a quote or a group. Reviews are never edited or deleted."""

    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews")
    quote = models.ForeignKey(Quote, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews")
    group = models.ForeignKey(ClaimGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews")
    # What was reviewed, copied so that the record survives a re-extraction that drops the claim.
    target_fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    target_text = models.TextField(blank=True)
    verdict = models.CharField(max_length=12, choices=ReviewStatus.choices)
    note = models.TextField(blank=True)
    evidence_url = models.URLField(max_length=2000, blank=True)
    # What a reviewer established for a group whose sources disagree, when they entered
    # the value rather than (or beside) picking the correct claims.
    established_value = models.DecimalField(max_digits=28, decimal_places=6, null=True, blank=True)
    established_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_at"], name="review_created")]

    def __str__(self) -> str:
        return f"{self.verdict} by {self.reviewer} on {self.created_at:%Y-%m-%d}"

    @property
    def target(self) -> str:
        return "claim" if self.claim_id else "group" if self.group_id else "quote" if self.quote_id else ""


class ReviewDecision(models.Model):
    """What one review decided for one claim: a verdict on a claim decides that claim, a
    verdict on a group decides each member. The claim's state is the decision of the latest
    review that decided it (Claim.decided_by); earlier ones stay here as its trail."""

    class Basis(models.TextChoices):
        CLAIM = "claim", "verdict on the claim itself"
        GROUP = "group", "verdict on its group, for every member"
        CHOSEN = "chosen", "picked by the reviewer as correct"
        AGREES = "agrees", "agrees with the established value"
        DISAGREES = "disagrees", "disagrees with the established value"

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="decisions")
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions")
    status = models.CharField(max_length=12, choices=ReviewStatus.choices)
    basis = models.CharField(max_length=10, choices=Basis.choices)
    # What was decided, copied so that the record outlives a re-extraction dropping the claim.
    claim_text = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["review_id", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "claim"], name="decision_once_per_review")]

    def __str__(self) -> str:
        return f"{self.status}: {self.claim_text}"
