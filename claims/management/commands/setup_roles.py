"""Create the role groups (fact-checkers, reviewers, api-consumers). Safe to run again."""
from __future__ import annotations

from django.core.management.base import BaseCommand

from claims.services.roles import roles_setup


class Command(BaseCommand):
    help = "Create or update the Django groups fact-checkers, reviewers and api-consumers with their permissions."

    def handle(self, *args, **options):
        counts = roles_setup()
        self.stdout.write("roles ready: " + ", ".join(f"{name} ({n} permissions)" for name, n in counts.items()))
