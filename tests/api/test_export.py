"""CSV export of a filtered claim list: the API endpoint and the `export` command."""
import csv
import io

import pytest
from django.core.management import CommandError, call_command

from claims.api.export import CHUNK_SIZE, HEADER
from claims.models import Claim, ClaimGroup, ReviewStatus
from claims.services.review import review_submit

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response.streaming
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


@pytest.mark.smoke
def test_export_is_a_streamed_csv_download_of_every_claim(api, story):
    response = api.get("/api/claims/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    rows = _rows(response)
    assert [int(r["id"]) for r in rows] == sorted(c.pk for c in (story["budget_a"], story["budget_b"], story["jobless"]))
    assert list(rows[0]) == HEADER


def test_export_row_carries_speaker_article_outlet_and_group(api, story):
    row = _rows(api.get(f"/api/claims/export.csv?article={story['article_b'].pk}&kind=money"))[0]
    assert row["text"] == "about $12 million" and row["value"] == "12000000" and row["unit"] == "USD"
    assert row["speaker_name"] == "Ann Lee" and row["outlet"] == "Metro Herald"
    assert row["article_url"] == "https://herald.example/city-spend"
    assert row["published_at"] == "2024-03-06T18:30:00+00:00"
    assert row["group_suggested_state"] == "consistent" and row["verified"] == "false"


def test_export_takes_the_claim_list_filters(api, story, reviewer):
    review_submit(reviewer=reviewer, verdict="verified", note="The minutes say $12 million.", group=story["group"])
    rows = _rows(api.get("/api/claims/export.csv?verified=true"))
    assert [int(r["id"]) for r in rows] == [story["budget_a"].pk, story["budget_b"].pk]
    assert {r["verified"] for r in rows} == {"true"}


def test_export_decimal_value_keeps_its_fraction(api, story):
    row = _rows(api.get("/api/claims/export.csv?kind=percent"))[0]
    assert row["value"] == "4.5"


def test_export_defuses_cells_a_spreadsheet_would_run_as_formulas(api, story):
    Claim.objects.filter(pk=story["jobless"].pk).update(sentence='=HYPERLINK("http://evil.example","4.5 percent")')
    row = _rows(api.get("/api/claims/export.csv?kind=percent"))[0]
    assert row["sentence"] == "'=HYPERLINK(\"http://evil.example\",\"4.5 percent\")"


def test_export_has_no_row_limit(api, story):
    article = story["article_a"]
    n = CHUNK_SIZE + 500  # more than one fetch from the cursor
    Claim.objects.bulk_create(
        Claim(article=article, kind="count", text=f"{i} books", start=0, end=5, value=i, unit="book", fingerprint=f"b{i}")
        for i in range(n)
    )
    assert len(_rows(api.get("/api/claims/export.csv?unit=book"))) == n


def test_export_with_a_bad_filter_is_a_json_400(api, story):
    response = api.get("/api/claims/export.csv?value_min=many")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "value_min" in response.json()["errors"]


def test_export_command_writes_the_same_csv_as_the_api(api, story, tmp_path):
    out = tmp_path / "verified.csv"
    ClaimGroup.objects.filter(pk=story["group"].pk).update(verdict=ReviewStatus.VERIFIED)
    call_command("export", "--filter", "verified=true", "--filter", "kind=money", "--output", str(out), stderr=io.StringIO())
    from_api = b"".join(api.get("/api/claims/export.csv?verified=true&kind=money").streaming_content).decode()
    assert out.read_bytes().decode("utf-8") == from_api


def test_export_command_writes_to_stdout(story):
    stdout = io.StringIO()
    call_command("export", "-f", "speaker_name=Lee", stdout=stdout)
    rows = list(csv.DictReader(io.StringIO(stdout.getvalue())))
    assert [r["text"] for r in rows] == ["about $12 million"]


@pytest.mark.parametrize(("arg", "words"), [("colour=red", "bad --filter"), ("kind=gold", "invalid filter: kind")])
def test_export_command_refuses_a_bad_filter(story, arg, words):
    with pytest.raises(CommandError, match=words):
        call_command("export", "--filter", arg, stdout=io.StringIO())
