"""python manage.py add_user NAME --role reviewer [--email E] [--password P]"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.services.roles import ADMIN_ROLES, ROLES, user_add


class Command(BaseCommand):
    help = (
        "Add a person in a role (fact-checkers, reviewers, api-consumers), creating the account if needed. "
        "Fact-checkers and reviewers can then sign in to the admin; a new one gets a random password, printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=f"one of {', '.join(ROLES)} (singular is fine: reviewer)")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", default="", help="instead of a random one (it is checked for strength)")

    def handle(self, *args, username: str, role: str, email: str, password: str, **options):
        try:
            added = user_add(username=username, role=role, email=email, password=password)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            raise CommandError("password refused: " + " ".join(exc.messages)) from None
        name = added.user.get_username()
        if not added.created:
            self.stdout.write(f"{name} is in {added.role} (existing account; password unchanged)")
        elif added.password:
            self.stdout.write(f"added {name} to {added.role}; password: {added.password}")
        else:
            self.stdout.write(f"added {name} to {added.role}")
        if added.role in ADMIN_ROLES:
            self.stdout.write(f"{name} signs in at /admin/ (and may change the password at /admin/password_change/)")
        else:
            self.stdout.write(f"{name} reads the API with a token: python manage.py create_token {name}")
