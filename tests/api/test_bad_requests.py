"""Requests that used to raise a 500 (a tampered cursor, a deeply nested JSON body, a NUL in
an admin filter, a non-numeric id in an admin URL, OPTIONS on the docs) are answered as bad
requests or missing pages, the API's in its JSON error shape."""
from __future__ import annotations

import base64
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def cursor(**position: str) -> str:
    return base64.b64encode(urlencode(position).encode()).decode()


_POSITIONS = [
    ("", "abc"),
    ("", "\x00"),
    ("", "99999999999999999999999"),
    ("value", "1e999999"),
    ("value", "NaN"),
    ("value", "abc"),
    ("-value", "-Infinity"),
    ("updated_at", "yesterday"),
    ("updated_at", "2024-13-45T99:00:00"),
    ("updated_at", "\x00"),
]


@pytest.mark.parametrize(("path", "ordering", "position"), [
    (path, ordering, position) for path in ("/api/claims/", "/api/quotes/") for ordering, position in _POSITIONS
    if not (path == "/api/quotes/" and "value" in ordering)  # quotes have no value
])
def test_a_tampered_cursor_position_is_a_400(api, story, path, ordering, position):
    query = {"cursor": cursor(p=position)}
    if ordering:
        query["ordering"] = ordering
    response = api.get(path, query)
    assert response.status_code == 400, response.content[:500]
    assert response.json()["code"] == "invalid" and "cursor" in response.json()["errors"]


def test_a_valid_cursor_still_pages(api, story):
    first = api.get("/api/claims/", {"page_size": 1, "ordering": "value"}).json()
    second = api.get(first["next"])
    assert second.status_code == 200 and second.json()["results"][0]["id"] != first["results"][0]["id"]


def test_a_deeply_nested_json_body_is_a_400(fact_checker_api):
    body = "[" * 100_000 + "]" * 100_000
    response = fact_checker_api.generic("POST", "/api/articles/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_anonymous_options_on_the_docs_is_not_a_500():
    for path in ("/api/docs/", "/api/redoc/", "/api/schema/"):
        response = APIClient().options(path)
        assert response.status_code < 500, (path, response.content[:300])


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("root", password="a-long-admin-password-1"))
    return client


@pytest.mark.parametrize("target", ["claim", "quote", "claimgroup"])
def test_a_verdict_on_a_non_numeric_admin_id_is_a_404(admin_client, target):
    response = admin_client.post(f"/admin/claims/{target}/abc/verdict/", {"verdict": "verified"})
    assert response.status_code == 404


@pytest.mark.parametrize("query", [
    "kind=%00", "q=%00", "review_status=%00x", "group__suggested_state__exact=%00", "o=%00", "p=%00",
])
def test_a_nul_in_an_admin_list_query_is_a_400(admin_client, query):
    response = admin_client.get(f"/admin/claims/claim/?{query}")
    assert response.status_code == 400


def test_a_nul_in_an_api_query_is_a_json_400(api):
    response = api.get("/api/claims/?outlet=%00")
    assert response.status_code == 400 and response.json()["code"] in {"invalid", "bad_request"}


@pytest.mark.parametrize("target", ["claim", "article", "review"])
def test_the_history_of_a_non_numeric_admin_id_is_a_404(admin_client, target):
    assert admin_client.get(f"/admin/claims/{target}/abc/history/").status_code == 404


def test_an_admin_action_on_ids_that_are_not_ids_is_a_400(admin_client):
    response = admin_client.post("/admin/claims/claim/", {"action": "delete_selected", "_selected_action": ["", "x"]})
    assert response.status_code == 400
