"""find_quotes against the hand-made gold for the five seeds (tests/gold/seed_quotes.json).

The floors are a little below what the extractor reaches today, so that a real regression
fails while a change of a single quote does not.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.extraction.cleaning import clean_plain_text
from claims.extraction.quotes import find_quotes
from claims.extraction.speakers import same_speaker
from tests.gold.scoring import match_spans

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests" / "gold" / "seed_quotes.json").read_text(encoding="utf-8"))["seeds"]


@pytest.fixture(scope="module")
def scored(nlp):
    gold, predicted, pairs = 0, 0, []
    for seed in GOLD:
        body = clean_plain_text((ROOT / "seeds" / seed["seed"]).read_text(encoding="utf-8")).body
        assert len(body) == seed["body_length"], "the cleaner changed: re-annotate the seed"
        match = match_spans(seed["quotes"], find_quotes(nlp(body)))
        gold += match.gold
        predicted += match.predicted
        pairs += match.pairs
    return gold, predicted, pairs


def test_gold_offsets_index_the_cleaned_body():
    for seed in GOLD:
        body = clean_plain_text((ROOT / "seeds" / seed["seed"]).read_text(encoding="utf-8")).body
        for q in seed["quotes"]:
            assert body[q["start"]:q["end"]] == q["text"]


def test_seed_quote_precision(scored):
    gold, predicted, pairs = scored
    assert len(pairs) / predicted >= 0.95


def test_seed_quote_recall(scored):
    gold, predicted, pairs = scored
    assert len(pairs) / gold >= 0.95


def test_seed_quote_kinds_agree(scored):
    _, _, pairs = scored
    assert sum(g["kind"] == p.kind for g, p in pairs) / len(pairs) >= 0.95


def test_seed_quote_speakers_agree(scored):
    _, _, pairs = scored
    right = sum(
        g["speaker"] is not None and p.speaker is not None and same_speaker(g["speaker"], p.speaker.name)
        for g, p in pairs
    )
    assert right / len(pairs) >= 0.97
