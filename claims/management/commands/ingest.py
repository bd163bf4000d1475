"""python manage.py ingest PATH... [--outlet NAME] [--url URL]"""
from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.services import IngestError, article_ingest_path, article_ingest_url

SUFFIXES = {".txt", ".html", ".htm"}


def _expand(paths: list[str]) -> list[Path]:
    """Files given, and the .txt/.html files inside folders given, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            found.append(path)  # a missing file is reported by the ingest itself
    return found


def _describe(article) -> str:
    """“Title” (outlet, date): what a person checks first, the title cut at a word."""
    from django.utils.text import Truncator

    from claims.templatetags.readable import day

    outlet = article.outlet.name if article.outlet_id else "outlet not named"
    return f"\u201c{Truncator(article.title).words(12)}\u201d ({outlet}, {day(article.published_at)})"


class Command(BaseCommand):
    help = "Ingest articles from .txt/.html files, folders, or a URL. Extraction is queued for each new one."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="files or folders (.txt, .html)")
        parser.add_argument("--outlet", default="", help="outlet name for every article of this run")
        parser.add_argument("--url", default="", help="the article's URL; fetched when no path is given")

    def handle(self, *args, paths: list[str], outlet: str, url: str, **options):
        if not paths and not url:
            raise CommandError("give at least one PATH or --url")
        files = _expand(paths)
        if url and len(files) > 1:
            raise CommandError("--url names one article; give a single file with it")
        created = duplicates = failed = 0
        show_bar = len(files) > 20 and sys.stderr.isatty()
        jobs = [(f, url) for f in files] if files else [(None, url)]
        for path, link in tqdm(jobs, disable=not show_bar, unit="article", file=sys.stderr):
            name = str(path) if path is not None else link
            try:
                if path is not None:
                    result = article_ingest_path(path=path, outlet_name=outlet, url=link)
                else:
                    result = article_ingest_url(url=link, outlet_name=outlet)
            except IngestError as exc:
                failed += 1
                self.stderr.write(f"error: {name}: {'; '.join(exc.messages)}")
                continue
            article = result.article
            if result.created:
                created += 1
                self.stdout.write(f"ingested {name} -> article {article.id} {_describe(article)}")
            else:
                duplicates += 1
                self.stdout.write(f"already stored {name} -> article {article.id} (nothing created)")
        self.stdout.write(f"{created} ingested, {duplicates} already stored, {failed} failed")
        if failed:
            raise CommandError(f"{failed} of {len(jobs)} could not be ingested", returncode=1)
