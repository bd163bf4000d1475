"""Crediting passes over a story's quotes once each has its own attribution.

Some quotes name no speaker a reader would accept on their own, and the story around them
does: a document that "said" ("The statement added that…") speaks for whoever issued it, and
a headline's quoted phrase repeats a credited quote of the story.
"""
from __future__ import annotations

import re

from claims.extraction.types import QuoteResult

# Things that "say" only for whoever issued them: "The statement added that…".
_DOCUMENTS = frozenset({"statement", "communique", "communiqué", "release", "report", "letter", "memo", "readout",
                        "declaration"})
_DOCUMENT_MENTION = re.compile(r"(?:the|this|that|its|their)\s+(?:\w+\s+)?(\w+)", re.IGNORECASE)


def _paragraph_of(text: str, start: int, end: int) -> str:
    return text[text.rfind("\n", 0, start) + 1 : (text.find("\n", end) + 1 or len(text) + 1) - 1]


def credit_documents(results: list[QuoteResult], text: str) -> None:
    """"The office of President Emmanuel Macron stated in an official statement that … The
    statement added that …": a document named as the speaker is credited to whoever the
    nearest earlier quote, within three paragraphs, shows issuing that kind of document."""
    for k, quote in enumerate(results):
        mention = quote.speaker_mention
        found = _DOCUMENT_MENTION.fullmatch(mention.text.strip()) if mention is not None else None
        if found is None or found.group(1).lower() not in _DOCUMENTS:
            continue
        noun = found.group(1).lower()
        for earlier in reversed(results[:k]):
            if text.count("\n", earlier.end, quote.start) > 3:
                break
            if (earlier.speaker is not None and earlier.speaker is not quote.speaker
                    and re.search(rf"\b{noun}\b", _paragraph_of(text, earlier.start, earlier.end), re.IGNORECASE)):
                quote.speaker = earlier.speaker
                quote.confidence = round(min(quote.confidence, earlier.confidence) * 0.9, 2)
                break


_ECHO_NOISE = re.compile(r"[^\w\s]+")


def _echo_words(text: str) -> str:
    return " ".join(_ECHO_NOISE.sub(" ", text.lower()).split())


def credit_echoes(results: list[QuoteResult]) -> None:
    """A quote with no speaker that repeats words a credited quote of the same story says
    (the headline's 'as long as it takes' echoing "...pledged ... for “as long as it
    takes”" in the story) takes that quote's speaker, from the nearest such quote. Echoes of
    fewer than three words are too common to tell."""
    credited = [(r, f" {_echo_words(r.text)} ") for r in results if r.speaker is not None]
    for quote in results:
        if quote.speaker is not None:
            continue
        words = _echo_words(quote.text)
        if len(words.split()) < 3:
            continue
        sources = [r for r, said in credited if f" {words} " in said]
        if sources:
            nearest = min(sources, key=lambda r: abs(r.start - quote.start))
            quote.speaker = nearest.speaker
            quote.confidence = round(min(quote.confidence, nearest.confidence) * 0.8, 2)


def drop_nested_repeats(results: list[QuoteResult]) -> list[QuoteResult]:
    """A quote lying inside a longer quote of the same speaker, and either quoted word for
    word inside it or reported through the same verb, is the same words listed twice: only
    the longer one is kept. A quote inside another speaker's ("…the facility that a state
    official said is unlicensed…"), or under another verb of the same speaker ("He cautioned
    that …, calling for vigilance"), is a report of its own and stays."""
    ordered = sorted(range(len(results)), key=lambda k: (results[k].start, -results[k].end))
    dropped: set[int] = set()
    open_quotes: list[int] = []  # longer quotes that may still contain the next ones
    for k in ordered:
        quote = results[k]
        open_quotes = [j for j in open_quotes if results[j].end > quote.start]
        if any(results[j].end >= quote.end and _same_speaker(results[j], quote)
               and (quote.kind == "direct" or quote.cue == results[j].cue) for j in open_quotes):
            dropped.add(k)
            continue
        open_quotes.append(k)
    return [q for k, q in enumerate(results) if k not in dropped]


def _same_speaker(a: QuoteResult, b: QuoteResult) -> bool:
    if a.speaker is None or b.speaker is None:
        return a.speaker is b.speaker and a.cue == b.cue
    return a.speaker is b.speaker or a.speaker.name == b.speaker.name
