"""python manage.py extract PATH...  |  python manage.py extract --jsonl < lines.jsonl

Runs extraction and prints JSON, one object per line; touches no database.

PATH mode cleans each file as ingest does (same decoding, HTML extraction and furniture
removal) and prints {"path", "title", "published", "body", "quotes", "claims"}, offsets
pointing into that cleaned "body"; a file that cannot be read prints {"path", "error"}.

--jsonl mode reads {"id", "text"} lines (an optional "published": "YYYY-MM-DD" resolves
relative dates) and takes "text" as the body as it is. Each line gives one line:
{"id", "quotes": [...], "claims": [...]}, or {"id", "error"} for a bad line, and the
next lines go on. Tools outside the project rely on this shape: keep it stable.

Values: a claim's "value" is a string holding the exact decimal ("45000000000", "1.5"),
never a float, or null when there is none. For dates it is the resolved date in ISO form,
as precise as the text ("2022-02-24", "2023-02" for a month, "2022" for a year; a week
gives its Monday), or null when a relative date ("on Friday") cannot be resolved for
want of a publication date. Offsets are Python string offsets, end exclusive.

Beside them (added later; older keys keep their meaning): "qualifier"; "value_end" and
"date_end" for ranges; "date_precision" (day/week/month/year) and "date_anchor" (text,
publication, unresolved) for dates; "base_value"/"base_unit", the value converted for
comparison ("10 miles" -> "16093.44" "meter"); "notes" on how an ambiguous unit or
currency was decided; "confidence" (0..1).
"""
from __future__ import annotations

import json
import sys
from datetime import date
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.extraction.types import ClaimResult, Extraction, QuoteResult, Span

LINES_PER_BATCH = 64


def _span(span: Span | None) -> dict | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def _value(claim: ClaimResult) -> str | None:
    if claim.kind == "date":
        day = claim.date_value
        if day is None:
            return None
        return {"month": f"{day:%Y-%m}", "year": f"{day:%Y}"}.get(claim.unit, day.isoformat())
    return None if claim.value is None else format(claim.value, "f")


def quote_json(quote: QuoteResult) -> dict:
    return {
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "speaker": quote.speaker.name if quote.speaker else None,
        "speaker_mention": _span(quote.speaker_mention),
        "cue": _span(quote.cue),
        "confidence": round(float(quote.confidence), 3),
    }


def _decimal(value) -> str | None:
    return None if value is None else format(value, "f")


def claim_json(claim: ClaimResult) -> dict:
    end = claim.date_end
    return {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "value": _value(claim),
        "unit": claim.unit,
        "subject": claim.subject,
        "sentence": claim.sentence,
        "speaker": claim.speaker.name if claim.speaker else None,
        "qualifier": claim.qualifier,
        "value_end": _decimal(claim.value_end),
        "date_end": None if end is None else {"month": f"{end:%Y-%m}", "year": f"{end:%Y}"}.get(claim.unit, end.isoformat()),
        "date_precision": claim.date_precision or None,
        "date_anchor": claim.date_anchor or None,
        "base_value": _decimal(claim.base_value),
        "base_unit": claim.base_unit or None,
        "notes": list(claim.notes),
        "confidence": round(float(claim.confidence), 3),
    }


def extraction_json(result: Extraction) -> dict:
    return {"quotes": [quote_json(q) for q in result.quotes], "claims": [claim_json(c) for c in result.claims]}


def _parse_line(line: str) -> tuple[object, str, date | None]:
    """(id, text, published) of one input line; raises ValueError naming what is wrong."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(item, dict):
        raise ValueError('each line must be a JSON object with "id" and "text"')
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" must be a string' if "text" in item else 'missing "text"')
    published = item.get("published")
    if published is not None:
        try:
            published = date.fromisoformat(str(published)[:10])
        except ValueError:
            raise ValueError('"published" must be a date, YYYY-MM-DD') from None
    return item.get("id"), text, published


def _line_id(line: str) -> object:
    try:
        item = json.loads(line)
    except json.JSONDecodeError:
        return None
    return item.get("id") if isinstance(item, dict) else None


class Command(BaseCommand):
    help = "Print the quotes and numeric claims of articles as JSON lines (no database is used)."
    # Extraction must run where no database is configured or migrated.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="article files (.txt or .html)")
        parser.add_argument("--jsonl", action="store_true", help='read {"id", "text"} lines on stdin')
        parser.add_argument("--batch-size", type=int, default=16, help="texts per nlp.pipe batch")

    def handle(self, *args, paths: list[str], jsonl: bool, batch_size: int, **options):
        from claims.extraction.nlp import load_pipeline

        if jsonl == bool(paths):
            raise CommandError("give PATH... or --jsonl (reading stdin), not both and not neither")
        try:
            nlp = load_pipeline(settings.FACTCHECK_SPACY_MODEL)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from None
        if jsonl:
            self._jsonl(nlp, batch_size)
        else:
            self._paths(nlp, paths, batch_size)

    def _write(self, obj: dict) -> None:
        self.stdout.write(json.dumps(obj, ensure_ascii=False))
        self.stdout.flush()

    def _paths(self, nlp, paths: list[str], batch_size: int) -> None:
        from claims.extraction.pipeline import ExtractionError, extract_many
        from claims.services.article_text import article_clean, decode_article_bytes
        from claims.services.errors import IngestError

        failed = 0
        docs = []
        for raw in paths:
            path = Path(raw)
            try:
                text = decode_article_bytes(path.read_bytes())
                cleaned = article_clean(text=text, html=True if path.suffix.lower() in {".html", ".htm"} else None)
            except OSError as exc:
                failed += 1
                self._write({"path": raw, "error": f"cannot read: {exc.strerror}"})
                continue
            except IngestError as exc:
                failed += 1
                self._write({"path": raw, "error": "; ".join(exc.messages)})
                continue
            docs.append((raw, cleaned))
        items = [(c.body, c.published_at.date() if c.published_at else None) for _, c in docs]
        results = extract_many(items, nlp=nlp, batch_size=batch_size, errors=True)
        for (raw, cleaned), result in zip(docs, results, strict=True):
            if isinstance(result, ExtractionError):
                failed += 1
                self._write({"path": raw, "error": str(result)})
                continue
            published = cleaned.published_at.date().isoformat() if cleaned.published_at else None
            self._write(
                {"path": raw, "title": cleaned.title, "published": published, "body": cleaned.body}
                | extraction_json(result)
            )
        if failed:
            raise CommandError(f"{failed} of {len(paths)} could not be extracted", returncode=1)

    def _jsonl(self, nlp, batch_size: int) -> None:
        from claims.extraction.pipeline import ExtractionError, extract_many

        lines = (line for line in sys.stdin if line.strip())
        while batch := list(islice(lines, LINES_PER_BATCH)):
            parsed: list[tuple[object, str, date | None] | dict] = []
            for line in batch:
                try:
                    parsed.append(_parse_line(line))
                except ValueError as exc:
                    parsed.append({"id": _line_id(line), "error": str(exc)})
            good = [p for p in parsed if isinstance(p, tuple)]
            results = iter(extract_many([(t, d) for _, t, d in good], nlp=nlp, batch_size=batch_size, errors=True))
            for item in parsed:
                if isinstance(item, dict):
                    self._write(item)
                    continue
                result = next(results)
                if isinstance(result, ExtractionError):
                    self._write({"id": item[0], "error": str(result)})
                else:
                    self._write({"id": item[0]} | extraction_json(result))
