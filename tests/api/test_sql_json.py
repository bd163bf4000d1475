"""The claim list's rows as JSON written by PostgreSQL (claims.api.sqljson) are the bytes
DRF's own serialization and JSONRenderer give, for awkward text, numbers and instants too."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F, OuterRef, Subquery
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from claims.api import sqljson
from claims.api.serializers import ClaimSerializer
from claims.models import Article, Claim, ClaimGroup, ReviewStatus, Speaker
from claims.services.review import review_submit

pytestmark = pytest.mark.django_db

AWKWARD = 'He said "no"\\ \x01\x1f\ttab\nline é 😀 \u2028 </script> 100%'


@pytest.fixture
def request_(settings):
    settings.ALLOWED_HOSTS = ["api.example"]
    return Request(APIRequestFactory().get("/api/claims/", HTTP_HOST="api.example:8443"))


def _drf_bytes(claim: Claim, request) -> bytes:
    return JSONRenderer().render(ClaimSerializer(context={"request": request}).generic_representation(claim))


def _sql_texts(request) -> dict[int, str]:
    rows = Claim.objects.values("id", as_json=ClaimSerializer.json_sql(request))
    return {row["id"]: row["as_json"] for row in rows}


def _escaped(text: str) -> bytes:
    # The renderer escapes U+2028/U+2029 over the whole answer (as DRF's does), fragments included.
    return text.encode().replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


def test_each_row_is_the_bytes_drf_renders(postgres, story, request_, reviewer):
    review_submit(reviewer=reviewer, verdict="verified", note="The minutes say $12 million.", group=story["group"])
    ClaimGroup.objects.filter(pk=story["group"].pk).update(label=AWKWARD)
    Claim.objects.filter(pk=story["budget_b"].pk).update(
        quote=story["quote"], review_status=ReviewStatus.VERIFIED, value=Decimal("-0.000001"),
        updated_at=datetime(2024, 3, 6, 18, 30, 0, 120, tzinfo=UTC),
    )
    Claim.objects.filter(pk=story["jobless"].pk).update(
        text=AWKWARD, sentence=AWKWARD, qualifier="", value=None, kind="date", date_value=date(987, 2, 3),
        updated_at=datetime(2024, 3, 6, 18, 30, tzinfo=UTC),
    )
    Article.objects.filter(pk=story["article_a"].pk).update(outlet=None, published_at=None, title=AWKWARD)
    texts = _sql_texts(request_)
    claims = Claim.objects.select_related("speaker", "article__outlet", "quote", "group")
    assert len(texts) == claims.count() == 3
    for claim in claims:
        assert _escaped(texts[claim.pk]) == _drf_bytes(claim, request_)
    # What was set above is in there: nulls, a verified group, fractions and microseconds.
    jobless = texts[story["jobless"].pk]
    assert '"value":null' in jobless and '"date_value":"0987-02-03"' in jobless
    assert '"value":"-0.000001"' in texts[story["budget_b"].pk]
    assert '.000120Z"' in texts[story["budget_b"].pk]
    assert '"outlet":null' in texts[story["budget_a"].pk] and '"published_at":null' in texts[story["budget_a"].pk]
    assert '"verified":true' in texts[story["budget_a"].pk]  # its group's verdict verified it
    assert '"decided_by":"http://api.example:8443/api/reviews/' in texts[story["budget_a"].pk]
    assert '"decided_by":null' in jobless
    assert '"http://api.example:8443/api/claims/' in texts[story["budget_a"].pk]


def test_the_list_serves_database_json_that_equals_each_detail(postgres, api, story):
    Claim.objects.filter(pk=story["jobless"].pk).update(text=AWKWARD)
    response = api.get("/api/claims/?page_size=500")
    assert response.status_code == 200
    assert b"\\u2028" in response.content and "\u2028".encode() not in response.content
    listed = response.json()["results"]
    assert len(listed) == 3
    for item in listed:
        assert api.get(f"/api/claims/{item['id']}/").json() == item
    assert {item["text"] for item in listed} >= {AWKWARD}


def test_filters_and_orderings_reuse_the_kept_query(postgres, api, story):
    """The list's query is set up once and its JSON compiled once; joins added by each
    request's filters must not disturb the columns the JSON reads."""
    Claim.objects.filter(group=story["group"]).update(review_status=ReviewStatus.VERIFIED)
    by_id = {item["id"]: item for item in api.get("/api/claims/?page_size=500").json()["results"]}
    for query, expected in [
        ("speaker_name=ann+lee", {story["budget_b"].pk}),
        ("outlet=herald.example", {story["budget_b"].pk, story["jobless"].pk}),
        ("verified=true", {story["budget_a"].pk, story["budget_b"].pk}),
        ("q=unemployment&ordering=-updated_at", {story["jobless"].pk}),
        ("value_min=1000&ordering=value", {story["budget_a"].pk, story["budget_b"].pk}),
        (f"speaker={story['bureau'].pk}", {story["jobless"].pk}),
        ("speaker_name=ann+lee", {story["budget_b"].pk}),
    ]:
        response = api.get(f"/api/claims/?{query}")
        assert response.status_code == 200, (query, response.content)
        results = response.json()["results"]
        assert {item["id"] for item in results} == expected, query
        assert all(item == by_id[item["id"]] for item in results), query


def test_cursor_pages_cut_on_value_and_updated_at(postgres, api, story):
    for ordering in ("value", "-updated_at", "id"):
        walked, url = [], f"/api/claims/?page_size=1&ordering={ordering}"
        while url:
            page = api.get(url).json()
            walked += [item["id"] for item in page["results"]]
            url = page["next"]
        assert sorted(walked) == sorted(c.pk for c in Claim.objects.all()), ordering


def test_an_indented_answer_and_another_time_zone_take_the_python_path(postgres, api, story):
    first = api.get("/api/claims/").json()["results"]
    indented = api.get("/api/claims/", HTTP_ACCEPT="application/json; indent=2")
    assert b'\n  "results": [' in indented.content and indented.json()["results"] == first
    with override_settings(TIME_ZONE="Europe/Oslo"):
        oslo = api.get("/api/claims/").json()["results"]
        created = Claim.objects.get(pk=oslo[0]["id"]).created_at.astimezone(ZoneInfo("Europe/Oslo"))
        assert oslo[0]["created_at"].endswith(created.isoformat()[-6:])  # +01:00 in winter, +02:00 in summer
        assert oslo[0] == api.get(f"/api/claims/{oslo[0]['id']}/").json()


def test_a_kept_expression_is_compiled_again_when_its_tables_are_renamed(postgres, story):
    """Inside a subquery, Django renames the tables' aliases (U0, U1...): the kept SQL of the
    outer use must not be reused there."""
    expression = sqljson.Compiled(sqljson.string(F("speaker__name"), null=True))
    names = Claim.objects.values(name=expression)
    assert {row["name"] for row in names} == {"null", '"Ann Lee"', '"Bureau of Labor Statistics"'}
    inner = names.filter(pk=OuterRef("pk")).values("name")[:1]
    outer = Claim.objects.annotate(inner_name=Subquery(inner)).values_list("pk", "inner_name")
    assert dict(outer) == {
        story["budget_a"].pk: "null", story["budget_b"].pk: '"Ann Lee"', story["jobless"].pk: '"Bureau of Labor Statistics"'
    }


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, title=_TEXT, name=_TEXT, micro=st.integers(0, 999_999),
       value=st.decimals(min_value=-(10**21), max_value=10**21, places=6, allow_nan=False, allow_infinity=False))
def test_any_text_number_and_instant_gives_drf_bytes(postgres, story, request_, text, title, name, micro, value):
    claim_id = story["budget_b"].pk
    Claim.objects.filter(pk=claim_id).update(
        text=text, sentence=text[::-1], value=value, updated_at=datetime(2024, 3, 6, 18, 30, 0, micro, tzinfo=UTC),
    )
    Article.objects.filter(pk=story["article_b"].pk).update(title=title)
    Speaker.objects.filter(pk=story["lee"].pk).update(name=name)
    claim = Claim.objects.select_related("speaker", "article__outlet", "quote", "group").get(pk=claim_id)
    assert _escaped(_sql_texts(request_)[claim_id]) == _drf_bytes(claim, request_)


def test_links_follow_each_request_host_and_scheme(postgres, api, story, settings):
    """The list's query is kept per scheme, host and script prefix: the links in it are absolute."""
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    for host, secure in [("one.example", False), ("two.example", True), ("one.example", True)]:
        item = api.get("/api/claims/", HTTP_HOST=host, secure=secure).json()["results"][0]
        scheme = "https" if secure else "http"
        assert item["url"] == f"{scheme}://{host}/api/claims/{item['id']}/"
        assert item["article"]["url"].startswith(f"{scheme}://{host}/api/articles/")
