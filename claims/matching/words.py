"""Words as the matcher compares them: crude lemmas, content words, names, months.

Crude on purpose: the matcher runs over every stored claim, so it reads the words that
extraction kept (subject, unit, sentence) with string operations, not a parser.
"""
from __future__ import annotations

import re
from functools import lru_cache

from claims.extraction import calendar_names

WORD = re.compile(r"[A-Za-z][A-Za-z']*")
STOP = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been being has have had
    it its this that these those their his her our your my we they he she i you there here which who whom
    all any some each every other another more most less least than about around nearly almost roughly
    approximately over under up down such same also only just very so not no nor into onto out off
    including include includes included among between per according said says say told will would can could
    may might must should shall do does did s de la after before since while when where what how
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred dozen
    thousand million billion trillion bn mn mr mrs ms dr""".split()
)
# The project's one table of month and weekday names (CLDR's, through extraction).
MONTHS: dict[str, int] = dict(calendar_names.MONTHS)
WEEKDAYS = frozenset(calendar_names.WEEKDAYS)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A crude singular and stem: 'members' meets 'member', 'killed' meets 'kill'."""
    w = word.lower().removesuffix("'s").removesuffix("'")
    if w in {"people", "news", "series", "species", "us", "as", "is", "this", "its", "was", "has"}:
        return w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "ls":
        w = w[:-1]  # 'stopped' -> 'stopp' -> 'stop'
    return w


@lru_cache(maxsize=65536)
def content_words(text: str) -> tuple[str, ...]:
    """Content words of a phrase, lemmatised, in order."""
    text = text.replace("-", " ")
    # Lower-cased at once when that changes no letter's count (it can outside ASCII: "İ").
    words = WORD.findall(text.lower()) if text.isascii() else [w.lower() for w in WORD.findall(text)]
    return tuple(lemma(w) for w in words if w not in _NOT_CONTENT and len(w) >= 2)


_NOT_CONTENT = STOP | frozenset(MONTHS) | WEEKDAYS


_NAME = re.compile(r"\b[A-Z][a-zA-Z'\u2019.-]*[a-zA-Z](?:\s+(?:[A-Z][a-zA-Z'\u2019.-]*[a-zA-Z]|of|de|del|van|von|al))*")
_SENTENCE_END = frozenset('.!?\u201d"')


def _at_sentence_start(text: str, at: int) -> bool:
    """Whether `at` starts the text, a line, or a sentence (after its closing mark and a
    space). Read backwards from `at`: a search of everything before it would make a long
    article's names cost the square of its length."""
    start = at
    while start > 0 and text[start - 1].isspace():
        start -= 1
    if start > 0 and text[start - 1] == "." and _ABBREVIATION.search(text, max(0, start - 8), start):
        return "\n" in text[start:at]  # "the U.S. Senate", "Mr. Obama": no sentence ends there
    return at == 0 or "\n" in text[start:at] or (start < at and start > 0 and text[start - 1] in _SENTENCE_END)


# A word ending in an abbreviation's period: initials ("U.S.", "D.C.") or a title ("Mr.", "Dr.").
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Sgt|Capt)\.)$")


def names_in(text: str) -> list[str]:
    """Capitalised word runs that are not only sentence-initial ('Brian Nichols', 'Fulton
    County'), lower-cased, months and weekdays left out; each run and its last word."""
    found = []
    for m in _NAME.finditer(text):
        run = m.group(0).rstrip(".")
        words = [w for w in run.split() if (low := w.lower()) not in STOP and low not in MONTHS and low not in WEEKDAYS]
        if not words:
            continue
        if len(words) == 1 and _at_sentence_start(text, m.start()):
            continue  # "The", "Yet", "After" at a sentence start say nothing
        key = " ".join(w.lower().replace("\u2019", "'").removesuffix("'s") for w in words)
        found.append(key)
    return found
