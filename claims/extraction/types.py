"""What extraction returns: plain dataclasses, no Django.

Offsets are Python string offsets into the text given to the extractor, end exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# A quote or claim whose confidence is below this is shown to reviewers as one to check: a
# quotation nobody is credited with, or a speaker inferred from a pronoun with two candidates.
LOW_CONFIDENCE = 0.5
# Units of a time of day, its value in minutes after midnight: UTC where the text names a
# zone ("1300 GMT" = "9 a.m. EDT"), else the story's own clock.
TIME_UTC, TIME_LOCAL = "time_utc", "time_local"


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass
class SpeakerRef:
    """A speaker as resolved inside one article."""

    name: str  # canonical name: "Jens Stoltenberg", "NATO", "German government"
    kind: str  # "person" | "organisation" | "unknown"
    roles: list[str] = field(default_factory=list)  # "NATO Secretary-General", "former Norwegian prime minister"
    aliases: list[str] = field(default_factory=list)  # every surface form seen in the article


@dataclass
class QuoteResult:
    text: str
    start: int
    end: int
    kind: str  # "direct" | "indirect" | "mixed"
    speaker: SpeakerRef | None
    speaker_mention: Span | None
    cue: Span | None
    confidence: float
    # A direct quote interrupted by its attribution (“We will,” he said, “stay.”) or running
    # over paragraphs: the quoted pieces, marks included. Empty when the quote is one piece.
    parts: list[Span] = field(default_factory=list)


@dataclass
class ClaimResult:
    """A number as the text states it, and in a canonical form for comparing sources.

    value/unit are as stated: money in its major unit with its ISO 4217 code ("50 cents" ->
    0.50 USD), percents in "percent" or "percentage_point", quantities in pint's unit name
    ("mile", "square_meter", "mile_per_hour", "magnitude"; ages in "year"), counts in the
    counted noun's lemma, dates in date_value with unit "date" (a day), "week", "month" or
    "year". base_value/base_unit are for comparison: quantities converted to one unit per
    dimension (meter, kilogram, square_meter, meter_per_second, second...), money and counts
    as stated; None/"" for dates, which compare by date_value.
    """

    text: str
    start: int
    end: int
    kind: str  # "count" | "money" | "percent" | "quantity" | "date"
    value: Decimal | None
    unit: str  # ISO 4217 code, "percent", "percentage_point", a pint unit ("mile"), "date"/"week"/... or a lemma
    subject: str  # what the number is about, normalised
    sentence: str
    qualifier: str = "exact"  # "exact" | "approximate" | "at_least" | "at_most" | "vague" | "range"
    date_value: date | None = None  # dates resolved to a calendar day (the first of a week, month, year)
    speaker: SpeakerRef | None = None  # who said it, when the number is inside a quote
    quote_index: int | None = None  # index into Extraction.quotes
    value_end: Decimal | None = None  # the other end of a range ("$60 million to $70 million")
    date_end: date | None = None  # the end of a date range ("Nov 29-30" -> Nov 30), same precision
    date_precision: str = ""  # dates: "day" | "week" | "month" | "year"
    date_anchor: str = ""  # dates: "text" (stated whole) | "publication" (read against it) | "unresolved"
    base_value: Decimal | None = None  # the value in base_unit, for comparison across sources
    base_unit: str = ""  # "meter", "kilogram", "second", an ISO code, a counted lemma...
    notes: list[str] = field(default_factory=list)  # how an ambiguous reading was decided
    confidence: float = 1.0  # 0..1: how sure the reading is (see claims.extraction.numeric_claims)


@dataclass
class Extraction:
    quotes: list[QuoteResult] = field(default_factory=list)
    claims: list[ClaimResult] = field(default_factory=list)
    speakers: list[SpeakerRef] = field(default_factory=list)
