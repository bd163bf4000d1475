import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command


@pytest.fixture
def roles(db):
    call_command("setup_roles", stdout=io.StringIO())


def _user(name: str, role: str):
    user = get_user_model().objects.create_user(name, password="a-long-test-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def reviewer(roles):
    return _user("rev", "reviewers")


@pytest.fixture
def fact_checker(roles):
    return _user("fc", "fact-checkers")


@pytest.fixture
def consumer(roles):
    return _user("api", "api-consumers")


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def fact_checker_client(client, fact_checker):
    client.force_login(fact_checker)
    return client


@pytest.fixture(autouse=True)
def _fresh_dashboard_counts():
    """The dashboard keeps its counts a minute in the cache: each test counts afresh."""
    from django.core.cache import cache

    from claims.selectors import DASHBOARD_KEY

    cache.delete(DASHBOARD_KEY)
    yield
    cache.delete(DASHBOARD_KEY)
