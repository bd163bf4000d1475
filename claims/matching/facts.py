"""A fact's identity, and numeric claims grouped by it.

Two claims state one fact when they measure or count the same thing (the counted noun or
unit, and the words around the figure: "15 civilians killed" / "killing 15 people"), about
the same entity (names in the clause), in the same place (through the gazetteer) and period
(the dates written beside them, which are the fact's time anchors, not facts of their own),
from the same source of the figure for polls and statistics ("a Quinnipiac poll", "according
to the coroner"), inside one story (claims of articles about different events are never
compared). Each pair gets an identity score in [0, 1]:

- the rarity-weighted overlap of the words around the two figures;
- times a penalty for each attribute both claims state and that differs: other names,
  other places, other time anchors, another source of the figure.

A pair joins a group when its values agree and its score reaches SAME_FACT; a pair whose
values disagree is a conflict only when its score reaches CONFLICT, a stricter bar, and the
conflict is reported between those two claims, never through a third. Two outlets are
needed: an outlet never confirms or contradicts itself, and one article stating two
different figures states two facts.

About 640 lines, on purpose: the identity score, its fitted weights and the grouping that
applies them (blocks, candidate pairs, cross-story links) change together whenever
bench/fit_matching.py refits; split apart, a refit would touch three modules.
"""
from __future__ import annotations

import calendar
import gc
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property, lru_cache, wraps

from rapidfuzz import fuzz

from claims.extraction.names import names_people
from claims.matching.places import places_agree, places_named
from claims.matching.quotes import DisjointSets
from claims.matching.types import CONFLICTING, CONSISTENT, SINGLE_SOURCE, ClaimFact, Conflict, GroupPlan
from claims.matching.values import (
    comparable,
    fact_range,
    figures_meet,
    ranges_meet,
    rounding_step,
    same_bound,
    values_compatible,
)
from claims.matching.words import MONTHS, STOP, WEEKDAYS, content_words, lemma, names_in

SAME_FACT = 0.45
CONFLICT = 0.8
# Fitted by bench/fit_matching.py on the labelled pairs of ECB+ topics 1-11 and PolNeAR
# train (the rest is held out to check them); refit when the features change. The quantity
# weight alone is from a refit after quantities gained canonical units (miles and km, hours
# and minutes now share one block); taking the whole refit also joined more ECB+ events.
WEIGHTS = {
    "bias": -4.579, "overlap": 1.398, "sentence alike": 2.708, "same noun": 1.137, "distinct equal value": 0.008,
    "articles alike": 1.594, "same figure": 0.861, "figure common": 0.406, "names shared": 0.19, "names differ": -0.114,
    "places differ": -0.265, "anchors agree": 0.78, "anchors differ": 0.449, "sources differ": 0.172,
    "values apart": -0.351, "values agree": 1.941, "date": -0.139, "money": 0.09, "percent": -0.422, "quantity": -0.427,
}
# Blocks up to this size are compared pair by pair; larger ones through an index of each
# claim's LOOKUP_WORDS rarest context words and its figure, ignoring keys held by more than
# COMMON_KEY claims (a word in every claim of the block says nothing). With eight words the
# labelled pairs of PolNeAR's long election story find the same partners as comparing all
# pairs (bench/eval_matching.py); with four, seven labelled same-fact pairs were never scored.
ALL_PAIRS_UP_TO = 200
LOOKUP_WORDS = 8
COMMON_KEY = 100
# The same figure of the same thing held by more claims than this is too common a figure
# ("two people") to join across stories.
CROSS_STORY_MAX = 50
# Across stories, one figure of one thing is one fact only on strong evidence: equal
# figures are common ("46 percent" in two polls, "$25 million" in two contracts). At 0.65
# (from 0.8) with the same stated figure ("about 300", "300"), not only the same range,
# pair recall 0.483 -> 0.488, precision kept. Without the articles being close in time
# recall reached 0.493, but a fact weeks apart needs its period to agree, which nothing
# here reads yet.
CROSS_STORY_SAME = 0.65
# Between stories that are not related (weeks apart, or about other things), a standing fact
# (a plan's $275 billion cost, "11 million undocumented immigrants", a candidate's age) is
# told again: one fact when both articles are dated no more than CROSS_STORY_FAR_DAYS apart
# (the same toll years apart is another earthquake's) and the words around the same figure
# agree this strongly. At 0.8 pair recall 0.501 -> 0.505 with no new cross-event merge; at
# 0.7, 0.507 but one group joined an ECB+ earthquake with a PolNeAR article.
CROSS_STORY_FAR = 0.8
CROSS_STORY_FAR_DAYS = 183
# A figure of one thing that at most CROSS_STORY_RARE claims of all state ("$1.9 billion"
# for Zika, "$103 million" raised by one super PAC) is itself evidence: such claims of two
# stories are one fact at CROSS_STORY_RARE_SAME. pair recall 0.540 -> 0.549, no new
# cross-event merge, consistent-group precision 0.941 -> 0.940.
CROSS_STORY_RARE = 4
# A group that links across stories holds at most this many stories. A standing figure told
# again in a few stories is one fact; a chain of equal figures through hundreds of stories
# (each story's own conflict joining the next figure) is not, and one article's match would
# read it whole (a 12,000-claim group in bench_match_article).
CROSS_STORY_GROUP_STORIES = 8
CROSS_STORY_RARE_SAME = 0.55
# How alike two sentences (figures taken out) must be for a conflict between their figures.
SAME_SENTENCE = 0.6
# A conflict is judged as if the figures agreed (would these be one fact?), and only between
# figures within this factor of each other: outlets that disagree on a figure are usually
# near each other ("six" and "seven" killed); "20" against "200,000" is two facts.
CONFLICT_MAX_RATIO = 2.0
# A conflict is between two articles that themselves read as reports of one event (the
# cosine of their names, claims.matching.events), not two joined through a chain of a
# story's articles: two pirate raids three years apart share a story's words, not its names.
CONFLICT_ARTICLES = 0.3
# "Two people", "three times", "twice": small counts are said of many things in one story,
# so two of them are one fact only on stronger evidence.
SAME_SMALL_FACT = 0.6
# A small span ("four days", "eight years", "three weeks") is more particular than a small
# count: a story tells few things that lasted four days. At 0.5 (from 0.6) quantity pair
# recall 0.500 -> 0.527, its group precision kept; at 0.45, one more pair and ECB+
# cross-event false merges 0.027 -> 0.029.
SAME_SMALL_SPAN = 0.5
# Two figures agreeing only as bounds ("at least 7", "at least 10") are one fact only
# on evidence this strong: at 0.6 ECB+ cross-event false merges 0.041 -> 0.038 (two
# quakes' tolls, two marches' crowds) for one labelled pair; 0.8 cut one more merge for
# seven labelled pairs.
BOUNDS_ONLY_SAME = 0.6
# Two claims of articles less alike than this are not one fact even inside one story.
LINK_ARTICLES = 0.1

# A year alone ("in 2005", "the 1967 slayings") is a fact of its own, but one that coverage
# of many events tells as background (a star's last hosting, an earlier fight): two are one
# fact only between articles that read as reports of one event, this alike (the cosine of
# their names, claims.matching.events).
YEAR_ARTICLES = 0.3
# A year told of one thing in words alike (identity YEAR_SAME_STRONG: "was previously in
# Betty Ford in 2010", "spent time at the Betty Ford Center in 2010") in articles dated at
# most YEAR_DAYS_STRONG apart (one news cycle) is one fact between articles only this
# alike. Undated articles get no such leave: two ceremonies' news years apart both tell
# that DeGeneres hosted in 2007, in articles as alike as one story's.
YEAR_SAME_STRONG = 0.6
YEAR_ARTICLES_STRONG = 0.2
YEAR_DAYS_STRONG = 7

# Words for people in general, beside extraction's nouns of people (`nouns_agree`).
_PEOPLE = frozenset({"people", "person", "individual", "casualty", "goer"})
# Dates that say when something was said or published are anchors, never facts.
# Verbs of saying: the date of a statement is when it was made, not a fact of the story. An
# announcement is an event the story reports ("the Interior Department announced a change on
# Thursday", "Cruz on Wednesday announced that he was choosing Carly Fiorina"): its date is a
# fact, compared with other outlets' dates of it.
_SPEECH = frozenset(lemma(w) for w in (
    "say said tell told add added report reported state stated confirm confirmed claim write wrote "
    "publish speak spoke talk comment explain note tweet remark reiterate reply respond insist acknowledge admit "
    "declare").split())
_VAGUE_PERIOD = re.compile(r"\b(week|weekend|month|year|ago|recently|lately)\b", re.I)
# A count of years back, resolved to a year, dates like the year itself ("killed 12 years
# ago" in 2016 is "killed in 2004"); "a year ago", "years ago" stay vague.
_YEARS_AGO = re.compile(r"\s*(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|[a-z]+ty)\s+years\s+ago\s*$", re.I)
_CLAUSE_BREAK = re.compile(r"[;:()\u201c\u201d\"]|,\s+(?:and|but|while|whereas)\b|\bbut\b|\bwhile\b")
_CAPITALISED_RUN = r"[A-Z][\w&.'-]*(?:\s[A-Z][\w&.'-]*)*"
_SOURCE_RE = re.compile(
    rf"according to (?:the |a |an )?({_CAPITALISED_RUN})"
    rf"|({_CAPITALISED_RUN})(?:'s)?\s+(?:poll|survey|study|report|census|data|estimate|count|tally)\b",
)
# A place a clause names: after a preposition ("In Heraklion, 10,000 people...") or a kind of
# place ("the northern city of Thessaloniki"); the gazetteer decides whether it is one.
_PLACE_RE = re.compile(
    r"\b(?i:in|at|near|from|across|through|throughout|outside|(?:city|town|village|province|region|capital|island) of)"
    r"\s+(?:(?:central|downtown|northern|southern|eastern|western|north|south|east|west|greater)\s+)?"
    r"((?:[A-Z][a-z]+)(?:[ -][A-Z][a-z]+)?)"
)


@dataclass(frozen=True)
class Prepared:
    """A claim with what identity is decided on, computed once per run."""

    fact: ClaimFact
    story: int
    block: tuple[str, str]
    noun: str
    words: frozenset[str]
    names: frozenset[str]
    places: tuple[str, ...]
    anchors: tuple[tuple, ...]
    sources: frozenset[str]
    range: tuple | None
    context: frozenset[str] = frozenset()  # words, less the counted noun
    rest: str = ""  # the sentence with the figure taken out
    # The figure stated, after normalisation and whatever its qualifier: "an estimated $1
    # million" and "$1 million", "the 33-year-old" and "33" state one figure. Dates: their
    # days.
    figure: object = None
    # What the pair tests ask of each claim, read once here rather than once per pair (a
    # claim meets dozens of others): its outlet, whose age it states (`age_holder`), whether
    # it is a small figure (`_small`) and on which side of its figure (`_bound`), a figure
    # restated in brackets (`restated`), the weekday it names alone (`weekday_only`), a
    # floating date (`is_floating`), and its range's middle and low end as floats (`_apart`).
    outlet: str = ""
    holder: frozenset[str] = frozenset()
    small: bool = False
    bound: str = ""
    restated: bool = False
    weekday: str = ""
    floating: bool = False
    magnitude: tuple[float, float] | None = None
    year: bool = False

    @cached_property
    def uncredited(self) -> frozenset[str]:
        """The names around the figure that do not credit it to anyone (`credited_names`)."""
        return self.names - _credited(self.fact.sentence or "", self.names)


def claim_block(fact: ClaimFact) -> tuple[str, str]:
    """Claims in different blocks never match: another kind, another currency, another
    dimension of quantity, percent against percentage points."""
    if fact.kind == "money":
        return ("money", (fact.unit or "").upper())
    if fact.kind == "quantity":
        return ("quantity", (fact.base_unit or fact.unit or "").lower())
    if fact.kind == "percent":
        return ("percent", "point" if "point" in (fact.unit or "") else "percent")
    return (fact.kind, "")


def _noun(fact: ClaimFact) -> str:
    """The counted noun; "people" for a people's name counted ("four Americans", "over 2.5
    million Turkmens"), which counts people as "four people" does."""
    if fact.kind != "count":
        return ""
    words = content_words(fact.unit) or content_words(fact.text)
    if not words:
        return ""
    noun = words[-1]
    if noun.endswith(_DEMONYM_ENDINGS) and re.search(rf"\b{re.escape(noun.capitalize())}", fact.text or ""):
        return "people"
    return noun


# How the names of peoples end, capitalised: American, Iraqi (Iraqis: `lemma` keeps "is"),
# Chinese, Turkmen.
_DEMONYM_ENDINGS = ("an", "i", "is", "ese", "men")


def nouns_agree(a: str, b: str) -> bool:
    """Two counted nouns that can count one thing: the same, one missing, or two nouns of
    people ("15 people", "15 civilians"; "1,300 biologists", "1,300 scientists"; "30,000
    soldiers", "30,000 troops"; not "four sentences"). Two particular nouns of people
    ("civilians", "soldiers") are weighed as another noun (`pair_features`: no "same noun")
    and never conflict (`conflict_refusal`)."""
    return a == b or not a or not b or (_of_people(a) and _of_people(b))


def _of_people(noun: str) -> bool:
    return noun in _PEOPLE or names_people(noun)


def _clause(fact: ClaimFact) -> tuple[str, str]:
    """The text before and after the figure within its clause."""
    sentence = fact.sentence or ""
    at = sentence.find(fact.text) if fact.text else -1
    if at < 0:
        return sentence, ""
    before = _CLAUSE_BREAK.split(sentence[max(0, at - 160) : at])[-1]
    after = _CLAUSE_BREAK.split(sentence[at + len(fact.text) : at + len(fact.text) + 160])[0]
    return before, after


def fact_words(fact: ClaimFact, clause: tuple[str, str] | None = None) -> frozenset[str]:
    """What is measured or counted: the subject, the counted noun, and a few words either
    side of the figure in its clause (the verb: 'killed' or 'injured'); `clause` is
    `_clause(fact)` when the caller has it."""
    before, after = clause or _clause(fact)
    words = [*content_words(fact.subject), *content_words(before)[-3:], *content_words(after)[:4]]
    if fact.kind in ("count", "quantity"):
        words += content_words(fact.unit)
    return frozenset(words)


# The year given to a calendar date written without one in an undated article ("on Dec. 2"):
# such dates meet only each other (one story is one year), never a date with a real year.
FLOATING_YEAR = 4


# The year of a weekday nothing resolved ("on Thursday" in an undated article): January of
# its first week holds one day per weekday (a real date of that weekday).
WEEKDAY_YEAR = 3
_WEEKDAY_INDEX = {name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}


def floating(fact: ClaimFact) -> ClaimFact:
    """A date claim nothing could place in a year, given a floating date so that two
    outlets' unresolved anchors are compared: "on Dec. 2" and "December 2" in undated
    articles (FLOATING_YEAR), "in October" (that month of FLOATING_YEAR), "on Thursday"
    (its day of WEEKDAY_YEAR). Against a dated claim, a floating one agrees only by its month
    and day, month, or weekday (`spans_meet`). Other claims as they are."""
    if fact.kind != "date" or fact.date_value is not None:
        return fact
    from claims.matching.events import DATE_RE

    weekday = weekday_only(fact)
    if weekday and not _VAGUE_PERIOD.search(fact.text):
        first = date(WEEKDAY_YEAR, 1, 1)
        day = first + timedelta(days=(_WEEKDAY_INDEX[weekday] - first.weekday()) % 7)
        return replace(fact, date_value=day, date_end=None, unit="date")
    m = DATE_RE.search(fact.text or "")
    if not m:
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", fact.text or "")]
        months = [MONTHS[w] for w in words if w in MONTHS]
        if len(months) == 1 and not _VAGUE_PERIOD.search(fact.text) and not any(ch.isdigit() for ch in fact.text):
            first = date(FLOATING_YEAR, months[0], 1)
            last = date(FLOATING_YEAR, months[0], calendar.monthrange(FLOATING_YEAR, months[0])[1])
            return replace(fact, date_value=first, date_end=last, unit="month")
        return fact
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", fact.text)
    if m.group(1):
        month, d1, d2 = MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3)
    else:
        month, d1, d2 = MONTHS[m.group(6).lower()], int(m.group(4)), m.group(5)
    try:
        # A year written beside it ("March 11, 2005") places it: a real date, not floating.
        in_year = int(year.group(1)) if year else FLOATING_YEAR
        start = date(in_year, month, d1)
        end = date(in_year, month, int(d2)) if d2 else None
    except ValueError:
        return fact
    return replace(fact, date_value=start, date_end=end if end and end >= start else None, unit="date")


def is_floating(fact: ClaimFact) -> bool:
    return fact.kind == "date" and fact.date_value is not None and fact.date_value.year in (FLOATING_YEAR, WEEKDAY_YEAR)


def spans_meet(x: tuple | None, y: tuple | None) -> bool | None:
    """Whether two figures' ranges can be one value, floating dates (`floating`) included:
    a floating weekday meets a dated day of that weekday, a floating "Dec. 2" or "October"
    meets the same days in a dated claim's year; a floating weekday and a floating calendar
    date tell nothing about each other (None)."""
    if x is None or y is None:
        return None
    if not isinstance(x[0], date) or not isinstance(y[0], date):
        return ranges_meet(x, y)
    fx, fy = x[0].year in (FLOATING_YEAR, WEEKDAY_YEAR), y[0].year in (FLOATING_YEAR, WEEKDAY_YEAR)
    if fx == fy:
        return ranges_meet(x, y) if not fx or x[0].year == y[0].year else None
    floating_span, dated = (x, y) if fx else (y, x)
    if (dated[1] - dated[0]).days > 31:
        return None  # "in 2008" says nothing about which day or month
    if floating_span[0].year == WEEKDAY_YEAR:
        days = (dated[1] - dated[0]).days + 1
        return any((dated[0] + timedelta(days=k)).weekday() == floating_span[0].weekday() for k in range(min(days, 7)))
    try:
        placed = (floating_span[0].replace(year=dated[0].year), floating_span[1].replace(year=dated[0].year))
    except ValueError:  # February 29 of a floating year
        return None
    return ranges_meet(placed, dated)


def is_time_anchor(fact: ClaimFact) -> bool:
    """A date that only dates something else: when something was said or reported ("said on
    Tuesday"), a stretch too vague to be the date of an event ("this week", "last month"),
    or a date nothing resolved. A date is a fact of its own when the sentence says that an
    event happened on it ("escaped on Monday", "the Nov 29-30 meeting", "resigned from
    Congress in 2011"); it is then compared with other outlets' dates of that event. A year
    alone is compared only between articles of one event (YEAR_ARTICLES)."""
    if fact.kind != "date":
        return False
    if fact.date_value is None or (fact.unit or "date") not in ("date", "day", "month", "year"):
        return True
    if _VAGUE_PERIOD.search(fact.text) and not (fact.unit == "year" and _YEARS_AGO.match(fact.text)):
        return True
    first = (fact.subject or "").split()[:1]
    return bool(first) and lemma(first[0]) in _SPEECH


def prepare(facts: Sequence[ClaimFact], story_of: dict[int, int]) -> list[Prepared]:
    # Time anchors: the dates of each sentence, by article and sentence text.
    anchors: dict[tuple[int, str], list[tuple]] = defaultdict(list)
    for f in facts:
        if f.kind == "date" and f.date_value is not None:
            span = fact_range(f)
            if span:
                anchors[(f.article_id, f.sentence)].append(span)
    # Names present in half a story's articles say nothing about which fact a claim is.
    story_articles: dict[int, set[int]] = defaultdict(set)
    name_articles: dict[tuple[int, str], set[int]] = defaultdict(set)
    raw = []
    # Claims of one sentence share their clauses and sources of the figure, often many of
    # them (a table of results told in prose): each is read once per run.
    clause_names: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
    sources: dict[str, frozenset[str]] = {}
    for f in facts:
        story = story_of.get(f.article_id, -1)
        before, after = _clause(f)
        clause = f"{before} {f.text} {after}"
        if clause not in clause_names:
            clause_names[clause] = _clause_names(clause)
        names, places = clause_names[clause]
        story_articles[story].add(f.article_id)
        for n in names:
            name_articles[(story, n)].add(f.article_id)
        raw.append((f, story, names, places, before, after))
    prepared = []
    for f, story, names, places, before, after in raw:
        common = max(2, len(story_articles[story]) * 0.5)
        names = frozenset(n for n in names if len(name_articles[(story, n)]) < common)
        span = fact_range(f)
        own = span if f.kind == "date" else None
        spans = tuple(s for s in anchors.get((f.article_id, f.sentence), ()) if s != own)
        noun, words = _noun(f), fact_words(f, (before, after))
        rest = (f.sentence or "").replace(f.text, " ").strip() if f.text else (f.sentence or "").strip()
        sentence = f.sentence or ""
        if sentence not in sources:
            sources[sentence] = _sources(sentence)
        prepared.append(
            Prepared(f, story, claim_block(f), noun, words, names - {p.lower() for p in places},
                     places, spans, sources[sentence], span, words - {noun}, rest, stated_figure(f),
                     outlet=f.outlet_key, holder=age_holder(f), small=_small(f), bound=_bound(f),
                     restated=restated(f), weekday=weekday_only(f), floating=is_floating(f),
                     magnitude=_magnitude(f, span), year=_year_only(f))
        )
    return prepared


def _clause_names(clause: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The names in a claim's clause and the places among them (through the gazetteer)."""
    places = tuple(m.group(1) for m in _PLACE_RE.finditer(clause) if places_named(m.group(1)))
    return frozenset(names_in(clause)), places


def _sources(sentence: str) -> frozenset[str]:
    """The sources a sentence credits a figure to ("a Quinnipiac poll", "according to the coroner")."""
    return frozenset((m.group(1) or m.group(2) or "").strip().lower() for m in _SOURCE_RE.finditer(sentence)) - {""}


def _magnitude(fact: ClaimFact, span: tuple | None) -> tuple[float, float] | None:
    """A number's range as floats, its middle and its low end (`_apart`); None for dates."""
    if span is None or fact.kind == "date":
        return None
    return abs(float(span[0] + span[1]) / 2), abs(float(span[0]))


_SHORT_OF = re.compile(r"\b(nearly|almost|just under|just shy of|short of)\b", re.I)


def _bound(fact: ClaimFact) -> str:
    """Which side of its figure a statement allows ("at least", "up to", "nearly"), or ""
    for the figure itself, exactly or about: "at least $160 million" and "$160 million" are
    the same figure stated differently, often of two offers."""
    if fact.qualifier in ("at_least", "at_most"):
        return fact.qualifier
    return "under" if _SHORT_OF.search(fact.text or "") else ""


def stated_figure(fact: ClaimFact):
    """The figure a claim states, normalised (a canonical unit's value, or the stated one),
    its qualifier aside; a date's days; None when it has none."""
    if fact.kind == "date":
        return fact_range(fact)
    _, value = comparable(fact)
    return value if value is not None and value.is_finite() else None


# The features of `pair_features`, in the order of their values in `_feature_values`.
FEATURES = (
    "overlap", "sentence alike", "same noun", "distinct equal value", "articles alike", "same figure", "figure common",
    "names shared", "names differ", "places differ", "anchors agree", "anchors differ", "sources differ", "values apart",
    "values agree", "date", "money", "percent", "quantity",
)
if set(WEIGHTS) != {"bias", *FEATURES}:
    raise ValueError("WEIGHTS must weigh exactly the FEATURES (and the bias)")
_WEIGHTED = tuple(WEIGHTS[name] for name in FEATURES)


def pair_features(a: Prepared, b: Prepared, idf) -> dict[str, float] | None:
    """What tells whether two claims of one story state one fact; None when they cannot
    (another block, another counted noun)."""
    values = _feature_values(a, b, idf)
    return None if values is None else dict(zip(FEATURES, values, strict=True))


def _feature_values(a: Prepared, b: Prepared, idf, as_if_agreeing: bool = False) -> list[float] | None:
    """`pair_features` as a list in the order of FEATURES (the matcher scores many pairs);
    with `as_if_agreeing`, those of the figures are set as if they agreed (`identity`)."""
    if a.block != b.block or not nouns_agree(a.noun, b.noun):
        return None
    ha, hb = a.holder, b.holder
    if ha and hb and not ha & hb:
        return None  # "Reid, 33" and "Lohan, 33": two people's ages, never one fact
    shared = a.context & b.context
    if a.fact.kind == "percent" and not shared:
        # A share of what, of whom: "61 percent of remaining delegates" and "women (61
        # percent)" share a figure and nothing it is of. Shares from 0 to 100 recur in every
        # poll story, so one with nothing measured in common is never the same fact.
        return None
    weigh = idf.weights.__getitem__ if isinstance(idf, rarity) else idf
    smaller = min(_weight(a, idf, weigh), _weight(b, idf, weigh))
    overlap = sum(map(weigh, shared)) / smaller if smaller and shared else 0.0
    places = [places_agree(x, y) for x in a.places for y in b.places] if a.places and b.places else ()
    if a.fact.kind == "percent" and (a.sources or b.sources) and not a.sources & b.sources:
        return None  # a share from one poll is not another's ("a Fox poll", "the Rasmussen Reports poll")
    if a.fact.kind in ("percent", "date") and places and not any(p is not False for p in places):
        return None  # a state's poll share is not another state's ("about 3 in 10" in Texas, in South Carolina)
    anchors = [spans_meet(x, y) for x in a.anchors for y in b.anchors] if a.anchors and b.anchors else ()
    if as_if_agreeing:
        distinct, same, common, apart, agree = 0.0, 0.0, 0.0, 0.0, 1.0
    else:
        same_figure = a.figure is not None and not a.small and a.bound == b.bound and _same_figure(a, b)
        if not same_figure and (a.year or b.year):
            same_figure = _year_holds(a, b, idf)
        distinct, same = float(_distinct_equal(a.fact, b.fact)), float(same_figure)
        common = idf.figure_share(a.figure) if same_figure and hasattr(idf, "figure_share") else 0.0
        apart, agree = _apart(a, b), float(bool(spans_meet(a.range, b.range)))
    kind = a.fact.kind
    names_shared = bool(a.names & b.names)
    return [
        overlap,
        _alike(a.rest, b.rest),
        float(bool(a.noun) and a.noun == b.noun),
        distinct,
        _articles_alike(a, b, idf),
        same,
        common,
        float(names_shared),
        float(bool(a.names and b.names and not names_shared)),
        float(bool(places) and not any(p is not False for p in places)),
        float(any(anchors)),
        float(bool(anchors) and all(x is False for x in anchors)),
        float(bool(a.sources and b.sources and not a.sources & b.sources)),
        apart,
        agree,
        float(kind == "date"),
        float(kind == "money"),
        float(kind == "percent"),
        float(kind == "quantity"),
    ]


# When nothing says how alike two claims' articles are (no article texts given), they are
# taken to be as alike as two reports of one event typically are.
TYPICAL_ARTICLES_ALIKE = 0.4


def _articles_alike(a: Prepared, b: Prepared, idf) -> float:
    """How alike the two claims' articles are (the cosine of their names, events.py)."""
    alike = getattr(idf, "articles", None)
    if alike is None:
        return TYPICAL_ARTICLES_ALIKE
    return min(1.0, alike(a.fact.article_id, b.fact.article_id))


def _weight(p: Prepared, idf, weigh=None) -> float:
    """The summed rarity of a claim's context words in its block, kept on the block's idf
    (`weigh`: the idf's fastest form, when the caller has it)."""
    kept = getattr(idf, "totals", None)
    if kept is None:
        return sum(map(weigh or idf, p.context))
    total = kept.get(p.fact.id)
    if total is None:
        total = kept[p.fact.id] = sum(map(weigh or idf, p.context))
    return total


def _alike(a: str, b: str) -> float:
    """How alike two sentences are with their figures taken out (0..1): one wire sentence
    retold with another number is the clearest discrepancy there is."""
    if not a or not b:
        return 0.0
    return fuzz.token_sort_ratio(a, b) / 100


def could_conflict(a: Prepared, b: Prepared) -> bool:
    """Whether two claims whose figures disagree may be reported as a conflict at all."""
    return not conflict_refusal(a, b)


class _Told(defaultdict):
    """The claims of each sentence, by (article, sentence, block); `articles`: of each
    article, by (article, block)."""

    def __init__(self) -> None:
        super().__init__(list)
        self.articles: dict[tuple[int, tuple], list[Prepared]] = defaultdict(list)


def sentence_figures(items: Sequence[Prepared]) -> dict[tuple[int, str, tuple], list[Prepared]]:
    """The claims of each sentence, by article, sentence and block (and of each article,
    by article and block, in its `articles`)."""
    said = _Told()
    for p in items:
        said[(p.fact.article_id, p.fact.sentence, p.block)].append(p)
        said.articles[(p.fact.article_id, p.block)].append(p)
    return said


def states_figure_too(a: Prepared, b: Prepared, said) -> bool:
    """Whether b's sentence also states a's figure (of the same counted thing), beside b's:
    "46 percent to 44 percent" against another outlet's "44 percent" is Sanders' share
    against Clinton's, not a disagreement; "$140-150 million over seven years" and "$160
    million over eight years" are two offers."""
    for other in said.get((b.fact.article_id, b.fact.sentence, b.block), ()):
        if other is not b and nouns_agree(other.noun, a.noun) and figures_meet(a.fact, other.fact, a.range, other.range):
            return True
    return False


# A sentence told twice with only its figure changed ("A powerful earthquake has hit southern
# Iran, killing at least three people" / "... killing at least 10 people"): how alike, and
# the identity it needs for a conflict, whatever the ratio of the two figures.
RETOLD_SENTENCE = 0.7
RETOLD_CONFLICT = 0.7


# One toll told twice: two outlets' counts of what befell people (extraction's subjects
# "person killed", "person injured", "person arrested") match each other directly when each
# article states its toll once near the other's figure and neither states the other's figure
# ("at least seven people killed" / "killed at least six people" in two reports of one
# quake), whatever their wording; the identity they need then.
TOLL_EVENTS = frozenset({"killed", "injured", "evacuated", "displaced", "arrested", "detained", "rescued", "missing"})
TOLL_CONFLICT = 0.5
# Early and later tolls differ more than other figures told twice ("injuring five people" /
# "injured two people" on one quake): two tolls are compared within this factor.
TOLL_MAX_RATIO = 3.0
# "two other rifles", "another 20,000 people", "12 Somali and 11 Yemeni pirates": a count of
# some of the thing (the rest, or one part of a sum), not its whole.
_PART_OF = re.compile(r"\b(?:other|others|another|more|additional|further|extra|remaining)\b|\d[\d,.]*\s+\w+\s+and\s+\d", re.I)
_PART_BEFORE = re.compile(r"\b(?:another|other|additional|further|extra)\s+$", re.I)


def conflict_score(a: Prepared, b: Prepared, idf, said=None) -> tuple[float, float]:
    """Two claims' identity as if their figures agreed, and the bar it must reach for a
    conflict: CONFLICT, RETOLD_CONFLICT for one sentence retold, whose figures may be any
    distance apart (a death toll of three against one of ten), or TOLL_CONFLICT for one toll
    told twice (`tolls_match`, with `said`)."""
    if _conflict_alike(a.rest, b.rest) >= RETOLD_SENTENCE:
        return identity(a, b, idf, as_if_agreeing=True, any_ratio=True), RETOLD_CONFLICT
    if said is not None and tolls_match(a, b, said):
        return identity(a, b, idf, as_if_agreeing=True, any_ratio=True), TOLL_CONFLICT
    return identity(a, b, idf, as_if_agreeing=True), CONFLICT


def toll_of(p: Prepared) -> str:
    """What befell the people a count counts ("person killed": "killed"), or ""."""
    words = (p.fact.subject or "").split()
    return words[-1] if p.fact.kind == "count" and len(words) > 1 and words[-1] in TOLL_EVENTS else ""


def _one_toll(a: Prepared, b: Prepared) -> bool:
    """Two counts of one thing befalling people ("person injured"): there, "others" and
    "more" are the people besides another toll's ("killing 10 and wounding other 70"), not
    a part of this one."""
    return bool(toll_of(a)) and (a.fact.subject or "") == (b.fact.subject or "")


def part_of(fact: ClaimFact) -> bool:
    """A count of some of the thing: the rest ("two other rifles", "another 20,000 marched") or
    one part of a sum ("12 Somali and 11 Yemeni pirates")."""
    sentence = fact.sentence or ""
    at = sentence.find(fact.text) if fact.text else -1
    return bool(_PART_OF.search(fact.text or "")) or (at > 0 and bool(_PART_BEFORE.search(sentence[max(0, at - 25):at])))


def _periods(p: Prepared) -> tuple[tuple, ...]:
    """The periods a claim's sentence places it in: its anchors of a month or longer ("in
    September", "in December 2003"), not a day."""
    return tuple(x for x in p.anchors if isinstance(x[0], date) and (x[1] - x[0]).days >= 27)


def tolls_match(a: Prepared, b: Prepared, said) -> bool:
    """Two outlets' counts of one toll (`toll_of`), told in their own words: the same subject,
    figures within TOLL_MAX_RATIO, the same period when either names one, and
    each article telling only its own figure of it near the other's: an article that also
    states the other outlet's figure, or states two figures near it, tells two tolls (a
    quake's and an earlier one's), not a disagreement."""
    if not toll_of(a) or (a.fact.subject or "") != (b.fact.subject or "") or _apart(a, b) > _TOLL_APART:
        return False
    pa, pb = _periods(a), _periods(b)
    if bool(pa) != bool(pb) or (pa and not any(spans_meet(x, y) for x in pa for y in pb)):
        return False
    articles = getattr(said, "articles", None)
    if articles is None:
        return False
    return _tells_one(a, b, articles) and _tells_one(b, a, articles)


def _tells_one(p: Prepared, other: Prepared, articles) -> bool:
    """Whether p's article states p's toll once near `other`'s figure (within
    TOLL_MAX_RATIO) and never `other`'s figure itself."""
    near = set()
    for q in articles.get((p.fact.article_id, p.block), ()):
        if q.fact.subject != p.fact.subject:
            continue
        if pair_figures_meet(q, other):
            return False
        if _apart(q, other) <= _TOLL_APART:
            near.add(q.range)
    return len(near) <= 1


def conflict_refusal(a: Prepared, b: Prepared, said=None, *, wording: bool = True) -> str:
    """Why two claims whose figures disagree may not be reported as a conflict ("" when they
    may). `said` (`sentence_figures`) lets a sentence that states both figures refuse;
    `wording=False` leaves out the test of the sentences' wording (members of one group,
    `conflicts_in_group`).

    On real news, outlets that disagree about one figure and outlets reporting two different
    figures (another offer, another raid, another quake) read alike; measured on labelled
    pairs (bench/fit_matching.py), nothing in the words around the figures told them apart.
    So a conflict is suggested only where the two sentences are one sentence told twice
    (SAME_SENTENCE: a wire story retold, a copy with a figure changed) about the same thing
    (the same counted noun or unit), with no name, place, period or source that differs."""
    differ = differing_attributes(a, b)
    if "names" in differ and not (a.uncredited and b.uncredited):
        differ.remove("names")  # only the names of whoever is credited with a figure differ
    if differ:
        return "differing " + ", ".join(differ)
    if a.fact.kind == "count" and a.noun != b.noun:
        return f"counted nouns {a.noun!r} / {b.noun!r}"
    if a.fact.kind == "count" and part_of(a.fact) != part_of(b.fact) and not _one_toll(a, b):
        return "a part against a whole"  # "Around 20 more people" / "12 people were injured"
    if a.restated or b.restated:
        return "a figure restated in brackets"
    if a.fact.kind == "date" and a.floating != b.floating:
        return "a date of an undated article"  # "Dec. 2" proves nothing against a dated one
    if a.fact.kind == "date" and (a.weekday or b.weekday):
        # "on Saturday" is resolved from the article's date: two of them disagree only as
        # two different days named; against a calendar date it proves nothing.
        wa, wb = a.weekday, b.weekday
        if not (wa and wb) or wa == wb:
            return "a weekday against a date"
    alike = _conflict_alike(a.rest, b.rest) if wording else 1.0
    if alike < SAME_SENTENCE and not (said is not None and tolls_match(a, b, said)):
        return f"sentences alike {alike:.2f} < {SAME_SENTENCE}"
    if said is not None and (states_figure_too(a, b, said) or states_figure_too(b, a, said)):
        return "one sentence states both figures"
    return ""


_RESTATED = re.compile(r"\d[\d,.]*\s*(?:[a-z]+\s*)?\(\s*$", re.I)


def restated(fact: ClaimFact) -> bool:
    """A figure in brackets right after another ("$US1 million ($1.52 million)", "10 miles
    (16 km)"): the same figure in another currency or unit, often with its code dropped, so
    it is no evidence against anything."""
    sentence = fact.sentence or ""
    at = sentence.find(fact.text) if fact.text else -1
    return at > 0 and bool(_RESTATED.search(sentence[max(0, at - 40) : at]))


def weekday_only(fact: ClaimFact) -> str:
    """The weekday a date claim names when it names nothing more ("on Friday", "Saturday
    night"), else ""."""
    if fact.kind != "date" or any(ch.isdigit() for ch in fact.text):
        return ""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", fact.text)]
    if any(w in MONTHS for w in words):
        return ""
    return next((w for w in words if w in WEEKDAYS), "")


_SAID = r"(?:said|says|say|reported|reports|report|told|tells|claimed|claims|announced|stated|states|according)"
_SAYING = re.compile(rf"\b{_SAID}\b")


# The conflict tests ask how alike two sentences are twice in a row (refusal, then score).
_conflict_alike = lru_cache(maxsize=1024)(lambda a, b: _alike(a, b))


def credited_names(p: Prepared, *, keep: bool = True) -> frozenset[str]:
    """The names around a figure that credit it to someone ("The Ministry said MV Gibe put
    out a message ...", "according to the Newsday", "H. Dale Hall, director of Fish and
    Wildlife, said ..."; not "Kherson killed 15 civilians on Friday, said an official"), or
    with `keep=False` the others. Two outlets crediting two sources with two figures of one
    thing is the very disagreement to show, not a sign of two facts."""
    return p.names - p.uncredited if keep else p.uncredited


@lru_cache(maxsize=65536)
def _credited(sentence: str, names: frozenset[str]) -> frozenset[str]:
    sentence = sentence.lower()
    if _SAYING.search(sentence) is None:
        return frozenset()  # no word of saying: nobody is credited (and no pattern is compiled)
    return frozenset(name for name in names if _crediting(name).search(sentence))


# A story's names recur in many sentences; compiling the pattern is most of its cost.
@lru_cache(maxsize=8192)
def _crediting(name: str) -> re.Pattern:
    """The name as the speaker itself, not a place or body it belongs to ("Officials in
    Kherson said")."""
    return re.compile(rf"(?<!\bin )(?<!\bat )(?<!\bof )(?<!from )\b{re.escape(name)}\b(?:\s*,[^,]{{1,50}},)?\s+(?:\w+\s+)?{_SAID}\b"
                      rf"|\b{_SAID}\b(?:\s+to)?\s+(?:the\s+)?{re.escape(name)}\b")


def differing_attributes(a: Prepared, b: Prepared) -> list[str]:
    """The attributes both claims state and that differ: such claims may still be one fact
    when their figures agree (the model weighs that), but never conflict: '15 killed in
    Kherson' and '21 killed in Odesa' are two tolls, not a disagreement."""
    found = []
    if a.names and b.names and not a.names & b.names:
        found.append("names")
    if a.places and b.places and _places_differ(a.places, b.places):
        found.append("places")
    if a.anchors and b.anchors and not any(spans_meet(x, y) is not False for x in a.anchors for y in b.anchors):
        found.append("dates")
    if a.sources and b.sources and not a.sources & b.sources:
        found.append("sources of the figure")
    return found


def _apart(a: Prepared, b: Prepared) -> float:
    """How far apart the two figures are: |log ratio| for numbers, months for dates, capped."""
    if a.range is None or b.range is None:
        return 0.0
    if a.fact.kind == "date":
        if a.floating != b.floating:
            return 0.0 if spans_meet(a.range, b.range) else 3.0
        return min(3.0, abs((a.range[0] - b.range[0]).days) / 30)
    (x, low_a), (y, low_b) = a.magnitude, b.magnitude
    if not math.isfinite(x) or not math.isfinite(y):
        x, y = low_a, low_b
    if x <= 0 or y <= 0:
        return 0.0 if x == y else 3.0
    return min(3.0, abs(math.log(x / y)))


def identity(a: Prepared, b: Prepared, idf, *, as_if_agreeing: bool = False, any_ratio: bool = False) -> float:
    """How sure we are that two claims state one fact, in [0, 1]: a logistic model over
    `pair_features`, its weights fitted on hand-labelled pairs (bench/fit_matching.py).
    `as_if_agreeing` asks whether they would be one fact if their figures agreed: the
    question a conflict must answer with a yes; `any_ratio` asks it of figures however far
    apart (a retold sentence, `conflict_score`)."""
    if as_if_agreeing and not any_ratio and a.block == b.block and _apart(a, b) > _MAX_APART:
        return 0.0  # asked first: most figures that disagree in a story are of two facts
    values = _feature_values(a, b, idf, as_if_agreeing)
    if values is None:
        return 0.0
    z = WEIGHTS["bias"] + sum(map(operator.mul, _WEIGHTED, values))
    return 1 / (1 + math.exp(-z))


_MAX_APART = math.log(CONFLICT_MAX_RATIO)
_TOLL_APART = math.log(TOLL_MAX_RATIO)


def age_holder(fact: ClaimFact) -> frozenset[str]:
    """Whose age a claim states, when extraction says it is an age ("Reid, 33", "the
    36-year-old Rahman": subject "reid age", "rahman age") and the holder is named (its
    words are capitalised in the sentence); empty otherwise ("the 26-year-old actress").
    An age belongs to one person, so names common to a story still tell two ages apart."""
    words = (fact.subject or "").replace("'s", "").split()
    if fact.kind != "quantity" or len(words) < 2 or words[-1] != "age":
        return frozenset()
    sentence = fact.sentence or ""
    return frozenset(w for w in words[:-1] if re.search(r"\b" + re.escape(w.capitalize()) + r"\b", sentence))


def _small(fact: ClaimFact) -> bool:
    """A count or quantity of twelve or less ("two people", "three times"), or a weekday or
    month nothing placed in a year ("on Sunday", "in September"): said of many things in one
    story (two earthquakes struck on a Sunday)."""
    if fact.kind == "date":
        return fact.date_value is not None and (
            fact.date_value.year == WEEKDAY_YEAR or (fact.date_value.year == FLOATING_YEAR and fact.unit == "month"))
    return fact.kind in ("count", "quantity") and fact.value is not None and abs(fact.value) <= 12


# A year stated by at most this many claims of a story's block is a rare one (a past year:
# "in 2003"), not the story's own year, which holds most of its dates.
RARE_YEAR = 4


def _same_figure(a: Prepared, b: Prepared) -> bool:
    """Two claims state one figure: the same, or the finer one rounded to the coarser one's
    last digit ("49.84 percent" and "49.8 percent", "$56.5 million" and "$57 million")."""
    x, y = a.figure, b.figure
    if x == y:
        return True
    if a.fact.kind == "date" or x is None or y is None:
        return False
    coarse, fine = (x, y) if rounding_step(x) > rounding_step(y) else (y, x)
    step = rounding_step(coarse)
    if step <= rounding_step(fine) or abs(coarse) < step * 10:
        return False  # a figure of one significant digit ("6", "$60 million") is any value near it
    return (fine / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step == coarse


def _year_holds(a: Prepared, b: Prepared, idf) -> bool:
    """Whether one claim is a rare year alone (RARE_YEAR) and the other a dated day or month
    inside it: "in 2003" and "in September 2003" state one figure, told finer by one."""
    year, other = (a, b) if a.year else (b, a)
    if other.range is None or year.range is None or other.floating:
        return False
    figures = getattr(idf, "figures", None)
    if figures is None or figures[year.figure] > RARE_YEAR:
        return False
    return year.range[0] <= other.range[0] and other.range[1] <= year.range[1]


def _own_year(p: Prepared, published) -> bool:
    """A year alone that is its article's own year ("the 2016 presidential election" in
    2016): when the story happens, not a fact of it."""
    day = published(p.fact.article_id) if published is not None else None
    return day is not None and p.range is not None and p.range[0].year == day.year


def _year_only(fact: ClaimFact) -> bool:
    """A date that names a year and nothing finer ("in 2005", "the 1967 slayings")."""
    return fact.kind == "date" and (fact.unit or "") == "year"


def _distinct_equal(a: ClaimFact, b: ClaimFact) -> bool:
    if a.kind == "date" or a.value is None or b.value is None or a.value != b.value:
        return False
    value = abs(a.value)
    if value <= 12:
        return False
    return value != _round(value)


def _round(value) -> object:
    """The number with only its first significant digit: 2,507 -> 2,000; 300 -> 300."""
    digits = len(str(int(value))) - 1
    step = 10 ** max(digits, 0)
    return (value // step) * step


class rarity:  # noqa: N801 (used as a function: idf = rarity(counts, total); idf(word))
    """Inverse document frequency over one story's block: rare context words weigh more.
    Each claim's summed weight is kept here, computed once per block."""

    def __init__(self, counts: Counter, total: int, figures: Counter | None = None) -> None:
        self.counts, self.total, self.totals = counts, total, {}
        self._log_total = math.log(total + 1)
        self.weights = _Weights(self._log_total, counts)
        # How many of the block's claims state each figure: a figure only two claims of a
        # story state ("485 years", "March 11, 2005") is strong evidence they state one fact.
        self.figures = figures or Counter()
        self.articles = None  # how alike two articles are, when known: (id, id) -> 0..1

    def figure_share(self, figure) -> float:
        return self.figures[figure] / self.total if self.total and figure in self.figures else 1.0

    def __call__(self, word: str) -> float:
        return self.weights[word]


class _Weights(dict):
    """Each word's rarity in a block (`rarity`), computed on first use: the matcher sums
    them over the shared words of every pair it scores."""

    def __init__(self, log_total: float, counts: Counter) -> None:
        super().__init__()
        self.log_total, self.counts = log_total, counts

    def __missing__(self, word: str) -> float:
        weight = self[word] = self.log_total - math.log(self.counts[word] + 1) + 1.0
        return weight


@dataclass
class _Link:
    score: float
    i: int
    j: int
    agree: bool


def _without_cycle_collection(func):
    """Run `func` with Python's cycle collector paused. Grouping builds millions of small
    objects that live until it returns (each claim's prepared words, names and ranges, each
    scored link) and form no cycles; the collector would traverse all of them again every
    time they grow by a quarter: at 100k claims, a third of the matcher's time
    (bench/bench_matching.py: 28.4 s of CPU with it, 18.9 s without). Reference counting
    still frees everything that is dropped."""

    @wraps(func)
    def run(*args, **kwargs):
        if not gc.isenabled():
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()

    return run


@_without_cycle_collection
def group_claims(
    facts: Iterable[ClaimFact], story_of: dict[int, int] | None = None, related=None, close=None, alike=None, published=None
) -> list[tuple[list[ClaimFact], list[Conflict], float]]:
    """Groups of claims stating one fact in two or more outlets, each with its direct
    conflicts and a confidence. Deterministic for a given input.

    Claims are compared inside one story; across stories only when `related(article,
    article)` says the articles cover related events (alike, and close in time: the same
    toll in articles weeks apart is two earthquakes' tolls) and the two claims count or
    measure the same thing with the same figure, not a small one (never to make a conflict);
    between unrelated stories of articles dated months apart at most (`published(article)`)
    only on CROSS_STORY_FAR."""
    story_of = story_of or {}
    facts = sorted((floating(f) for f in facts), key=lambda f: (f.article_id, f.start, f.id))
    items = [p for p in prepare(facts, story_of) if not is_time_anchor(p.fact) and p.fact.qualifier != "vague"
             and not (p.year and _own_year(p, published))]
    by_block: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(items):
        by_block[(p.story, p.block)].append(i)
    said = sentence_figures(items)
    idfs: dict[tuple, rarity] = {}
    links: list[_Link] = []
    for key, members in by_block.items():
        if len(members) < 2:
            continue
        idf = idfs[key] = rarity(Counter(w for i in members for w in items[i].words), len(members), Counter(items[i].figure for i in members))
        idf.articles = alike
        for i, j in _candidate_pairs(items, members, idf):
            score, meet, _ = judge_pair(items[i], items[j], idf, close, alike, said, published)
            if score is not None:
                links.append(_Link(score, j, i, meet))
    if related is not None:
        links.extend(_cross_story_links(items, related, published))
    links.sort(key=lambda link: (-link.score, link.i, link.j))
    sets = DisjointSets(len(items))
    # Per set: each article's values. One article stating two different figures states two
    # facts, so a link that would put them in one group is left out.
    values: dict[int, dict[int, set]] = {i: {items[i].fact.article_id: {items[i].range}} for i in range(len(items))}
    # Per set: whose ages it holds. An age is one person's; a group never joins two named
    # people's ages through claims that name nobody ("the 36-year-old champion").
    holders: dict[int, set[frozenset[str]]] = {i: {age_holder(items[i].fact)} - {frozenset()} for i in range(len(items))}
    # Per set: the places its counts and dates name. A count that names no place links to
    # counts of any place, so without this a group chains two cities' crowds ("10,000 people"
    # in Heraklion, "20,000" in Thessaloniki) through one that names neither; a day, two
    # check-ins ("in Rancho Mirage on Thursday", "in Newport Beach on Thursday").
    places: dict[int, set[tuple[str, ...]]] = {
        i: ({items[i].places} - {()}) if items[i].fact.kind in ("count", "date") else set() for i in range(len(items))
    }
    # Per set: what each article's weekdays and months alone date (their subjects). One
    # article naming "Monday" for a debate and "Monday" for a radio show dates two things,
    # so a link that would put them in one group is left out, as for two figures; an
    # article restating one date of one event keeps its subject.
    about: dict[int, dict[int, set[int]]] = {
        i: {items[i].fact.article_id: {i}} if items[i].fact.kind == "date" and (items[i].small or items[i].weekday or items[i].fact.unit == "month") else {}
        for i in range(len(items))
    }
    # Per set holding a year alone: its articles. A year is background many events' coverage
    # tells ("DeGeneres hosted in 2007" in the news of two ceremonies), so a group of one
    # joins only articles that each read as reports of one event (YEAR_ARTICLES), not a
    # chain of articles each alike only to the next.
    articles_of: dict[int, set[int]] = {i: {p.fact.article_id} for i, p in enumerate(items) if p.fact.kind == "date"}
    with_year = {i for i, p in enumerate(items) if p.year}
    stories: dict[int, set[int]] = {i: {items[i].story} for i in range(len(items))}
    kept: list[_Link] = []
    for link in links:
        ri, rj = sets.find(link.i), sets.find(link.j)
        if ri != rj:
            if stories[ri] != stories[rj] and len(stories[ri] | stories[rj]) > CROSS_STORY_GROUP_STORIES:
                continue
            small, large = sorted((values[ri], values[rj]), key=len)
            if any(article in large and figures != large[article] for article, figures in small.items()):
                continue
            if any(not _one_telling(items[x], items[y]) for article, told in about[ri].items()
                   for x in told for y in about[rj].get(article, ())):
                continue
            if about[ri] and about[rj] and _two_occasions(items, about[ri], about[rj]):
                continue
            if any(not x & y for x in holders[ri] for y in holders[rj]):
                continue
            if any(_places_differ(x, y) for x in places[ri] for y in places[rj]):
                continue
            if alike is not None and (ri in with_year or rj in with_year):
                strong = link.score >= YEAR_SAME_STRONG
                if any(x != y and alike(x, y) < (YEAR_ARTICLES_STRONG if strong and _one_news_cycle(x, y, published) else YEAR_ARTICLES)
                       for x in articles_of[ri] for y in articles_of[rj]):
                    continue
            sets.union(ri, rj)
            root = sets.find(ri)
            values[root] = _by_article_merged(values[ri], values[rj])
            about[root] = _by_article_merged(about[ri], about[rj])
            stories[root] = stories[ri] | stories[rj]
            holders[root] = holders[ri] | holders[rj]
            places[root] = places[ri] | places[rj]
            if ri in articles_of:
                articles_of[root] = articles_of[ri] | articles_of[rj]
                if ri in with_year or rj in with_year:
                    with_year.add(root)
        kept.append(link)
    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        members_of[sets.find(i)].append(i)
    links_of: dict[int, list[_Link]] = defaultdict(list)
    for link in kept:
        links_of[sets.find(link.i)].append(link)
    out = []
    for root, idx in members_of.items():
        if len({items[i].fact.outlet_key for i in idx}) < 2:
            continue
        group_links = links_of[root]
        conflicts = [
            Conflict(items[link.i].fact.id, items[link.j].fact.id, round(link.score, 3), _conflict_reason(items[link.i], items[link.j]))
            for link in group_links if not link.agree
        ]
        conflicts += conflicts_in_group([items[i] for i in sorted(idx)], conflicts, idfs, said, alike)
        agreeing = [link.score for link in group_links if link.agree]
        confidence = max((c.confidence for c in conflicts), default=sum(agreeing) / len(agreeing) if agreeing else 0.0)
        out.append(([items[i].fact for i in sorted(idx, key=lambda i: (items[i].fact.article_id, items[i].fact.start))], conflicts, round(confidence, 3)))
    return out


def _by_article_merged(a: dict[int, set], b: dict[int, set]) -> dict[int, set]:
    """Two sets' per-article entries as one: the smaller's go into the larger's, so each
    entry is copied a logarithmic number of times however large a group grows."""
    small, large = sorted((a, b), key=len)
    for article, entries in small.items():
        large.setdefault(article, set()).update(entries)
    return large


def _one_telling(a: Prepared, b: Prepared) -> bool:
    """Two weekdays or months alone in one article that date one thing: the same sentence,
    or sentences about the same things, whatever verb extraction took for the subject ("a
    second-place finish in the New Hampshire primary on Tuesday", "spending before the New
    Hampshire primary on Tuesday"); "Clinton was joined by her husband on Monday" and
    "Christie was joined Monday at a town hall" date two events."""
    if a.fact.sentence == b.fact.sentence:
        return True
    wa, wb = a.words | a.names, b.words | b.names
    return len(wa & wb) >= 0.5 * min(len(wa), len(wb))


# Two sets' weekdays and months alone are compared pair by pair only up to this many pairs.
OCCASION_PAIRS = 400


def _two_occasions(items: Sequence[Prepared], a: dict[int, set[int]], b: dict[int, set[int]]) -> bool:
    """Whether two sets' weekdays or months alone date two occasions: two of them, in two
    articles, each with its own people and none in common, and something else happening
    ("Moody's put Portugal's rating on review Wednesday", "Papandreou vowed Wednesday"). A
    campaign day holds many such events; one event's day is told of the same people or with
    the same verb, whichever outlet tells it."""
    xs = [items[i] for told in a.values() for i in told]
    ys = [items[i] for told in b.values() for i in told]
    if len(xs) * len(ys) > OCCASION_PAIRS:
        return False
    return any(x.fact.article_id != y.fact.article_id and x.names and y.names and not x.names & y.names
               and _subject(x) != _subject(y) for x in xs for y in ys)


def _subject(p: Prepared) -> str:
    """What a date claim dates, as extraction read it (the verb or noun it hangs on)."""
    return " ".join((p.fact.subject or "").lower().split())


def _one_news_cycle(x: int, y: int, published) -> bool:
    """Two articles both dated, at most YEAR_DAYS_STRONG apart."""
    if published is None:
        return False
    dx, dy = published(x), published(y)
    return dx is not None and dy is not None and abs((dx - dy).days) <= YEAR_DAYS_STRONG


def _places_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two claims' places, each known, of which no two can be one place."""
    return not any(places_agree(x, y) is not False for x in a for y in b)


def pair_figures_meet(a: Prepared, b: Prepared) -> bool | None:
    """Whether two prepared claims' figures can both be true: two bounds of one direction
    by their stated figures (`figures_meet`), others by their ranges, floating dates placed
    (`spans_meet`)."""
    if same_bound(a.fact, b.fact):
        return figures_meet(a.fact, b.fact, a.range, b.range)
    x, y = a.range, b.range
    if x is None or y is None:
        return None
    if a.fact.kind != "date" and b.fact.kind != "date":
        return ranges_meet(x, y)  # two numbers: no floating date to place
    return spans_meet(x, y)


def judge_pair(a: Prepared, b: Prepared, idf, close=None, alike=None, said=None, published=None) -> tuple[float | None, bool, str]:
    """Whether two claims of one story's block link: (score, values agree, "") when they
    do, else (None, _, why not) (what bench/eval_matching.py prints for missed pairs).
    `said` (`sentence_figures`) lets a sentence that states both figures refuse a conflict;
    `published` (article -> its date) lets a year alone link articles of one news cycle."""
    if a.outlet == b.outlet:
        return None, False, "same outlet"
    if close is not None and not close(a.fact.article_id, b.fact.article_id):
        return None, False, "articles far apart in time"
    meet = pair_figures_meet(a, b)
    if meet is None:
        return None, False, "a value unreadable"  # no evidence either way
    if not meet and (refusal := conflict_refusal(a, b, said)):
        return None, False, f"values differ, no conflict: {refusal}"
    articles = alike(a.fact.article_id, b.fact.article_id) if alike is not None else 1.0
    year = a.year or b.year
    cycle = year and _one_news_cycle(a.fact.article_id, b.fact.article_id, published)
    if articles < (((YEAR_ARTICLES_STRONG if cycle else YEAR_ARTICLES) if year else LINK_ARTICLES) if meet else CONFLICT_ARTICLES):
        return None, meet, "articles not alike"
    if meet:
        score = identity(a, b, idf)
        if year and articles < YEAR_ARTICLES and score < YEAR_SAME_STRONG:
            return None, meet, "articles not alike"
        bar = SAME_SMALL_FACT if a.small or b.small or a.fact.kind == "percent" else SAME_FACT
        if a.fact.kind == "quantity" and bar == SAME_SMALL_FACT:
            bar = SAME_SMALL_SPAN
        if a.holder & b.holder and a.figure == b.figure:
            # One named person's age, the same in both ("son Oscar, 8" and "their 8-year-old
            # son, Oscar Maximillian"): one fact however the sentences differ.
            score = max(score, bar)
        if _only_bounds_meet(a.fact, b.fact):
            bar = max(bar, BOUNDS_ONLY_SAME)
    else:
        score, bar = conflict_score(a, b, idf, said)
    if score >= bar:
        return score, meet, ""
    return None, meet, f"low identity ({score:.2f} < {bar})"


# Two members of one group (each joined to it by others) whose figures disagree are a
# conflict when they match each other directly this well as if their figures agreed, with
# nothing that differs (names, places, periods, sources of the figure, counted noun): the
# group has already told that they report one thing ("nearly 235,000 public comments" and
# "nearly 300,000 comments" on one rule), so their sentences need not read alike. Measured
# on the labelled pairs (bench/eval_matching.py): no pair of one group labelled two
# different facts reaches 0.5 (those that differ have other names or a bracketed restatement).
IN_GROUP_CONFLICT = 0.5
# Groups larger than this are not searched pair by pair for such conflicts.
IN_GROUP_MEMBERS = 60


def conflicts_in_group(members: Sequence[Prepared], found: Sequence[Conflict], idfs, said, alike=None) -> list[Conflict]:
    """Conflicts between members of one group that were not compared as a pair before
    (`IN_GROUP_CONFLICT`), each between two claims that match each other directly."""
    if len(members) > IN_GROUP_MEMBERS:
        return []
    seen = {frozenset((c.a, c.b)) for c in found}
    out = []
    for x, b in enumerate(members):
        for a in members[:x]:
            if a.fact.outlet_key == b.fact.outlet_key or (a.story, a.block) != (b.story, b.block):
                continue
            if frozenset((a.fact.id, b.fact.id)) in seen or pair_figures_meet(a, b) is not False:
                continue
            if conflict_refusal(a, b, said, wording=False):
                continue
            if alike is not None and alike(a.fact.article_id, b.fact.article_id) < LINK_ARTICLES:
                continue
            idf = idfs.get((a.story, a.block))
            score = identity(a, b, idf, as_if_agreeing=True) if idf is not None else 0.0
            if score >= IN_GROUP_CONFLICT:
                out.append(Conflict(a.fact.id, b.fact.id, round(score, 3), _conflict_reason(a, b)))
    return out


_OPEN_BOUNDS = ("at_least", "at_most")


def _only_bounds_meet(a: ClaimFact, b: ClaimFact) -> bool:
    """Two different figures that agree only as bounds ("at least seven people" and "at
    least 10 people", "more than 10,000" and "as many as 20,000"): every toll of a growing
    count, or of two events, agrees with a bound, so it is weak evidence of one fact."""
    if a.kind == "date" or a.value is None or b.value is None:
        return False
    if a.qualifier not in _OPEN_BOUNDS and b.qualifier not in _OPEN_BOUNDS:
        return False
    (_, x), (_, y) = comparable(a), comparable(b)
    return x != y


def _candidate_pairs(items: list[Prepared], members: list[int], idf) -> list[tuple[int, int]]:
    """Pairs (later, earlier) worth scoring in one story's block. A small block is compared
    pair by pair; in a large one (no stories known, or a long-running story) a claim meets
    only the claims sharing one of its rarest context words or its exact figure, through an
    inverted index, so the work grows with the claims, not with their square."""
    if len(members) <= ALL_PAIRS_UP_TO:
        return [(i, j) for x, i in enumerate(members) for j in members[:x]]
    index: dict[object, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for i in members:
        p = items[i]
        keys = sorted(p.words, key=lambda w: -idf(w))[:LOOKUP_WORDS]
        keys.append(("figure", p.figure))
        for key in keys:
            holders = index[key]
            if len(holders) <= COMMON_KEY:
                pairs.update((i, j) for j in holders)
            holders.append(i)
    return sorted(pairs)


def _cross_story_links(items: list[Prepared], related, published=None) -> list[_Link]:
    """Links between claims of different stories: one fact told in coverage of two events
    (a candidate's age, a plan's cost) when both state the same figure of the same thing
    (block, counted noun, stated figure: "about 300" and "300") and their identity is high
    (CROSS_STORY_SAME for related stories, CROSS_STORY_FAR for others of articles dated at
    most CROSS_STORY_FAR_DAYS apart; CROSS_STORY_RARE_SAME for a figure few claims state);
    never for small figures or years alone ("two people", "on Sunday"), which many events share, and never
    a conflict."""
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(items):
        if p.figure is not None and not _small(p.fact) and not _year_only(p.fact):
            by_key[(p.block, p.noun, p.figure, _bound(p.fact))].append(i)
    links = []
    for members in by_key.values():
        if len(members) < 2 or len(members) > CROSS_STORY_MAX:
            continue
        for x, i in enumerate(members):
            a = items[i]
            for j in members[:x]:
                b = items[j]
                if a.story == b.story or a.fact.outlet_key == b.fact.outlet_key:
                    continue
                if spans_meet(a.range, b.range) is not True:
                    continue
                near = related(a.fact.article_id, b.fact.article_id)
                if not near and not _months_apart_at_most(a, b, published):
                    continue
                score = identity(a, b, lambda w: 1.0)
                bar = CROSS_STORY_SAME if near else CROSS_STORY_FAR
                if len(members) <= CROSS_STORY_RARE:
                    bar = min(bar, CROSS_STORY_RARE_SAME)
                if score >= bar:
                    links.append(_Link(score, j, i, True))
    return links


def _months_apart_at_most(a: Prepared, b: Prepared, published) -> bool:
    if published is None:
        return False
    da, db = published(a.fact.article_id), published(b.fact.article_id)
    return da is not None and db is not None and abs((da - db).days) <= CROSS_STORY_FAR_DAYS


def _describe(fact: ClaimFact) -> str:
    return f"{fact.source or f'article {fact.article_id}'} says \u201c{fact.text}\u201d"


def _conflict_reason(a: Prepared, b: Prepared) -> str:
    _, why = values_compatible(a.fact, b.fact, a.range, b.range)
    return f"{_describe(a.fact)} but {_describe(b.fact)} ({why})"


# A part of the day says when, not what happened ("Tuesday night", "Wednesday morning").
_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "day", "overnight"})


def _group_subject(members: Sequence[ClaimFact]) -> str:
    """What the group's fact is about, for its label: the subject most of its outlets give
    (each outlet once), else the first claim's words around its figure, in the sentence's
    order ("the primary" rather than the first claim's "night" in "Tuesday night")."""
    votes: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for m in members:
        subject = " ".join((m.subject or "").split())
        if subject and subject.lower() not in _PARTS_OF_DAY and (m.outlet_key, subject) not in seen:
            seen.add((m.outlet_key, subject))
            votes[subject] += 1
    if votes:
        best = max(votes.values())
        return next(s for s in votes if votes[s] == best)
    first = members[0]
    before, after = _clause(first)
    def plain(text: str) -> list[str]:
        return [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in STOP and w.lower() not in WEEKDAYS]
    words = [*plain(before)[-3:], *plain(after)[:3]]
    return " ".join(dict.fromkeys(words)) or first.text


def claim_group_plan(members: Sequence[ClaimFact], conflicts: Sequence[Conflict] = (), confidence: float = 0.0) -> GroupPlan:
    """The plan for one group of claims: its subject, label and suggested state with reason."""
    first = members[0]
    subject = _group_subject(members)
    unit = first.unit
    plan = GroupPlan(
        kind=first.kind, unit=unit, subject=subject[:300],
        label=f"{subject} ({unit})"[:500] if unit else subject[:500],
        claim_ids=[m.id for m in members], article_ids={m.article_id for m in members},
        outlets={m.outlet_key for m in members}, anchor=first.fingerprint or str(first.id),
        confidence=confidence, conflicts=list(conflicts),
    )
    plan.details = {"values": sorted({m.text for m in members})[:20]}
    if len(plan.outlets) < 2:
        plan.state = SINGLE_SOURCE
        plan.reason = f"Only {first.source or 'one outlet'} reports this ({_describe(first)})."
    elif conflicts:
        plan.state = CONFLICTING
        plan.reason = "Values disagree: " + "; ".join(c.reason for c in conflicts[:5]) + "."
    else:
        reps = list({m.outlet_key: m for m in members}.values())
        notes = {values_compatible(reps[0], r)[1] for r in reps[1:]} - {"equal"}
        how = "the same value" if not notes else "compatible values (" + ", ".join(sorted(notes)) + ")"
        plan.state = CONSISTENT
        plan.reason = f"{len(reps)} sources give {how}: " + "; ".join(_describe(r) for r in reps[:6]) + "."
    return plan
