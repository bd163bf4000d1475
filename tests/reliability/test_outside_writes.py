"""A write made outside Django (psql, another program) retires the API's kept pages within
moments, as a write through Django does: PostgreSQL triggers notify the web process, which
listens. Real processes: granian with the page cache in a private Redis, and a plain psycopg
connection writing as psql would."""
from __future__ import annotations

import io
import json
import urllib.request

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from claims.models import ReviewStatus
from tests.factories import ClaimFactory
from tests.reliability.conftest import wait_for
from tests.workers import database_url_for

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _get(url: str, key: str) -> tuple[str, list[int]]:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {key}", "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("X-Cache"), [item["id"] for item in json.loads(response.read())["results"]]


def test_a_psql_update_is_never_served_stale(web_server, private_redis, postgres):
    claim = ClaimFactory()
    call_command("setup_roles", stdout=io.StringIO())
    user = get_user_model().objects.create_user("outside-reader")
    user.groups.add(Group.objects.get(name="api-consumers"))
    key = Token.objects.create(user=user).key
    base = web_server(CACHE_URL=private_redis.url, API_PAGE_CACHE_LISTEN="true")
    verified = f"{base}/api/claims/?verified=true"

    assert _get(verified, key) == ("miss", [])
    # The process's listener, started by the first call, retires what was kept before it
    # listened; from then on the page is kept.
    assert wait_for(lambda: _get(verified, key) == ("hit", []), timeout=5, interval=0.1)
    with psycopg.connect(database_url_for(postgres), autocommit=True) as outside:
        outside.execute("UPDATE claims_claim SET review_status = %s WHERE id = %s", [ReviewStatus.VERIFIED, claim.id])
    assert wait_for(lambda: _get(verified, key) == ("miss", [claim.id]), timeout=3, interval=0.1)
    assert _get(verified, key) == ("hit", [claim.id])


def test_every_claims_table_has_the_notify_trigger(postgres):
    with postgres.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers "
            "WHERE trigger_name = 'factcheck_data_changed'"
        )
        watched = {row[0] for row in cursor.fetchall()}
    tables = {t for t in postgres.introspection.table_names() if t.startswith("claims_") and "historical" not in t}
    assert tables and watched == tables
