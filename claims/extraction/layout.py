"""Where a parsed article's sentences, paragraphs, quoted stretches and reporting verbs are.

Everything the quote finder looks up per quote is found here once per document and then by
bisection, so that finding quotes stays linear in the length of the text (an ``rfind`` per
quote was quadratic on one huge line).

A paragraph is a line of the clean text. Some sources separate paragraphs with a blank line:
``paragraphs_between`` counts the non-blank lines, so that "the next paragraph" means the
same in both layouts.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import numpy
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, SENT_START
from spacy.tokens import Doc, Token

from claims.extraction.attribution import cue_hashes, is_cue
from claims.extraction.nlp import doc_text
from claims.extraction.quote_marks import Marked

_BLANK_LINE = re.compile(r"\n[^\S\n]*(?=\n)")


class Layout:
    def __init__(self, doc: Doc, marked: list[Marked]) -> None:
        self.doc = doc
        self.text = text = doc_text(doc)
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.blank_lines = [m.start() for m in _BLANK_LINE.finditer(text)]
        self.marked = marked
        self.parsed = doc.has_annotation("DEP")
        # Token attributes are read as arrays: making a Token object for every token costs
        # more than everything else find_quotes does.
        columns = doc.to_array([IDX, LENGTH, SENT_START, LEMMA, LOWER]) if len(doc) else None
        self.token_starts: list[int] = columns[:, 0].tolist() if columns is not None else []
        ends = (columns[:, 0] + columns[:, 1]).tolist() if columns is not None else []
        # Sentences as (start char, end char), like Span.start_char / Span.end_char.
        self.sents: list[tuple[int, int]] = []
        self.sent_of_token: list[int] = []
        if columns is not None:
            starts = [0] + [i for i in numpy.flatnonzero(columns[:, 2] == 1).tolist() if i > 0] if self.parsed else [0]
            bounds = starts + [len(doc)]
            for k in range(len(starts)):
                self.sents.append((self.token_starts[bounds[k]], ends[bounds[k + 1] - 1]))
                self.sent_of_token.extend([k] * (bounds[k + 1] - bounds[k]))
        self.sent_starts = [start for start, _ in self.sents]
        self.in_quote = self._quote_mask()
        self.cues: list[Token] = []
        self.quoted_cues: list[Token] = []  # reporting verbs inside quotations (reports.nested_reports)
        if self.parsed and columns is not None:
            lemmas, according = cue_hashes(doc)
            candidates = numpy.flatnonzero(
                numpy.isin(columns[:, 3].astype("uint64"), lemmas) | (columns[:, 4].astype("uint64") == according)
            ).tolist()
            for i in candidates:
                if is_cue(doc[i]):
                    (self.quoted_cues if self.in_quote[i] else self.cues).append(doc[i])
        self.cue_starts = [t.idx for t in self.cues]

    def _quote_mask(self) -> list[bool]:
        mask = [False] * len(self.doc)
        for q in self.marked:
            for s, e in q.parts or [(q.start, q.end)]:
                i = bisect_left(self.token_starts, s)
                while i < len(mask) and self.token_starts[i] < e:
                    mask[i] = True
                    i += 1
        return mask

    def paragraph(self, char: int) -> tuple[int, int]:
        """Start and end (the newline, or the text's end) of the line holding ``char``."""
        k = bisect_left(self.newlines, char)
        start = self.newlines[k - 1] + 1 if k > 0 else 0
        end = self.newlines[k] if k < len(self.newlines) else len(self.text)
        return start, end

    def paragraphs_between(self, start: int, end: int) -> int:
        """Paragraph breaks between two offsets, a blank line not counting as a paragraph."""
        breaks = bisect_left(self.newlines, end) - bisect_left(self.newlines, start)
        blanks = bisect_left(self.blank_lines, end) - bisect_left(self.blank_lines, start)
        return breaks - blanks

    def sent_index(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def sentence_of(self, token: Token) -> tuple[int, int]:
        return self.sents[self.sent_of_token[token.i]]

    def clause(self, start: int, end: int, *, longer_than: int = 8) -> tuple[int, int] | None:
        """A reported clause's bounds, trimmed, or None when too short or run over a paragraph."""
        start, end = trim_clause(self.text, start, end)
        if end - start > longer_than and "\n" not in self.text[start:end]:
            return start, end
        return None


def trim_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, commas and a leading "that" from a reported clause's edges."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    if text[start:start + 5].lower() == "that " and end - start > 5:
        start += 5
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-."):
        end -= 1
    return start, end
