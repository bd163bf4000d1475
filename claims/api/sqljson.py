"""JSON text built by PostgreSQL, for the claim list's rows.

Read as Python values, each of a page's 50 claims cost the web process about 30 µs: the
driver parsing its timestamps, a dict per nested object, the links, the encoder. Here the
database writes each row's JSON as one text column (about 12 µs a row on its side) and the
page is those texts put between brackets (orjson.Fragment). A claim-list call went from
4.8 to 3.0 ms of the web process's CPU (in process, with Compiled below).

The text is exactly what DRF's JSONRenderer gives for the same row; the escapes of
PostgreSQL's to_json() are the ones orjson and the standard library write (control
characters as \\uXXXX, `"` and `\\` escaped, the rest as UTF-8), and
tests/api/test_sql_json.py compares the two byte by byte. Only for PostgreSQL, and only
while instants are shown in UTC; other cases keep the Python path.

The builders compose Django expressions, so column references (`F("speaker__name")`)
get their joins from the ORM and the texts of links come in as parameters:

    json_object({"id": number(F("id")), "name": string(F("name"))})
"""
from __future__ import annotations

import re

from django.db.models import Case, Expression, Q, TextField, Value, When
from django.utils import timezone

_KEY = re.compile(r"[a-z_]+")


class _Sql(Expression):
    """A text-valued SQL template around its source expressions, one `{}` for each, in order."""

    output_field = TextField()

    def __init__(self, template: str, *sources):
        super().__init__()
        self.template, self.sources = template, list(sources)

    def get_source_expressions(self):
        return self.sources

    def set_source_expressions(self, exprs):
        self.sources = list(exprs)

    def as_sql(self, compiler, connection):
        parts, params = [], []
        for source in self.sources:
            sql, source_params = compiler.compile(source)
            parts.append(sql)
            params.extend(source_params)
        return self.template.format(*parts), params


class Compiled(Expression):
    """An expression compiled once: its SQL and parameters are kept after the first query.

    For a large expression in a queryset that is set up once and copied for each request
    (its annotations are shared by the copies): compiling the claim's 60 nodes took half a
    millisecond of every page. Anything that changes the expression (resolving it again,
    relabelling its tables' aliases) goes through set_source_expressions, which forgets
    the kept SQL.
    """

    def __init__(self, expression):
        super().__init__(output_field=expression.output_field)
        self.expression, self._compiled = expression, None

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs
        self._compiled = None

    # Equal only to itself: Django hashes the select list's expressions to match ORDER BY
    # terms, and hashing this one by value walked its whole tree on every query.
    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return id(self)

    def as_sql(self, compiler, connection):
        compiled = self._compiled
        if compiled is None or compiled[0] != connection.vendor:
            sql, params = compiler.compile(self.expression)
            compiled = self._compiled = (connection.vendor, sql, tuple(params))
        return compiled[1], list(compiled[2])


def _literal(text: str) -> str:
    """An SQL string literal for a _Sql template. Only the builders' own key names and
    punctuation come here, never data. Braces are doubled for str.format, `%` for the
    driver (the statement always goes out with parameters)."""
    quoted = "'" + text.replace("'", "''").replace("%", "%%") + "'"
    return quoted.replace("{", "{{").replace("}", "}}")


# Each value builder takes a column reference; `null=True` for a column that may be NULL,
# which then gives `null`. A NULL left through would be dropped by concat() and leave
# invalid JSON, so a nullable column must say so.


def _value(template: str, ref, null: bool) -> Expression:
    return _Sql(f"COALESCE({template}, 'null')" if null else template, ref)


def number(ref, null: bool = False) -> Expression:
    return _value("({})::text", ref, null)


def string(ref, null: bool = False) -> Expression:
    return _value("to_json({})::text", ref, null)


def decimal(ref, null: bool = False) -> Expression:
    """A decimal column as the JSON string of its digits without the column's padding
    ("45000000000", "4.5"): claims.api.export.decimal_text, which the CSV writes too."""
    return _value("to_json(trim_scale({})::text)::text", ref, null)


def day(ref, null: bool = False) -> Expression:
    return _value("to_json(to_char({}, 'YYYY-MM-DD'))::text", ref, null)


def instant(ref, null: bool = False) -> Expression:
    """An instant as DRF shows it in UTC: ISO 8601 with a `Z`, with microseconds only
    when there are some."""
    return _value(
        "to_json(replace(to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '.000000', '') || 'Z')::text",
        ref, null,
    )


def link(template: str, slot: str, ref) -> Expression:
    """The JSON string of `template` with the row's id (`ref`) in place of `slot`."""
    prefix, suffix = template.split(slot, 1)
    return _Sql("to_json(CAST({} AS text) || ({})::text || CAST({} AS text))::text", Value(prefix), ref, Value(suffix))


def flag(condition: Q) -> Expression:
    return Case(When(condition, then=_Sql("'true'")), default=_Sql("'false'"), output_field=TextField())


def when(condition: Q, value: Expression) -> Expression:
    """`value` where the row meets `condition`, else `null`."""
    return Case(When(condition, then=value), default=_Sql("'null'"), output_field=TextField())


def json_object(fields: dict[str, Expression]) -> Expression:
    """`{"key":value,...}` in the given key order, without spaces, as JSON renderers write it."""
    pieces: list[str | Expression] = []
    for i, (key, value) in enumerate(fields.items()):
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a plain key: {key!r}")
        pieces += [("{" if i == 0 else ",") + f'"{key}":', value]
    pieces.append("}")
    # One concat() call rather than a chain of `||`, which copies the growing text at each
    # step (a page's rows: 1.13 ms with `||`, 1.05 ms with concat()).
    template = "concat(" + ", ".join(_literal(piece) if isinstance(piece, str) else "{}" for piece in pieces) + ")"
    return _Sql(template, *[piece for piece in pieces if not isinstance(piece, str)])


def object_or_null(ref, fields: dict[str, Expression]) -> Expression:
    """json_object(fields), or `null` where the foreign key `ref` is null."""
    return _Sql("CASE WHEN {} IS NULL THEN 'null' ELSE {} END", ref, json_object(fields))


def usable(connection) -> bool:
    """Whether rows can be written as JSON by this database for this request."""
    return connection.vendor == "postgresql" and timezone.get_current_timezone_name() == "UTC"

