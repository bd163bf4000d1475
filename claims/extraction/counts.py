"""Counts: how many of something a story says there are ("54 countries", "15 civilians
were killed", "Forty undecided voters", "twice").

The unit is the counted noun's lemma ("54 countries" -> "country"); the subject is that
lemma with its key modifiers (compound nouns and adjectives, not "other", "new"...) and its
owner ("30 member states of NATO" -> "nato member"). Membership words meet: "member
state", "member country", "member", "ally" and "N-nation organization" all count "member".
An owner that is a pronoun or a generic noun ("its", "the alliance") is read as the
organisation the article names most. People counted in a casualty report are "person"
whatever the story calls them, with the event ("15 civilians were killed", "the deaths of
15 people", "dozens of deaths" -> "person killed"; "...and 35 injured" -> "person
injured"). "N times" and "twice" count "time".

Not counts: a bare year, ordinals, times of day, list numbering, numbers in names ("Article
5", "F-16", "COVID-19"), ratios ("eight of 10 voters"), base years ("2005 levels") and
idioms ("one day", "one of"): "one" counts only people ("one child"), where it is a figure
rather than an article.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc, Token

from claims.extraction.calendar_names import is_month_word
from claims.extraction.names import PEOPLE_NOUNS
from claims.extraction.numbers import (
    NUMBER,
    VAGUE_NUMBERS,
    WORD_NUMBER,
    Required,
    each_mention,
    qualifier_before,
    scaled,
)
from claims.extraction.subjects import noun_lemma, phrase

_COUNT_NUMBER = re.compile(
    rf"(?<![\w.,$€£¥/:-])(?P<num>{'|'.join(sorted(VAGUE_NUMBERS, key=len, reverse=True))}|{NUMBER})"
    rf"(?P<scale>\s?(?:million|thousand|billion|trillion|lakh|crore)\b)?(?![\w%:/]|[.,][0-9]|-(?:year|month|week|day)s?-old)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:1[89][0-9][0-9]|20[0-9][0-9])")
_TIMES = Required(("times", "once", "twice", "thrice"), re.compile(
    rf"(?<![\w.,-])(?:(?P<num>{NUMBER})\s+times|(?P<word>once|twice|thrice))\b", re.IGNORECASE))
_TIMES_WORDS = {"once": 1, "twice": 2, "thrice": 3}
_MEMBER_WORDS = {"member", "ally", "member state", "member country", "member nation", "state member"}
_MEMBER_COMPOUND = {"nation", "member", "country", "state", "strong"}  # "30-nation alliance"
_GENERIC_OWNERS = {"alliance", "organization", "organisation", "bloc", "union", "coalition", "group", "body", "club"}
_PLURAL_PEOPLE = {"people": "person", "persons": "person", "children": "child", "men": "man", "women": "woman"}
_CASUALTY_VERBS = {
    "kill": "killed", "die": "killed", "slay": "killed", "murder": "killed", "execute": "killed",
    "injure": "injured", "wound": "injured", "hurt": "injured", "maim": "injured",
    "evacuate": "evacuated", "displace": "displaced", "arrest": "arrested", "detain": "detained",
    "rescue": "rescued", "missing": "missing",
}
_PEOPLE_BY_STATE = re.compile(r"\s+(?P<state>dead|wounded|injured|killed|missing|hurt)\b(?!\s+(?:in|at|by|from|on)\s+the\b)",
                              re.IGNORECASE)
# "a record of 9-14", "improved to 58-3", "(45-7-2, 36 KOs)", "a 12-5 record": a record, not a
# score ("won 3-2"): after "record of", "improved/fell/dropped to" or an opening bracket, or before "record"
_RECORD = Required((f"{digit}-" for digit in "0123456789"), re.compile(
    r"(?P<lead>\brecords?\s+(?:of\s+|at\s+|to\s+)?|\b(?:improved|improves|improving|fell|falls|dropped|drops|moved|"
    r"moves|climbed|slipped|evened)\s+(?:(?:his|her|their|its)\s+)?(?:record\s+)?to\s+|\b(?:opened|started|stood\s+at)\s+|\()?"
    r"(?<![\w.,-])(?P<won>[0-9]{1,3})-(?P<lost>[0-9]{1,3})(?:-(?P<drawn>[0-9]{1,3}))?(?![0-9-])(?P<tail>\s+(?:record|start|mark)\b)?",
    re.IGNORECASE))
_CASUALTY_NOUNS = {"death": "killed", "fatality": "killed", "casualty": "casualties", "injury": "injured"}
# A noun after "one" that makes an idiom, not a count: "would one day become members".
_IDIOM_AFTER_ONE = {"day", "time", "way", "side", "hand", "another", "thing", "point"}
# People counted in a casualty report are one subject whatever the story calls them.
_ANY_PERSON = {"person", "civilian", "resident", "citizen", "victim", "inhabitant", "people", "death", "fatality"}
_RATIO_BEFORE = re.compile(
    rf"\b(?:[0-9]+|{WORD_NUMBER})\s+(?:out\s+)?(?:of|in)\s+(?:every\s+)?$", re.IGNORECASE
)
_LIST_NUMBER = re.compile(r"^\s*(?:\(?[0-9]{1,2}[.)]|[•*-])\s")

_DURATION_WORDS = {"year", "month", "week", "day", "hour", "decade", "minute", "second", "century"}
_CURRENCY_PLURALS = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "rupees": "INR"}
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# Nouns after "N-" that make a count ("a 6,000-member academy", "the two-party system").
_HYPHEN_COUNTS = re.compile(r"-(?P<noun>[a-z]+)\b")
# "two-thirds of voters", "three quarters": a share of something, not a count of thirds
_FRACTION_NOUNS = re.compile(r"[\s-](?:halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|"
                             r"ninths?|tenths?)\b|\s+and\s+a\s+half\b", re.IGNORECASE)


@dataclass
class Count:
    start: int
    end: int
    kind: str  # "count", or "money" for "millions of dollars" said in words
    value: Decimal
    unit: str
    qualifier: str
    subject: str = ""
    confidence: float = 0.85
def _owner(noun: Token, dominant_org: str) -> str:
    """Who the counted things belong to: "members of NATO", "NATO's members", "its members"."""
    for child in noun.children:
        if child.dep_ == "poss":
            if child.pos_ == "PRON":
                return dominant_org
            return child.lower_.removesuffix("'s").removesuffix("’s")
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    if pobj.pos_ == "PROPN":
                        return " ".join(t.lower_ for t in pobj.subtree if t.pos_ == "PROPN")
                    if pobj.lemma_.lower() in _GENERIC_OWNERS:
                        return dominant_org
    return ""


def _casualty(noun: Token) -> str:
    """The event a count of people is about: "15 residents were killed" -> "killed"."""
    lemma = noun_lemma(noun)
    if lemma in _CASUALTY_NOUNS:
        return _CASUALTY_NOUNS[lemma]
    if lemma not in PEOPLE_NOUNS:
        return ""
    head = noun.head
    # "the deaths of 25 people"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _CASUALTY_NOUNS:
        return _CASUALTY_NOUNS[head.head.lemma_.lower()]
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj", "conj") and head.pos_ in ("VERB", "ADJ"):
        return _CASUALTY_VERBS.get(head.lemma_.lower(), "")
    return ""


def _subject_for_count(noun: Token, dominant_org: str) -> tuple[str, str]:
    """(unit, subject) for a count of this noun."""
    words = phrase(noun)
    unit = words[-1]
    joined = " ".join(words)
    for member in sorted(_MEMBER_WORDS, key=len, reverse=True):
        if joined.endswith(member):
            words, unit = ["member"], "member"
            break
    event = _casualty(noun)
    if event and unit in _ANY_PERSON:
        # "15 civilians were killed", "the deaths of 15 people", "15 deaths": one fact.
        return "person", f"person {event}"
    owner = _owner(noun, dominant_org)
    parts = ([owner] if owner and owner not in words else []) + words + ([event] if event and event not in words else [])
    return unit, " ".join(parts)


def _member_count_subject(noun: Token, dominant_org: str) -> str:
    """"the 30-nation security organization": 30 members of the organisation."""
    org = noun.head
    while org.dep_ == "compound" and org.head.i > org.i:
        org = org.head
    if org.pos_ == "PROPN":
        owner = " ".join(t.lower_ for t in org.subtree if t.pos_ == "PROPN")
    else:
        owner = dominant_org
    return f"{owner} member".strip()


def _count_noun(number_tokens: list[Token]) -> Token | None:
    """The noun a number counts, or None when the number stands alone."""
    last = number_tokens[-1]
    first = number_tokens[0]
    # "dozens of deaths", "tens of thousands of people"
    if last.lower_ in VAGUE_NUMBERS or last.lower_ in ("hundreds", "thousands", "millions", "dozens"):
        nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
        if nxt is not None and nxt.lower_ == "of" and nxt.i + 1 < len(last.doc):
            objects = [c for c in nxt.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objects:
                return objects[0]  # "hundreds of coal-fired power plants" -> plants
            for t in last.doc[nxt.i + 1 : min(len(last.doc), nxt.i + 6)]:
                if t.pos_ in ("NOUN", "PROPN") and not (t.i + 1 < len(t.doc) and t.nbor(1).pos_ == "NOUN"
                                                         and t.nbor(1).dep_ != "conj"):
                    return t
                if t.pos_ not in ("ADJ", "DET", "NOUN", "PROPN", "NUM", "PUNCT"):
                    break
        return None
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.i > last.i and head.pos_ in ("NOUN", "PROPN"):
        # "30-nation security organization": the hyphenated compound counts members.
        if head.i == last.i + 2 and last.nbor(1).text == "-" and head.lower_ in _MEMBER_COMPOUND:
            return head
        # Skip over compounds to the head noun: "15 Kherson city residents".
        noun = head
        while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        return noun
    # A number right before its noun that the parser attached elsewhere, adjectives between
    # ("Forty undecided voters", where "Forty" was read as modifying "undecided").
    if last.i + 1 < len(last.doc):
        nxt = last.nbor(1)
        while nxt.pos_ == "ADJ" and nxt.i + 1 < len(nxt.doc) and nxt.i - last.i < 3:
            nxt = nxt.nbor(1)
        if nxt.pos_ == "NOUN" and nxt.tag_ in ("NNS", "NNPS") and first.lower_ not in ("one",):
            noun = nxt
            while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ == "NOUN":
                noun = noun.head
            return noun
    return None


def _elliptic_count_noun(number: Token) -> Token | None:
    """"15 residents were killed and 35 injured": 35 counts the residents of the first clause."""
    verb = number.head
    if number.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.dep_ != "conj":
        return None
    first = verb.head
    for child in first.children:
        if child.dep_ in ("nsubjpass", "nsubj", "dobj") and child.pos_ in ("NOUN", "PROPN"):
            if any(c.like_num for c in child.children):
                return child
    return None


# Nouns a bare number after "of" counts the members of: "a crowd of 22,000".
_COLLECTIVE_NOUNS = frozenset({
    "crowd", "population", "toll", "turnout", "audience", "attendance", "workforce", "membership", "congregation",
    "enrollment", "enrolment", "electorate", "army", "garrison", "contingent", "delegation", "field",
})


def _collective_of(number: Token) -> str | None:
    """The collective noun a bare number counts the members of ("a crowd of 22,000",
    "the death toll of 45"), else None."""
    of = number.head
    if number.dep_ != "pobj" or of.lower_ != "of" or of.head.pos_ != "NOUN":
        return None
    noun = of.head.lemma_.lower()
    return noun if noun in _COLLECTIVE_NOUNS else None


def _casualty_object(number: Token) -> str | None:
    """The event ("killed", "injured", "arrested") when a bare number is what such a verb did
    to people ("killing 49", "the gunman killed 14", "police arrested 12"), else None."""
    verb = number.head
    if number.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB":
        return None
    event = _CASUALTY_VERBS.get(verb.lemma_.lower())
    return event if event and event != "missing" else None


def find_counts(doc: Doc, text: str, taken: list[tuple[int, int]], dominant_org: str) -> Iterator[Count]:
    """Every count in the doc outside ``taken`` (spans already claimed by money, measures and
    dates), each match read on its own (a failure skips one mention)."""
    for count in each_mention(_TIMES.finditer(text), lambda m: _times(text, m, taken)):
        taken.append((count.start, count.end))
        yield count
    for m in _RECORD.finditer(text):
        if not (m.group("lead") or m.group("tail")) or any(not (m.end() <= s or m.start() >= e) for s, e in taken):
            continue
        # a win-loss(-draw) record: one count per column, so outlets compare wins with wins
        for group, unit in (("won", "win"), ("lost", "loss"), ("drawn", "draw")):
            if m.group(group):
                yield Count(m.start(group), m.end(group), "count", Decimal(m.group(group)), unit, "exact", unit, 0.8)
        taken.append((m.start(), m.end()))
    for count in each_mention(_COUNT_NUMBER.finditer(text), lambda m: _count(doc, text, m, taken, dominant_org)):
        taken.append((count.start, count.end))
        yield count


def _times(text: str, m: re.Match, taken: list[tuple[int, int]]) -> Count | None:
    """"five times", "twice": how often something happened, a count of "time"."""
    if any(not (m.end() <= s or m.start() >= e) for s, e in taken):
        return None
    if re.match(r"\s+(?:as|more|less|the|a|higher|larger|bigger|over|that|what)\b", text[m.end() : m.end() + 8],
                re.IGNORECASE):
        return None  # "three times as many", "twice the size": a ratio, not a count
    value = Decimal(_TIMES_WORDS[m.group("word").lower()]) if m.group("word") else scaled(m.group("num"), None)
    if value is None or m.group("word") and m.group("word").lower() == "once":
        return None  # "once" is mostly "formerly"
    q_start, qualifier = qualifier_before(text, m.start())
    return Count(q_start, m.end(), "count", value, "time", qualifier, "time", 0.7)


def _count(doc: Doc, text: str, m: re.Match, taken: list[tuple[int, int]], dominant_org: str) -> Count | None:
    start, end = m.start(), m.end()
    if any(not (end <= s or start >= e) for s, e in taken):
        return None
    number = m.group("num").lower()
    if m.group("num")[0].isupper() and not text[start : start + 1].isdigit():
        before = text[:start].rstrip(" \t")
        title = before[-1:] in ("\"", "“", "‘") and re.match(r"\s[A-Z][a-z]", text[end : end + 3])
        if before and (before[-1] not in ".!?\"“‘:\n" or title):
            return None  # "Million Dollar Mermaid", "the Fantastic Four": a spelled number in a name
    line_start = text.rfind("\n", 0, start) + 1
    if _LIST_NUMBER.match(text[line_start:]) and start - line_start < 4:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tokens = list(span)
    last = tokens[-1]
    if any(t.ent_type_ in ("TIME", "ORDINAL") for t in tokens):
        return None
    if _YEAR.fullmatch(number) and not m.group("scale"):
        # A year is not a count; "2000 people" written without a comma still is.
        nxt = last.nbor(1) if last.i + 1 < len(doc) else None
        if nxt is None or nxt.tag_ not in ("NNS", "NNPS") or noun_lemma(nxt) not in PEOPLE_NOUNS | {"troops"}:
            return None  # "2005 levels", "1990 prices"
    # "Article 5", "F-16", "Patriot PAC-3": a number after a name is part of the name.
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if before is not None and (
        before.text == "-"
        or (before.pos_ == "PROPN" and (tokens[0].head == before or not is_month_word(before.lower_)))
    ):
        return None  # "Article 5", "SiriusXM Patriot 125"
    if _FRACTION_NOUNS.match(text, end):
        return None  # "two-thirds", "2 and a half stars": a count is of whole things
    hyphen = _HYPHEN_COUNTS.match(text, end) if text[end : end + 1] == "-" else None
    if text[end : end + 1] == "-" and (hyphen is None or hyphen.group("noun") in ("year", "old")):
        return None  # "25-year-old", "3-2"
    if hyphen is not None and hyphen.group("noun") == "point" and re.match(
            r"\s+(?:line|shots?|shooters?|shooting|plays?|attempts?|range|baskets?|field\s+goals?|conversions?)\b",
            text[hyphen.end() : hyphen.end() + 20], re.IGNORECASE):
        return None  # "the three-point line": a place on the court, not three points
    q_start, qualifier = qualifier_before(text, start)
    value = scaled(number, m.group("scale"))
    if value is None or value != value.to_integral_value():
        return None  # "a 14.1 rating": a count is of whole things ("1.5 million people" is scaled whole)
    if hyphen is not None and hyphen.group("noun") not in _MEMBER_COMPOUND:
        # "a 6,000-member academy", "the two-party system": N of the noun after the hyphen
        noun = next((t for t in doc[last.i + 1 : last.i + 4] if t.idx >= hyphen.start("noun")), None)
        if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
            return None
        return Count(q_start, hyphen.end(), "count", value, noun_lemma(noun), qualifier, noun_lemma(noun), 0.7)
    noun = _count_noun(tokens)
    elliptic = False
    confidence = 0.85
    if noun is None:
        noun = _elliptic_count_noun(last)
        elliptic = noun is not None
        confidence = 0.6
    if noun is None:
        # "the 80 wounded", "left 12 dead": people named by what befell them
        whole = _collective_of(last)
        if whole is not None and number != "one":
            # "a crowd of 22,000", "a population of more than 100,000", "a death toll of 45"
            return Count(q_start, end, "count", value, whole, qualifier, whole, 0.7)
        state = _PEOPLE_BY_STATE.match(text, end)
        victims = _casualty_object(last)
        if state is None and victims is not None and number != "one":
            # "opened fire, killing 49", "injuring 40 and killing three": the people the verb befell
            return Count(q_start, end, "count", value, "person", qualifier, f"person {victims}", 0.7)
        if state is None or number == "one":
            return None
        event = _CASUALTY_VERBS.get(state.group("state").lower(), state.group("state").lower())
        event = {"dead": "killed", "wounded": "injured"}.get(event, event)
        q_start, qualifier = qualifier_before(text, start)
        return Count(q_start, state.end(), "count", value, "person", qualifier, f"person {event}", 0.75)
    if number == "one" and noun_lemma(noun) not in PEOPLE_NOUNS:
        return None  # "one day", "one of", "one sort or another", "one headline": rarely a figure
    if _RATIO_BEFORE.search(text, max(0, start - 24), start):
        return None  # "one of every nine voters", "eight of 10 voters", "one in five": a ratio
    if noun.lemma_.lower() in _DURATION_WORDS or noun.lower_ in ("year", "years", "percent"):
        return None
    if number in VAGUE_NUMBERS:
        qualifier, confidence = "vague", 0.6
    unit, subject = _subject_for_count(noun, dominant_org)
    scale_word = noun.lower_.rstrip("s")
    if noun.i > last.i and scale_word in _SCALE_WORDS:
        # "hundreds of billions of dollars": the amount is the vague number times the scale
        rest = doc[noun.i + 1 : noun.i + 3]
        if len(rest) == 2 and rest[0].lower_ == "of" and rest[1].lower_ in _CURRENCY_PLURALS:
            value *= _SCALE_WORDS[scale_word]
            noun = rest[1]
    currency = _CURRENCY_PLURALS.get(noun.lower_) if noun.i > last.i else None
    if currency:
        # "millions of dollars", "500 dollars" said in words: money, not a count of dollars
        return Count(q_start, noun.idx + len(noun.text), "money", value, currency, qualifier, "", confidence)
    hyphenated = noun.i == last.i + 2 and last.nbor(1).text == "-" and noun.lower_ in _MEMBER_COMPOUND
    if hyphenated:
        unit, subject = "member", _member_count_subject(noun, dominant_org)
    if elliptic:
        event = _CASUALTY_VERBS.get(last.head.lemma_.lower(), last.head.lemma_.lower())
        base = subject.rsplit(" ", 1)[0] if _casualty(noun) else subject
        subject = f"{base} {event}"
        claim_end = end
    else:
        claim_end = noun.idx + len(noun.text) if noun.i > last.i and noun.i - last.i <= 6 else end
        if any(end <= s < claim_end for s, _ in taken):
            claim_end = end  # "three 10-year sentences": the duration between is a claim of its own
    # "all 30 member states": the total is part of the claim.
    all_before = re.search(r"\ball\s+$", text[max(0, q_start - 4) : q_start])
    if all_before:
        q_start -= len(all_before.group())
    return Count(q_start, claim_end, "count", value, unit, qualifier, subject, confidence)


__all__ = ["Count", "find_counts"]
