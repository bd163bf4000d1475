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
    text: str
    start: int
    end: int
    kind: str  # "count" | "money" | "percent" | "quantity" | "date"
    value: Decimal | None
    unit: str  # ISO 4217 code, "percent", "date", a unit ("km") or the counted noun's lemma
    subject: str  # what the number is about, normalised
    sentence: str
    qualifier: str = "exact"  # "exact" | "approximate" | "at_least" | "at_most" | "vague"
    date_value: date | None = None  # dates resolved to a calendar day
    speaker: SpeakerRef | None = None  # who said it, when the number is inside a quote
    quote_index: int | None = None  # index into Extraction.quotes


@dataclass
class Extraction:
    quotes: list[QuoteResult] = field(default_factory=list)
    claims: list[ClaimResult] = field(default_factory=list)
    speakers: list[SpeakerRef] = field(default_factory=list)
