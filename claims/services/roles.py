"""The three roles people work in, as Django groups with permissions.

Permissions are checked by codename everywhere (admin and API), so a role is only a named
bundle of them and an installation may change what each role holds through the admin.
"""
from __future__ import annotations

from django.apps import apps
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
