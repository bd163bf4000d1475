"""Sign-in pages (the admin's and the browsable API's) lock out after repeated failures,
say so and log it; a sign-in whose `next` points off the site lands on a real page."""
from __future__ import annotations

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from factcheck import budget

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-sign-in-password-1"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    budget._local.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("ada", password=PASSWORD, is_staff=True, is_superuser=True)


def _admin_sign_in(client, password: str, address: str = "203.0.113.7"):
    return client.post("/admin/login/?next=/admin/", {"username": "ada", "password": password},
                       REMOTE_ADDR=address)


def test_the_admin_locks_an_account_out_after_five_failures_right_password_included(client, staff, caplog):
    caplog.set_level(logging.WARNING, logger="factcheck.signin")
    answers = [_admin_sign_in(client, f"wrong-{n}") for n in range(5)]
    assert all(a.status_code == 200 and "correct username and password" in a.content.decode() for a in answers)
    locked = _admin_sign_in(client, PASSWORD)
    assert locked.status_code == 200
    assert "Too many failed sign-ins from here. Try again in 15 minute(s)." in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert any("locked out: account 'ada' from 203.0.113.7" in r.getMessage() for r in caplog.records)
    assert sum("sign-in failed: account 'ada'" in r.getMessage() for r in caplog.records) == 5


def test_the_lockout_is_per_address_so_the_owner_elsewhere_still_signs_in(client, staff):
    for n in range(5):
        _admin_sign_in(client, f"wrong-{n}")
    response = _admin_sign_in(client, PASSWORD, address="198.51.100.2")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_one_address_trying_many_accounts_is_locked_out(client, staff, settings):
    settings.FACTCHECK_SIGNIN_FAILURES_PER_ADDRESS = 8
    for n in range(8):
        client.post("/admin/login/", {"username": f"user{n}", "password": "guess"}, REMOTE_ADDR="203.0.113.9")
    response = client.post("/admin/login/?next=/admin/", {"username": "ada", "password": PASSWORD},
                           REMOTE_ADDR="203.0.113.9")
    assert "Too many failed sign-ins" in response.content.decode()


def test_the_lockout_lapses_after_its_time(client, staff, settings):
    import time

    settings.FACTCHECK_SIGNIN_LOCKOUT_SECONDS = 2
    for n in range(5):
        _admin_sign_in(client, f"wrong-{n}")
    assert "Too many failed" in _admin_sign_in(client, PASSWORD).content.decode()
    time.sleep(2.2)
    assert _admin_sign_in(client, PASSWORD).status_code == 302


def test_the_browsable_api_sign_in_locks_out_too(client, staff):
    for n in range(5):
        client.post("/api/auth/login/", {"username": "ada", "password": f"wrong-{n}"}, REMOTE_ADDR="203.0.113.7")
    response = client.post("/api/auth/login/", {"username": "ada", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7")
    assert "Too many failed sign-ins" in response.content.decode()


def test_the_lockout_holds_with_the_cache_down(client, staff, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0", "OPTIONS": {"socket_connect_timeout": 0.2}}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    for n in range(5):
        _admin_sign_in(client, f"wrong-{n}")
    assert "Too many failed" in _admin_sign_in(client, PASSWORD).content.decode()


@pytest.mark.parametrize("login", ["/admin/login/", "/api/auth/login/"])
def test_a_foreign_next_lands_on_a_page_that_exists(client, staff, login):
    response = client.post(f"{login}?next=https://evil.example/steal", {"username": "ada", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] in {"/admin/", "/api/"}
    assert client.get(response["Location"]).status_code == 200
