"""orjson gives the bytes DRF's own JSONRenderer would; negotiation picks what DRF's would."""
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

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


@pytest.mark.parametrize("accept", ["application/json", "application/json; indent=2", "*/*", "text/html", ""])
@pytest.mark.parametrize("query", ["", "?format=json", "?format=api"])
def test_negotiation_picks_what_drf_picks(accept, query):
    from rest_framework.negotiation import DefaultContentNegotiation
    from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer

    from claims.api.negotiation import ContentNegotiation
    from claims.api.renderers import CSVRenderer, FastJSONRenderer, JSONLDRenderer

    request = Request(APIRequestFactory().get(f"/api/claims/{query}", HTTP_ACCEPT=accept))
    for renderers in ([FastJSONRenderer(), BrowsableAPIRenderer()], [JSONLDRenderer(), JSONRenderer()],
                      [CSVRenderer(), JSONRenderer()]):
        try:
            expected = DefaultContentNegotiation().select_renderer(request, renderers)
        except Exception as refused:  # e.g. 404 for a format no renderer has
            with pytest.raises(type(refused)):
                ContentNegotiation().select_renderer(request, renderers)
            continue
        chosen = ContentNegotiation().select_renderer(request, renderers)
        assert (chosen[0], chosen[1]) == (expected[0], expected[1])
