"""Whether the claims of one fact agree, from their own normalised values.

A reviewer's "verified" on a group decides every member claim, so before it is applied the
review service asks this module whether one established value can make every member true.
Each stated value allows a range of true values (its qualifier and rounding), and the
members agree when their ranges have a value in common:

    "about $45 billion"   approximate: 42.75-47.25 billion (5%, or the rounding step up to a fifth)
    "$45 billion"         rounded to the billion: 44.5-45.5 billion
    "more than 20"        20 up to 30 (half as much again: no wider than plausible)
    "25 people"           a small exact count: only 25 (nobody rounds 21 deaths to 25)
    "February 24, 2022"   that day; "February 2022" the month; an unresolved date allows any

Kinds and units must be the same (money is never compared across currencies). Pure Python:
the review service reads rows into StatedValue; the ranges are claims.matching.values'.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from claims.matching.values import day_range, value_range


@dataclass(frozen=True)
class StatedValue:
    """One claim's value as its source stated it, normalised by extraction."""

    kind: str
    unit: str
    value: Decimal | None
    date_value: date | None
    qualifier: str
    text: str
    source: str = ""  # who said it, for messages: "Copy Desk"


def allowed(stated: StatedValue) -> tuple | None:
    """The (low, high) true values a statement allows; None when it allows any (unread, or
    vague). The rule is the matcher's (claims.matching.values), so that what the matcher
    calls agreeing and what a verdict accepts are one thing."""
    if stated.kind == "date":
        return day_range(stated.date_value, stated.unit)
    if stated.value is None:
        return None
    return value_range(Decimal(stated.value), stated.qualifier or "exact", stated.text)


def _common(ranges: Sequence[tuple]) -> tuple | None:
    """The values every range allows, or None when there is none. On a line, ranges that
    overlap pairwise have a common part; so the widest low and the narrowest high say it."""
    low = max(r[0] for r in ranges)
    high = min(r[1] for r in ranges)
    return (low, high) if low <= high else None


def describe(stated: StatedValue) -> str:
    return f"{stated.source} says “{stated.text}”" if stated.source else f"“{stated.text}”"


def disagreements(values: Sequence[StatedValue]) -> list[str]:
    """Why the values cannot all be true at once (empty when they can): different kinds or
    units, or ranges with no value in common, each reason naming the sources."""
    if len(values) < 2:
        return []
    kinds = {v.kind for v in values}
    if len(kinds) > 1:
        return [f"the sources state different kinds of value ({', '.join(sorted(kinds))})"]
    units = {(v.unit or "").upper() for v in values}
    if len(units) > 1:
        return [f"the sources state different units ({', '.join(sorted(u or 'none' for u in units))})"]
    ranged = [(v, r) for v in values if (r := allowed(v)) is not None]
    if len(ranged) < 2 or _common([r for _, r in ranged]) is not None:
        return []
    # Name the pairs that cannot both be true, against the first source of each.
    reasons = []
    for i, (a, ra) in enumerate(ranged):
        for b, rb in ranged[i + 1:]:
            if _common([ra, rb]) is None:
                reasons.append(f"{describe(a)} but {describe(b)}")
    return reasons[:5] or ["the sources' values have no value in common"]


def established_range(chosen: Sequence[StatedValue]) -> tuple | None:
    """The true values the chosen (correct) claims allow together; None when they allow any."""
    ranges = [r for v in chosen if (r := allowed(v)) is not None]
    return _common(ranges) if ranges else None


def fits(stated: StatedValue, established: tuple | None) -> bool:
    """Whether a statement is true given the established values (a range; None: any)."""
    mine = allowed(stated)
    if established is None or mine is None:
        return True
    return _common([mine, established]) is not None


def parse_established(text: str, *, kind: str) -> Decimal | date:
    """A reviewer's established value: an ISO date for date facts, else a plain number
    ("45000000000", "45,000,000,000", "4.5"). Raises ValueError with a message to show."""
    text = (text or "").strip()
    if kind == "date":
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"“{text}” is not a date: write it as YYYY-MM-DD") from None
    try:
        number = Decimal(text.replace(",", "").replace("_", ""))
    except InvalidOperation:
        raise ValueError(f"“{text}” is not a number: write the value in the group's unit, e.g. 45000000000") from None
    if not number.is_finite():
        raise ValueError(f"“{text}” is not a finite number")
    return number
