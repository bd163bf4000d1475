import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from claims.services.roles import API_CONSUMERS, FACT_CHECKERS, REVIEWERS

pytestmark = pytest.mark.django_db


def _user_in(role: str):
    user = get_user_model().objects.create_user(f"u-{role}", password="x-long-password-1")
    user.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


def test_setup_roles_is_idempotent():
    call_command("setup_roles", stdout=io.StringIO())
    first = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    call_command("setup_roles", stdout=io.StringIO())
    second = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert first == second and set(first) == {FACT_CHECKERS, REVIEWERS, API_CONSUMERS}


def test_reviewer_may_give_verdicts_but_not_edit_claims():
    call_command("setup_roles", stdout=io.StringIO())
    user = _user_in(REVIEWERS)
    assert user.has_perm("claims.add_review") and user.has_perm("claims.view_claim")
    assert not user.has_perm("claims.change_claim") and not user.has_perm("claims.add_article")


def test_fact_checker_may_ingest_and_fix_extraction_but_not_give_verdicts():
    call_command("setup_roles", stdout=io.StringIO())
    user = _user_in(FACT_CHECKERS)
    for perm in ("add_article", "change_claim", "delete_claim", "change_speaker", "change_quote"):
        assert user.has_perm(f"claims.{perm}"), perm
    assert not user.has_perm("claims.add_review")


def test_api_consumer_only_reads():
    call_command("setup_roles", stdout=io.StringIO())
    user = _user_in(API_CONSUMERS)
    assert user.has_perm("claims.view_claim")
    assert not any(user.has_perm(f"claims.{p}") for p in ("add_review", "add_article", "change_claim"))


def test_setup_roles_restores_a_removed_permission():
    call_command("setup_roles", stdout=io.StringIO())
    group = Group.objects.get(name=REVIEWERS)
    group.permissions.remove(group.permissions.get(codename="add_review"))
    call_command("setup_roles", stdout=io.StringIO())
    assert group.permissions.filter(codename="add_review").exists()
