"""python manage.py requeue [--outdated] [--inline]"""
from django.core.management.base import BaseCommand

from claims.services import articles_requeue, articles_requeue_fetches


class Command(BaseCommand):
    help = "Queue extraction for articles left pending or stuck extracting (the sweeper, run by hand)."

    def add_arguments(self, parser):
        parser.add_argument("--outdated", action="store_true", help="also re-extract articles from an older extractor")
        parser.add_argument("--inline", action="store_true", help="extract here and now instead of queueing")

    def handle(self, *args, outdated: bool, inline: bool, **options):
        count = articles_requeue(outdated=outdated, inline=inline)
        if not count:
            self.stdout.write("every article is extracted: nothing to do")
        else:
            verb = "extracted" if inline else "queued for extraction"
            self.stdout.write(f"{count} article{'s' if count != 1 else ''} {verb}")
        # Submitted URLs whose fetch task was lost (with --inline too: run inline, they are fetched here).
        fetches = articles_requeue_fetches()
        if fetches:
            self.stdout.write(f"{fetches} submitted URL(s) queued for fetching")
