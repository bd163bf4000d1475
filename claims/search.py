"""Searching the admin's lists at a million rows.

Django's admin searches with `icontains` on each search field: a sequential scan of the
whole table per search (a second at 1M claims), and a COUNT(*) of every match for the
"N results" line. On PostgreSQL the lists search through full-text indexes instead (GIN
over to_tsvector('english', ...) of the searched columns, created by migration
0006_search_indexes), each word matched by its English stem and the last one as a prefix,
so that "Stolt" finds "Stoltenberg" while it is typed. Other databases keep `icontains`.

Counts stop at COUNT_CAP: "more than 10,000 claims" costs the first 10,001 index entries,
not every row of the table.
"""
from __future__ import annotations

import re
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

COUNT_CAP = 10_000

# Table -> (index name, searched columns). The migration builds each index over exactly the
# expression fulltext_match() searches, or PostgreSQL could not use it.
FULLTEXT = {
    "claims_claim": ("claim_fulltext", ("sentence", "subject")),
    "claims_claimgroup": ("group_fulltext", ("label", "subject")),
    "claims_article": ("article_fulltext", ("title",)),
    "claims_quote": ("quote_fulltext", ("text",)),
    "claims_speaker": ("speaker_fulltext", ("name",)),
}
_WORD = re.compile(r"\w+", re.UNICODE)
_SAFE_TSQUERY = re.compile(r"[^\W]+(?: & [^\W]+)*:\*", re.UNICODE)


def tsvector_sql(columns: tuple[str, ...], table: str = "") -> str:
    prefix = f'"{table}".' if table else ""
    joined = " || ' ' || ".join(f"coalesce({prefix}\"{c}\", '')" for c in columns)
    return f"to_tsvector('english'::regconfig, {joined})"


def tsquery_text(search: str) -> str:
    """'nato stolt' -> 'nato & stolt:*': every word, the last one also as a prefix."""
    words = _WORD.findall(search.lower())[:8]
    if not words:
        return ""
    return " & ".join(words[:-1] + [f"{words[-1]}:*"])


def fulltext_available(queryset: QuerySet) -> bool:
    return connection.vendor == "postgresql" and queryset.model._meta.db_table in FULLTEXT


def fulltext_match(queryset: QuerySet, search: str) -> QuerySet:
    """The rows whose searched columns hold every word of `search` (PostgreSQL)."""
    table = queryset.model._meta.db_table
    _, columns = FULLTEXT[table]
    query = tsquery_text(search)
    if not query:
        return queryset
    # The query is written into the statement, not bound: a prepared statement's generic
    # plan cannot see how common a bound word is, and planned every search as a rare one
    # (every match read and sorted, even for a word in a tenth of a million claims). As
    # text, each search is planned for its own words. Only word characters reach it.
    if not _SAFE_TSQUERY.fullmatch(query):
        raise ValueError(f"unexpected characters in a search query: {query!r}")
    match = RawSQL(
        f"{tsvector_sql(columns, table)} @@ to_tsquery('english'::regconfig, '{query}')", [], output_field=BooleanField()
    )
    return queryset.filter(match)


def words_match(queryset: QuerySet, search: str) -> QuerySet:
    """The rows whose searched columns hold every word of `search`, each anywhere in any of
    them (other databases: SQLite under `make run`). "military ukr" finds "arms and military
    aid to Ukraine", as the full-text search does, where one `icontains` of the whole phrase
    would find nothing."""
    _, columns = FULLTEXT[queryset.model._meta.db_table]
    for word in _WORD.findall(search)[:8]:
        either = Q()
        for column in columns:
            either |= Q(**{f"{column}__icontains": word})
        queryset = queryset.filter(either)
    return queryset


class CappedPaginator(Paginator):
    """Counts up to COUNT_CAP + 1 rows: `capped` says the count is a floor, not the total."""

    @cached_property
    def count(self) -> int:
        # Unordered: counting in the list's order (newest first) made PostgreSQL walk the
        # table by id to find 10,001 rows of a filter matching one in thirty.
        return self.object_list.order_by()[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP
