"""Reading a number as written in news: digits, words, scales, fractions and qualifiers.

"1,200", "1.5", "2.6million", "$4M", "Forty", "twenty-five", "two hundred thousand", "a
dozen", "3/4", "1 1/2", "500 crore" (Indian English: five billion) all become a Decimal.
Spelled-out numbers are read by text2num (a maintained parser); the patterns here only
find where one starts and ends.

Digits are ASCII only: a run of Arabic-Indic or other digits in an English story is not a
figure the desk wrote, and Decimal would read it where the parse would not. Every value is
computed in a wide decimal context and refused (None) past what a claim can store, so that
a 30-digit run is skipped as a mention instead of raising (decimal.InvalidOperation) and
failing its article.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Context, Decimal, InvalidOperation, localcontext

from text_to_num import text2num

logger = logging.getLogger("claims.extraction")

# Claim.value holds 28 digits, 6 after the point: anything this large is no figure a
# story states (a serial number, an ID, a glued run of digits) and is not a claim.
VALUE_LIMIT = Decimal(10) ** 21
_WIDE = Context(prec=60)

# --- where a number is ------------------------------------------------------------------

#: 1,200 / 1200 / 1.5 / .5 (ASCII digits only)
DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_ONES = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_BIG = "hundred|thousand|million|billion|trillion"
_CARDINAL = rf"(?:{_TENS})(?:-(?:{_ONES}))?|{_ONES}|{_BIG}"
#: "twenty-five", "two hundred thousand", "one hundred and twenty", "a hundred", "a dozen", "half a million"
WORD_NUMBER = (
    rf"(?:half\s+a\s+(?:dozen|hundred|thousand|million|billion)"
    rf"|a\s+(?:dozen|hundred|thousand|million|billion)"
    rf"|(?:{_CARDINAL})(?:(?:\s+and\s+|\s+|-)(?:{_CARDINAL}))*(?:\s+dozen)?)"
)
#: Either: what a claim's number is
NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER})"
#: A scale after digits, spaced or glued: "45 billion", "2.6million", "€2bn", "$4M", "500 crore",
#: "2.5 lakh crore" (Indian English: 2.5 trillion)
SCALE = r"(?:\s?(?i:(?:lakh|thousand)\s+crore|trillion|billion|million|thousand|lakh|crore)\b|MM\b|(?i:bn|tn|trn|mn|mln|m|k|b)\b)"
#: "3/4", "1 1/2", "2-1/2" (American copy's hyphen), "½"
FRACTION = r"(?:(?:[0-9]+(?:\s+|-))?[0-9]+/[0-9]+|(?:[0-9]+\s?)?[½¼¾⅓⅔])"

SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6, "mm": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12, "trn": 10**12,
    "lakh": 10**5, "crore": 10**7,  # Indian English: "5 lakh" is 500,000, "500 crore rupees" five billion
}
# Vague amounts carry the least the word allows ("dozens" is at least two dozen).
VAGUE_NUMBERS = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens of thousands": 20000,
    "hundreds of thousands": 200000, "millions": 2000000,
}
_UNICODE_FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75"), "⅓": Decimal(1) / 3,
                      "⅔": Decimal(2) / 3}
_DIGITS_ONLY = re.compile(rf"{DIGITS}\Z")
# A whole number glued to a proper fraction: "41/2" (4 1/2), "33/4" (3 3/4); no share of a
# whole is written over 2 or 4 with a numerator above 9.
_GLUED_MIXED = re.compile(r"[1-9][0-9]?(?:1/[24]|3/4)\Z")


def _words(text: str) -> Decimal | None:
    """A spelled-out number through text2num; "a dozen", "two dozen" and "a hundred" first."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words.startswith("half a "):
        whole = _words(words.removeprefix("half "))
        return None if whole is None else whole / 2
    dozen = 1
    if words.endswith(" dozen") or words == "dozen":
        words, dozen = words.removesuffix("dozen").strip() or "one", 12
    if words.startswith("a "):
        words = "one " + words[2:]
    if words in ("a", "one", ""):
        return Decimal(dozen) if words or dozen > 1 else None
    try:
        return Decimal(text2num(words, "en")) * dozen
    except ValueError:
        return None


def parse_number(text: str) -> Decimal | None:
    """Read "1,200", "1.2", "twenty-five", "a dozen", "dozens", "3/4" or "1 1/2" as a Decimal."""
    cleaned = " ".join(text.strip().lower().split())
    cleaned = re.sub(r"(?<=[0-9])-(?=[0-9]+/)", " ", cleaned)  # "2-1/2": two and a half
    if not cleaned:
        return None
    if cleaned in VAGUE_NUMBERS:
        return Decimal(VAGUE_NUMBERS[cleaned])
    with localcontext(_WIDE):
        if _DIGITS_ONLY.match(cleaned):
            value = Decimal(cleaned.replace(",", ""))
        elif "/" in cleaned or cleaned[-1] in _UNICODE_FRACTIONS:
            value = _fraction(cleaned)
        else:
            value = _words(cleaned)
        if value is None or not value.is_finite() or abs(value) >= VALUE_LIMIT:
            return None
        return +value


def _fraction(text: str) -> Decimal | None:
    whole, _, rest = text.rpartition(" ") if " " in text else ("", "", text)
    try:
        if rest[-1] in _UNICODE_FRACTIONS:
            part = _UNICODE_FRACTIONS[rest[-1]]
            whole = (whole + rest[:-1]).strip()
        else:
            numerator, _, denominator = rest.partition("/")
            if not denominator or int(denominator) == 0:
                return None
            if not whole and _GLUED_MIXED.match(rest):
                # "41/2 years", "33/4 miles": a "4½" whose half lost its glyph in the copy
                whole, numerator = numerator[:-1], numerator[-1]
            part = Decimal(int(numerator)) / Decimal(int(denominator))
        return (Decimal(int(whole)) if whole else Decimal(0)) + part
    except (ValueError, InvalidOperation):
        return None


def scaled(number: str, scale: str | None) -> Decimal | None:
    """The number times its scale ("2.6", "million"), exact; None when unreadable or too large."""
    value = parse_number(number)
    if value is None:
        return None
    with localcontext(_WIDE):
        if scale:
            for word in scale.strip().lstrip("-").lower().split():
                value *= SCALES[word]
        if abs(value) >= VALUE_LIMIT:
            return None
        return tidy(value)


def tidy(value: Decimal) -> Decimal:
    """"45000000000.0" and "4.5E+10" alike as a plain integer where exact, else normalised."""
    with localcontext(_WIDE):
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()


class Anchored:
    """A pattern tried only around the words it needs ("spring", " to "): a pattern that opens with
    alternatives is otherwise tried at every position of an article. ``finditer`` yields its
    matches in order, none overlapping, as ``re.Pattern.finditer`` would."""

    def __init__(self, anchor: re.Pattern, pattern: re.Pattern, before: int = 40, after: int = 40):
        self.anchor, self.pattern, self.before, self.after = anchor, pattern, before, after

    def finditer(self, text: str) -> Iterator[re.Match]:
        last_end = 0
        for a in self.anchor.finditer(text):
            if a.end() <= last_end:
                continue
            space = text.find(" ", a.end() + self.after)
            m = self.pattern.search(text, max(last_end, a.start() - self.before), len(text) if space < 0 else space)
            if m is not None and m.start() >= last_end and m.start() <= a.end() and m.end() >= a.start():
                last_end = m.end()
                yield m


def at_word_start(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` for a pattern every match of which starts a word (each
    alternative opens with ``\\b`` or a lookbehind, then a letter or digit). Said first, that
    lets the scan pass the inside of every word at once, where it would otherwise try each
    alternative in turn: the same matches in half the time for a pattern of many alternatives."""
    return re.compile(rf"\b(?=\w)(?:{pattern})", flags)


# Letters that IGNORECASE matches with an ASCII letter but ``str.lower`` does not turn into it
# (dotless and dotted I, long s, the Kelvin sign): a text holding one is scanned in full.
_ODD_CASES = re.compile("[\u0131\u0130\u017f\u212a]")


class Required:
    """A pattern tried only on a text holding one of the words every match of it needs ("ago",
    a holiday's name, "magnitude"): most articles hold none, and a pattern opening with
    alternatives is otherwise tried at every position. ``words`` are lower case and looked
    for in any case; ``finditer`` yields exactly ``pattern.finditer``'s matches."""

    def __init__(self, words: Iterable[str], pattern: re.Pattern):
        self.words, self.pattern = tuple(words), pattern

    def finditer(self, text: str) -> Iterator[re.Match]:
        if not _ODD_CASES.search(text):
            lowered = text.lower()
            if not any(word in lowered for word in self.words):
                return iter(())
        return self.pattern.finditer(text)


def each_mention(matches: Iterable[re.Match], read: Callable[[re.Match], object]) -> Iterator:
    """``read(m)`` for each match, skipping (and logging) a mention whose reading fails.

    One odd number or date (a 30-digit run, a date before year 1, text no pattern foresaw)
    costs that mention only, never the article's other claims and quotes.
    """
    for m in matches:
        try:
            item = read(m)
        except Exception:
            logger.warning("numeric claim skipped: %r at %d could not be read", m.group()[:80], m.start(), exc_info=True)
            continue
        if item is not None:
            yield item


# --- qualifiers ---------------------------------------------------------------------------

QUALIFIERS = {
    "about": "approximate", "around": "approximate", "approximately": "approximate", "roughly": "approximate",
    "some": "approximate", "nearly": "approximate", "almost": "approximate", "close to": "approximate",
    "an estimated": "approximate", "estimated": "approximate", "approx.": "approximate", "circa": "approximate",
    "more than": "at_least", "over": "at_least", "at least": "at_least", "upwards of": "at_least",
    "in excess of": "at_least", "above": "at_least", "just over": "at_least", "no fewer than": "at_least",
    "no less than": "at_least",
    "fewer than": "at_most", "less than": "at_most", "under": "at_most", "up to": "at_most",
    "as many as": "at_most", "as much as": "at_most", "no more than": "at_most", "at most": "at_most",
    "below": "at_most", "just under": "at_most",
}
_QUALIFIER = "(?:" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + ")"
_QUALIFIER_BEFORE = re.compile(rf"\b(?P<q>{_QUALIFIER})\s+$", re.IGNORECASE)
_QUALIFIER_AFTER = re.compile(
    r"^\s+or\s+(?P<q>more|greater|higher|above|over|less|fewer|lower|below|under)\b", re.IGNORECASE
)


def qualifier_before(text: str, start: int) -> tuple[int, str]:
    """The qualifier just before a number ("about", "more than") and where it starts."""
    m = _QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
    if not m:
        return start, "exact"
    return m.start("q"), QUALIFIERS[m.group("q").lower()]


def qualifier_after(text: str, end: int) -> tuple[int, str | None]:
    """A bound written after the number: "$200 or less", "$100,000 or more"."""
    m = _QUALIFIER_AFTER.match(text[end : end + 16])
    if not m:
        return end, None
    bound = "at_least" if m.group("q").lower() in ("more", "greater", "higher", "above", "over") else "at_most"
    return end + m.end(), bound


__all__ = [
    "Anchored", "DIGITS", "Required", "at_word_start", "each_mention", "FRACTION", "NUMBER", "QUALIFIERS", "SCALE", "SCALES", "VAGUE_NUMBERS", "VALUE_LIMIT", "WORD_NUMBER",
    "parse_number", "qualifier_after", "qualifier_before", "scaled", "tidy",
]
