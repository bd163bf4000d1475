"""What the API shows of each resource, declared once: its shape.

A shape is the ordered list of a resource's JSON keys, each with where its value comes
from (a column, a link to a row, a rule on a column, a related row shown inline), its JSON
type and whether it may be null. Everything that writes that JSON is derived from it:

- the serializer's `Meta.fields` (`Shape.names`, the JSON key order) and, for a decimal
  or a renamed column, its DRF field (serializers.ShapedSerializer.build_field);
- `columns()`: the row the claim list reads with QuerySet.values(), one query a page;
- `json_sql(request)`: the SQL expression with which PostgreSQL writes the same JSON text
  (claims.api.sqljson), each value's builder and null handling chosen from its type and
  `nullable`;
- `represent_row()` and `represent_instance()`: the dict the Python fast path builds from
  a row or a loaded model instance, without DRF's field-by-field machinery (a function
  written from the shape and compiled once: as fast as one written by hand);
- `only_related()`: the related rows' columns a queryset loads (QuerySet.only()).

tests/api/test_shapes.py checks that they agree with DRF's own output, for the shapes
below and for a claim shape with made-up fields; tests/api/test_representation.py and
test_sql_json.py compare the fast paths with DRF byte for byte.

Adding a field
--------------
Add one entry to the shape, where its key goes in the JSON:

    Value("confidence", FLOAT, nullable=True)                  # a column of that name
    Value("upper", DECIMAL, column="value_end", nullable=True)  # a column under another name
    Nested("quote", QUOTE_BRIEF, nullable=True)                 # a related row, inline

Say `nullable=True` whenever the column may be NULL: the SQL then writes `null` (without it
concat() drops the NULL and leaves invalid JSON). tests/api/test_shapes.py compares each
field's `nullable` with its column's, on any database. The
serializer builds the field from the model by itself; declare it on the serializer only to
give it help_text (the OpenAPI schema). A value Python must compute from loaded rows (a
list of related ids) is a Computed field, which keeps its shape to the instance path.
"""
from __future__ import annotations

import enum
from collections.abc import Callable
from functools import cached_property
from itertools import count
from typing import Any

from django.db.models import Expression, F, Q

from claims.api import sqljson
from claims.api.values import PK_SLOT, day_or_null, decimal_or_null, instant_text, link, link_template
from claims.models import Claim


class Json(enum.Enum):
    """A value's JSON type, and how it is written: in Python from the column's value, in
    SQL by which claims.api.sqljson builder."""

    INTEGER = "integer"
    FLOAT = "number"
    STRING = "string"
    DECIMAL = "string (decimal)"  # "45000000000", "4.5": claims.api.export.decimal_text
    DATE = "string (date)"  # YYYY-MM-DD
    INSTANT = "string (date-time)"  # ISO 8601 in the current time zone, `Z` for UTC
    BOOLEAN = "boolean"
    URL = "string (url)"
    OBJECT = "object"
    ARRAY = "array"


INTEGER, FLOAT, STRING = Json.INTEGER, Json.FLOAT, Json.STRING
DECIMAL, DATE, INSTANT = Json.DECIMAL, Json.DATE, Json.INSTANT


# (Python expression of the column's value `{}`, its SQL builder)
_WRITERS: dict[Json, tuple[str, Callable]] = {
    INTEGER: ("{}", sqljson.number),
    FLOAT: ("{}", sqljson.number),
    STRING: ("{}", sqljson.string),
    DECIMAL: ("decimal_or_null({})", sqljson.decimal),
    DATE: ("day_or_null({})", sqljson.day),
    INSTANT: ("instant_text(request, {})", sqljson.instant),
}


class _Place:
    """Where a shape's columns are: at the root row, or under a relation ("article__outlet__").
    A related row's id is read from its foreign key ("article__outlet_id"): no join for it."""

    def __init__(self, prefix: str = "", id_column: str = "id"):
        self.prefix, self.id_column = prefix, id_column

    def column(self, name: str) -> str:
        return self.id_column if name == "id" else self.prefix + name

    def under(self, relation: str) -> _Place:
        return _Place(f"{self.prefix}{relation}__", f"{self.prefix}{relation}_id")


_ROOT = _Place()


class _Source:
    """The Python source of a shape's representation, written once per shape and compiled,
    as dataclasses writes its __init__: one dict display reading each column, the way a
    hand-written function would (a function call per field cost twice that). The names
    the source refers to (rules' tests, computed fields) are kept in `namespace`."""

    def __init__(self):
        self.namespace: dict[str, Any] = {
            "link": link, "instant_text": instant_text, "decimal_or_null": decimal_or_null, "day_or_null": day_or_null,
        }
        self._numbers = count()

    def name(self, value) -> str:
        name = f"_v{next(self._numbers)}"
        self.namespace[name] = value
        return name

    def temporary(self) -> str:
        return f"_t{next(self._numbers)}"

    def function(self, body: str):
        exec(f"def represent(request, obj):\n    return {body}\n", self.namespace)  # the source is built here, from the shapes below
        return self.namespace["represent"]


def _row(place: _Place, column: str) -> str:
    return f"obj[{place.column(column)!r}]"


def _attribute(var: str, column: str) -> str:
    if not column.isidentifier():
        raise ValueError(f"not a column name: {column!r}")
    return f"{var}.{column}"


# --- fields ---------------------------------------------------------------------------------


class Field:
    type: Json
    nullable = False

    def __init__(self, name: str):
        self.name = name

    def columns(self, place: _Place) -> list[str]:
        """The row's columns this field reads."""
        raise NotImplementedError

    def own_columns(self) -> list[str]:
        """The model's columns (or foreign keys) it reads, for QuerySet.only()."""
        return []

    def row_source(self, place: _Place, source: _Source) -> str:
        """A Python expression of the field's JSON value in a row `obj` read with columns()."""
        raise NotImplementedError

    def instance_source(self, var: str, source: _Source) -> str:
        """A Python expression of the field's JSON value in the model instance `var`."""
        raise NotImplementedError

    def sql(self, request, place: _Place) -> Expression:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class Value(Field):
    """A column's value (`column`, default the key)."""

    def __init__(self, name: str, type: Json, *, column: str | None = None, nullable: bool = False):
        if type not in _WRITERS:
            raise ValueError(f"{name}: a Value is one of {', '.join(t.name for t in _WRITERS)}")
        super().__init__(name)
        self.type, self.column, self.nullable = type, column or name, nullable

    def columns(self, place):
        return [place.column(self.column)]

    def own_columns(self):
        return [self.column]

    def row_source(self, place, source):
        return _WRITERS[self.type][0].format(_row(place, self.column))

    def instance_source(self, var, source):
        return _WRITERS[self.type][0].format(_attribute(var, self.column))

    def sql(self, request, place):
        return _WRITERS[self.type][1](F(place.column(self.column)), null=self.nullable)


class Rule:
    """A rule on a claim's column, written for Python (`test` on the column's value) and for
    SQL (`q`): claims.models defines both, e.g. Claim.state_is_verified and Claim.VERIFIED."""

    def __init__(self, column: str, test: Callable[[Any], bool], q: Q):
        self.column, self.test, self.q = column, test, q


class Flag(Field):
    """true where the row meets `rule`, else false."""

    type = Json.BOOLEAN

    def __init__(self, name: str, rule: Rule):
        super().__init__(name)
        self.rule = rule

    def columns(self, place):
        _root_only(self, place)
        return [self.rule.column]

    def own_columns(self):
        return [self.rule.column]

    def row_source(self, place, source):
        _root_only(self, place)
        return f"{source.name(self.rule.test)}({_row(place, self.rule.column)})"

    def instance_source(self, var, source):
        return f"{source.name(self.rule.test)}({_attribute(var, self.rule.column)})"

    def sql(self, request, place):
        _root_only(self, place)
        return sqljson.flag(self.rule.q)


class Link(Field):
    """The API link of the row whose id is in `column` (default the row's own id) under
    `view_name`; null where that column is null (`nullable`) or the row fails `rule`."""

    type = Json.URL

    def __init__(
        self, name: str, view_name: str, *, column: str = "id", nullable: bool = False, rule: Rule | None = None
    ):
        super().__init__(name)
        self.view_name, self.column, self.rule = view_name, column, rule
        self.nullable = nullable or rule is not None

    def columns(self, place):
        if self.rule is not None:
            _root_only(self, place)
            return [place.column(self.column), self.rule.column]
        return [place.column(self.column)]

    def own_columns(self):
        return [self.column] + ([self.rule.column] if self.rule else [])

    def _source(self, pk: str, rule_column: str | None, source: _Source) -> str:
        if self.rule is not None:
            return f"(link(request, {self.view_name!r}, {pk}) if {source.name(self.rule.test)}({rule_column}) else None)"
        if self.nullable:
            held = source.temporary()
            return f"(None if ({held} := {pk}) is None else link(request, {self.view_name!r}, {held}))"
        return f"link(request, {self.view_name!r}, {pk})"

    def row_source(self, place, source):
        if self.rule is not None:
            _root_only(self, place)
        rule_column = _row(place, self.rule.column) if self.rule else None
        return self._source(_row(place, self.column), rule_column, source)

    def instance_source(self, var, source):
        rule_column = _attribute(var, self.rule.column) if self.rule else None
        return self._source(_attribute(var, self.column), rule_column, source)

    def sql(self, request, place):
        ref = F(place.column(self.column))
        url = sqljson.link(link_template(request, self.view_name), PK_SLOT, ref)
        if self.rule is not None:
            _root_only(self, place)
            return sqljson.when(self.rule.q, url)
        if self.nullable:
            return sqljson.when(Q(**{f"{place.column(self.column)}__isnull": False}), url)
        return url


class Nested(Field):
    """The row `relation` points to, as `shape` shows it; null where there is none."""

    type = Json.OBJECT

    def __init__(self, name: str, shape: Shape, *, relation: str | None = None, nullable: bool = False):
        super().__init__(name)
        self.shape, self.relation, self.nullable = shape, relation or name, nullable

    def columns(self, place):
        return self.shape.columns(place.under(self.relation))

    def own_columns(self):
        return [self.relation]

    def row_source(self, place, source):
        inner = place.under(self.relation)
        shown = self.shape._row_source(inner, source)
        return f"(None if obj[{inner.id_column!r}] is None else {shown})" if self.nullable else shown

    def instance_source(self, var, source):
        related = source.temporary()
        shown = self.shape._instance_source(related, source)
        return f"(None if ({related} := {_attribute(var, self.relation)}) is None else {shown})"

    def sql(self, request, place):
        inner = place.under(self.relation)
        fields = self.shape._sql_fields(request, inner)
        if self.nullable:
            return sqljson.object_or_null(F(inner.id_column), fields)
        return sqljson.json_object(fields)


class Computed(Field):
    """A value Python computes from a loaded instance (`compute(request, instance)`): a list
    of related ids, a nested list. A shape holding one has no row or SQL path."""

    def __init__(self, name: str, type: Json, compute: Callable[[Any, Any], Any], *, nullable: bool = False):
        super().__init__(name)
        self.type, self.compute, self.nullable = type, compute, nullable

    def _no_row(self, *args):
        raise TypeError(f"{self.name} is computed from a loaded instance: its shape has no row or SQL")

    columns = row_source = sql = _no_row

    def instance_source(self, var, source):
        return f"{source.name(self.compute)}(request, {var})"


def _root_only(field: Field, place: _Place) -> None:
    # A rule's column and Q are the claim's own: read under a relation they would be wrong.
    if place is not _ROOT:
        raise TypeError(f"{field.name}: a rule applies to the shape's own row, not a nested one")


# --- shapes ---------------------------------------------------------------------------------


class Shape:
    """An ordered set of fields: one resource's JSON (see the module's docstring)."""

    def __init__(self, *fields: Field):
        names = [f.name for f in fields]
        if len(set(names)) != len(names):
            raise ValueError(f"a key twice in {names}")
        self.fields = fields
        self._by_name = {f.name: f for f in fields}

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def get(self, name: str) -> Field | None:
        return self._by_name.get(name)

    def only(self, *names: str) -> Shape:
        """These fields, in this order."""
        return Shape(*(self._by_name[name] for name in names))

    def plus(self, *fields: Field) -> Shape:
        return Shape(*self.fields, *fields)

    # rows

    def columns(self, place: _Place = _ROOT) -> tuple[str, ...]:
        """The columns to read with QuerySet.values(), each once, in the fields' order."""
        return tuple(dict.fromkeys(column for f in self.fields for column in f.columns(place)))

    def only_related(self, prefix: str = "") -> list[str]:
        """The related rows' columns the nested fields read, for QuerySet.only() beside the
        model's own: loading only these halves the cost of building a page's instances."""
        columns: list[str] = []
        for f in self.fields:
            if isinstance(f, Nested):
                at = f"{prefix}{f.relation}__"
                columns += [at + "id", *(at + c for inner in f.shape.fields for c in inner.own_columns() if c != "id")]
                columns += f.shape.only_related(at)
        return list(dict.fromkeys(columns))

    def _row_source(self, place: _Place, source: _Source) -> str:
        return "{" + ", ".join(f"{f.name!r}: {f.row_source(place, source)}" for f in self.fields) + "}"

    def _instance_source(self, var: str, source: _Source) -> str:
        return "{" + ", ".join(f"{f.name!r}: {f.instance_source(var, source)}" for f in self.fields) + "}"

    @cached_property
    def represent_row(self) -> Callable[[Any, dict], dict]:
        """represent_row(request, row): the JSON dict of a row read with columns()."""
        source = _Source()
        return source.function(self._row_source(_ROOT, source))

    @cached_property
    def represent_instance(self) -> Callable[[Any, Any], dict]:
        """represent_instance(request, obj): the JSON dict of a loaded model instance (its
        nested relations loaded too)."""
        source = _Source()
        return source.function(self._instance_source("obj", source))

    # SQL

    def _sql_fields(self, request, place: _Place) -> dict[str, Expression]:
        return {f.name: f.sql(request, place) for f in self.fields}

    def json_sql(self, request) -> Expression:
        """represent_row()'s output as an SQL expression giving its JSON text, compiled once
        (sqljson.Compiled): the links' texts depend on the request's scheme, host and prefix."""
        return sqljson.Compiled(sqljson.json_object(self._sql_fields(request, _ROOT)))


# --- the shapes -----------------------------------------------------------------------------

VERIFIED = Rule("review_status", Claim.state_is_verified, Claim.VERIFIED)
PUBLISHED = Rule("review_status", Claim.state_is_published, Claim.PUBLISHED)
# A group whose sources changed after its verdict (ClaimGroup.sources_changed): look again.
SOURCES_CHANGED = Rule("sources_changed", bool, Q(sources_changed=True))

OUTLET = Shape(Value("id", INTEGER), Value("name", STRING), Value("domain", STRING))

ARTICLE_BRIEF = Shape(
    Value("id", INTEGER), Link("url", "api:article-detail"), Value("title", STRING),
    Value("source_url", STRING, column="url"), Nested("outlet", OUTLET, nullable=True),
    Value("published_at", INSTANT, nullable=True),
)

SPEAKER_BRIEF = Shape(
    Value("id", INTEGER), Link("url", "api:speaker-detail"), Value("name", STRING), Value("kind", STRING)
)

GROUP_BRIEF = Shape(
    Value("id", INTEGER), Link("url", "api:group-detail"), Value("label", STRING), Value("suggested_state", STRING),
    Value("verdict", STRING), Value("source_count", INTEGER),
)

QUOTE_BRIEF = Shape(Value("id", INTEGER), Link("url", "api:quote-detail"), Value("text", STRING), Value("kind", STRING))

CLAIM = Shape(
    Value("id", INTEGER), Link("url", "api:claim-detail"), Value("kind", STRING), Value("text", STRING),
    Value("value", DECIMAL, nullable=True), Value("unit", STRING), Value("qualifier", STRING),
    Value("date_value", DATE, nullable=True), Value("subject", STRING), Value("sentence", STRING),
    Value("start", INTEGER), Value("end", INTEGER), Value("review_status", STRING),
    Flag("verified", VERIFIED),
    Link("decided_by", "api:review-detail", column="decided_by_id", nullable=True),
    Nested("speaker", SPEAKER_BRIEF, nullable=True),
    Nested("article", ARTICLE_BRIEF),
    Nested("quote", QUOTE_BRIEF, nullable=True),
    Nested("group", GROUP_BRIEF, nullable=True),
    Link("claimreview", "api:claim-claimreview", rule=PUBLISHED),
    Link("reviews", "api:claim-reviews"),
    Value("created_at", INSTANT), Value("updated_at", INSTANT),
)

# A claim as listed inside its group: what each source said, and who.
GROUP_CLAIM = CLAIM.only(
    "id", "url", "text", "value", "unit", "qualifier", "date_value", "sentence", "review_status", "verified",
    "decided_by", "speaker", "article",
)


def group_claimreview(request, group) -> str | None:
    """The link to a group's ClaimReviews, once one of its (loaded) claims is published."""
    if not any(c.is_published for c in group.claims.all()):
        return None
    return link(request, "api:group-claimreview", group.pk)


GROUP = Shape(
    Value("id", INTEGER), Link("url", "api:group-detail"), Value("kind", STRING), Value("unit", STRING),
    Value("subject", STRING), Value("label", STRING), Value("suggested_state", STRING), Value("reason", STRING),
    Value("verdict", STRING), Flag("sources_changed", SOURCES_CHANGED), Value("source_count", INTEGER),
    Computed("claims", Json.ARRAY, lambda request, group: [
        GROUP_CLAIM.represent_instance(request, c) for c in group.claims.all()
    ]),
    Computed("claimreview", Json.URL, group_claimreview, nullable=True),
    Link("reviews", "api:group-reviews"),
    Value("created_at", INSTANT), Value("updated_at", INSTANT),
)

QUOTE = Shape(
    Value("id", INTEGER), Link("url", "api:quote-detail"), Value("text", STRING), Value("kind", STRING),
    Value("cue", STRING), Value("confidence", FLOAT), Value("speaker_mention", STRING),
    Value("start", INTEGER), Value("end", INTEGER),
    Nested("speaker", SPEAKER_BRIEF, nullable=True), Nested("article", ARTICLE_BRIEF),
    Nested("group", GROUP_BRIEF, nullable=True),
    Computed("claims", Json.ARRAY, lambda request, quote: [c.id for c in quote.claims.all()]),
    Value("created_at", INSTANT), Value("updated_at", INSTANT),
)
