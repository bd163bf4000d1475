"""Match every stored claim, quote and event report again, keeping reviewers' verdicts."""
from __future__ import annotations

from django.core.management.base import BaseCommand

from claims.services.groups import groups_rebuild


class Command(BaseCommand):
    help = "Rebuild the cross-source groups (ClaimGroup) from all stored claims, quotes and articles."

    def handle(self, *args, **options):
        s = groups_rebuild()
        self.stdout.write(
            f"{s.groups} groups ({s.conflicting} conflicting): {s.created} created, {s.updated} updated, "
            f"{s.deleted} deleted, {s.kept_for_reviews} kept empty because reviewed"
        )
