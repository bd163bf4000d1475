"""Who may call what: 401 for no credentials, 403 for a missing permission, per-token throttling."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api.conftest import make_user, token_client

pytestmark = pytest.mark.django_db


def _rates(consumer: str = "1000/minute", submit: str = "1000/minute"):
    from django.conf import settings

    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"consumer": consumer, "submit": submit}}
    return override_settings(REST_FRAMEWORK=rest)


@pytest.mark.smoke
def test_anonymous_request_gets_401_with_a_token_challenge():
    response = APIClient().get("/api/claims/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"


def test_unknown_token_gets_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = client.get("/api/claims/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."


def test_token_of_an_inactive_user_gets_401(consumer):
    client = token_client(consumer)
    consumer.is_active = False
    consumer.save()
    assert client.get("/api/claims/").status_code == 401


def test_revoked_token_stops_working(api, consumer):
    assert api.get("/api/claims/").status_code == 200
    Token.objects.filter(user=consumer).delete()
    assert api.get("/api/claims/").status_code == 401


def test_user_without_view_permission_gets_403_naming_it():
    client = token_client(make_user("nobody"))
    response = client.get("/api/claims/")
    assert response.status_code == 403
    assert "claims.view_claim" in response.json()["detail"]


@pytest.mark.smoke
@pytest.mark.parametrize("path", ["/api/", "/api/articles/", "/api/quotes/", "/api/claims/", "/api/groups/",
                                  "/api/speakers/", "/api/claimreviews/", "/api/claims/export.csv"])
def test_every_read_endpoint_refuses_anonymous_and_serves_a_consumer(api, path):
    assert APIClient().get(path).status_code == 401
    assert api.get(path).status_code == 200


def test_session_login_serves_the_browsable_api(consumer):
    client = APIClient()
    client.force_login(consumer)
    response = client.get("/api/claims/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_session_post_without_csrf_token_is_refused(reviewer, story):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post(f"/api/claims/{story['budget_a'].pk}/verdicts/", {"verdict": "verified", "note": "matches the minutes"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_consumer_cannot_give_a_verdict(api, story):
    response = api.post(f"/api/claims/{story['budget_a'].pk}/verdicts/", {"verdict": "verified", "note": "matches the minutes"}, format="json")
    assert response.status_code == 403
    assert "claims.add_review" in response.json()["detail"]


def test_fact_checker_cannot_give_a_verdict(fact_checker_api, story):
    response = fact_checker_api.post(f"/api/groups/{story['group'].pk}/verdicts/", {"verdict": "verified", "note": "matches the minutes"}, format="json")
    assert response.status_code == 403


def test_reviewer_cannot_submit_an_article(reviewer_api):
    response = reviewer_api.post("/api/articles/", {"text": "The council met.", "outlet": "Courier"}, format="json")
    assert response.status_code == 403
    assert "claims.add_article" in response.json()["detail"]


def test_anonymous_post_gets_401_not_403(story):
    response = APIClient().post(f"/api/claims/{story['budget_a'].pk}/verdicts/", {"verdict": "verified", "note": "matches the minutes"}, format="json")
    assert response.status_code == 401


def test_schema_and_docs_are_public():
    client = APIClient()
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


@pytest.fixture
def window_start(monkeypatch):
    """The throttles' clock stopped 1 s into a fresh window (budgets count per clock window),
    with no counters left from other tests."""
    from django.core.cache import cache

    from claims.api.throttling import _FixedWindow

    cache.clear()
    monkeypatch.setattr(_FixedWindow, "timer", staticmethod(lambda: 1_800_000_001.0))


def test_requests_beyond_the_rate_get_429_with_retry_after(api, window_start):
    with _rates(consumer="2/minute"):
        assert api.get("/api/claims/").status_code == 200
        assert api.get("/api/quotes/").status_code == 200
        response = api.get("/api/claims/")
    assert response.status_code == 429
    assert response["Retry-After"] == "59"  # the minute's window ends 59 s later
    assert response.json()["code"] == "throttled"


def test_throttle_budget_is_per_token(api, window_start):
    other = token_client(make_user("consumer", "second-consumer"))
    with _rates(consumer="1/minute"):
        assert api.get("/api/claims/").status_code == 200
        assert api.get("/api/claims/").status_code == 429
        assert other.get("/api/claims/").status_code == 200


def test_writes_have_their_own_smaller_budget(reviewer_api, story, window_start):
    with _rates(submit="1/minute"):
        url = f"/api/claims/{story['budget_a'].pk}/verdicts/"
        assert reviewer_api.post(url, {"verdict": "verified", "note": "matches the minutes"}, format="json").status_code == 201
        assert reviewer_api.post(url, {"verdict": "rejected", "note": "the minutes say otherwise"}, format="json").status_code == 429
        assert reviewer_api.get("/api/claims/").status_code == 200


def test_the_next_window_brings_a_new_budget(api, window_start, monkeypatch):
    from claims.api.throttling import _FixedWindow

    with _rates(consumer="1/minute"):
        assert api.get("/api/claims/").status_code == 200
        assert api.get("/api/claims/").status_code == 429
        monkeypatch.setattr(_FixedWindow, "timer", staticmethod(lambda: 1_800_000_060.0))
        assert api.get("/api/claims/").status_code == 200


def test_a_cache_that_is_down_still_holds_the_budget_in_the_process(api, window_start):
    # Letting everything through while Redis is down would lift every budget for whoever
    # can make Redis slow or full: the process counts on its own meanwhile.
    from factcheck import budget

    budget._local.clear()
    down = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                        "OPTIONS": {"socket_connect_timeout": 0.2}}}
    with _rates(consumer="2/minute"), override_settings(CACHES=down):
        responses = [api.get("/api/claims/").status_code for _ in range(3)]
    assert responses == [200, 200, 429]


# The token's user and permissions come in one query (claims.api.authentication); these hold
# it to what Django's own permission checks would answer, from the next call on.


def _roles():
    from django.core.management import call_command

    call_command("setup_roles", verbosity=0)
    from django.contrib.auth.models import Group

    return {group.name: group for group in Group.objects.all()}


def test_a_role_held_through_a_group_counts_and_taking_it_away_counts_at_once(story):
    roles = _roles()
    user = get_user_model().objects.create_user("grouped")
    client = token_client(user)
    assert client.get("/api/claims/").status_code == 403
    user.groups.add(roles["api-consumers"])
    assert client.get("/api/claims/").status_code == 200
    verdict = f"/api/claims/{story['budget_a'].pk}/verdicts/"
    assert client.post(verdict, {"verdict": "verified", "note": "matches the minutes"}, format="json").status_code == 403
    user.groups.add(roles["reviewers"])  # reviewers also read: one permission held through two groups
    assert client.post(verdict, {"verdict": "verified", "note": "matches the minutes"}, format="json").status_code == 201
    user.groups.clear()
    assert client.get("/api/claims/").status_code == 403


def test_a_permission_taken_from_the_role_itself_counts_at_once(story):
    roles = _roles()
    user = get_user_model().objects.create_user("grouped")
    user.groups.add(roles["api-consumers"])
    client = token_client(user)
    assert client.get("/api/claims/").status_code == 200
    roles["api-consumers"].permissions.remove(Permission.objects.get(content_type__app_label="claims", codename="view_claim"))
    assert client.get("/api/claims/").status_code == 403


def test_a_superuser_token_may_do_everything(story):
    admin = get_user_model().objects.create_superuser("boss", password="a-long-test-password-1")
    client = token_client(admin)
    assert client.get("/api/claims/").status_code == 200
    response = client.post(f"/api/claims/{story['budget_a'].pk}/verdicts/", {"verdict": "verified", "note": "matches the minutes"}, format="json")
    assert response.status_code == 201
    assert response.json()["reviewer"] == "boss"
