"""Numeric claims in a parsed article: money, percents, quantities, dates and counts.

Each claim keeps its surface text and offsets (with its qualifier: "about $45 billion",
"$200 or less"), a kind, the value and unit AS STATED, a canonical form for comparing
sources (``base_value`` in ``base_unit``), a subject, notes on how an ambiguous reading was
decided, and a confidence (0..1). The kinds, each in its own module:

- money (claims.extraction.money): major unit and ISO 4217 code, by CLDR;
- percents and quantities (claims.extraction.measures): pint's unit names, converted to
  one unit per dimension (claims.extraction.units); earthquake magnitudes; ages;
- dates (claims.extraction.dates): day, week, month or year, a range's end, and what the
  date was anchored on;
- counts (claims.extraction.counts): the counted noun's lemma.

Surface forms are found with patterns over the text (money and dates are written in too
many ways for a statistical tagger to normalise), then the parse says what a count counts,
the tense of a clause (which year "in November" is), whose age a number is, and what an
amount is about (claims.extraction.subjects). A span is taken by the first kind that reads
it, in the order above, so "$45 billion" is never also a count of 45.

Every mention is read on its own (numbers.each_mention): one that cannot be read is logged
and skipped, and the article keeps its other claims and quotes.

Confidence says how sure the reading is, from how it was made: an explicit symbol, unit or
full date reads near 0.95; a currency or unit decided by the sentence or the story's
countries 0.85, by a default reading 0.65 (pounds of weight, tons, francs as CHF); a date
anchored on publication by tense 0.85, by nearness 0.75; an unresolved relative date, a
vague count or an elliptic one ("... and 35 injured") 0.6. Under LOW_CONFIDENCE the admin
shows a claim as low confidence, with its notes.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from spacy.tokens import Doc

from claims.extraction.counts import find_counts
from claims.extraction.dates import find_dates, find_times
from claims.extraction.measures import (
    ages_in_apposition,
    find_ages,
    find_magnitudes,
    find_percents,
    find_points,
    find_quantities,
    find_ratios,
)
from claims.extraction.money import find_amounts, story_context
from claims.extraction.nlp import doc_text
from claims.extraction.numbers import qualifier_after
from claims.extraction.subjects import age_subject, anchor_subject, dominant_org_of, governed_subject
from claims.extraction.types import TIME_LOCAL, TIME_UTC, ClaimResult, QuoteResult

logger = logging.getLogger(__name__)

LOW_CONFIDENCE = 0.7

_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
# Modals of what is possible or due, which look ahead of the time they are said in ("he can win
# Tuesday's primary", "voters may go to the polls on Saturday", "the bill would put it on the
# November ballot"); not "could", also a past.
_PROSPECTIVE_MODALS = {"can", "ca", "may", "might", "must", "should", "would"}
_FUTURE_VERBS = {"expect", "schedule", "plan", "due"}
_FUTURE = re.compile(r"\b(?:will|'ll|shall|is due to|are due to|is expected to|are expected to|scheduled|upcoming)\b",
                     re.IGNORECASE)
_REPORTING = {"say", "tell", "announce", "report", "confirm", "state", "claim", "add", "note", "write", "insist",
              "warn", "argue", "deny", "admit", "reveal", "show", "find"}
# Verbs whose infinitive looks ahead of them: "urging them to pass it by Friday", "ordered the
# department to release them by the end of January", "set to begin filming in August".
_PROSPECTIVE = {"urge", "order", "ask", "want", "plan", "hope", "expect", "intend", "aim", "seek", "vow", "promise",
                "need", "call", "push", "press", "pressure", "agree", "decide", "schedule", "set", "prepare",
                "threaten", "pledge", "propose", "tell", "require", "demand", "encourage", "force", "wish",
                "offer", "prefer", "try", "move", "vote"}
_DEADLINES = {"deadline"}
# "the deadline for nominations just weeks away, Sept. 14": a deadline named just before the day
_DEADLINE_BEFORE = re.compile(r"\bdeadlines?\b[^.;!?]{0,60}$", re.IGNORECASE)
_TIME_NOUNS = {"night", "morning", "afternoon", "evening", "day", "week", "weekend", "month", "year", "time", "date",
               "edition", "editions", "noon", "midnight"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_COMPLEMENTS = {"advcl", "xcomp", "pcomp", "ccomp", "conj"}
_DURATIONS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}
_PRECISION = {"date": "day", "week": "week", "month": "month", "year": "year"}


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    value: Decimal | None
    unit: str
    qualifier: str = "exact"
    subject: str = ""
    date_value: date | None = None
    date_end: date | None = None
    value_end: Decimal | None = None
    anchor: str = ""
    base_value: Decimal | None = None
    base_unit: str = ""
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.9
    age_at: int | None = None


def _said_in(quote: QuoteResult, item: _Found) -> bool:
    """Whether a number lies in the quoted words: for a split quote (“We will,” he said on
    Friday, “stay.”), inside one of its parts, not in the attribution between them."""
    pieces = quote.parts or [quote]
    return any(p.start <= item.start and item.end <= p.end for p in pieces)


class _Reader:
    """What the parse tells about positions in one doc: sentences, tense, places."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        # has_annotation walks every token: ask once per doc, not once per number.
        self.has_sents = doc.has_annotation("SENT_START")
        self.parsed = doc.has_annotation("DEP")

    def token_at(self, offset: int):
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def sentence_span(self, offset: int) -> tuple[int, int]:
        if self.has_sents:
            token = self.token_at(offset)
            if token is not None:
                return token.sent.start_char, token.sent.end_char
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end

    def places_in_sentence(self, offset: int) -> list[str]:
        s, e = self.sentence_span(offset)
        return [ent.text for ent in self.doc.ents if ent.label_ == "GPE" and s <= ent.start_char < e]

    def tense_at(self, offset: int) -> str | None:
        """The tense of the clause a date belongs to: "future" ("will host ... on Thursday"),
        "past" ("won the March 15 primary"), "present", or None when there is no verb."""
        token = self.token_at(offset)
        if not self.parsed or token is None:
            s, e = self.sentence_span(offset)
            return "future" if _FUTURE.search(self.text[s:e]) else None
        if _DEADLINE_BEFORE.search(self.text, max(0, offset - 80), offset):
            return None
        verb = token
        # A date naming the time of the noun after it: "a February survey", "the November election"
        # or the noun before it: "pointing to Cruz's victories Tuesday"
        nominal = ((token.dep_ in ("compound", "nmod", "amod", "poss") and token.head.i > token.i or token.dep_ == "npadvmod")
                   and token.head.pos_ in ("NOUN", "PROPN") and token.head.lemma_.lower() not in _TIME_NOUNS)
        for _ in range(8):
            if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                break
            if verb.pos_ == "NOUN" and verb.lemma_.lower() in _DEADLINES:
                return None  # "has given him a May 10 deadline": a deadline's day is not its giving's
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        future = self._future(verb)
        if future == "may":
            # A modal tells what its subject may do, not when the subject was: "Friday's agreement
            # may merely reset the clock" (a Sunday paper); the nearest reading decides. Not "he can
            # win Tuesday's primary", "would put it on the November ballot".
            return None if nominal and token.head.dep_ in ("nsubj", "nsubjpass") else "future"
        if future:
            return future
        if verb.tag_ == "VB" and verb.dep_ == "ROOT" and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
            return "future"  # an imperative: "Remember in November"
        # A participle or infinitive has no tense of its own: "In responding Friday, the campaign
        # took ..." (past), "appeared to dismiss the issue in October" (past); it takes the tense
        # of the clause it hangs on, unless that verb looks ahead ("urging them to pass it by Friday").
        for _ in range(4):
            infinitive = any(c.dep_ in ("aux", "auxpass") and c.tag_ == "TO" for c in verb.children)
            if infinitive and verb.dep_ in ("acl", "relcl"):
                return "future"  # "in a rush to start the next film in the fall", "plans to attend Thursday's debate"
            if infinitive and verb.head.lemma_.lower() == "be" and verb.head != verb:
                return "future"  # "the bill is to be voted on Thursday"
            if verb.tag_ == "VBG" and verb.dep_ == "pcomp":
                return None  # a gerund after a preposition ("despite winning the primary there in February")
            if not self._nonfinite(verb):
                break
            head = verb.head
            while head.pos_ not in ("VERB", "AUX") and head.head != head:
                head = head.head
            if head == verb or head.pos_ not in ("VERB", "AUX"):
                break
            if verb.tag_ in ("VB", "VBN") and head.lemma_.lower() in _PROSPECTIVE:
                # Looking ahead from a time gone, the day may since have come: "prepared to speak on
                # Tuesday", "urged him to release the tapes from Jan 5": the nearest reading decides.
                return None if self._tense_of(head) == "past" and head.lemma_.lower() not in _REPORTING else "future"
            verb = head
        tense = "future" if self._future(verb) else self._tense_of(verb)
        first = token
        while first.dep_ == "conj" and first.head != first:
            first = first.head  # "for December and January"
        ahead_of = first.head if nominal else first  # "before [Monday's] caucus", "until Monday"
        if tense == "past" and ahead_of.dep_ == "pobj" and (
                ahead_of.head.lower_ == "before" or ahead_of.head.lower_ == "of" and ahead_of.head.head.lower_ == "ahead"):
            return None  # a time after a past deed, gone or to come: "challenged him to a debate before Monday's caucus"
        if (tense == "past" and first.head.lower_ == "for" and verb.tag_ == "VBN"
                and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)):
            return None  # a bare participle does not say if the time it is for is gone: "the ads reserved for December"
        # An event named by a noun in a present clause happened when it happened: "Republicans -
        # who made up 46 percent of primary voters, according to a February survey - empathize".
        if nominal and tense == "present":
            return None
        if tense == "present" and self._in_headline(offset):
            return "past"  # a headline's present tells what happened: "Lohan Checks Into Rehab Thursday"
        return tense

    def _in_headline(self, offset: int) -> bool:
        """Whether the offset is in the article's headline: its first line, with no full stop."""
        first = self.text.lstrip()
        start = len(self.text) - len(first)
        end = self.text.find("\n", start)
        end = len(self.text) if end < 0 else end
        line = self.text[start:end].rstrip()
        return start <= offset < end and bool(line) and line[-1] not in ".!?\"”" and len(line.split()) <= 20

    @staticmethod
    def _nonfinite(verb) -> bool:
        """An infinitive or -ing form with no finite auxiliary ("to pass", "responding"), not
        "is planning" or "will host"."""
        infinitive = any(c.dep_ in ("aux", "auxpass") and c.tag_ == "TO" for c in verb.children)
        if verb.tag_ not in ("VB", "VBG") and not infinitive or verb.dep_ not in _COMPLEMENTS:
            return False  # a participle describing a noun keeps its own time: "states holding contests on March 15"
        return not any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children)

    @staticmethod
    def _future(verb) -> str | None:
        """"future" for a clause about the future ("will host"), "may" for one a modal looks
        ahead in ("can win", "would put"), else None."""
        clause = verb
        while True:
            auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
            if clause.lemma_.lower() in _FUTURE_VERBS or any(c.lower_ in _FUTURE_AUX for c in auxes):
                return "future"
            if any(c.lower_ in _PROSPECTIVE_MODALS for c in auxes) and not any(c.lemma_ == "have" for c in auxes):
                return "may"  # ahead: "he can win Tuesday's primary"; not "may have voted on Tuesday"
            if clause.dep_ not in ("xcomp", "conj") or clause.head == clause:
                break
            if clause.dep_ == "conj" and clause.tag_ in ("VBD", "VBZ", "VBP"):
                break  # "will go to the polls in November, and sales slumped in December": its own tense
            clause = clause.head
        return None

    @staticmethod
    def _tense_of(verb) -> str | None:
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if verb.tag_ == "VBN" and (any(a.lemma_ == "have" for a in auxes) or not auxes):
            return "past"  # "has won"; "the alliance, established in February, ..."
        if verb.lemma_.lower() in _REPORTING:
            return "past"  # "Obama says on Tuesday": the historic present of reports
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in _FINITE for a in auxes):
            return "present"
        return None  # a participle on its own ("including one in January"): no tense decides


def _claims_found(doc: Doc, reader: _Reader, published: date | None) -> list[_Found]:
    text = reader.text
    context = story_context(text, doc.ents, published)
    taken: list[tuple[int, int]] = []
    found: list[_Found] = []

    def take(items: list[_Found]) -> None:
        for item in sorted(items, key=lambda f: (f.start, -(f.end - f.start))):
            if all(item.end <= s or item.start >= e for s, e in taken):
                found.append(item)
                taken.append((item.start, item.end))

    take([_Found(a.start, a.end, "money", a.value, a.code, a.qualifier, value_end=a.value_end, base_value=a.value,
                 base_unit=a.code, notes=a.notes, confidence=a.confidence)
          for a in find_amounts(text, context, reader.places_in_sentence)])
    measures = [*find_percents(text), *find_magnitudes(text), *find_ratios(text), *find_points(text)]
    take([_measure(m) for m in measures])
    take([_measure(m) for m in find_ages(text)])
    take([_measure(m) for m in find_quantities(text, context)])
    stamps: list[tuple[int, int]] = []
    take([_Found(d.start, d.end, "date", None, d.unit, date_value=d.day, date_end=d.end_day, anchor=d.anchor,
                 notes=d.notes, confidence=d.confidence)
          for d in find_dates(text, reader.tense_at, published, stamps)])
    taken.extend(stamps)  # "27 September 2013" on the page's date line is no count of Septembers either
    stamp_lines = {text.rfind("\n", 0, s) for s, _ in stamps}
    # A time of day is a quantity in minutes after midnight: "time_utc" where the text names the
    # zone ("1300 GMT" = "9 a.m. EDT"), "time_local" on the story's clock, so only like compare.
    take([_Found(t.start, t.end, "quantity", Decimal(t.minutes), TIME_UTC if t.utc else TIME_LOCAL,
                 "exact" if t.end_minutes is None else "range", notes=t.notes, confidence=t.confidence,
                 value_end=None if t.end_minutes is None else Decimal(t.end_minutes))
          for t in find_times(text, published) if text.rfind("\n", 0, t.start) not in stamp_lines])
    if reader.parsed:
        take([_measure(m) for m in ages_in_apposition(doc)])
    counts = find_counts(doc, text, taken, dominant_org_of(doc))  # doc.text re-joins every token: pass it
    for c in counts:
        money = c.kind == "money"
        found.append(_Found(c.start, c.end, c.kind, c.value, c.unit, c.qualifier, c.subject,
                            base_value=c.value, base_unit=c.unit, confidence=c.confidence if not money else 0.8))
    return found


def _measure(m) -> _Found:
    return _Found(m.start, m.end, m.kind, m.value, m.unit, m.qualifier, value_end=m.value_end,
                  base_value=m.base_value, base_unit=m.base_unit, notes=m.notes, confidence=m.confidence,
                  age_at=m.age_at)


def _subject(item: _Found, doc: Doc, reader: _Reader) -> str:
    if item.age_at is not None:
        return age_subject(doc, item.age_at) if reader.parsed else "age"
    subject = item.subject
    if item.kind in ("money", "percent") and not subject:
        return governed_subject(doc, item.start, item.end)
    timed = item.unit in _DURATIONS or item.unit in (TIME_UTC, TIME_LOCAL)  # about what happened then
    if item.kind == "quantity" and not timed:
        # "1,200 tonnes of grain" -> "grain"; "The convoy was 64 km long" -> "convoy"
        return governed_subject(doc, item.start, item.end) or subject
    if item.kind == "date" or (item.kind == "quantity" and timed):
        anchor = anchor_subject(doc, item.start, item.end, reader.parsed)
        return f"{anchor} {subject}".strip() if anchor and subject else anchor or subject or (
            item.unit if item.kind == "quantity" else "")
    return subject


def find_claims(
    doc: Doc, *, published: date | None = None, quotes: Sequence[QuoteResult] = ()
) -> list[ClaimResult]:
    """Every numeric claim in the doc, in text order, with its speaker when inside a quote."""
    text = doc_text(doc)
    if not text.strip():
        return []
    reader = _Reader(doc)
    claims = []
    for item in sorted(_claims_found(doc, reader, published), key=lambda f: f.start):
        try:
            claims.append(_claim(item, doc, reader, quotes))
        except Exception:
            logger.warning("numeric claim skipped: %r at %d", text[item.start : item.end][:80], item.start,
                           exc_info=True)
    _quoted_days(claims, reader)
    return claims


# "today", "yesterday" in quoted words are the speaker's: "Durbin said on Thursday he
# 'hand-delivered a letter ... today'" is that Thursday, not the day the story came out.
_DEICTIC_SHIFT = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                  "yesterday": -1, "last night": -1, "tomorrow": 1}


_QUOTE_MARK = re.compile(r"[\"“”]|''")


def _quoted_days(claims: list[ClaimResult], reader: _Reader) -> None:
    """Re-anchor a deictic day inside a quote on the day its sentence says the words were said
    (a day the sentence names outside the quote), when there is one."""
    def quoted(claim: ClaimResult) -> bool:
        if claim.quote_index is not None:
            return True
        start, _ = reader.sentence_span(claim.start)
        return len(_QUOTE_MARK.findall(reader.text, start, claim.start)) % 2 == 1  # a mark opened, not closed

    dates = [c for c in claims if c.kind == "date"]
    deictic = [c for c in dates if " ".join(c.text.lower().split()) in _DEICTIC_SHIFT and c.date_value is not None]
    if not deictic:
        return
    said = [c for c in dates if c.unit == "date" and c.date_value is not None and c.date_end is None
            and " ".join(c.text.lower().split()) not in _DEICTIC_SHIFT and not quoted(c)]
    for claim in deictic:
        word = " ".join(claim.text.lower().split())
        if not quoted(claim):
            continue
        days = [c for c in said if c.sentence == claim.sentence]
        if not days:
            continue
        day = min(days, key=lambda c: abs(c.start - claim.start)).date_value
        claim.date_value = day + timedelta(days=_DEICTIC_SHIFT[word])
        claim.notes = [*claim.notes, f"{claim.text}: {claim.date_value.isoformat()}, said on {day.isoformat()}"]


def _claim(item: _Found, doc: Doc, reader: _Reader, quotes: Sequence[QuoteResult]) -> ClaimResult:
    text = reader.text
    if item.kind != "date":
        end, bound = qualifier_after(text, item.end)
        if bound is not None:
            item.end, item.qualifier = end, bound
    s, e = reader.sentence_span(item.start)
    quote_index = next((i for i, q in enumerate(quotes) if _said_in(q, item)), None)
    is_date = item.kind == "date"
    return ClaimResult(
        text=text[item.start : item.end],
        start=item.start,
        end=item.end,
        kind=item.kind,
        value=item.value,
        unit=item.unit,
        subject=_subject(item, doc, reader),
        sentence=text[s:e].strip(),
        qualifier=item.qualifier,
        date_value=item.date_value,
        speaker=quotes[quote_index].speaker if quote_index is not None else None,
        quote_index=quote_index,
        value_end=item.value_end,
        date_end=item.date_end,
        date_precision=_PRECISION.get(item.unit, "") if is_date else "",
        date_anchor=item.anchor,
        base_value=item.base_value,
        base_unit=item.base_unit,
        notes=[n for n in item.notes if n],
        confidence=round(item.confidence if not (is_date and item.date_value is None) else min(item.confidence, 0.6),
                         2),
    )


__all__ = ["LOW_CONFIDENCE", "find_claims"]
