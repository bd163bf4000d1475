"""CSV export of claims, streamed: the API's export endpoint and the `export` command share it.

Rows are read with a server-side cursor (queryset.iterator) in chunks and written one line
at a time, so memory stays flat however many claims match; there is no row limit.
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from django.db import connections, transaction
from django.db.models import QuerySet

from claims.models import Claim

CHUNK_SIZE = 2000

# A cell starting with one of these runs as a formula when the file is opened in a
# spreadsheet ("=HYPERLINK(...)" in a quoted sentence); such text cells get a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value) -> str:
    return "" if value is None else str(value)


def _text(value) -> str:
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def decimal_text(value: Decimal) -> str:
    """A stored decimal as the API writes it, in JSON and CSV alike: its digits without
    the column's padding ("45000000000", "4.5"), never an exponent. PostgreSQL's
    trim_scale() gives the same text (claims.api.sqljson.decimal)."""
    if value == 0:
        return "0"
    if value == value.to_integral():
        return format(value.quantize(1), "f")
    return format(value, "f").rstrip("0")


def _number(value: Decimal | None) -> str:
    return "" if value is None else decimal_text(value)


def _iso(value: date | datetime | None) -> str:
    return "" if value is None else value.isoformat()


# (CSV column, queryset field, cell writer). Flat values only: one query joins what each
# row needs, and each column has its writer chosen once rather than per cell.
COLUMNS: list[tuple[str, str, Callable]] = [
    ("id", "id", _plain),
    ("kind", "kind", _plain),
    ("text", "text", _text),
    ("value", "value", _number),
    ("unit", "unit", _text),
    ("qualifier", "qualifier", _plain),
    ("date_value", "date_value", _iso),
    ("subject", "subject", _text),
    ("review_status", "review_status", _plain),
    ("group_id", "group_id", _plain),
    ("group_suggested_state", "group__suggested_state", _plain),
    ("group_verdict", "group__verdict", _plain),
    ("speaker_id", "speaker_id", _plain),
    ("speaker_name", "speaker__name", _text),
    ("speaker_kind", "speaker__kind", _plain),
    ("article_id", "article_id", _plain),
    ("article_title", "article__title", _text),
    ("article_url", "article__url", _text),
    ("outlet", "article__outlet__name", _text),
    ("published_at", "article__published_at", _iso),
    ("sentence", "sentence", _text),
    ("updated_at", "updated_at", _iso),
]
HEADER = [name for name, _, _ in COLUMNS[:10]] + ["verified"] + [name for name, _, _ in COLUMNS[10:]]
_FIELDS = [field for _, field, _ in COLUMNS]
_WRITERS = [writer for _, _, writer in COLUMNS]
_STATUS = _FIELDS.index("review_status")


class _Line:
    """A file-like sink for csv.writer that hands back each written line."""

    def write(self, line: str) -> str:
        return line


def claim_csv_rows(queryset: QuerySet[Claim]) -> Iterator[list[str]]:
    """Every claim of the queryset as CSV cells, read in one transaction: one consistent
    snapshot however long the download takes."""
    connection = connections[queryset.db]
    with transaction.atomic(using=queryset.db):
        if connection.vendor == "postgresql":
            # PostgreSQL plans a cursor for its first rows (nested loops: an index lookup
            # per join per claim); an export reads every row, so plan for all of them (hash
            # joins). On a million claims that is the difference between minutes and seconds.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        for row in queryset.values_list(*_FIELDS).iterator(chunk_size=CHUNK_SIZE):
            # review_status is the claim's state (see ClaimQuerySet): its own verdict or its group's decision.
            verified = Claim.state_is_verified(row[_STATUS])
            cells = [write(v) for write, v in zip(_WRITERS, row, strict=True)]
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
