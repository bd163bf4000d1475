"""The three roles people work in, as Django groups with permissions.

Permissions are checked by codename everywhere (admin and API), so a role is only a named
bundle of them and an installation may change what each role holds through the admin.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

FACT_CHECKERS = "fact-checkers"
REVIEWERS = "reviewers"
API_CONSUMERS = "api-consumers"

_MODELS = ["outlet", "article", "speaker", "speakeralias", "quote", "claim", "claimgroup", "review"]
_VIEW_ALL = [f"view_{m}" for m in _MODELS]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # Ingest stories and fix what extraction got wrong: a speaker, a value, a false claim.
    FACT_CHECKERS: _VIEW_ALL
    + [
        "add_article",
        # Fix an article's title, outlet, address or publication date.
        "change_article",
        "add_outlet",
        "change_claim",
        "delete_claim",
        "change_quote",
        "delete_quote",
        "add_speaker",
        "change_speaker",
        "add_speakeralias",
        "change_speakeralias",
        "delete_speakeralias",
    ],
    # Give verdicts (a Review row) on claims, quotes and groups.
    REVIEWERS: _VIEW_ALL + ["add_review", "change_claimgroup"],
    API_CONSUMERS: _VIEW_ALL,
}


def roles_setup() -> dict[str, int]:
    """Create or update the role groups so each holds exactly its permissions. Idempotent.

    Returns {group name: number of permissions}.
    """
    # Permissions are created by post_migrate; make sure they exist even when this runs
    # in the same process as a fresh migrate.
    create_permissions(apps.get_app_config("claims"), verbosity=0)
    found = {p.codename: p for p in Permission.objects.filter(content_type__app_label="claims")}
    counts = {}
    with transaction.atomic():
        for name, codenames in ROLE_PERMISSIONS.items():
            missing = sorted(set(codenames) - set(found))
            if missing:
                raise RuntimeError(f"permissions missing for role {name}: {', '.join(missing)} (run migrate first)")
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.set([found[c] for c in codenames])
            counts[name] = len(codenames)
    return counts


# The roles that work in the admin. Their members may sign in to it (Django's is_staff):
# adding someone to one of them is all it takes, wherever it is done (the admin's user page,
# `manage.py add_user`, a shell). API consumers read through the API with a token only.
ADMIN_ROLES = (FACT_CHECKERS, REVIEWERS)
ROLES = (FACT_CHECKERS, REVIEWERS, API_CONSUMERS)


def role_named(name: str) -> str:
    """The role a person means: "reviewer", "Reviewers", "fact-checker", "api-consumer"...

    Raises ValueError naming the roles there are.
    """
    wanted = name.strip().lower().replace("_", "-").replace(" ", "-")
    for role in ROLES:
        if wanted in (role, role.removesuffix("s")):
            return role
    raise ValueError(f"no role {name!r}: the roles are {', '.join(ROLES)}")


def user_staff_sync(*, user) -> bool:
    """Let a member of an admin role sign in to the admin, and stop letting someone whose
    only roles are none of those (an API consumer, or nobody any more). Someone made staff by
    hand for another reason (permissions of their own, a group an installation added) keeps
    it, and a superuser is left alone.

    Returns the user's is_staff after the change."""
    if user.is_superuser:
        return user.is_staff
    in_role = user.groups.filter(name__in=ADMIN_ROLES).exists()
    kept_by_hand = user.is_staff and (
        user.user_permissions.exists() or user.groups.exclude(name__in=ROLES).exists()
    )
    wanted = in_role or kept_by_hand
    if wanted != user.is_staff:
        type(user).objects.filter(pk=user.pk).update(is_staff=wanted)
        user.is_staff = wanted
    return wanted


@dataclass(frozen=True)
class UserAdded:
    user: object
    role: str
    created: bool
    password: str  # the new password, to hand over once; "" when none was set


def user_add(*, username: str, role: str, email: str = "", password: str = "") -> UserAdded:
    """Put a person in a role, creating their account if it does not exist.

    A new account in an admin role gets the password given, or a random one to hand over
    (they change it at /admin/password_change/); a new API consumer gets none (they use a
    token). An existing account keeps its password. Raises ValueError for an unknown role
    and django.core.exceptions.ValidationError for a weak password.
    """
    role = role_named(role)
    username = username.strip()
    if not username:
        raise ValueError("a user needs a name")
    User = get_user_model()
    if not Group.objects.filter(name=role).exists():
        roles_setup()
    with transaction.atomic():
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        created = user is None
        given = ""
        if created:
            user = User(**{User.USERNAME_FIELD: username}, email=email)
            if password or role in ADMIN_ROLES:
                given = password or secrets.token_urlsafe(12)
                password_validation.validate_password(given, user)
                user.set_password(given)
            else:
                user.set_unusable_password()
            user.save()
        elif email and not user.email:
            user.email = email
            user.save(update_fields=["email"])
        user.groups.add(Group.objects.get(name=role))
        user.refresh_from_db()
    return UserAdded(user=user, role=role, created=created, password=given)
