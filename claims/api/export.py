"""CSV export of claims, streamed: the API's export endpoint and the `export` command share it.

Rows are read with a server-side cursor (queryset.iterator) in chunks and written one line
at a time, so memory stays flat however many claims match; there is no row limit.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from django.db.models import QuerySet

from claims.models import Claim, ReviewStatus

CHUNK_SIZE = 2000

# (CSV column, queryset field). Flat values only: one query joins what each row needs.
COLUMNS: list[tuple[str, str]] = [
    ("id", "id"),
    ("kind", "kind"),
    ("text", "text"),
    ("value", "value"),
    ("unit", "unit"),
    ("qualifier", "qualifier"),
    ("date_value", "date_value"),
    ("subject", "subject"),
    ("review_status", "review_status"),
    ("group_id", "group_id"),
    ("group_suggested_state", "group__suggested_state"),
    ("group_verdict", "group__verdict"),
    ("speaker_id", "speaker_id"),
    ("speaker_name", "speaker__name"),
    ("speaker_kind", "speaker__kind"),
    ("article_id", "article_id"),
    ("article_title", "article__title"),
    ("article_url", "article__url"),
    ("outlet", "article__outlet__name"),
    ("published_at", "article__published_at"),
    ("sentence", "sentence"),
    ("updated_at", "updated_at"),
]
HEADER = [name for name, _ in COLUMNS[:10]] + ["verified"] + [name for name, _ in COLUMNS[10:]]
_FIELDS = [field for _, field in COLUMNS]
_STATUS = _FIELDS.index("review_status")
_GROUP_VERDICT = _FIELDS.index("group__verdict")
# A cell starting with one of these runs as a formula when the file is opened in a
# spreadsheet ("=HYPERLINK(...)" in a quoted sentence); such text cells get a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return str(value)


class _Line:
    """A file-like sink for csv.writer that hands back each written line."""

    def write(self, line: str) -> str:
        return line


def claim_csv_rows(queryset: QuerySet[Claim]) -> Iterator[list[str]]:
    for row in queryset.values_list(*_FIELDS).iterator(chunk_size=CHUNK_SIZE):
        verified = row[_STATUS] == ReviewStatus.VERIFIED or row[_GROUP_VERDICT] == ReviewStatus.VERIFIED
        cells = [_cell(v) for v in row]
        yield cells[:10] + ["true" if verified else "false"] + cells[10:]


def claim_csv_lines(queryset: QuerySet[Claim]) -> Iterator[str]:
    """The header, then one CSV line per claim in the queryset's order."""
    writer = csv.writer(_Line())
    yield writer.writerow(HEADER)
    for cells in claim_csv_rows(queryset):
        yield writer.writerow(cells)


def batched_lines(lines: Iterable[str], size: int = 256) -> Iterator[bytes]:
    """Join lines into larger chunks: one socket write per few hundred rows, not per row."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield "".join(batch).encode("utf-8")
            batch = []
    if batch:
        yield "".join(batch).encode("utf-8")
