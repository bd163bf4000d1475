"""python manage.py create_token USERNAME [--create] [--rotate | --revoke]

API tokens are Django REST framework tokens (one per user), also listed, created and
deleted in the admin under "Auth Token > Tokens".
"""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from claims.services.roles import API_CONSUMERS, user_add


class Command(BaseCommand):
    help = (
        "Print a user's API token, creating it if needed; --create first adds a new API consumer of that name; "
        "--rotate replaces the token, --revoke deletes it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--create", action="store_true",
            help=f"add the user in the {API_CONSUMERS} role if there is no such user (no password: the token only)",
        )
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--rotate", action="store_true", help="replace the token: the old one stops working")
        action.add_argument("--revoke", action="store_true", help="delete the token: the API refuses it from now on")

    def handle(self, *args, username: str, create: bool, rotate: bool, revoke: bool, **options):
        user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}).first()
        if user is None and create and not revoke:
            user = user_add(username=username, role=API_CONSUMERS).user
            self.stderr.write(f"added {username} as an API consumer (role {API_CONSUMERS})")
        if user is None:
            raise CommandError(
                f"no user named {username!r}: `create_token {username} --create` adds an API consumer of that name, "
                f"`add_user {username} --role reviewer` a person who signs in"
            )
        if revoke:
            deleted, _ = Token.objects.filter(user=user).delete()
            self.stdout.write(f"revoked the token of {username}" if deleted else f"{username} had no token")
            return
        if not user.is_active:
            raise CommandError(f"user {username!r} is inactive: the API would refuse its token")
        with transaction.atomic():
            if rotate:
                Token.objects.filter(user=user).delete()
            token, created = Token.objects.get_or_create(user=user)
        if not user.has_perm("claims.view_claim"):
            self.stderr.write(
                f"warning: {username} cannot read the API yet; add it to a role (e.g. the api-consumers group)"
            )
        # The key alone on stdout, so that `KEY=$(manage.py create_token bob)` works.
        self.stdout.write(token.key)
