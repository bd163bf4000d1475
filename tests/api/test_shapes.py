"""A resource's shape (claims.api.shapes) is its one declaration: the serializer's fields,
the row read for the list, the SQL JSON and the Python representation all follow it, for
the real shapes and for a claim shape given made-up fields."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db.models import Model
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from claims.api import shapes
from claims.api.serializers import ClaimSerializer
from claims.models import Claim, ClaimGroup, Quote

pytestmark = pytest.mark.django_db

# Three fields the API does not show, each under a name that is not its column's: a
# nullable decimal, a text, a nullable float.
EXTRA = shapes.CLAIM.plus(
    shapes.Value("upper_value", shapes.DECIMAL, column="value_end", nullable=True),
    shapes.Value("precision", shapes.STRING, column="date_precision"),
    shapes.Value("extracted_with", shapes.FLOAT, column="confidence", nullable=True),
)


class ExtraClaimSerializer(ClaimSerializer):
    shape = EXTRA

    class Meta(ClaimSerializer.Meta):
        fields = EXTRA.names


@pytest.fixture
def request_(settings):
    settings.ALLOWED_HOSTS = ["api.example"]
    return Request(APIRequestFactory().get("/api/claims/", HTTP_HOST="api.example"))


@pytest.fixture
def extras(story):
    Claim.objects.filter(pk=story["budget_b"].pk).update(
        value=Decimal("60000000"), value_end=Decimal("70000000.5"), qualifier="range", confidence=0.93,
        quote=story["quote"],
    )
    Claim.objects.filter(pk=story["jobless"].pk).update(value_end=None, confidence=None, date_precision="month")
    return story


def _loaded():
    return Claim.objects.select_related("speaker", "article__outlet", "quote", "group").order_by("id")


def test_the_serializer_shows_the_shapes_fields_in_its_order():
    fields = ExtraClaimSerializer().fields
    assert list(fields) == EXTRA.names == [*ClaimSerializer.Meta.fields, "upper_value", "precision", "extracted_with"]
    assert fields["upper_value"].source == "value_end" and fields["precision"].source == "date_precision"


def test_made_up_fields_come_out_the_same_from_drf_rows_and_instances(extras, request_):
    serializer = ExtraClaimSerializer(context={"request": request_})
    rows = {row["id"]: row for row in Claim.objects.values(*EXTRA.columns())}
    claims = list(_loaded())
    assert len(claims) == len(rows) == 3
    for claim in claims:
        drf = serializer.generic_representation(claim)
        assert EXTRA.represent_instance(request_, claim) == drf
        assert EXTRA.represent_row(request_, rows[claim.pk]) == drf
        assert serializer.to_representation(rows[claim.pk]) == drf
    shown = {c.pk: serializer.generic_representation(c) for c in claims}
    assert shown[extras["budget_b"].pk]["upper_value"] == "70000000.5"
    assert shown[extras["budget_b"].pk]["extracted_with"] == 0.93
    assert shown[extras["jobless"].pk]["upper_value"] is None and shown[extras["jobless"].pk]["precision"] == "month"


def test_made_up_fields_written_by_postgresql_are_the_bytes_drf_renders(postgres, extras, request_):
    serializer = ExtraClaimSerializer(context={"request": request_})
    texts = dict(Claim.objects.values_list("id", EXTRA.json_sql(request_)))
    claims = list(_loaded())
    assert len(texts) == len(claims) == 3
    for claim in claims:
        assert texts[claim.pk].encode() == JSONRenderer().render(serializer.generic_representation(claim))
    assert '"extracted_with":null' in texts[extras["jobless"].pk]


def test_a_nullable_column_declared_not_null_writes_invalid_json(postgres, extras, request_):
    # What `nullable` is for: concat() drops the NULL and the key is left without a value.
    careless = shapes.Shape(shapes.Value("id", shapes.INTEGER), shapes.Value("upper_value", shapes.DECIMAL, column="value_end"))
    text = Claim.objects.filter(pk=extras["jobless"].pk).values_list(careless.json_sql(request_), flat=True).get()
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)


def _mismatches(shape: shapes.Shape, model: type[Model], at: str = "") -> list[str]:
    """Fields whose `nullable` is not their column's NULL-ability."""
    found = []
    for field in shape.fields:
        if isinstance(field, shapes.Nested):
            column = model._meta.get_field(field.relation)
            if column.null != field.nullable:
                found.append(f"{at}{field.name}")
            found += _mismatches(field.shape, column.related_model, f"{at}{field.name}.")
        elif isinstance(field, shapes.Value | shapes.Link) and field.column != "id":
            column = model._meta.get_field(field.column.removesuffix("_id"))
            if column.null != field.nullable:
                found.append(f"{at}{field.name}")
    return found


@pytest.mark.parametrize(("shape", "model"), [(shapes.CLAIM, Claim), (shapes.GROUP, ClaimGroup), (shapes.QUOTE, Quote)])
def test_every_field_says_null_exactly_where_its_column_may_be_null(shape, model):
    assert len(shape.fields) > 10
    assert _mismatches(shape, model) == []


def test_the_check_finds_a_nullable_column_declared_not_null():
    careless = shapes.Shape(shapes.Value("value", shapes.DECIMAL), shapes.Value("date_value", shapes.DATE, nullable=True))
    assert _mismatches(careless, Claim) == ["value"]


def test_a_shape_with_a_computed_field_has_no_row():
    assert shapes.GROUP.get("claims").type is shapes.Json.ARRAY
    with pytest.raises(TypeError, match="computed"):
        shapes.GROUP.columns()


def test_instants_keep_their_microseconds_and_zone(story, request_):
    Claim.objects.filter(pk=story["jobless"].pk).update(updated_at=datetime(2024, 3, 6, 18, 30, 0, 120, tzinfo=UTC))
    row = Claim.objects.values(*shapes.CLAIM.columns()).get(pk=story["jobless"].pk)
    assert shapes.CLAIM.represent_row(request_, row)["updated_at"] == "2024-03-06T18:30:00.000120Z"
