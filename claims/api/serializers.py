"""What the API shows and accepts.

Output serializers nest what a consumer would otherwise fetch row by row (a claim's
speaker, article, outlet and group state); the views' querysets load those relations in a
fixed number of queries per page. Workflow actions (submitting an article, giving a
verdict) have explicit Input and Output serializers: the input is checked here, the work
is done by a service.
"""
from __future__ import annotations

import orjson
from django.core.validators import URLValidator
from django.db.models import F, Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from claims.api import sqljson
from claims.api.export import decimal_text
from claims.models import (
    Article,
    Claim,
    ClaimGroup,
    Outlet,
    Quote,
    Review,
    ReviewDecision,
    ReviewStatus,
    Speaker,
)
from claims.services.review import VERDICTS

# --- links --------------------------------------------------------------------------------

_PK_SLOT = "9081726354"


def link_template(request, view_name: str) -> str:
    """The absolute API link under `view_name` with _PK_SLOT for the id, reversed once per request."""
    templates = request.__dict__.setdefault("_link_templates", {})
    template = templates.get(view_name)
    if template is None:
        template = templates[view_name] = reverse(view_name, kwargs={"pk": _PK_SLOT}, request=request)
    return template


def link(request, view_name: str, pk: int) -> str:
    """The absolute API link of row `pk` under `view_name`."""
    return link_template(request, view_name).replace(_PK_SLOT, str(pk), 1)


class LinkField(serializers.HyperlinkedIdentityField):
    """A row's API link, as HyperlinkedIdentityField gives it, built without a URL reverse
    per row: a page of 50 claims carries some 250 links, and reversing each one was a
    quarter of the page's time. The link for one id is reversed once per request and view
    name; every other row's link is that text with its own id put in."""

    def get_url(self, obj, view_name, request, format):
        if obj.pk is None:
            return None
        if request is None or format:
            return super().get_url(obj, view_name, request, format)
        return link(request, view_name, obj.pk)


class RelatedLinkField(serializers.HyperlinkedRelatedField):
    """LinkField for a foreign key: the related row's link from its id alone."""

    def use_pk_only_optimization(self):
        return True

    get_url = LinkField.get_url


# --- small nested shapes ------------------------------------------------------------------


class OutletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["id", "name", "domain"]


class ArticleBriefSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:article-detail")
    source_url = serializers.CharField(source="url", help_text="Where the story was published, when known.")
    outlet = OutletSerializer(allow_null=True)

    class Meta:
        model = Article
        fields = ["id", "url", "title", "source_url", "outlet", "published_at"]


class SpeakerBriefSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:speaker-detail")

    class Meta:
        model = Speaker
        fields = ["id", "url", "name", "kind"]


class GroupBriefSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:group-detail")

    class Meta:
        model = ClaimGroup
        fields = ["id", "url", "label", "suggested_state", "verdict", "source_count"]


class QuoteBriefSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:quote-detail")

    class Meta:
        model = Quote
        fields = ["id", "url", "text", "kind"]


# --- the fast path for the long lists ------------------------------------------------------
# DRF's generic field-by-field serialization cost ~20 ms of CPU for a page of 50 claims
# with their nested speaker, article, outlet, quote and group; a consumer syncing a large
# list pays that on every page. The serializers below keep their declared fields (the
# schema and the browsable API use them) and build the same dicts directly;
# tests/api/test_representation.py checks that both paths give identical output.


def _when(request, value) -> str | None:
    if value is None:
        return None
    # DRF shows instants in the current time zone; look it up once per request, not per value.
    zone = request.__dict__.get("_time_zone")
    if zone is None:
        zone = request.__dict__["_time_zone"] = timezone.get_current_timezone()
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _decimal(value) -> str | None:
    return None if value is None else decimal_text(value)


class DecimalTextField(serializers.DecimalField):
    """A decimal as a string of its digits, without the column's padding ("45000000000",
    "4.5"): the same text in every JSON answer and in the CSV."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 28)
        kwargs.setdefault("decimal_places", 6)
        super().__init__(coerce_to_string=True, **kwargs)

    def to_representation(self, value):
        return _decimal(value)


def _review_link(request, review_id) -> str | None:
    return None if review_id is None else link(request, "api:review-detail", review_id)


# The nested shapes, built from their columns, so that a page read as model instances
# and a page read as rows (QuerySet.values()) give the same output from one definition.


def _outlet(outlet_id, name, domain) -> dict | None:
    return None if outlet_id is None else {"id": outlet_id, "name": name, "domain": domain}


def _article(request, article_id, title, url, published_at, outlet) -> dict:
    return {
        "id": article_id, "url": link(request, "api:article-detail", article_id), "title": title,
        "source_url": url, "outlet": outlet, "published_at": _when(request, published_at),
    }


def _speaker(request, speaker_id, name, kind) -> dict | None:
    if speaker_id is None:
        return None
    return {"id": speaker_id, "url": link(request, "api:speaker-detail", speaker_id), "name": name, "kind": kind}


def _group(request, group_id, label, suggested_state, verdict, source_count) -> dict | None:
    if group_id is None:
        return None
    return {"id": group_id, "url": link(request, "api:group-detail", group_id), "label": label,
            "suggested_state": suggested_state, "verdict": verdict, "source_count": source_count}


def _quote(request, quote_id, text, kind) -> dict | None:
    if quote_id is None:
        return None
    return {"id": quote_id, "url": link(request, "api:quote-detail", quote_id), "text": text, "kind": kind}


def _article_brief(request, article) -> dict:
    outlet = article.outlet
    return _article(request, article.id, article.title, article.url, article.published_at,
                    None if outlet is None else _outlet(outlet.id, outlet.name, outlet.domain))


def _speaker_brief(request, speaker) -> dict | None:
    return None if speaker is None else _speaker(request, speaker.id, speaker.name, speaker.kind)


def _group_brief(request, group) -> dict | None:
    if group is None:
        return None
    return _group(request, group.id, group.label, group.suggested_state, group.verdict, group.source_count)


def fast_path(request, format_suffix) -> bool:
    """Whether represent() serves this request: it builds links from the request, and does
    not add format suffixes (`/api/claims.json`) to them."""
    return request is not None and not getattr(request, "version", None) and not format_suffix


# A row whose JSON the database wrote (ClaimSerializer.json_sql) carries it under this name.
JSON_COLUMN = "as_json"


class _FastRepresentation:
    """Use `represent()` when there is a request to build links from; else DRF's own path."""

    def to_representation(self, instance):
        request = self.context.get("request")
        if isinstance(instance, dict):  # a row: see ClaimSerializer.ROW and JSON_COLUMN
            if JSON_COLUMN in instance:
                return orjson.Fragment(instance[JSON_COLUMN])
            return self.represent(request, instance)
        if not fast_path(request, self.context.get("format")):
            return super().to_representation(instance)
        return self.represent(request, instance)

    def generic_representation(self, instance):
        """DRF's field-by-field output, which represent() must equal."""
        return super().to_representation(instance)


# --- claims -------------------------------------------------------------------------------


class ClaimSerializer(_FastRepresentation, serializers.ModelSerializer):
    url = LinkField(view_name="api:claim-detail")
    value = DecimalTextField(
        allow_null=True, read_only=True,
        help_text="The normalised number (money in units of `unit`, percent as 0-100), as a decimal string "
        "without padding (\"45000000000\", \"4.5\").",
    )
    review_status = serializers.ChoiceField(
        choices=ReviewStatus.choices, read_only=True,
        help_text="The claim's state: what the latest verdict deciding it (on the claim itself, or on its group "
        "for each member) decided. `verified` and `rejected` are published (ClaimReview).",
    )
    verified = serializers.SerializerMethodField(help_text="review_status is `verified`.")
    decided_by = serializers.SerializerMethodField(
        help_text="The review whose decision review_status is (null while unreviewed)."
    )
    speaker = SpeakerBriefSerializer(allow_null=True, read_only=True, help_text="Who made the claim, when known.")
    article = ArticleBriefSerializer(read_only=True)
    quote = QuoteBriefSerializer(allow_null=True, read_only=True)
    group = GroupBriefSerializer(allow_null=True, read_only=True, help_text="The same fact in other sources.")
    claimreview = serializers.SerializerMethodField(
        help_text="schema.org ClaimReview of this claim, once verified or rejected (published as false)."
    )
    reviews = serializers.SerializerMethodField(help_text="Every verdict that decided this claim: the trail.")

    class Meta:
        model = Claim
        fields = [
            "id", "url", "kind", "text", "value", "unit", "qualifier", "date_value", "subject", "sentence",
            "start", "end", "review_status", "verified", "decided_by", "speaker", "article", "quote", "group",
            "claimreview", "reviews", "created_at", "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_verified(self, claim: Claim) -> bool:
        return claim.is_verified

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_decided_by(self, claim: Claim) -> str | None:
        return _review_link(self.context.get("request"), claim.decided_by_id)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_claimreview(self, claim: Claim) -> str | None:
        if not claim.is_published:
            return None
        return link(self.context.get("request"), "api:claim-claimreview", claim.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_reviews(self, claim: Claim) -> str:
        return link(self.context.get("request"), "api:claim-reviews", claim.pk)

    # A claim as the list reads it: its own columns and those of the rows it shows inline,
    # fetched with QuerySet.values(ROW) in the page's one query. Rows cost a tenth of the
    # model instances (six per claim) that select_related() would build.
    ROW = (
        "id", "kind", "text", "value", "unit", "qualifier", "date_value", "subject", "sentence", "start", "end",
        "review_status", "decided_by_id", "created_at", "updated_at",
        "speaker_id", "speaker__name", "speaker__kind",
        "article_id", "article__title", "article__url", "article__published_at",
        "article__outlet_id", "article__outlet__name", "article__outlet__domain",
        "quote_id", "quote__text", "quote__kind",
        "group_id", "group__label", "group__suggested_state", "group__verdict", "group__source_count",
    )

    @classmethod
    def row(cls, claim: Claim) -> dict:
        """A loaded claim (with its relations) as the row the list would have read."""
        def column(path: str):
            value = claim
            for part in path.split("__"):
                if value is None:
                    return None
                value = getattr(value, part)
            return value
        return {name: column(name) for name in cls.ROW}

    @classmethod
    def json_sql(cls, request):
        """represent()'s output as an SQL expression giving its JSON text (claims.api.sqljson)."""
        def url(view_name: str, ref):
            return sqljson.link(link_template(request, view_name), _PK_SLOT, ref)

        number, string, instant = sqljson.number, sqljson.string, sqljson.instant
        return sqljson.Compiled(sqljson.json_object({
            "id": number(F("id")), "url": url("api:claim-detail", F("id")), "kind": string(F("kind")),
            "text": string(F("text")), "value": sqljson.decimal(F("value"), null=True), "unit": string(F("unit")),
            "qualifier": string(F("qualifier")), "date_value": sqljson.day(F("date_value"), null=True),
            "subject": string(F("subject")), "sentence": string(F("sentence")), "start": number(F("start")),
            "end": number(F("end")), "review_status": string(F("review_status")),
            "verified": sqljson.flag(Claim.VERIFIED),
            "decided_by": sqljson.when(Q(decided_by_id__isnull=False), url("api:review-detail", F("decided_by_id"))),
            "speaker": sqljson.object_or_null(F("speaker_id"), {
                "id": number(F("speaker_id")), "url": url("api:speaker-detail", F("speaker_id")),
                "name": string(F("speaker__name")), "kind": string(F("speaker__kind")),
            }),
            "article": sqljson.json_object({
                "id": number(F("article_id")), "url": url("api:article-detail", F("article_id")),
                "title": string(F("article__title")), "source_url": string(F("article__url")),
                "outlet": sqljson.object_or_null(F("article__outlet_id"), {
                    "id": number(F("article__outlet_id")), "name": string(F("article__outlet__name")),
                    "domain": string(F("article__outlet__domain")),
                }),
                "published_at": instant(F("article__published_at"), null=True),
            }),
            "quote": sqljson.object_or_null(F("quote_id"), {
                "id": number(F("quote_id")), "url": url("api:quote-detail", F("quote_id")),
                "text": string(F("quote__text")), "kind": string(F("quote__kind")),
            }),
            "group": sqljson.object_or_null(F("group_id"), {
                "id": number(F("group_id")), "url": url("api:group-detail", F("group_id")),
                "label": string(F("group__label")), "suggested_state": string(F("group__suggested_state")),
                "verdict": string(F("group__verdict")), "source_count": number(F("group__source_count")),
            }),
            "claimreview": sqljson.when(Claim.PUBLISHED, url("api:claim-claimreview", F("id"))),
            "reviews": url("api:claim-reviews", F("id")),
            "created_at": instant(F("created_at")), "updated_at": instant(F("updated_at")),
        }))

    def represent(self, request, claim) -> dict:
        r = claim if isinstance(claim, dict) else self.row(claim)
        return {
            "id": r["id"], "url": link(request, "api:claim-detail", r["id"]), "kind": r["kind"], "text": r["text"],
            "value": _decimal(r["value"]), "unit": r["unit"], "qualifier": r["qualifier"],
            "date_value": r["date_value"].isoformat() if r["date_value"] else None, "subject": r["subject"],
            "sentence": r["sentence"], "start": r["start"], "end": r["end"], "review_status": r["review_status"],
            "verified": Claim.state_is_verified(r["review_status"]),
            "decided_by": _review_link(request, r["decided_by_id"]),
            "speaker": _speaker(request, r["speaker_id"], r["speaker__name"], r["speaker__kind"]),
            "article": _article(
                request, r["article_id"], r["article__title"], r["article__url"], r["article__published_at"],
                _outlet(r["article__outlet_id"], r["article__outlet__name"], r["article__outlet__domain"]),
            ),
            "quote": _quote(request, r["quote_id"], r["quote__text"], r["quote__kind"]),
            "group": _group(request, r["group_id"], r["group__label"], r["group__suggested_state"], r["group__verdict"],
                            r["group__source_count"]),
            "claimreview": (
                link(request, "api:claim-claimreview", r["id"]) if Claim.state_is_published(r["review_status"]) else None
            ),
            "reviews": link(request, "api:claim-reviews", r["id"]),
            "created_at": _when(request, r["created_at"]), "updated_at": _when(request, r["updated_at"]),
        }


class GroupClaimSerializer(_FastRepresentation, serializers.ModelSerializer):
    """A claim as listed inside its group: what each source said, and who."""

    url = LinkField(view_name="api:claim-detail")
    value = DecimalTextField(allow_null=True, read_only=True)
    date_value = serializers.DateField(allow_null=True, read_only=True)
    review_status = serializers.ChoiceField(
        choices=ReviewStatus.choices, read_only=True, help_text="The claim's state, as the claim list shows it."
    )
    verified = serializers.SerializerMethodField(help_text="review_status is `verified`.")
    decided_by = serializers.SerializerMethodField(help_text="The review whose decision review_status is.")
    speaker = SpeakerBriefSerializer(allow_null=True, read_only=True)
    article = ArticleBriefSerializer(read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "url", "text", "value", "unit", "qualifier", "date_value", "sentence", "review_status",
                  "verified", "decided_by", "speaker", "article"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_verified(self, claim: Claim) -> bool:
        return claim.is_verified

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_decided_by(self, claim: Claim) -> str | None:
        return _review_link(self.context.get("request"), claim.decided_by_id)

    def represent(self, request, claim: Claim) -> dict:
        return {
            "id": claim.id, "url": link(request, "api:claim-detail", claim.id), "text": claim.text,
            "value": _decimal(claim.value), "unit": claim.unit, "qualifier": claim.qualifier,
            "date_value": claim.date_value.isoformat() if claim.date_value else None, "sentence": claim.sentence,
            "review_status": claim.review_status, "verified": claim.is_verified,
            "decided_by": _review_link(request, claim.decided_by_id), "speaker": _speaker_brief(request, claim.speaker),
            "article": _article_brief(request, claim.article),
        }


# --- groups -------------------------------------------------------------------------------


class GroupSerializer(_FastRepresentation, serializers.ModelSerializer):
    url = LinkField(view_name="api:group-detail")
    claims = GroupClaimSerializer(many=True, read_only=True, help_text="Every source's claim of this fact.")
    claimreview = serializers.SerializerMethodField(
        help_text="The ClaimReviews of this group's published claims (verified or rejected), once there is one."
    )
    reviews = serializers.SerializerMethodField(help_text="Every verdict given on this group: the trail.")

    class Meta:
        model = ClaimGroup
        fields = [
            "id", "url", "kind", "unit", "subject", "label", "suggested_state", "reason", "verdict", "source_count",
            "claims", "claimreview", "reviews", "created_at", "updated_at",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_claimreview(self, group: ClaimGroup) -> str | None:
        if not any(c.is_published for c in group.claims.all()):
            return None
        return link(self.context.get("request"), "api:group-claimreview", group.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_reviews(self, group: ClaimGroup) -> str:
        return link(self.context.get("request"), "api:group-reviews", group.pk)

    def represent(self, request, group: ClaimGroup) -> dict:
        claims = self.fields["claims"].child
        return {
            "id": group.id, "url": link(request, "api:group-detail", group.id), "kind": group.kind, "unit": group.unit,
            "subject": group.subject, "label": group.label, "suggested_state": group.suggested_state,
            "reason": group.reason, "verdict": group.verdict, "source_count": group.source_count,
            "claims": [claims.represent(request, c) for c in group.claims.all()],
            "claimreview": self.get_claimreview(group), "reviews": link(request, "api:group-reviews", group.id),
            "created_at": _when(request, group.created_at),
            "updated_at": _when(request, group.updated_at),
        }


# --- quotes -------------------------------------------------------------------------------


class QuoteSerializer(_FastRepresentation, serializers.ModelSerializer):
    url = LinkField(view_name="api:quote-detail")
    speaker = SpeakerBriefSerializer(allow_null=True, read_only=True)
    article = ArticleBriefSerializer(read_only=True)
    group = GroupBriefSerializer(allow_null=True, read_only=True)
    claims = serializers.PrimaryKeyRelatedField(many=True, read_only=True, help_text="Ids of the claims this quote carries.")

    class Meta:
        model = Quote
        fields = [
            "id", "url", "text", "kind", "cue", "confidence", "speaker_mention", "start", "end", "speaker", "article",
            "group", "claims", "created_at", "updated_at",
        ]

    def represent(self, request, quote: Quote) -> dict:
        return {
            "id": quote.id, "url": link(request, "api:quote-detail", quote.id), "text": quote.text, "kind": quote.kind,
            "cue": quote.cue, "confidence": quote.confidence, "speaker_mention": quote.speaker_mention,
            "start": quote.start, "end": quote.end, "speaker": _speaker_brief(request, quote.speaker),
            "article": _article_brief(request, quote.article), "group": _group_brief(request, quote.group),
            "claims": [c.id for c in quote.claims.all()], "created_at": _when(request, quote.created_at),
            "updated_at": _when(request, quote.updated_at),
        }


# --- speakers -----------------------------------------------------------------------------


class SpeakerSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:speaker-detail")
    roles = serializers.ListField(child=serializers.CharField(), read_only=True, help_text="Titles and roles seen.")
    aliases = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="text", help_text="How articles referred to this speaker."
    )
    quotes = serializers.SerializerMethodField(help_text="This speaker's quotes.")
    claims = serializers.SerializerMethodField(help_text="This speaker's claims.")

    class Meta:
        model = Speaker
        fields = ["id", "url", "name", "kind", "roles", "aliases", "quotes", "claims", "created_at", "updated_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_quotes(self, speaker: Speaker) -> str:
        return reverse("api:quote-list", request=self.context.get("request")) + f"?speaker={speaker.pk}"

    @extend_schema_field(OpenApiTypes.URI)
    def get_claims(self, speaker: Speaker) -> str:
        return reverse("api:claim-list", request=self.context.get("request")) + f"?speaker={speaker.pk}"


# --- articles -----------------------------------------------------------------------------


class ArticleSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:article-detail")
    source_url = serializers.CharField(source="url", read_only=True, help_text="Where the story was published, when known.")
    outlet = OutletSerializer(allow_null=True, read_only=True)
    status = serializers.ChoiceField(
        choices=Article.Status.choices, read_only=True,
        help_text="fetching (a submitted URL not fetched yet), pending (extraction queued), extracting, extracted "
        "or failed (see `error`).",
    )
    quotes = serializers.SerializerMethodField(help_text="This article's quotes.")
    claims = serializers.SerializerMethodField(help_text="This article's claims.")

    class Meta:
        model = Article
        fields = [
            "id", "url", "title", "source_url", "outlet", "author", "published_at", "status", "error",
            "extractor_version", "extracted_at", "quotes", "claims", "created_at", "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_quotes(self, article: Article) -> str:
        return reverse("api:quote-list", request=self.context.get("request")) + f"?article={article.pk}"

    @extend_schema_field(OpenApiTypes.URI)
    def get_claims(self, article: Article) -> str:
        return reverse("api:claim-list", request=self.context.get("request")) + f"?article={article.pk}"


class ArticleDetailSerializer(ArticleSerializer):
    body = serializers.CharField(read_only=True, help_text="The clean story text; quote and claim offsets point into it.")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body"]


class ArticleSubmitInputSerializer(serializers.Serializer):
    """One story: its text or HTML, or only its URL for the server to fetch."""

    text = serializers.CharField(required=False, trim_whitespace=False, help_text="The story as plain text.")
    html = serializers.CharField(required=False, trim_whitespace=False, help_text="The story as an HTML page.")
    url = serializers.URLField(
        required=False, max_length=2000, validators=[URLValidator(schemes=["http", "https"])],
        help_text="Where the story was published. Alone (no text or html), the server fetches it.",
    )
    outlet = serializers.CharField(
        required=False, max_length=200, help_text="The outlet's name, e.g. 'Reuters'. Defaults to the URL's host."
    )
    title = serializers.CharField(required=False, max_length=500, help_text="Defaults to the title found in the story.")
    published_at = serializers.DateTimeField(required=False, help_text="Defaults to the date found in the story.")

    def validate(self, attrs):
        given = [name for name in ("text", "html") if attrs.get(name)]
        if len(given) > 1:
            raise serializers.ValidationError("give the story as text or as html, not both")
        if not given and not attrs.get("url"):
            raise serializers.ValidationError("give the story as text or html, or its url to fetch")
        if not attrs.get("outlet") and not attrs.get("url"):
            raise serializers.ValidationError({"outlet": ["name the outlet (or give the story's url)"]})
        return attrs


class ArticleSubmitOutputSerializer(ArticleSerializer):
    created = serializers.BooleanField(
        read_only=True, help_text="False when the same story (or URL) was already stored: this is that article."
    )

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "created"]


# --- verdicts -----------------------------------------------------------------------------


class VerdictInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(
        choices=[(v.value, v.label) for v in VERDICTS],
        error_messages={
            "invalid_choice": "unknown verdict \"{input}\": choose one of " + ", ".join(v.value for v in VERDICTS),
        },
        help_text="verified: checked and true; rejected: checked and false (both are published, so they need a "
        "note or an evidence link); consistent / conflicting: the sources agree / disagree, without an "
        "independent check. On a group it decides every member claim.",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="Why, for the record.")
    evidence_url = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, help_text="An http(s) link to the evidence."
    )
    correct_claims = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, default=list,
        help_text="Groups only, with `verified`: the ids of the member claims that are right. Members agreeing with "
        "them are verified, the others rejected. Required (or `established_value`) when the sources disagree.",
    )
    established_value = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=60,
        help_text="Groups only, with `verified`: the value the evidence establishes, in the group's unit "
        "(45000000000) or as YYYY-MM-DD for a date. Members stating it are verified, the others rejected.",
    )


class DecisionSerializer(serializers.ModelSerializer):
    claim_id = serializers.IntegerField(read_only=True, allow_null=True, help_text="null once the claim is gone.")
    claim = RelatedLinkField(view_name="api:claim-detail", read_only=True, allow_null=True)
    current = serializers.SerializerMethodField(help_text="This decision is the claim's state now (not superseded).")

    class Meta:
        model = ReviewDecision
        fields = ["claim_id", "claim", "claim_text", "status", "basis", "current"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_current(self, decision: ReviewDecision) -> bool:
        return decision.claim_id is not None and decision.claim.decided_by_id == decision.review_id


class ReviewSerializer(serializers.ModelSerializer):
    """A verdict: who, when, why (note, evidence), on what, and what it decided for each claim."""

    url = LinkField(view_name="api:review-detail")
    reviewer = serializers.CharField(source="reviewer.get_username", read_only=True)
    on = serializers.ChoiceField(
        choices=["claim", "group", "quote"], source="target", read_only=True, help_text="What the verdict was given on."
    )
    claim = RelatedLinkField(view_name="api:claim-detail", read_only=True, allow_null=True)
    group = RelatedLinkField(view_name="api:group-detail", read_only=True, allow_null=True)
    quote = RelatedLinkField(view_name="api:quote-detail", read_only=True, allow_null=True)
    target_text = serializers.CharField(read_only=True, help_text="What was judged, as it read then.")
    established_value = DecimalTextField(
        allow_null=True, read_only=True, help_text="The value the reviewer established for a group, if entered."
    )
    current = serializers.SerializerMethodField(
        help_text="Some of its decisions still stand (or, deciding no claim, no later verdict on the same target)."
    )
    decisions = DecisionSerializer(many=True, read_only=True, help_text="What it decided for each claim.")

    class Meta:
        model = Review
        fields = ["id", "url", "verdict", "note", "evidence_url", "reviewer", "created_at", "on", "claim", "group",
                  "quote", "target_text", "established_value", "established_date", "current", "decisions"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_current(self, review: Review) -> bool:
        decisions = list(review.decisions.all())
        if decisions:
            return any(d.claim_id is not None and d.claim.decided_by_id == review.id for d in decisions)
        return not getattr(review, "superseded", False)
