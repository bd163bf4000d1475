"""python manage.py extract: JSON lines out, no database touched.

These tests are not marked django_db: pytest-django makes any database access fail them.
"""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.extraction.cleaning import clean_plain_text

ROOT = Path(__file__).resolve().parent.parent.parent
QUOTE_KEYS = ["text", "start", "end", "kind", "speaker", "speaker_mention", "cue", "confidence"]
CLAIM_KEYS = [
    "text", "start", "end", "kind", "value", "unit", "subject", "sentence", "speaker",
    # issue 13: how the number reads as stated and as compared (added after the keys above)
    "qualifier", "value_end", "date_end", "date_precision", "date_anchor", "base_value", "base_unit", "notes",
    "confidence",
]


def _jsonl(monkeypatch, capsys, lines: list[str]) -> list[dict]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
    call_command("extract", "--jsonl")
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_path_mode_prints_the_cleaned_body_and_offsets_into_it(seed_paths, capsys):
    seed = seed_paths[3]
    call_command("extract", str(seed))
    [doc] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert doc["body"] == clean_plain_text(seed.read_text(encoding="utf-8")).body
    assert list(doc) == ["path", "title", "published", "body", "quotes", "claims"]
    money = [c for c in doc["claims"] if c["kind"] == "money"]
    assert [(c["text"], c["value"], c["unit"]) for c in money] == [
        ("about $45 billion", "45000000000", "USD"),
        ("about AU$730 million", "730000000", "AUD"),
        ("$53 million", "53000000", "USD"),
    ]
    for item in doc["claims"] + doc["quotes"]:
        assert doc["body"][item["start"] : item["end"]] == item["text"]


def test_path_mode_reports_a_bad_file_and_goes_on(seed_paths, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError) as excinfo:
        call_command("extract", str(empty), str(seed_paths[1]))
    assert excinfo.value.returncode == 1
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert docs[0] == {"path": str(empty), "error": "empty article: no text"}
    assert docs[1]["path"] == str(seed_paths[1]) and docs[1]["claims"]


def test_jsonl_mode_writes_the_exact_shape(monkeypatch, capsys):
    text = "“We sent $45 billion,” Jens Stoltenberg said on Friday."
    [out] = _jsonl(monkeypatch, capsys, [json.dumps({"id": "a1", "text": text})])
    assert list(out) == ["id", "quotes", "claims"]
    assert out["id"] == "a1"
    [quote] = out["quotes"]
    assert list(quote) == QUOTE_KEYS
    assert quote["speaker"] == "Jens Stoltenberg"
    assert list(quote["speaker_mention"]) == ["text", "start", "end"]
    assert text[quote["cue"]["start"] : quote["cue"]["end"]] == quote["cue"]["text"] == "said"
    money, friday = out["claims"]
    assert all(list(c) == CLAIM_KEYS for c in out["claims"])
    assert (money["text"], money["value"], money["unit"], money["speaker"]) == (
        "$45 billion", "45000000000", "USD", "Jens Stoltenberg"
    )
    assert (friday["text"], friday["kind"], friday["value"]) == ("on Friday", "date", None)
    assert (friday["date_anchor"], money["base_value"], money["base_unit"]) == ("unresolved", "45000000000", "USD")


def test_jsonl_mode_gives_a_quantity_as_stated_and_converted(monkeypatch, capsys):
    [out] = _jsonl(monkeypatch, capsys, [json.dumps({"id": 1, "text": "The storm moved at 100 mph over the coast."})])
    [speed] = out["claims"]
    assert (speed["value"], speed["unit"], speed["base_value"], speed["base_unit"]) == (
        "100", "mile_per_hour", "44.704", "meter_per_second"
    )


def test_jsonl_mode_takes_an_optional_publication_date_and_prints_dates_as_iso(monkeypatch, capsys):
    line = json.dumps({"id": 7, "text": "As of February 2023, Germany said on Friday it would act.", "published": "2022-11-25"})
    [out] = _jsonl(monkeypatch, capsys, [line])
    assert [(c["text"], c["value"], c["unit"]) for c in out["claims"]] == [
        ("February 2023", "2023-02", "month"),
        ("on Friday", "2022-11-25", "date"),
    ]


def test_jsonl_mode_answers_a_bad_line_with_an_error_and_goes_on(monkeypatch, capsys):
    lines = [
        "not json",
        json.dumps({"id": 2}),
        json.dumps({"id": 3, "text": 42}),
        json.dumps(["a list"]),
        json.dumps({"id": 5, "text": "The coalition comprised 54 countries."}),
        json.dumps({"id": 6, "text": " ".join(["Der Minister sagte, dass die Sitzung in Brüssel stattfinden wird."] * 6)}),
        json.dumps({"id": 7, "text": ""}),
    ]
    out = _jsonl(monkeypatch, capsys, lines)
    assert [o["id"] for o in out] == [None, 2, 3, None, 5, 6, 7]
    assert [sorted(o) for o in out[:4]] == [["error", "id"]] * 4
    assert out[1]["error"] == 'missing "text"'
    assert [c["text"] for c in out[4]["claims"]] == ["54 countries"]
    assert "does not look like English" in out[5]["error"]
    assert out[6] == {"id": 7, "quotes": [], "claims": []}


def test_path_and_jsonl_together_is_a_usage_error():
    with pytest.raises(CommandError, match="not both"):
        call_command("extract", "x.txt", "--jsonl")


@pytest.mark.slow
def test_the_command_runs_where_no_database_exists():
    env = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:1/no_such_database"}
    line = json.dumps({"id": 1, "text": "Officials said 25 people were killed last week."})
    done = subprocess.run(
        [sys.executable, "manage.py", "extract", "--jsonl"], input=line + "\n", capture_output=True, text=True,
        cwd=ROOT, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert [c["text"] for c in out["claims"]] == ["25 people", "last week"]
