"""Query-string filters for each list, shared by the claim list, its CSV export and the
`export` command.

Every filter is documented in the OpenAPI schema from its help_text. `updated_since` is
inclusive (>=): a client syncing incrementally passes the largest `updated_at` it has seen
and drops the rows it already holds, so that rows written in the same instant are not missed.
"""
from __future__ import annotations

import copy
from datetime import UTC

import django_filters as filters
from django import forms
from django.db.models import Q
from django_filters.constants import EMPTY_VALUES
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from claims.models import Article, Claim, ClaimGroup, Quote, Review, ReviewStatus, Speaker
from claims.selectors import reviews_deciding_claim

_UPDATED_SINCE = "Only rows changed at or after this instant (ISO 8601), for incremental sync."


def _outlet_q(prefix: str, value: str) -> Q:
    value = value.strip()
    q = Q(**{f"{prefix}name__iexact": value}) | Q(**{f"{prefix}domain__iexact": value})
    if value.isdigit():
        q |= Q(**{f"{prefix}id": int(value)})
    return q


_FORM_CLASSES: dict[tuple, type] = {}


class FilterSet(filters.FilterSet):
    """A FilterSet that can build only the filters its query string names (`only_named`).

    For each request, django-filter deep-copies every declared filter, makes each one's
    form field, and builds a new form class holding them all; with twenty filters on a
    list that was about 2 ms of a call that names one or two. With `only_named`:

    - only the named filters are taken (one that is not named filters nothing, so leaving
      it out changes no answer), each as a shallow copy: a filter keeps no state of a
      request but its parent and model, which are set here (and its `method=` caller,
      made again for the copy);
    - the form class for a set of names is made once and kept, and its forms share its
      fields (_SharedFields).

    Measured with bench/bench_api.py over 20,000 claims, it saves 1.5 to 2 ms of the web
    process's CPU on each uncached claim page (4.8 against 6.4 ms). It copies django-filter's
    BaseFilterSet.__init__ and relies on its Filter.filter and get_form_class: django-filter
    is pinned in requirements.in, and tests/api/test_filter_shortcut.py checks what is relied on.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, only_named: bool = False):
        if not (only_named and data is not None and prefix is None):  # prefixed names: the whole way
            super().__init__(data, queryset, request=request, prefix=prefix)
            return
        # BaseFilterSet.__init__ with shallow copies of the named filters only.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound, self.data, self.queryset, self.request, self.form_prefix = True, data, queryset, request, prefix
        self.filters = {}
        for name, declared in type(self).base_filters.items():
            if name in data:
                filter_ = self.filters[name] = copy.copy(declared)
                filter_.model, filter_.parent = queryset.model, self
                if filter_.method is not None:  # a `method=` filter calls through its own parent
                    filter_.method = filter_.method
        self._form_key = (type(self), tuple(self.filters))

    def filter_queryset(self, queryset):
        """django-filter's, but the plain filters (a field lookup and nothing else) go in one
        .filter() call: each call copies the whole query, the list's six-table one included.
        On forward relations and own columns one call and a chain of them mean the same."""
        if getattr(self, "_form_key", None) is None:
            return super().filter_queryset(queryset)
        lookups = {}
        for name, value in self.form.cleaned_data.items():
            filter_ = self.filters[name]
            plain = type(filter_).filter is filters.Filter.filter and filter_.method is None
            lookup = f"{filter_.field_name}__{filter_.lookup_expr}"
            if plain and not filter_.exclude and not filter_.distinct and lookup not in lookups:
                if value not in EMPTY_VALUES:
                    lookups[lookup] = value
            else:
                queryset = filter_.filter(queryset, value)
        return queryset.filter(**lookups) if lookups else queryset

    def get_form_class(self):
        key = getattr(self, "_form_key", None)
        if key is None:
            return super().get_form_class()
        form_class = _FORM_CLASSES.get(key)
        if form_class is None:
            if len(_FORM_CLASSES) >= 512:  # sets of names a client made up: keep memory bounded
                _FORM_CLASSES.clear()
            form_class = super().get_form_class()
            form_class.base_fields = _SharedFields(form_class.base_fields)
            _FORM_CLASSES[key] = form_class
        return form_class


class _SharedFields(dict):
    """A kept filter form's fields, which each form shares rather than deep-copies (as a
    Django form does, in case it changes them): a filter form only cleans the query
    string, and cleaning reads a field without changing it. The browsable API's form,
    which is rendered, is built the usual way (FilterBackend.to_html)."""

    def __deepcopy__(self, memo):
        return dict(self)


class FilterBackend(DjangoFilterBackend):
    """Filters with only the named filters; the browsable API's filter form still shows all."""

    whole = False

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        filterset_class = self.get_filterset_class(view, queryset)
        if not self.whole and filterset_class is not None and issubclass(filterset_class, FilterSet):
            kwargs["only_named"] = True
        return kwargs

    def to_html(self, request, queryset, view):
        self.whole = True  # a backend instance serves one call
        return super().to_html(request, queryset, view)


def _matching(queryset, condition: Q, wanted: bool):
    """The rows meeting `condition` (wanted), or the others."""
    return queryset.filter(condition) if wanted else queryset.exclude(condition)


class _StrictBooleanField(forms.NullBooleanField):
    # The default select widget turns unknown words into None before they can be refused.
    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in {"true", "1", "yes"}:
            return True
        if text in {"false", "0", "no"}:
            return False
        raise forms.ValidationError("use true or false", code="invalid")

    def validate(self, value):
        pass


class BooleanFilter(filters.BooleanFilter):
    """true/false (or 1/0, yes/no); anything else is a 400 rather than silently no filter."""

    field_class = _StrictBooleanField


class _InstantField(filters.fields.IsoDateTimeField):
    def to_python(self, value):
        instant = super().to_python(value)
        if instant is None:
            return None
        # Compare in UTC: PostgreSQL refuses offsets beyond +-15:59 that ISO 8601 allows,
        # and a date at the edge of the calendar may not survive the shift.
        try:
            return instant.astimezone(UTC)
        except OverflowError:
            raise forms.ValidationError("this date and time is out of range", code="invalid") from None


class InstantFilter(filters.IsoDateTimeFilter):
    """An ISO 8601 date-time (a bare date means its midnight, UTC)."""

    field_class = _InstantField


class WholeNumberFilter(filters.Filter):
    """A whole number in the database's range (NumberFilter would take 1.5 or 1e30)."""

    field_class = forms.IntegerField
    min_value = 0

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", self.min_value)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class IdFilter(WholeNumberFilter):
    min_value = 1


class AnyOfFilter(filters.MultipleChoiceFilter):
    """Any of the given choices (repeat the parameter), on a column of the row itself.

    No row can match twice, so no DISTINCT: django-filter's default for this filter, it
    made PostgreSQL sort every match before cutting the first page (450 ms for one kind,
    unit and subject over a million claims, against 1 ms without).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class StableOrderingFilter(OrderingFilter):
    """`?ordering=` over the view's `ordering_fields`, always ending with the id so that
    equal values (many rows updated in one transaction) keep one order across pages.
    A field the list cannot be ordered by is a 400 naming the ones it can (DRF would
    silently ignore it, and a client syncing by `updated_at` would page by id unawares)."""

    def remove_invalid_fields(self, queryset, fields, view, request):
        allowed = [name for name, _ in self.get_valid_fields(queryset, view, {"request": request})]
        fields = [term for term in fields if term]
        unknown = [term for term in fields if term.lstrip("-") not in allowed]
        if unknown:
            raise ValidationError({self.ordering_param: [
                f"cannot order by {', '.join(repr(t) for t in unknown)}: use one of {', '.join(allowed)} "
                "(prefix - for descending)"
            ]})
        return list(fields)

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or ["id"])
        if not any(field.lstrip("-") == "id" for field in ordering):
            ordering.append("-id" if ordering[0].startswith("-") else "id")
        return ordering


class ClaimFilter(FilterSet):
    status = AnyOfFilter(
        field_name="review_status", choices=ReviewStatus.choices,
        help_text="The claim's state (review_status: its latest verdict's decision, on the claim or its group); "
        "repeat for several (status=verified&status=rejected).",
    )
    verified = BooleanFilter(
        method="filter_verified",
        help_text="true: claims whose state is verified (by a verdict on the claim, or its group's decision for it); "
        "false: the rest.",
    )
    group_verdict = filters.ChoiceFilter(
        field_name="group__verdict", choices=ReviewStatus.choices, help_text="The verdict on the claim's group."
    )
    group_state = filters.ChoiceFilter(
        field_name="group__suggested_state", choices=ClaimGroup.Suggestion.choices,
        help_text="What the matcher suggests for the claim's group (single_source, consistent, conflicting).",
    )
    group = IdFilter(field_name="group_id", help_text="Claims in this group (id).")
    kind = AnyOfFilter(choices=Claim.Kind.choices, help_text="Claim kind; repeat for several.")
    # unit and subject match exactly, as claims show them, so that the indexes serve them;
    # `q` searches words.
    unit = filters.CharFilter(help_text="Exactly as claims show it: an ISO 4217 code (USD), 'percent', or the counted noun (teacher).")
    subject = filters.CharFilter(help_text="The normalised subject, exactly as claims show it (budget); for words in it use q.")
    speaker = IdFilter(field_name="speaker_id", help_text="Claims made by this speaker (id).")
    speaker_name = filters.CharFilter(field_name="speaker__name", lookup_expr="icontains", help_text="Words in the speaker's name.")
    outlet = filters.CharFilter(method="filter_outlet", help_text="Outlet name or domain (exact, any case), or its id.")
    article = IdFilter(field_name="article_id", help_text="Claims from this article (id).")
    published_after = InstantFilter(
        field_name="article__published_at", lookup_expr="gte", help_text="Article published at or after (ISO 8601)."
    )
    published_before = InstantFilter(
        field_name="article__published_at", lookup_expr="lt", help_text="Article published before (ISO 8601)."
    )
    value_min = filters.NumberFilter(field_name="value", lookup_expr="gte", help_text="Normalised value at least this.")
    value_max = filters.NumberFilter(field_name="value", lookup_expr="lte", help_text="Normalised value at most this.")
    q = filters.CharFilter(method="filter_text", help_text="Words in the claim's text, sentence or subject.")
    updated_since = InstantFilter(field_name="updated_at", lookup_expr="gte", help_text=_UPDATED_SINCE)

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_verified(self, queryset, name, value: bool):
        return queryset.verified() if value else queryset.unverified()

    def filter_outlet(self, queryset, name, value: str):
        return queryset.filter(_outlet_q("article__outlet__", value))

    def filter_text(self, queryset, name, value: str):
        return queryset.filter(Q(text__icontains=value) | Q(sentence__icontains=value) | Q(subject__icontains=value))


class QuoteFilter(FilterSet):
    kind = AnyOfFilter(choices=Quote.Kind.choices, help_text="direct, indirect or mixed; repeat for several.")
    verified = BooleanFilter(
        method="filter_verified", help_text="true: quotes in a group a reviewer verified; false: the rest."
    )
    group_verdict = filters.ChoiceFilter(field_name="group__verdict", choices=ReviewStatus.choices, help_text="The verdict on the quote's group.")
    speaker = IdFilter(field_name="speaker_id", help_text="Quotes by this speaker (id).")
    speaker_name = filters.CharFilter(field_name="speaker__name", lookup_expr="icontains", help_text="Words in the speaker's name.")
    outlet = filters.CharFilter(method="filter_outlet", help_text="Outlet name or domain (exact, any case), or its id.")
    article = IdFilter(field_name="article_id", help_text="Quotes from this article (id).")
    published_after = InstantFilter(field_name="article__published_at", lookup_expr="gte", help_text="Article published at or after (ISO 8601).")
    published_before = InstantFilter(field_name="article__published_at", lookup_expr="lt", help_text="Article published before (ISO 8601).")
    min_confidence = filters.NumberFilter(field_name="confidence", lookup_expr="gte", help_text="Extraction confidence at least this (0-1).")
    q = filters.CharFilter(field_name="text", lookup_expr="icontains", help_text="Words in the quote.")
    updated_since = InstantFilter(field_name="updated_at", lookup_expr="gte", help_text=_UPDATED_SINCE)

    class Meta:
        model = Quote
        fields: list[str] = []

    def filter_verified(self, queryset, name, value: bool):
        verified = Q(group__verdict=ReviewStatus.VERIFIED)
        return _matching(queryset, verified, value)

    def filter_outlet(self, queryset, name, value: str):
        return queryset.filter(_outlet_q("article__outlet__", value))


class GroupFilter(FilterSet):
    verdict = AnyOfFilter(choices=ReviewStatus.choices, help_text="Reviewers' verdict; repeat for several.")
    verified = BooleanFilter(method="filter_verified", help_text="Shorthand for verdict=verified (or not).")
    state = AnyOfFilter(
        field_name="suggested_state", choices=ClaimGroup.Suggestion.choices,
        help_text="The matcher's suggestion: single_source, consistent or conflicting; repeat for several.",
    )
    kind = filters.CharFilter(help_text="Kind of the grouped claims: count, money, percent, quantity, date, quote, event.")
    unit = filters.CharFilter(help_text="Exactly as groups show it: an ISO 4217 code (USD), 'percent', or the counted noun.")
    subject = filters.CharFilter(help_text="The normalised subject, exactly as groups show it; for words in it use q.")
    min_sources = WholeNumberFilter(field_name="source_count", lookup_expr="gte", help_text="At least this many sources.")
    speaker = IdFilter(method="filter_speaker", help_text="Groups holding a claim by this speaker (id).")
    outlet = filters.CharFilter(method="filter_outlet", help_text="Groups holding a claim from this outlet (name, domain or id).")
    article = IdFilter(method="filter_article", help_text="Groups holding a claim from this article (id).")
    q = filters.CharFilter(method="filter_text", help_text="Words in the group's label or subject.")
    updated_since = InstantFilter(field_name="updated_at", lookup_expr="gte", help_text=_UPDATED_SINCE)

    class Meta:
        model = ClaimGroup
        fields: list[str] = []

    # Membership filters use a subquery rather than a join so a group never comes back twice.
    def filter_verified(self, queryset, name, value: bool):
        verified = Q(verdict=ReviewStatus.VERIFIED)
        return _matching(queryset, verified, value)

    def filter_speaker(self, queryset, name, value: int):
        return queryset.filter(pk__in=Claim.objects.filter(speaker_id=value).values("group_id"))

    def filter_outlet(self, queryset, name, value: str):
        return queryset.filter(pk__in=Claim.objects.filter(_outlet_q("article__outlet__", value)).values("group_id"))

    def filter_article(self, queryset, name, value: int):
        return queryset.filter(pk__in=Claim.objects.filter(article_id=value).values("group_id"))

    def filter_text(self, queryset, name, value: str):
        return queryset.filter(Q(label__icontains=value) | Q(subject__icontains=value))


class SpeakerFilter(FilterSet):
    kind = filters.ChoiceFilter(choices=Speaker.Kind.choices, help_text="person, organisation or unknown.")
    q = filters.CharFilter(method="filter_text", help_text="Words in the speaker's name or any alias.")
    updated_since = InstantFilter(field_name="updated_at", lookup_expr="gte", help_text=_UPDATED_SINCE)

    class Meta:
        model = Speaker
        fields: list[str] = []

    def filter_text(self, queryset, name, value: str):
        from claims.models import SpeakerAlias

        aliased = SpeakerAlias.objects.filter(text__icontains=value).values("speaker_id")
        return queryset.filter(Q(name__icontains=value) | Q(pk__in=aliased))


class ArticleFilter(FilterSet):
    status = AnyOfFilter(choices=Article.Status.choices, help_text="Extraction status; repeat for several.")
    outlet = filters.CharFilter(method="filter_outlet", help_text="Outlet name or domain (exact, any case), or its id.")
    published_after = InstantFilter(field_name="published_at", lookup_expr="gte", help_text="Published at or after (ISO 8601).")
    published_before = InstantFilter(field_name="published_at", lookup_expr="lt", help_text="Published before (ISO 8601).")
    source_url = filters.CharFilter(field_name="url", help_text="The story's published URL, exactly.")
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", help_text="Words in the title.")
    updated_since = InstantFilter(field_name="updated_at", lookup_expr="gte", help_text=_UPDATED_SINCE)

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_outlet(self, queryset, name, value: str):
        return queryset.filter(_outlet_q("outlet__", value))


class ClaimReviewFilter(FilterSet):
    """Filters for the ClaimReview feed (its items are published claims)."""

    updated_since = InstantFilter(field_name="updated_at", lookup_expr="gte", help_text=_UPDATED_SINCE)

    class Meta:
        model = Claim
        fields: list[str] = []


class ReviewFilter(FilterSet):
    verdict = AnyOfFilter(choices=ReviewStatus.choices, help_text="The verdict given; repeat for several.")
    claim = IdFilter(method="filter_claim", help_text="Verdicts that decided this claim (on it or on its group).")
    group = IdFilter(field_name="group_id", help_text="Verdicts given on this group.")
    quote = IdFilter(field_name="quote_id", help_text="Verdicts given on this quote.")
    reviewer = filters.CharFilter(field_name="reviewer__username", help_text="The reviewer's user name, exactly.")
    created_since = InstantFilter(
        field_name="created_at", lookup_expr="gte",
        help_text="Only verdicts given at or after this instant (ISO 8601), for incremental sync.",
    )
    created_before = InstantFilter(field_name="created_at", lookup_expr="lt", help_text="Only verdicts given before this instant.")

    class Meta:
        model = Review
        fields: list[str] = []

    def filter_claim(self, queryset, name, value: int):
        return queryset.filter(pk__in=reviews_deciding_claim(value))
