"""The lean FilterSet (claims.api.filters.FilterSet, `only_named`) and what it relies on in
django-filter, whose __init__, form class and plain Filter.filter it re-implements.

Measured with bench/bench_api.py (20,000 claims): without it the claim list's uncached
pages cost the server 1.5 to 2 ms more CPU each (6.4 against 4.8 ms for the verified
walk). django-filter is pinned in requirements.in; an upgrade must pass these tests.
"""
from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import django_filters
import pytest
from django.db.models import QuerySet
from django.http import QueryDict
from django_filters import filters as django_filter_filters
from django_filters.constants import EMPTY_VALUES

from claims.api.filters import (
    ArticleFilter,
    ClaimFilter,
    ClaimReviewFilter,
    FilterSet,
    GroupFilter,
    QuoteFilter,
    ReviewFilter,
    SpeakerFilter,
)
from claims.models import Claim

pytestmark = pytest.mark.django_db

FILTERSETS = [ClaimFilter, QuoteFilter, GroupFilter, SpeakerFilter, ArticleFilter, ClaimReviewFilter, ReviewFilter]


def _lean(query: str, filterset=ClaimFilter, **kwargs):
    return filterset(QueryDict(query), queryset=filterset._meta.model.objects.all(), only_named=True, **kwargs)


def test_django_filter_is_the_pinned_version_these_tests_passed_on():
    pinned = re.search(r"^django-filter==([\w.]+)", (Path(__file__).parents[2] / "requirements.in").read_text(), re.M)
    assert pinned is not None, "requirements.in pins django-filter"
    assert django_filters.__version__ == pinned.group(1)


def test_only_the_named_filters_are_built_and_a_bad_one_is_still_refused():
    named = _lean("speaker=3&kind=money")
    assert set(named.filters) == {"speaker", "kind"}
    assert set(ClaimFilter(QueryDict("speaker=3"), queryset=Claim.objects.all()).filters) == set(ClaimFilter.base_filters)
    bad = _lean("speaker=three")
    assert not bad.is_valid() and "speaker" in bad.errors


def test_the_lean_filterset_sets_what_django_filters_own_init_sets():
    # BaseFilterSet.__init__ is copied attribute by attribute: a new one would be missed.
    whole = ClaimFilter(QueryDict("q=budget"), queryset=Claim.objects.all())
    lean = _lean("q=budget")
    assert set(vars(lean)) - {"_form_key"} == set(vars(whole))
    assert (lean.is_bound, lean.data, lean.request, lean.form_prefix) == (True, whole.data, None, None)
    # ... and on each filter, its model and parent (the rest are the declared filter's).
    assert set(vars(lean.filters["q"])) == set(vars(whole.filters["q"]))
    assert lean.filters["q"].model is Claim and lean.filters["q"].parent is lean


def test_named_filters_are_copies_bound_to_their_own_filterset(story):
    """The lean FilterSet copies each named filter shallowly and keeps its form class: a
    `method=` filter must still call its own filterset, and the declared ones stay bare."""
    first = _lean("q=unemployment&verified=false")
    second = _lean("q=budget&verified=false")
    assert first.filters["q"] is not second.filters["q"] and first.filters["q"].parent is first
    # Setting `method` again makes the copy's FilterMethod (django-filter's property setter).
    assert first.filters["q"].filter.f is first.filters["q"]
    assert not hasattr(ClaimFilter.base_filters["q"], "parent")
    assert type(first.form) is type(second.form) and first.form.fields["q"] is second.form.fields["q"]
    assert list(first.qs) == [story["jobless"]]
    assert set(second.qs) == {story["budget_a"], story["budget_b"]}
    # Shared fields keep no state of a form: a refused value leaves the next form clean.
    bad = _lean("q=x&verified=maybe")
    good = _lean("q=x&verified=true")
    assert not bad.is_valid() and "verified" in bad.errors
    assert good.is_valid() and good.form.cleaned_data["verified"] is True


def test_a_kept_form_class_shares_its_fields_through_djangos_deepcopy():
    form = _lean("unit=USD").form
    again = _lean("unit=EUR").form
    assert form.fields is not again.fields  # Form.__init__ deep-copies base_fields ...
    assert form.fields["unit"] is again.fields["unit"]  # ... which hands back the same fields
    assert (form.is_valid(), again.is_valid()) == (True, True)
    assert (form.cleaned_data["unit"], again.cleaned_data["unit"]) == ("USD", "EUR")


def test_a_prefixed_filterset_is_built_the_whole_way(story):
    # With a prefix the query names `p-unit`, not `unit`: picking the named ones would drop it.
    prefixed = _lean("p-unit=percent", prefix="p")
    assert set(prefixed.filters) == set(ClaimFilter.base_filters)
    assert list(prefixed.qs) == [story["jobless"]]


def _plain_filters():
    for filterset in FILTERSETS:
        for name, filter_ in filterset.base_filters.items():
            if type(filter_).filter is django_filter_filters.Filter.filter and filter_.method is None:
                yield pytest.param(filterset, name, id=f"{filterset.__name__}.{name}")


_SAMPLES = ["7", "2024-03-05T09:00:00Z", "USD"]


@pytest.mark.parametrize(("filterset", "name"), list(_plain_filters()))
def test_a_plain_filter_is_its_lookup_skipped_when_empty(filterset, name):
    """What the one-call filter_queryset relies on in Filter.filter: an empty value filters
    nothing; any other is `.filter(field_name__lookup_expr=value)`, with no DISTINCT and
    no exclude among the API's filters."""
    filter_ = filterset(QueryDict(), queryset=filterset._meta.model.objects.all()).filters[name]
    queryset = filterset._meta.model.objects.all()
    for empty in EMPTY_VALUES:
        assert filter_.filter(queryset, empty) is queryset
    value = None
    for sample in _SAMPLES:
        try:
            value = filter_.field.clean(sample)
            break
        except Exception:
            continue
    assert value is not None, f"no sample value cleans for {name}"
    assert not filter_.distinct and not filter_.exclude
    expected = queryset.filter(**{f"{filter_.field_name}__{filter_.lookup_expr}": value})
    assert str(filter_.filter(queryset, value).query) == str(expected.query)


def test_the_api_has_plain_filters_to_take_in_one_call():
    assert len(list(_plain_filters())) >= 20


def test_plain_filters_are_applied_in_one_call_with_the_same_answer(story):
    query = "unit=USD&subject=budget&value_min=1000&value_max=20000000&kind=money&q=million"
    lean = _lean(query)
    with mock.patch.object(QuerySet, "filter", autospec=True, side_effect=QuerySet.filter) as calls:
        found = set(lean.qs)
    # kind (any of several) and q (a method) have their own calls; the four plain ones share one.
    assert calls.call_count == 3
    assert found == set(ClaimFilter(QueryDict(query), queryset=Claim.objects.all()).qs)
    assert found == {story["budget_a"], story["budget_b"]}


@pytest.mark.parametrize("filterset", FILTERSETS)
def test_every_api_filterset_takes_the_shortcut(filterset):
    assert issubclass(filterset, FilterSet)
