"""The read API's page cache: a repeated list call is answered from the cache, and any write
to the claims' tables, by whatever path, retires every cached page once it commits.

These tests commit for real (transactional database), as the web and worker processes do.
"""
import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from claims.api import cache as page_cache
from claims.models import Claim, ReviewStatus

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("_page_cache_on")]


@pytest.fixture
def _page_cache_on():
    with override_settings(API_PAGE_CACHE=True, API_PAGE_CACHE_SECONDS=300):
        yield


def _get(client, path="/api/claims/?verified=true", **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, response.content[:300]
    return response


def _ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def test_a_repeated_call_is_answered_from_the_cache_with_only_the_token_query(api, story):
    Claim.objects.filter(pk=story["budget_a"].pk).update(review_status=ReviewStatus.VERIFIED)
    first = _get(api)
    assert first["X-Cache"] == "miss" and _ids(first) == [story["budget_a"].pk]
    with CaptureQueriesContext(connection) as queries:
        second = _get(api)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content and second["Content-Type"] == first["Content-Type"]
    assert len(queries.captured_queries) == 1  # the token, its user and permissions


def test_a_verdict_given_through_the_api_shows_on_the_next_call(api, reviewer_api, story):
    assert _ids(_get(api)) == []
    posted = reviewer_api.post(f"/api/claims/{story['jobless'].pk}/verdicts/", {"verdict": "verified", "note": "the bureau's release"}, format="json")
    assert posted.status_code == 201
    after = _get(api)
    assert after["X-Cache"] == "miss" and _ids(after) == [story["jobless"].pk]


def test_a_bulk_update_without_signals_retires_the_pages(api, story):
    assert _ids(_get(api)) == []
    Claim.objects.filter(group=story["group"]).update(review_status=ReviewStatus.VERIFIED)  # no save(), no signal
    assert _ids(_get(api)) == [story["budget_a"].pk, story["budget_b"].pk]


def test_raw_sql_writes_retire_the_pages_too(api, story):
    assert _ids(_get(api)) == []
    with connection.cursor() as cursor:
        cursor.execute('UPDATE "claims_claim" SET "review_status" = %s WHERE "id" = %s',
                       [ReviewStatus.VERIFIED, story["jobless"].pk])
    assert _ids(_get(api)) == [story["jobless"].pk]


def test_a_write_rolled_back_keeps_the_pages_and_a_committed_one_retires_them(api, story):
    _get(api)
    with pytest.raises(RuntimeError), transaction.atomic():
        Claim.objects.filter(pk=story["jobless"].pk).update(review_status=ReviewStatus.VERIFIED)
        raise RuntimeError("abandoned")
    assert _get(api)["X-Cache"] == "hit"
    with transaction.atomic():
        Claim.objects.filter(pk=story["jobless"].pk).update(review_status=ReviewStatus.VERIFIED)
        assert _get(api)["X-Cache"] == "hit"  # not committed yet: what the cache holds is still true
    assert _ids(_get(api)) == [story["jobless"].pk]


def test_a_page_built_while_a_write_commits_is_never_served(api, story):
    """The version is read before the page's query: a write committed in between makes the
    page that was being built unservable."""
    from django.http import HttpResponse

    from claims.api.views import ClaimViewSet

    view = ClaimViewSet(basename="claim", action="list")
    request = api.get("/api/claims/?verified=true").wsgi_request
    request.accepted_media_type = "application/json"
    page_cache.bump_data_version()
    hit, slot = page_cache.cached_page(request, view)
    assert hit is None and slot["version"]
    page_cache.bump_data_version()  # a worker commits while this request runs its query
    page_cache.store_page(HttpResponse(b'{"results": []}', content_type="application/json"), **slot)
    fresh = _get(api)
    assert fresh["X-Cache"] == "miss" and fresh.content != b'{"results": []}'


def test_no_cache_asks_for_a_fresh_answer(api, story):
    _get(api)
    assert _get(api, HTTP_CACHE_CONTROL="no-cache")["X-Cache"] == "miss"


def test_each_list_and_query_is_its_own_page(api, story):
    assert _get(api, "/api/claims/?kind=money")["X-Cache"] == "miss"
    assert _get(api, "/api/claims/?kind=percent")["X-Cache"] == "miss"
    assert _get(api, "/api/quotes/")["X-Cache"] == "miss"
    assert _ids(_get(api, "/api/claims/?kind=percent")) == [story["jobless"].pk]


def test_links_follow_the_host_the_client_called(api, story):
    first = _get(api, "/api/claims/", HTTP_HOST="localhost")
    other = _get(api, "/api/claims/", HTTP_HOST="127.0.0.1")
    assert other["X-Cache"] == "miss"
    assert first.json()["results"][0]["url"].startswith("http://localhost/")
    assert other.json()["results"][0]["url"].startswith("http://127.0.0.1/")


def test_the_browsable_api_is_never_cached(consumer, story):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(consumer)
    for _ in range(2):
        response = client.get("/api/claims/", HTTP_ACCEPT="text/html")
        assert response.status_code == 200 and "X-Cache" not in response


def test_errors_are_not_cached(api, story):
    assert api.get("/api/claims/?speaker=abc").status_code == 400
    assert "X-Cache" not in api.get("/api/claims/?speaker=abc")


def test_permissions_are_checked_before_the_cache(api, story):
    from tests.api.conftest import make_user, token_client

    _get(api)
    assert token_client(make_user("nobody")).get("/api/claims/?verified=true").status_code == 403


def test_a_cache_that_is_down_means_answers_from_the_database(api, story):
    down = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                        "OPTIONS": {"socket_connect_timeout": 0.2}}}
    with override_settings(CACHES=down):
        response = _get(api)
        Claim.objects.filter(pk=story["jobless"].pk).update(review_status=ReviewStatus.VERIFIED)  # the bump fails quietly
        assert _ids(_get(api)) == [story["jobless"].pk]
    assert "X-Cache" not in response


def test_a_parameter_the_list_does_not_read_is_refused_and_nothing_is_kept(api, story):
    response = api.get("/api/groups/?page_size=500&junk=1")
    assert response.status_code == 400 and "X-Cache" not in response
    assert response.json()["errors"]["junk"][0].startswith("unknown parameter; this list reads: ")
    assert "page_size" in response.json()["errors"]["junk"][0]
    assert api.get("/api/claims/?verifed=true").status_code == 400  # a misspelt filter is not silently ignored


def test_the_same_parameters_in_another_order_are_one_page(api, story):
    assert _get(api, "/api/claims/?kind=money&verified=false&page_size=5")["X-Cache"] == "miss"
    assert _get(api, "/api/claims/?page_size=5&verified=false&kind=money")["X-Cache"] == "hit"


def test_a_page_over_the_size_bound_is_answered_but_not_kept(api, story, settings):
    from django.core.cache import cache

    size = len(_get(api, "/api/claims/?kind=money").content)
    cache.clear()
    settings.API_PAGE_CACHE_MAX_PAGE_BYTES = size - 1
    for _ in range(2):
        assert _get(api, "/api/claims/?kind=money")["X-Cache"] == "miss"
    settings.API_PAGE_CACHE_MAX_PAGE_BYTES = size + 1
    _get(api, "/api/claims/?kind=money")
    assert _get(api, "/api/claims/?kind=money")["X-Cache"] == "hit"


def test_pages_stop_being_kept_at_the_memory_budget(api, story, settings):
    from django.core.cache import cache

    cache.clear()
    size = len(_get(api, "/api/claims/?q=a").content)
    settings.API_PAGE_CACHE_MAX_BYTES = 2 * (4 * size + size // 2)  # four more pages of this size fit a window
    paths = [f"/api/claims/?q={letter}" for letter in "bcdefgh"]
    for path in paths:
        _get(api, path)
    served = [_get(api, path)["X-Cache"] for path in paths]
    assert served == ["hit"] * 3 + ["miss"] * 4, served
