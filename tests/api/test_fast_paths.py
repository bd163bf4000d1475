"""FACTCHECK_API_FAST_PATHS=false serializes the plain DRF way, and gives the same JSON."""
from __future__ import annotations

import pytest

from claims.api.serializers import ShapedSerializer
from claims.models import Claim, Quote, ReviewStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def shaped_calls(monkeypatch):
    """How many times a serializer answered from its shape rather than field by field."""
    calls = []
    represent = ShapedSerializer.represent

    def spy(self, request, instance):
        calls.append(type(self).__name__)
        return represent(self, request, instance)

    monkeypatch.setattr(ShapedSerializer, "represent", spy)
    return calls


def _pages(api, story) -> dict[str, bytes]:
    paths = [
        "/api/claims/?page_size=500", f"/api/claims/{story['budget_b'].pk}/", f"/api/claims/{story['jobless'].pk}/",
        "/api/groups/", f"/api/groups/{story['group'].pk}/", "/api/quotes/", f"/api/quotes/{story['quote'].pk}/",
    ]
    pages = {}
    for path in paths:
        response = api.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content
    return pages


def test_lists_and_details_are_the_same_json_with_the_fast_paths_off(api, story, settings, shaped_calls):
    Claim.objects.filter(pk=story["budget_b"].pk).update(quote=story["quote"], review_status=ReviewStatus.VERIFIED)
    Quote.objects.filter(pk=story["quote"].pk).update(group=story["group"])
    settings.FACTCHECK_API_FAST_PATHS = True
    fast = _pages(api, story)
    assert len(shaped_calls) >= 5  # the details and the group and quote lists
    shaped_calls.clear()
    settings.FACTCHECK_API_FAST_PATHS = False
    plain = _pages(api, story)
    assert shaped_calls == []
    assert len(plain) == 7
    for path, body in plain.items():
        assert body == fast[path], path
    assert b'"verified":true' in plain["/api/claims/?page_size=500"]
