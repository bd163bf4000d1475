"""manage.py create_token: print, rotate and revoke a user's API token."""
import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api.conftest import make_user

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("create_token", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_prints_a_working_token_and_the_same_one_again(consumer):
    key = _run("consumer")
    assert _client(key).get("/api/claims/").status_code == 200
    assert _run("consumer") == key


def test_rotate_replaces_the_token(consumer):
    old = _run("consumer")
    new = _run("consumer", "--rotate")
    assert new != old
    assert _client(old).get("/api/claims/").status_code == 401
    assert _client(new).get("/api/claims/").status_code == 200


def test_revoke_deletes_the_token(consumer):
    key = _run("consumer")
    assert "revoked" in _run("consumer", "--revoke")
    assert not Token.objects.filter(user=consumer).exists()
    assert _client(key).get("/api/claims/").status_code == 401


def test_unknown_user_is_an_error(db):
    with pytest.raises(CommandError, match="no user named 'ghost'"):
        _run("ghost")


def test_warns_when_the_user_cannot_read_the_api(db):
    make_user("nobody")
    err = io.StringIO()
    call_command("create_token", "nobody", stdout=io.StringIO(), stderr=err)
    assert "cannot read the API" in err.getvalue()


def test_inactive_user_gets_no_token(consumer):
    consumer.is_active = False
    consumer.save()
    with pytest.raises(CommandError, match="inactive"):
        _run("consumer")


def test_unknown_user_error_says_how_to_create_one(db):
    with pytest.raises(CommandError, match="--create"):
        _run("ghost")


def test_create_adds_an_api_consumer_whose_token_reads_the_api(db):
    key = _run("newsapp", "--create")
    assert _client(key).get("/api/claims/").status_code == 200
    user = Token.objects.get(key=key).user
    assert [g.name for g in user.groups.all()] == ["api-consumers"] and not user.has_usable_password()
    assert not user.is_staff


def test_create_on_an_existing_user_prints_their_token(consumer):
    assert _run("consumer", "--create") == _run("consumer")
