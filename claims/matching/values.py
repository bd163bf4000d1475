"""Whether two statements of one figure can both be true.

A stated figure allows a range of true values, from its precision and its qualifier:

- exact: half a step of its last significant digit ("$45 billion": 44.5-45.5 billion), but
  never more than 5% either way ("$100 million" is read as 95-105 million: a writer rounds
  97 million to "$97 million", not to "$100 million"). Small exact counts ("25 people",
  below 100 and with no scale word) allow only themselves: nobody rounds 21 deaths to 25.
- approximate ("about", "some", "nearly"): 5% either way, or its rounding step if wider,
  up to a fifth ("about 30": 25-35; "about $45 billion": 42.75-47.25 billion); "nearly" and
  "almost" only under the figure ("nearly $80 million": 72-80 million).
- at least ("more than 20"): from the figure up to just under its next round figure ("more
  than 20": 20-29.5; "more than $160 million": 160-169.5 million; "at least 7": 7-7.95): a
  writer who knew the figure was past the next round one would have said so ("at least 70
  injured" does not report "about 100"). At most ("up to 20"): down to half, never over.
  Wider bounds would make "at least $100,000" agree with "$175 million".
- a measured figure (a length, a speed) is rounded to its last digit however small, and a
  converted one keeps the window of the figure as stated ("30 miles" meets "48km").
- two bounds of one direction ("at least 7" and "at least 6", "more than 26,000" and "more
  than 31,000"): the outlets state two different counts of one thing, so their stated
  figures are compared as figures.
- vague ("dozens"): no range; it is no evidence for or against anything.

Money is compared only within one currency, quantities after conversion to one unit per
dimension (`base_value`/`base_unit`), dates by the days they cover ("November" holds
"November 8"; "November 8" and "November 9" differ).
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from claims.matching.types import ClaimFact

INFINITY = Decimal("Infinity")
_SCALE_WORDS = re.compile(r"\b(thousand|million|billion|trillion|bn|mn|m|k)\b|\d(bn|m|k)\b", re.I)
_SHORT_OF = re.compile(r"\b(nearly|almost|just under|just shy of|short of)\b", re.I)
EXACT_MAX_SHARE = Decimal("0.05")
APPROXIMATE_SHARE = Decimal("0.05")
APPROXIMATE_MAX_SHARE = Decimal("0.2")
SHORT_OF_SHARE = Decimal("0.1")
_OPEN_BOUNDS = ("at_least", "at_most")
NEXT_ROUND_SHARE = Decimal("0.95")
# "more than", "over", "in excess of" a figure: strictly past it, by this share of its step.
_PAST = re.compile(r"\b(more|greater|higher|larger) than\b|\bover\b|\bin excess of\b|\babove\b|\bexceed", re.I)
PAST_SHARE = Decimal("0.01")


def rounding_step(value: Decimal) -> Decimal:
    """The rounding step of a stated number: 45 000 000 000 -> 1 000 000 000, 45.2 -> 0.1."""
    value = abs(value)
    if value == 0:
        return Decimal(1)
    exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(exponent)


def value_range(
    value: Decimal, qualifier: str, text: str = "", *, measured: bool = False, share: bool = False
) -> tuple[Decimal, Decimal] | None:
    """The true values a statement allows; None when it allows too much to say (vague).
    A `measured` figure (a length, a speed, a weight) is rounded to its last digit however
    small ("48km" is 47.5-48.5 km, and meets "30 miles", 48.3 km); a count is not. A `share`
    (a percentage) is rounded to its last written digit, zeros included: "50 percent" is
    49.5-50.5 and holds 49.84 percent, "49.8 percent" is 49.75-49.85."""
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not value.is_finite():
        return None
    qualifier = qualifier or "exact"
    if qualifier == "vague":
        return None
    size = abs(value)
    # A figure written with decimals ("49.8 percent") is rounded to its last digit: it holds
    # every value that rounds to it ("49.84 percent").
    rounded = measured or size >= 100 or bool(_SCALE_WORDS.search(text or "")) or value != value.to_integral_value()
    half = min(rounding_step(value) / 2, size * EXACT_MAX_SHARE) if rounded else Decimal(0)
    if share:
        half = min(rounding_step(value), Decimal(1)) / 2
    if qualifier == "approximate":
        # "about 30" allows 25-35 (its rounding step), "about $45 billion" 42.75-47.25 (5%);
        # the step never widens it past a fifth ("about 300" is not 250).
        half = max(size * APPROXIMATE_SHARE, min(rounding_step(value) / 2, size * APPROXIMATE_MAX_SHARE))
        if _SHORT_OF.search(text or ""):
            # "nearly $80 million", "almost 90%": a little under the figure, never over it.
            return value - max(half, size * SHORT_OF_SHARE), value
    elif qualifier == "at_least":
        # Just under the next round figure: a writer who knew of 80 injured would not write
        # "at least 70". "More than five rounds" is not five rounds: past the figure, never on it.
        low = value + rounding_step(value) * PAST_SHARE if _PAST.search(text or "") else value
        return low, value + rounding_step(value) * NEXT_ROUND_SHARE
    elif qualifier == "at_most":
        # "up to $180 million" is never $184 million.
        return value / 2, value
    return value - half, value + half


def date_range(fact: ClaimFact) -> tuple[date, date] | None:
    """The days a date claim covers, from its unit: a day, a week, a month or a year."""
    return day_range(fact.date_value, fact.unit, fact.date_end)


def day_range(day: date | None, unit: str = "date", end: date | None = None) -> tuple[date, date] | None:
    if day is None:
        return None
    if end is not None and end >= day:
        return day, end
    unit = (unit or "date").lower()
    if unit == "week":
        return day, day + timedelta(days=6)
    if unit == "month":
        return day, day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if unit == "year":
        return day, day.replace(month=12, day=31)
    return day, day


def comparable(fact: ClaimFact) -> tuple[str, Decimal | None]:
    """(unit, value) on which two claims of one kind are compared: the canonical unit when
    extraction gave one, else the stated unit."""
    if fact.base_unit and fact.base_value is not None:
        return fact.base_unit, Decimal(fact.base_value)
    return (fact.unit or "").lower(), fact.value


def fact_range(fact: ClaimFact) -> tuple | None:
    if fact.kind == "date":
        return date_range(fact)
    return stated_range(fact, fact.qualifier)


def stated_range(fact: ClaimFact, qualifier: str) -> tuple[Decimal, Decimal] | None:
    """The true values a claim allows in its comparable unit, the tolerance taken from the
    figure as stated: "up to 120 mph" is read to the mile per hour, and that window is
    converted, not a window around 53.6448 meters per second."""
    _, value = comparable(fact)
    if value is None:
        return None
    measured = fact.kind == "quantity"
    share = fact.kind == "percent"
    stated = fact.value
    try:
        scale = value / Decimal(stated) if stated is not None and Decimal(stated) != 0 else None
    except (InvalidOperation, TypeError, ValueError):
        scale = None
    if scale is None or scale <= 0 or scale == 1:
        # Stated in the comparable unit, or converted by an offset (degrees): as it is.
        return value_range(value, qualifier, fact.text, measured=measured, share=share)
    window = value_range(Decimal(stated), qualifier, fact.text, measured=measured, share=share)
    return None if window is None else (window[0] * scale, window[1] * scale)


def ranges_meet(a: tuple | None, b: tuple | None) -> bool | None:
    """Whether two ranges of true values share a value. Days are whole ("November 8" meets
    "November 8"); two rounding windows that only touch do not meet, since a rounded figure
    stands for the half-open window of values that round to it: "46 percent" (45.5-46.5) is
    not "45 percent" (44.5-45.5), and "more than 10,000" (up to just under 20,000) is not
    "20,000"."""
    if a is None or b is None:
        return None
    if not (a[0] <= b[1] and b[0] <= a[1]):
        return False
    if isinstance(a[0], date) or a[0] == a[1] or b[0] == b[1]:
        return True
    return max(a[0], b[0]) < min(a[1], b[1])


def same_bound(a: ClaimFact, b: ClaimFact) -> bool:
    """Two figures stated as bounds of one direction ("at least 7", "at least 6")."""
    return a.kind != "date" and b.kind != "date" and a.qualifier in _OPEN_BOUNDS and a.qualifier == b.qualifier


def figures_meet(a: ClaimFact, b: ClaimFact, range_a: tuple | None = None, range_b: tuple | None = None) -> bool | None:
    """Whether two claims' figures can both be true (None when one cannot be read); the
    ranges, when the caller has them (`fact_range`), are not computed again."""
    if same_bound(a, b):
        return ranges_meet(stated_range(a, "exact"), stated_range(b, "exact"))
    return ranges_meet(range_a if range_a is not None else fact_range(a), range_b if range_b is not None else fact_range(b))


def values_compatible(a: ClaimFact, b: ClaimFact, range_a: tuple | None = None, range_b: tuple | None = None) -> tuple[bool, str]:
    """Whether two statements of one figure can both be true, and why (or why not); the
    ranges, when the caller has them (`fact_range`), are not computed again."""
    if a.kind == "date" or b.kind == "date":
        meet = ranges_meet(date_range(a), date_range(b))
        if meet is None:
            return True, "a date could not be resolved"
        return meet, "same dates" if meet else "different dates"
    (ua, x), (ub, y) = comparable(a), comparable(b)
    if x is None or y is None:
        return True, "a value could not be read"
    if ua != ub:
        return True, "different units"
    if x == y:
        return True, "equal"
    if same_bound(a, b) and not ranges_meet(stated_range(a, "exact"), stated_range(b, "exact")):
        bigger = max(abs(x), abs(y))
        return False, f"bounds of one direction differ by {abs(x - y) / bigger * 100:.0f}%"
    meet = ranges_meet(range_a if range_a is not None else fact_range(a), range_b if range_b is not None else fact_range(b))
    if meet is None:
        return True, "a vague figure"
    if meet:
        exact = (a.qualifier or "exact") == (b.qualifier or "exact") == "exact"
        return True, "equal after rounding" if exact else "compatible given the qualifiers"
    bigger = max(abs(x), abs(y))
    diff = abs(x - y) / bigger * 100 if bigger else Decimal(0)
    return False, f"differ by {diff:.0f}%"
