"""Fuzzing the inputs that reach SQL without a form in between, plus the admin's URLs:
generated cursors, filter values and admin addresses must never give a 500.

Each case reports every failing input it finds (hypothesis shrinks it to the smallest).
"""
from __future__ import annotations

import base64
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.api.filters import ArticleFilter, ClaimFilter, GroupFilter, QuoteFilter, SpeakerFilter

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))

# Text as a client may send it: any character (NUL, surrogate-free), numbers in odd forms.
ODD_TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=40),
    st.sampled_from(["0", "-1", "1e999999", "NaN", "-Infinity", "9" * 40, "0x1f", "1.5", "2024-02-30",
                     "2024-03-01T25:00:00Z", "\x00", "%00", "'; DROP TABLE claims_claim; --", "true", " "]),
)


def _cursor(position: str, offset: str, reverse: str) -> str:
    return base64.b64encode(urlencode({"p": position, "o": offset, "r": reverse}).encode()).decode()


@FUZZ
@given(position=ODD_TEXT, offset=ODD_TEXT, reverse=ODD_TEXT,
       ordering=st.sampled_from(["", "id", "-id", "value", "-value", "updated_at", "-updated_at"]),
       path=st.sampled_from(["/api/claims/", "/api/quotes/"]))
def test_generated_cursors_never_give_a_500(api, story, position, offset, reverse, ordering, path):
    if "value" in ordering and path == "/api/quotes/":
        ordering = "id"
    query = {"cursor": _cursor(position, offset, reverse), **({"ordering": ordering} if ordering else {})}
    response = api.get(path, query)
    assert response.status_code in {200, 400}, (query, response.content[:300])


@FUZZ
@given(raw=st.one_of(st.text(max_size=60), st.binary(max_size=60).map(lambda b: base64.b64encode(b).decode())))
def test_raw_cursor_text_never_gives_a_500(api, story, raw):
    response = api.get("/api/claims/", {"cursor": raw})
    assert response.status_code in {200, 400}, (raw, response.content[:300])


LISTS = {"/api/claims/": ClaimFilter, "/api/quotes/": QuoteFilter, "/api/groups/": GroupFilter,
         "/api/speakers/": SpeakerFilter, "/api/articles/": ArticleFilter, "/api/claims/export.csv": ClaimFilter}


@FUZZ
@given(data=st.data(), path=st.sampled_from(sorted(LISTS)))
def test_generated_filter_values_never_give_a_500(api, story, data, path):
    names = sorted(LISTS[path].base_filters) + ["ordering", "page", "page_size"]
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
    query = {name: data.draw(ODD_TEXT) for name in chosen}
    response = api.get(path, query)
    assert response.status_code in {200, 400, 404}, (path, query, response.content[:300])  # 404: a page past the end


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("fuzz", password="a-long-admin-password-1"))
    return client


def _admin_paths() -> list[tuple[str, object]]:
    return [(f"/admin/{model._meta.app_label}/{model._meta.model_name}/", model_admin)
            for model, model_admin in admin.site._registry.items() if model._meta.app_label == "claims"]


@FUZZ
@given(data=st.data(), target=st.sampled_from(_admin_paths()))
def test_generated_admin_list_queries_never_give_a_500(admin_client, story, data, target):
    base, model_admin = target
    names = ["q", "o", "p", "e", "all", "_to_field", "_popup"]
    for spec in model_admin.list_filter:
        if isinstance(spec, type):  # a SimpleListFilter class: its own parameter
            names.append(spec.parameter_name)
            continue
        field = spec if isinstance(spec, str) else spec[0]
        names += [field, f"{field}__exact", f"{field}__id__exact", f"{field}__isnull"]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    query = "&".join(f"{quote(name)}={quote(data.draw(ODD_TEXT), safe='')}" for name in chosen)
    response = admin_client.get(f"{base}?{query}")
    assert response.status_code < 500, (base, query, response.content[:300])


@FUZZ
@given(data=st.data(), target=st.sampled_from(_admin_paths()),
       page=st.sampled_from(["change/", "history/", "delete/", "verdict/", ""]))
def test_generated_admin_object_addresses_never_give_a_500(admin_client, story, data, target, page):
    base, _ = target
    object_id = data.draw(st.one_of(ODD_TEXT.filter(lambda t: t and "/" not in t), st.integers(-5, 10**20).map(str)))
    response = admin_client.get(f"{base}{quote(object_id, safe='')}/{page}")
    assert response.status_code < 500, (base, object_id, page, response.content[:300])
    if page == "verdict/":
        response = admin_client.post(f"{base}{quote(object_id, safe='')}/{page}", {"verdict": "verified"})
        assert response.status_code < 500, (base, object_id, response.content[:300])


@FUZZ
@given(data=st.data(), target=st.sampled_from(_admin_paths()))
def test_generated_admin_actions_never_give_a_500(admin_client, story, data, target):
    base, model_admin = target
    request = RequestFactory().get(base)
    request.user = get_user_model()(is_superuser=True, is_staff=True)
    actions = sorted(model_admin.get_actions(request)) or ["nope"]
    selected = data.draw(st.lists(st.one_of(ODD_TEXT, st.integers(-5, 10**20).map(str)), min_size=1, max_size=3))
    response = admin_client.post(base, {"action": data.draw(st.sampled_from([*actions, "nope"])),
                                        "_selected_action": selected, "index": "0"})
    assert response.status_code < 500, (base, selected, response.content[:300])
