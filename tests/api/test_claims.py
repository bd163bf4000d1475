"""GET /api/claims/: nested data, every filter, cursor pages, ordering, query counts."""
import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import Article, Claim, ClaimGroup, Outlet, ReviewStatus, Speaker
from claims.services.review import review_submit

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_claim_carries_its_speaker_article_outlet_and_group_inline(api, story):
    row = api.get(f"/api/claims/{story['budget_b'].pk}/").json()
    assert row["speaker"]["name"] == "Ann Lee" and row["speaker"]["kind"] == "person"
    assert row["article"]["title"] == "City to spend $12 million"
    assert row["article"]["source_url"] == "https://herald.example/city-spend"
    assert row["article"]["outlet"]["name"] == "Metro Herald"
    assert row["group"]["suggested_state"] == "consistent" and row["group"]["verdict"] == "unreviewed"
    assert row["value"] == "12000000" and row["unit"] == "USD" and row["qualifier"] == "approximate"
    assert row["verified"] is False and row["claimreview"] is None


def test_claim_list_is_in_id_order(api, story):
    ids = _ids(api.get("/api/claims/"))
    assert ids == sorted(ids) and len(ids) == 3


def test_unknown_claim_is_a_json_404(api, story):
    response = api.get("/api/claims/999999/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_non_numeric_claim_id_is_a_404(api):
    assert api.get("/api/claims/abc/").status_code == 404


def test_filter_status_takes_the_claims_own_review_status(api, story):
    Claim.objects.filter(pk=story["jobless"].pk).update(review_status=ReviewStatus.VERIFIED)
    assert _ids(api.get("/api/claims/?status=verified")) == [story["jobless"].pk]
    assert _ids(api.get("/api/claims/?status=verified&status=unreviewed")) == sorted(
        c.pk for c in (story["budget_a"], story["budget_b"], story["jobless"])
    )


def test_filter_verified_includes_claims_a_verified_group_decided(api, story, reviewer):
    review_submit(reviewer=reviewer, verdict="verified", note="The minutes say $12 million.", group=story["group"])
    assert _ids(api.get("/api/claims/?verified=true")) == [story["budget_a"].pk, story["budget_b"].pk]
    assert _ids(api.get("/api/claims/?verified=false")) == [story["jobless"].pk]


def test_verified_field_is_true_for_a_claim_its_group_verdict_verified(api, story, reviewer):
    review_submit(reviewer=reviewer, verdict="verified", note="The minutes say $12 million.", group=story["group"])
    row = api.get(f"/api/claims/{story['budget_a'].pk}/").json()
    assert row["verified"] is True and row["review_status"] == "verified"


def test_a_group_marked_verified_without_a_review_verifies_no_claim(api, story):
    """A claim's state is what a verdict decided for it; a group's column alone decides nothing."""
    ClaimGroup.objects.filter(pk=story["group"].pk).update(verdict=ReviewStatus.VERIFIED)
    assert _ids(api.get("/api/claims/?verified=true")) == []
    assert api.get(f"/api/claims/{story['budget_a'].pk}/").json()["verified"] is False


def test_filter_group_verdict_and_group_state(api, story):
    ClaimGroup.objects.filter(pk=story["group"].pk).update(verdict=ReviewStatus.CONFLICTING)
    budget = [story["budget_a"].pk, story["budget_b"].pk]
    assert _ids(api.get("/api/claims/?group_verdict=conflicting")) == budget
    assert _ids(api.get("/api/claims/?group_state=consistent")) == budget
    assert _ids(api.get("/api/claims/?group_state=conflicting")) == []
    assert _ids(api.get(f"/api/claims/?group={story['group'].pk}")) == budget


def test_filter_kind_unit_and_subject(api, story):
    assert _ids(api.get("/api/claims/?kind=percent")) == [story["jobless"].pk]
    assert len(_ids(api.get("/api/claims/?kind=percent&kind=money"))) == 3
    assert _ids(api.get("/api/claims/?unit=USD")) == [story["budget_a"].pk, story["budget_b"].pk]
    assert _ids(api.get("/api/claims/?subject=unemployment")) == [story["jobless"].pk]
    assert _ids(api.get("/api/claims/?subject=unemploy")) == []  # exact: words go in q


def test_filter_speaker_by_id_and_by_name(api, story):
    assert _ids(api.get(f"/api/claims/?speaker={story['lee'].pk}")) == [story["budget_b"].pk]
    assert _ids(api.get("/api/claims/?speaker_name=labor")) == [story["jobless"].pk]


@pytest.mark.parametrize("outlet", ["Metro Herald", "metro herald", "herald.example"])
def test_filter_outlet_by_name_or_domain(api, story, outlet):
    assert _ids(api.get("/api/claims/", {"outlet": outlet})) == [story["budget_b"].pk, story["jobless"].pk]


def test_filter_outlet_by_id(api, story):
    assert _ids(api.get(f"/api/claims/?outlet={story['courier'].pk}")) == [story["budget_a"].pk]


def test_filter_article(api, story):
    assert _ids(api.get(f"/api/claims/?article={story['article_a'].pk}")) == [story["budget_a"].pk]


def test_filter_published_date_range(api, story):
    assert _ids(api.get("/api/claims/?published_before=2024-03-06")) == [story["budget_a"].pk]
    assert _ids(api.get("/api/claims/?published_after=2024-03-06T00:00:00Z")) == [story["budget_b"].pk, story["jobless"].pk]


def test_filter_value_range(api, story):
    assert _ids(api.get("/api/claims/?value_max=100")) == [story["jobless"].pk]
    assert _ids(api.get("/api/claims/?value_min=1000000&value_max=20000000")) == [story["budget_a"].pk, story["budget_b"].pk]


def test_filter_text_search_looks_in_text_sentence_and_subject(api, story):
    assert _ids(api.get("/api/claims/?q=next year")) == [story["budget_b"].pk]
    assert _ids(api.get("/api/claims/?q=4.5 percent")) == [story["jobless"].pk]


def test_filter_updated_since_is_inclusive(api, story):
    later = timezone.now() + timedelta(hours=1)
    Claim.objects.filter(pk=story["jobless"].pk).update(updated_at=later)
    assert _ids(api.get("/api/claims/", {"updated_since": later.isoformat()})) == [story["jobless"].pk]


@pytest.mark.parametrize("query", ["kind=gold", "value_min=lots", "speaker=ann", "updated_since=yesterday",
                                   "verified=maybe", "article=-3", "cursor=bogus"])
def test_invalid_filter_value_is_a_400_naming_the_problem(api, story, query):
    response = api.get(f"/api/claims/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and body["code"]
    name = query.split("=")[0]
    if name != "cursor":
        assert name in body["errors"]


def test_cursor_pages_walk_every_claim_once(api, story):
    seen, url = [], "/api/claims/?page_size=1"
    while url:
        body = api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == sorted(c.pk for c in (story["budget_a"], story["budget_b"], story["jobless"]))


def test_ordering_by_updated_at_for_sync_breaks_ties_by_id(api, story):
    same = timezone.now()
    Claim.objects.update(updated_at=same)
    Claim.objects.filter(pk=story["budget_a"].pk).update(updated_at=same + timedelta(seconds=5))
    ids = _ids(api.get("/api/claims/?ordering=updated_at"))
    assert ids == [story["budget_b"].pk, story["jobless"].pk, story["budget_a"].pk]


def _many_claims(n: int) -> None:
    """n claims, each with its own article, outlet, speaker, quote-less group: worst case for N+1."""
    for i in range(n):
        outlet = Outlet.objects.create(name=f"Gazette {i}", domain=f"gazette{i}.example")
        body = f"The district hired {i + 10} teachers this year, Superintendent Kim Park {i} said."
        article = Article.objects.create(
            outlet=outlet, title=f"District hires teachers ({i})", body=body, raw=body,
            content_hash=hashlib.sha256(body.encode()).hexdigest(), published_at=datetime(2024, 1, 1, tzinfo=UTC),
        )
        speaker = Speaker.objects.create(name=f"Kim Park {i}", key=f"kim park {i}", kind=Speaker.Kind.PERSON)
        group = ClaimGroup.objects.create(kind="count", unit="teacher", subject="hiring", key=f"count|teacher|{i}")
        Claim.objects.create(
            article=article, speaker=speaker, group=group, kind="count", text=f"{i + 10} teachers", start=18,
            end=20, value=i + 10, unit="teacher", subject="hiring", sentence=body, fingerprint=f"teachers-{i}",
        )


# The token with its user and permissions (one query), then one for the whole page: claims
# joined to speaker, article, outlet, quote and group.
CLAIM_PAGE_QUERIES = 2


@pytest.mark.parametrize("page_size", [1, 50])
def test_claim_page_costs_a_fixed_number_of_queries(api, django_assert_num_queries, page_size):
    _many_claims(50)
    with django_assert_num_queries(CLAIM_PAGE_QUERIES):
        response = api.get(f"/api/claims/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size


def test_ordering_by_value_walks_a_value_range_in_order(api, story):
    ids = _ids(api.get("/api/claims/?ordering=-value&value_min=1"))
    assert ids == [story["budget_b"].pk, story["budget_a"].pk, story["jobless"].pk]  # ties: id descending too
    body = api.get("/api/claims/?ordering=value&page_size=1").json()
    assert [r["id"] for r in body["results"]] == [story["jobless"].pk]
    assert [r["id"] for r in api.get(body["next"]).json()["results"]] == [story["budget_a"].pk]


def test_a_filter_by_several_kinds_gives_each_claim_once_without_distinct(api, story):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        ids = _ids(api.get("/api/claims/?kind=money&kind=percent&page_size=500"))
    expected = list(Claim.objects.filter(kind__in=["money", "percent"]).order_by("id").values_list("id", flat=True))
    assert ids == expected and len(ids) >= 2
    page_sql = [q["sql"] for q in queries.captured_queries if "claims_claim" in q["sql"]]
    assert page_sql and not any("DISTINCT" in sql for sql in page_sql)


def test_the_browsable_api_still_offers_every_filter(consumer, story):
    client = APIClient()
    client.force_login(consumer)
    page = client.get("/api/claims/?speaker=1", HTTP_ACCEPT="text/html").content.decode()
    assert 'name="value_min"' in page and 'name="updated_since"' in page
