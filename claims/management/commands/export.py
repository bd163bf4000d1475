"""python manage.py export [--filter NAME=VALUE ...] [--output FILE]

Writes claims as CSV, with the same columns as the API's /api/claims/export.csv and the
same filters as the claim list (`--filter verified=true --filter kind=money`), streamed so
that any number of rows fits in constant memory.
"""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from claims.api.export import claim_csv_lines
from claims.api.filters import ClaimFilter
from claims.models import Claim


class Command(BaseCommand):
    help = "Export claims as CSV (the API's filters and columns); to stdout or --output FILE."

    def add_arguments(self, parser):
        names = ", ".join(ClaimFilter.base_filters)
        parser.add_argument(
            "--filter", "-f", action="append", default=[], metavar="NAME=VALUE",
            help=f"a claim-list filter, repeatable; one of: {names}",
        )
        parser.add_argument("--output", "-o", default="-", help="file to write (default: stdout)")

    def handle(self, *args, filter: list[str], output: str, **options):
        params = QueryDict(mutable=True)
        for item in filter:
            name, sep, value = item.partition("=")
            if not sep or name not in ClaimFilter.base_filters:
                raise CommandError(f"bad --filter {item!r}: use NAME=VALUE with NAME one of {', '.join(ClaimFilter.base_filters)}")
            params.appendlist(name, value)
        filterset = ClaimFilter(params, queryset=Claim.objects.order_by("id"))
        if not filterset.is_valid():
            problems = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in filterset.errors.items())
            raise CommandError(f"invalid filter: {problems}")
        lines = claim_csv_lines(filterset.qs)
        if output == "-":
            for line in lines:
                self.stdout.write(line, ending="")
            return
        rows = -1  # the header
        with open(output, "w", encoding="utf-8", newline="") as out:
            for line in lines:
                out.write(line)
                rows += 1
        self.stderr.write(f"{rows} claims written to {output}")
