"""Claims built from the seed articles' own sentences, as extraction stores them."""
from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path

import pytest

from claims.matching import ClaimFact

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
_ids = itertools.count(1)


def seed_text(number: int) -> str:
    return next(SEEDS.glob(f"{number:03d}_*.txt")).read_text(encoding="utf-8")


def sentence_of(body: str, text: str) -> tuple[str, int]:
    at = body.index(text)
    start = max(body.rfind(". ", 0, at), body.rfind("\n", 0, at)) + 1
    end = body.find(".", at + len(text))
    return body[start : end + 1].strip(), at


def fact(body: str, text: str, *, article: int, kind: str, value, unit: str, subject: str = "",
         qualifier: str = "exact", source: str = "", speaker: str = "") -> ClaimFact:
    sentence, at = sentence_of(body, text)
    return ClaimFact(
        id=next(_ids), article_id=article, source=source or f"outlet {article}", kind=kind, text=text,
        value=Decimal(str(value)), unit=unit, subject=subject, sentence=sentence, qualifier=qualifier,
        speaker=speaker, start=at,
    )


def sentence_claim(cid, article, outlet, sentence, text, value, unit, *, kind="count", qualifier="exact", subject="",
                   day=None, date_unit="date") -> ClaimFact:
    """A claim of one outlet's sentence, with its own id and article (a date's unit is `date_unit`)."""
    return ClaimFact(
        id=cid, article_id=article, source=outlet, outlet=outlet, kind=kind, text=text,
        value=None if value is None else Decimal(str(value)), unit=date_unit if kind == "date" else unit,
        subject=subject, sentence=sentence, qualifier=qualifier, start=sentence.index(text), date_value=day,
    )


@pytest.fixture
def seeds():
    return {n: seed_text(n) for n in range(5)}


# Three reports of one bank bombing: the first and the second share no name, the third
# names the people of both.
BOMBING_TROOPER = (
    "Oregon State Police said the bomb at the West Coast Bank branch in Woodburn killed Senior Trooper William Hakim. "
    "Hakim, a bomb technician, had examined the device with a colleague when it went off."
)
BOMBING_CHIEF = (
    "Woodburn Police Chief Scott Russell said Captain Tom Tennant died in the blast. "
    "Tennant had served under Russell for two decades, Russell told reporters."
)
BOMBING_BOTH = (
    "A bomb at the West Coast Bank branch in Woodburn killed Senior Trooper William Hakim and Captain Tom Tennant. "
    "Hakim and Tennant had been called to the bank after a bomb threat; Tennant had served for two decades, "
    "Chief Scott Russell said."
)
