"""Numeric claims of the five seeds against hand-made gold (tests/gold/seed_claims.json)."""
import json
from datetime import date
from pathlib import Path

import pytest

from claims.extraction import extract
from claims.extraction.cleaning import clean_plain_text
from tests.conftest import SEEDS
from tests.gold.claims_scoring import ClaimScore, score_claims

GOLD = json.loads((Path(__file__).resolve().parent.parent / "gold" / "seed_claims.json").read_text())["seeds"]


def _as_dict(claim) -> dict:
    if claim.kind == "date":
        value = claim.date_value.isoformat() if claim.date_value else None
    else:
        value = None if claim.value is None else str(claim.value)
    return {"text": claim.text, "start": claim.start, "end": claim.end, "kind": claim.kind, "value": value,
            "unit": claim.unit}


@pytest.fixture(scope="module")
def seed_scores(nlp) -> dict[str, ClaimScore]:
    scores = {}
    for name, gold in GOLD.items():
        body = clean_plain_text((SEEDS / name).read_text(encoding="utf-8")).body
        published = date.fromisoformat(gold["published"]) if gold["published"] else None
        result = extract(body, published=published, nlp=nlp)
        scores[name] = score_claims(gold["claims"], [_as_dict(c) for c in result.claims])
    return scores


def test_gold_offsets_point_at_their_text():
    for name, gold in GOLD.items():
        body = clean_plain_text((SEEDS / name).read_text(encoding="utf-8")).body
        for claim in gold["claims"]:
            assert body[claim["start"] : claim["end"]] == claim["text"], (name, claim)


def test_seed_claims_precision_and_recall(seed_scores):
    total = sum(seed_scores.values(), ClaimScore(0, 0, 0, 0, 0))
    print("seed claims:", total.line())
    assert total.precision >= 0.95
    assert total.recall >= 0.95


def test_seed_claims_have_exact_spans_and_values(seed_scores):
    total = sum(seed_scores.values(), ClaimScore(0, 0, 0, 0, 0))
    assert total.strict_f1 >= 0.95
    assert total.value_accuracy >= 0.95


def test_every_seed_scores_on_its_own(seed_scores):
    for name, score in seed_scores.items():
        assert score.f1 >= 0.85, (name, score.line())
