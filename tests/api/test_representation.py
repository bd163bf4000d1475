"""The long lists' fast serialization gives exactly what DRF's generic serialization gives."""
import pytest
from django.db.models import Prefetch
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from claims.api.serializers import ClaimSerializer, GroupSerializer, QuoteSerializer
from claims.models import Claim, ClaimGroup, Quote, ReviewStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    return Request(APIRequestFactory().get("/api/claims/"))


def _both(serializer_class, instance, request):
    serializer = serializer_class(context={"request": request})
    return serializer.to_representation(instance), serializer.generic_representation(instance)


def test_claim_fast_path_equals_drf(story, request_):
    Claim.objects.filter(pk=story["budget_b"].pk).update(quote=story["quote"], review_status=ReviewStatus.VERIFIED)
    for claim in Claim.objects.select_related("speaker", "article__outlet", "quote", "group"):
        fast, generic = _both(ClaimSerializer, claim, request_)
        assert fast == generic


def test_group_fast_path_equals_drf(story, request_):
    ClaimGroup.objects.filter(pk=story["group"].pk).update(verdict=ReviewStatus.VERIFIED)
    group = ClaimGroup.objects.prefetch_related(
        Prefetch("claims", queryset=Claim.objects.select_related("speaker", "article__outlet").order_by("id"))
    ).get(pk=story["group"].pk)
    fast, generic = _both(GroupSerializer, group, request_)
    assert fast == generic and len(fast["claims"]) == 2


def test_quote_fast_path_equals_drf(story, request_):
    Quote.objects.filter(pk=story["quote"].pk).update(group=story["group"])
    Claim.objects.filter(pk=story["budget_a"].pk).update(quote=story["quote"])
    quote = Quote.objects.select_related("speaker", "article__outlet", "group").prefetch_related("claims").get()
    fast, generic = _both(QuoteSerializer, quote, request_)
    assert fast == generic and fast["claims"] == [story["budget_a"].pk]


def test_fast_path_keeps_fractions_and_dates(story, request_):
    claim = Claim.objects.select_related("speaker", "article__outlet", "quote", "group").get(pk=story["jobless"].pk)
    claim.value = claim.value / 3  # 1.5 with six decimal places
    claim.kind, claim.date_value = "date", story["article_a"].published_at.date()
    fast, generic = _both(ClaimSerializer, claim, request_)
    assert fast == generic and fast["value"] == "1.5" and fast["date_value"] == "2024-03-05"


def test_claim_list_rows_give_what_the_detail_gives(api, story):
    """The list reads rows (QuerySet.values()), the detail a model instance: same shape."""
    Claim.objects.filter(pk=story["budget_b"].pk).update(quote=story["quote"], review_status=ReviewStatus.VERIFIED)
    listed = api.get("/api/claims/?page_size=500").json()["results"]
    assert len(listed) == Claim.objects.count() >= 3
    for item in listed:
        assert api.get(f"/api/claims/{item['id']}/").json() == item
    assert any(item["quote"] and item["claimreview"] and item["speaker"] for item in listed)

