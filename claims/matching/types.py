"""What the matcher reads and what it proposes: plain dataclasses, no Django.

The service (claims/services/groups.py) reads rows into these, calls `match`, and writes
ClaimGroup rows from the plans. Every field past the first few is optional so that a caller
that knows less (a test, the extract command, an older extraction) still gets an answer:
the matcher then compares less, never more.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

SINGLE_SOURCE = "single_source"
CONSISTENT = "consistent"
CONFLICTING = "conflicting"


@dataclass(frozen=True)
class ClaimFact:
    id: int
    article_id: int
    source: str  # the outlet's name, for reasons a person reads
    kind: str
    text: str
    value: Decimal | None
    unit: str
    subject: str
    sentence: str
    qualifier: str = "exact"
    speaker: str = ""
    date_value: date | None = None
    start: int = 0
    fingerprint: str = ""
    # The outlet's identity (its id or name): sources are outlets, not articles.
    outlet: str = ""
    # A canonical value for comparison across units ("10 miles" and "16.1 km" meet as
    # meters); empty when extraction gave none, and the stated unit is compared instead.
    base_value: Decimal | None = None
    base_unit: str = ""
    # Dates: the last day a range or a month covers ("Nov 29-30"); None for one day.
    date_end: date | None = None

    @property
    def outlet_key(self) -> str:
        return self.outlet or self.source or f"article {self.article_id}"


@dataclass(frozen=True)
class QuoteFact:
    id: int
    article_id: int
    source: str
    text: str
    speaker: str = ""  # canonical name; "" when the article credits nobody
    start: int = 0
    fingerprint: str = ""
    outlet: str = ""
    speaker_kind: str = ""  # "person", "organisation" or "" (unknown)

    @property
    def outlet_key(self) -> str:
        return self.outlet or self.source or f"article {self.article_id}"


@dataclass(frozen=True)
class ArticleText:
    id: int
    source: str
    body: str
    published: date | None = None
    outlet: str = ""

    @property
    def outlet_key(self) -> str:
        return self.outlet or self.source or f"article {self.id}"


@dataclass(frozen=True)
class EventMention:
    """A sentence saying when and/or where an event happened."""

    article_id: int
    source: str
    kind: str  # "meeting", "vote", ...
    sentence: str
    start: int  # offsets of the sentence in the article body
    end: int
    place: str = ""
    date_text: str = ""
    month: int | None = None
    days: tuple[int, int] | None = None  # first and last day, e.g. (29, 30) for "Nov 29-30"
    entities: frozenset[str] = frozenset()
    outlet: str = ""
    published: date | None = None  # the article's date
    # Incidents: the kinds of other incident words right beside the place ("a bomb exploded
    # Friday at a West Coast Bank branch in Woodburn, killing an officer": a blast, and a killing).
    also: frozenset[str] = frozenset()

    @property
    def outlet_key(self) -> str:
        return self.outlet or self.source or f"article {self.article_id}"


@dataclass(frozen=True)
class GroupMention:
    """One event report as an event group keeps it (ClaimGroup.details["mentions"]): the
    matcher writes these, the group page, the queue, the dashboard and the next match read
    them. A group's conflicts name a report by its index in the list."""

    article_id: int
    start: int  # the sentence's offsets in the article body
    end: int
    source: str = ""  # the outlet's name, as the matcher wrote it
    sentence: str = ""
    place: str = ""
    date: str = ""  # the date as the article gave it ("Nov 29-30")

    @property
    def member_key(self) -> str:
        """Its identity among a group's members (next to claim and quote ids)."""
        return f"m{self.article_id}:{self.start}"

    def as_details(self) -> dict:
        return {
            "article_id": self.article_id, "source": self.source, "sentence": self.sentence, "start": self.start,
            "end": self.end, "place": self.place, "date": self.date,
        }


def group_mentions(details: dict | None) -> list[GroupMention]:
    """The event reports a group's details hold, in their stored order."""
    return [
        GroupMention(
            article_id=m["article_id"], start=m["start"], end=m["end"], source=m.get("source") or "",
            sentence=m.get("sentence") or "", place=m.get("place") or "", date=m.get("date") or "",
        )
        for m in (details or {}).get("mentions", ())
    ]


@dataclass(frozen=True)
class Conflict:
    """Two claims (or quotes, or event reports) that match each other directly and disagree."""

    a: int  # member ids: claim or quote ids, or the index of an event mention
    b: int
    confidence: float
    reason: str


@dataclass
class GroupPlan:
    """One group the matcher proposes; the service turns it into a ClaimGroup row."""

    kind: str  # claim kind, "quote" or "event"
    unit: str
    subject: str
    label: str
    state: str = SINGLE_SOURCE
    reason: str = ""
    claim_ids: list[int] = field(default_factory=list)
    quote_ids: list[int] = field(default_factory=list)
    article_ids: set[int] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    # Outlets that ran one text (a wire story): shown, but one independent report.
    independent_reports: int = 0
    anchor: str = ""  # fingerprint of the first member: part of a new group's key
    story: int | None = None  # the story its first article reports
    confidence: float = 0.0
    conflicts: list[Conflict] = field(default_factory=list)
    details: dict = field(default_factory=dict)

    @property
    def source_count(self) -> int:
        """Distinct outlets (an outlet's several articles are one source)."""
        return len(self.outlets) or len(self.article_ids)
