"""orjson gives the bytes DRF's own JSONRenderer would."""
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from claims.api.renderers import FastJSONRenderer


@pytest.mark.parametrize("data", [
    {"text": "The council said \u201c$12 million\u201d \u2014 caf\u00e9", "n": 3, "ok": True, "none": None},
    {"at": datetime(2024, 3, 5, 9, 0, 0, 123456, tzinfo=UTC), "day": date(2024, 3, 5), "value": Decimal("12.500000")},
    {"lazy": gettext_lazy("Invalid token."), "nested": [{"a": [1, 2.5, -3]}, []]},
    {"separators": "line\u2028para\u2029end", "rtl": "\u05e9\u05dc\u05d5\u05dd"},
    [1, "two", {"three": 3}],
])
def test_fast_renderer_gives_drf_bytes(data):
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


def test_indent_and_keys_orjson_cannot_take_fall_back_to_drf():
    assert FastJSONRenderer().render({"a": 1}, "application/json; indent=2") == b'{\n  "a": 1\n}'
    assert FastJSONRenderer().render({1: "x"}) == JSONRenderer().render({1: "x"}) == b'{"1":"x"}'
    assert FastJSONRenderer().render(None) == b""
