"""Adding a person to a role is all it takes for them to sign in (or, for an API consumer,
to get a token): through the admin's Users page, `add_user`, or `create_token --create`."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-1"


def _signs_in(username: str, password: str) -> bool:
    client = Client()
    response = client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"})
    return response.status_code == 302 and client.get(reverse("admin:index")).status_code == 200


def test_a_user_put_in_reviewers_can_sign_in_without_ticking_staff(roles):
    user = get_user_model().objects.create_user("nina", password=PASSWORD)
    assert not _signs_in("nina", PASSWORD)
    user.groups.add(Group.objects.get(name="reviewers"))
    assert _signs_in("nina", PASSWORD)


def test_adding_members_from_the_group_side_lets_them_sign_in_too(roles):
    get_user_model().objects.create_user("omar", password=PASSWORD)
    Group.objects.get(name="fact-checkers").user_set.add(get_user_model().objects.get(username="omar"))
    assert get_user_model().objects.get(username="omar").is_staff


def test_leaving_every_admin_role_stops_signing_in(roles):
    user = get_user_model().objects.create_user("pia", password=PASSWORD)
    user.groups.add(Group.objects.get(name="reviewers"))
    user.groups.clear()
    assert not get_user_model().objects.get(username="pia").is_staff


def test_an_api_consumer_gets_no_admin_sign_in(roles):
    user = get_user_model().objects.create_user("quinn", password=PASSWORD)
    user.groups.add(Group.objects.get(name="api-consumers"))
    assert not _signs_in("quinn", PASSWORD)


def test_admin_adds_a_reviewer_with_the_role_on_the_add_page(admin_client, roles):
    reviewers = Group.objects.get(name="reviewers")
    page = admin_client.get(reverse("admin:auth_user_add")).content.decode()
    assert "Both sign in to this admin" in page
    response = admin_client.post(reverse("admin:auth_user_add"), {
        "username": "rosa", "usable_password": "true", "password1": PASSWORD, "password2": PASSWORD,
        "roles": [reviewers.pk],
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _signs_in("rosa", PASSWORD)
    assert get_user_model().objects.get(username="rosa").has_perm("claims.add_review")


def test_roles_decide_staff_even_when_the_form_unticks_it(admin_client, roles):
    user = get_user_model().objects.create_user("sam", password=PASSWORD)
    user.groups.add(Group.objects.get(name="reviewers"))
    data = {"username": "sam", "is_active": "on", "groups": [Group.objects.get(name="reviewers").pk],
            "date_joined_0": "2024-01-01", "date_joined_1": "10:00:00"}
    admin_client.post(reverse("admin:auth_user_change", args=[user.pk]), data)
    assert get_user_model().objects.get(username="sam").is_staff


def _add_user(*args) -> str:
    out = io.StringIO()
    call_command("add_user", *args, stdout=out)
    return out.getvalue()


def test_add_user_creates_a_reviewer_who_signs_in_with_the_printed_password(roles):
    out = _add_user("tess", "--role", "reviewer")
    password = out.split("password: ")[1].split()[0]
    assert "signs in at /admin/" in out
    assert _signs_in("tess", password)


def test_add_user_puts_an_existing_user_in_a_role_and_keeps_the_password(roles):
    get_user_model().objects.create_user("uma", password=PASSWORD)
    out = _add_user("uma", "--role", "fact-checkers")
    assert "password unchanged" in out
    assert _signs_in("uma", PASSWORD)


def test_add_user_names_the_roles_when_one_is_unknown(roles):
    with pytest.raises(CommandError, match="the roles are fact-checkers, reviewers, api-consumers"):
        _add_user("vic", "--role", "editor")


def test_add_user_refuses_a_weak_password(roles):
    with pytest.raises(CommandError, match="password refused"):
        _add_user("wes", "--role", "reviewer", "--password", "123")
    assert not get_user_model().objects.filter(username="wes").exists()


def test_someone_made_staff_by_hand_for_another_group_keeps_it(roles):
    auditors = Group.objects.create(name="auditors")
    user = get_user_model().objects.create_user("xena", password=PASSWORD, is_staff=True)
    user.groups.add(auditors)
    user.groups.add(Group.objects.get(name="api-consumers"))
    assert get_user_model().objects.get(username="xena").is_staff
