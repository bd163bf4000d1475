"""Quotation marks paired into quoted stretches of text, in one scan.

Straight and curly, double and single marks; a double quote left open at a paragraph's end
continues when the next paragraph reopens with a mark (the newspaper convention for a quote
over several paragraphs). No parse is needed: this runs on the text alone.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
# Two apostrophes ('') stand for a straight double quote in some wire copy.
_DOUBLE_MARKS = re.compile(r'\'\'|["“”„«»\n]')
# A single quote opens at a word start ('as long as it takes') and closes after a word,
# before a space or punctuation; between letters it is an apostrophe (don't, Ukraine’s).
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])['’](?=[\s.,;:!?)\]—–-]|$)")
_MAX_SINGLE_QUOTE = 300
_SENTENCE_END = re.compile(r"[.!?] $")


@dataclass
class Marked:
    """A stretch of text between quotation marks, and who it is credited to once attributed."""

    start: int
    end: int
    closed: bool = True
    parts: list[tuple[int, int]] = field(default_factory=list)
    cue: Token | None = None
    subject: Token | None = None
    mention: SpacySpan | None = None
    how: str = ""  # "verb" | "intro" | "outro" | "continued" | "name" | ""


def quote_marks(text: str) -> list[Marked]:
    """Pair quotation marks in one scan.

    A double quote left open at the end of a paragraph continues when the next paragraph
    opens with a mark (the newspaper convention for a quote over several paragraphs);
    otherwise it ends with its paragraph, marked unclosed. Straight quotes toggle.
    """
    spans: list[Marked] = []
    open_at: int | None = None
    reopen_at: int | None = None
    part_start: int | None = None
    parts: list[tuple[int, int]] = []
    n = len(text)
    for m in _DOUBLE_MARKS.finditer(text):
        i = m.start()
        ch = m.group()
        width = len(ch)
        if ch == "''":
            ch = '"'
        if ch == "\n":
            if open_at is None or reopen_at is not None:
                continue
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            para_end = i
            while para_end > open_at and text[para_end - 1].isspace():
                para_end -= 1
            if j < n and (text[j] in '"“„«' or text.startswith("''", j)):
                parts.append((part_start, para_end))
                reopen_at = j
            else:
                parts.append((part_start, para_end))
                if para_end - open_at > 1:
                    spans.append(Marked(open_at, para_end, closed=False, parts=parts))
                open_at, parts = None, []
            continue
        if reopen_at is not None:
            if i == reopen_at:
                part_start = i
                reopen_at = None
                continue
            reopen_at = None
        # German „…“ closes with the mark English uses to open.
        if ch == "“" and open_at is not None and text[open_at] == "„":
            ch = "”"
        if (ch == '"' and open_at is not None and i > 0 and text[i - 1] == " " and i + width < n
                and text[i + width].isalnum() and _SENTENCE_END.search(text, max(open_at, i - 3), i)):
            # "…into the void. "What is at stake…": a mark that opens a sentence after a
            # finished one, where the closing mark was lost (paragraphs run together).
            end = i
            while end > open_at and text[end - 1].isspace():
                end -= 1
            parts.append((part_start, end))
            spans.append(Marked(open_at, end, closed=False, parts=parts))
            open_at, part_start, parts = i, i, []
            continue
        is_open = ch in _OPEN_DOUBLE or (ch == '"' and open_at is None)
        if ch == '"' and open_at is None and i + width < n and text[i + width].isspace() and i > 0 and not text[i - 1].isspace():
            continue  # a stray closing straight quote: opening one would swallow the paragraph
        if is_open:
            if open_at is not None and ch in _OPEN_DOUBLE:
                pass  # an opening mark inside an open quote: the first one was stray
            open_at, part_start, parts = i, i, []
        elif open_at is not None:
            parts.append((part_start, i + width))
            spans.append(Marked(open_at, i + width, parts=parts))
            open_at, parts = None, []
    if open_at is not None:
        end = n
        while end > open_at and text[end - 1].isspace():
            end -= 1
        if end - open_at > 1:
            spans.append(Marked(open_at, end, closed=False, parts=parts + [(part_start, end)]))
    spans.extend(single_quotes(text, spans))
    spans.sort(key=lambda s: s.start)
    return spans


def single_quotes(text: str, doubles: list[Marked]) -> list[Marked]:
    """Single-quoted phrases outside double quotes ('as long as it takes')."""
    out: list[Marked] = []
    covered_starts = [d.start for d in doubles]
    closes = [m.start() for m in _SINGLE_CLOSE.finditer(text)]
    ci = 0
    last_end = -1
    for m in _SINGLE_OPEN.finditer(text):
        s = m.start()
        if s < last_end:
            continue
        k = bisect_right(covered_starts, s) - 1
        if k >= 0 and doubles[k].end > s:
            continue
        while ci < len(closes) and closes[ci] <= s:
            ci += 1
        if ci >= len(closes):
            break
        e = closes[ci]
        if e - s > _MAX_SINGLE_QUOTE:
            continue
        segment = text[s:e]
        if "\n" in segment or any(c in segment for c in '"“”'):
            continue
        out.append(Marked(s, e + 1, parts=[(s, e + 1)]))
        last_end = e + 1
    return out
