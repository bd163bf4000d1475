"""A signed-in reviewer's browser cannot be made to give a verdict by another site: the API
(with a session) and the admin's verdict form both insist on the CSRF token. Every page
also forbids framing and content sniffing."""
from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from claims.models import Review
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    call_command("setup_roles", stdout=io.StringIO())
    user = get_user_model().objects.create_user("csrf-reviewer", is_staff=True)
    user.groups.add(Group.objects.get(name="reviewers"))
    return user


@pytest.fixture
def claim():
    return ClaimFactory()


def test_an_api_verdict_from_a_session_without_the_csrf_token_is_refused(reviewer, claim):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post(f"/api/claims/{claim.id}/verdicts/", {"verdict": "verified"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Review.objects.exists()


def test_an_admin_verdict_without_the_csrf_token_is_refused(reviewer, claim):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post(f"/admin/claims/claim/{claim.id}/verdict/", {"verdict": "verified", "note": ""})
    assert response.status_code == 403
    assert not Review.objects.exists()


@pytest.mark.parametrize("path", ["/admin/login/", "/api/docs/", "/api/"])
def test_pages_forbid_framing_and_sniffing(client, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
