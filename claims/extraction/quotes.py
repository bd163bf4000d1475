"""Quotes: who said what, found in a parsed article.

``find_quotes(doc)`` returns direct, indirect and mixed quotes with offsets into
``doc.text`` (end exclusive):

* direct: text between quotation marks, straight or curly, double or single, marks
  included. A quote split by its attribution (“We will,” he said, “stay.”) is one quote whose
  ``parts`` are the two quoted pieces; a quote running over paragraphs (a paragraph that
  ends inside the quote and a next one reopening with a mark) is one quote.
* indirect: the reported clause under a reporting verb ("Stoltenberg said that *the alliance
  will…*", "*…*, the ministry clarified in a statement", "according to X, *…*" — the whole
  sentence but the phrase, "*…*, they said, *…*" with the two halves as ``parts``), without
  the complementiser "that". Also the other shapes a report takes: an embedded question
  ("asked *whether…*"), an infinitive ("vowed *to remain civil*", "urged *Congress to act*",
  "called on *NATO countries to provide…*"), a named object ("announced *his candidacy*"),
  the rest of the sentence after "warned:". An object that is a sum or counted goods
  ("pledging *about $45 billion* in arms", "announced a *$53 million package*") is an act,
  not speech: it is no quote, and its figure keeps no speaker.
* mixed: a reported clause that contains a quoted fragment ("he said the alliance would stay
  “as long as it takes”", "warned against *the “fevered dreams” of a brokered convention*");
  the fragment is not reported again on its own. When the quotation is most (60%) of the
  clause, the quote is direct instead.

A quotation with no reporting verb continues the speaker of the quotation just before it
(same or previous paragraph); a short one (under four words) with no verb is a scare quote
and is left out, as is a quoted name that is the speaker ("the “Alliance of the Willing”
indicated…").

Each quote has its cue (the reporting verb, or "according to"), the speaker mention as
written (a pronoun or "who" stays as written) and the speaker it resolves to (see
speakers.py). ``confidence`` ranks how the quote was found: a quotation tied to a verb
(0.9) above a mixed report (0.8), a that-clause (0.7), a continued quotation (0.6), an
infinitive or named object (0.5-0.6), a quotation nobody is credited with (0.4); 0.2 less
when the closing mark is missing.

The work is linear in the length of the document: quote marks are paired in one scan,
and each quote looks up its nearest reporting verbs by bisection, never re-parsing.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, SENT_START
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claims.extraction.speakers import (
    ORGANISATION_NOUNS,
    PERSON_ROLE_NOUNS,
    SpeakerResolver,
    mention_span,
)
from claims.extraction.types import QuoteResult, Span

# Lemmas of verbs that report speech or writing. Beliefs ("think", "hope") are left out: a
# fact-checker checks what people said, not what a reporter says they think.
SPEECH_VERBS = frozenset(
    """
    say tell add state explain note argue claim write announce insist warn continue reply respond
    recall acknowledge declare urge vow admit confirm tweet testify comment remark report predict
    promise pledge concede contend assert maintain stress emphasize emphasise complain suggest
    mention charge allege deny boast quip joke shout exclaim quote reiterate clarify caution
    highlight underline underscore indicate observe point tout post ask answer counter retort
    lament praise describe call dub label brand reveal disclose signal estimate demand conclude speak talk
    threaten accuse recount concede plead wonder question scoff muse read
    """.split()
)
# Verbs that introduce a quotation but rarely a reported clause of their own.
_DIRECT_ONLY = frozenset("call dub label brand describe praise post continue ask wonder question read".split())
# Verbs that name their object and a quoted description of it ("called the senator a “nasty guy”").
_NAMING = frozenset("call dub label brand describe".split())
# Verbs whose object names what was said ("announced his candidacy", "denied the report").
_OBJECT_REPORTS = frozenset(
    "announce explain mention deny confirm acknowledge reveal note stress emphasize emphasise highlight "
    "predict promise pledge repeat reiterate dispute indicate".split()
)
# Verbs whose report is an infinitive ("vowed to remain", "urged Congress to act").
_INFINITIVE = frozenset("vow pledge promise threaten urge tell warn ask demand".split())
_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
# Two apostrophes ('') stand for a straight double quote in some wire copy.
_DOUBLE_MARKS = re.compile(r'\'\'|["“”„«»\n]')
# A single quote opens at a word start ('as long as it takes') and closes after a word,
# before a space or punctuation; between letters it is an apostrophe (don't, Ukraine’s).
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])['’](?=[\s.,;:!?)\]—–-]|$)")
_WORD = re.compile(r"\w+")
# "Stoltenberg: “…”" and "NATO chief – “…”" in headlines and captions.
_INTRO_SPEAKER = re.compile(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,5})\s*[:—–―-]\s*$")
# "“…” — Jens Stoltenberg" at the end of a line.
_OUTRO_SPEAKER = re.compile(r"^\s*[—–―-]\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,5})\s*(?:$|,)")
_MAX_SINGLE_QUOTE = 300
# "Paul Ryan: FBI Decision … ‘Defies Explanation’": a short name, a colon, one line.
_HEADLINE_CREDIT = re.compile(
    r"^(?P<name>[A-Z][\w.’'&-]*(?:[ ][A-Z][\w.’'&-]*){0,4})[ ]?(?P<colon>:)[ ]+(?P<rest>[^\n]{8,300})$", re.MULTILINE)
_WORD_TAIL = re.compile(r"\b(that|when|as|and|but|or|if|because|while|although)\W*$", re.IGNORECASE)
_REPORT_CONFIDENCE = {"ccomp": 0.7, "according": 0.7, "inverted": 0.65, "naming": 0.6, "infinitive": 0.6,
                      "question": 0.6, "object": 0.5, "colon": 0.6, "parenthesis": 0.65, "headline": 0.7}


@dataclass
class _Marked:
    """A stretch of text between quotation marks."""

    start: int
    end: int
    closed: bool = True
    parts: list[tuple[int, int]] = field(default_factory=list)
    cue: Token | None = None
    subject: Token | None = None
    mention: SpacySpan | None = None
    how: str = ""  # "verb" | "intro" | "outro" | "continued" | "name" | ""


@dataclass
class _Reported:
    start: int
    end: int
    cue: Token
    cue_span: tuple[int, int]
    subject: Token | None
    how: str  # a key of _REPORT_CONFIDENCE
    parts: list[tuple[int, int]] = field(default_factory=list)  # around a parenthetical "they said"
    mention: SpacySpan | None = None  # when the speaker is not a token's noun phrase (headlines)


def find_quotes(doc: Doc) -> list[QuoteResult]:
    """Every quote in ``doc`` in reading order. Never raises on odd text."""
    text = doc.text
    if not text.strip():
        return []
    marked = _quote_marks(text)
    finder = _Finder(doc, text, marked)
    return finder.run()


# -- pairing quotation marks ----------------------------------------------------------


def _quote_marks(text: str) -> list[_Marked]:
    """Pair quotation marks in one scan.

    A double quote left open at the end of a paragraph continues when the next paragraph
    opens with a mark (the newspaper convention for a quote over several paragraphs);
    otherwise it ends with its paragraph, marked unclosed. Straight quotes toggle.
    """
    spans: list[_Marked] = []
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
                    spans.append(_Marked(open_at, para_end, closed=False, parts=parts))
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
        is_open = ch in _OPEN_DOUBLE or (ch == '"' and open_at is None)
        if ch == '"' and open_at is None and i + width < n and text[i + width].isspace() and i > 0 and not text[i - 1].isspace():
            continue  # a stray closing straight quote: opening one would swallow the paragraph
        if is_open:
            if open_at is not None and ch in _OPEN_DOUBLE:
                pass  # an opening mark inside an open quote: the first one was stray
            open_at, part_start, parts = i, i, []
        elif open_at is not None:
            parts.append((part_start, i + width))
            spans.append(_Marked(open_at, i + width, parts=parts))
            open_at, parts = None, []
    if open_at is not None:
        end = n
        while end > open_at and text[end - 1].isspace():
            end -= 1
        if end - open_at > 1:
            spans.append(_Marked(open_at, end, closed=False, parts=parts + [(part_start, end)]))
    spans.extend(_single_quotes(text, spans))
    spans.sort(key=lambda s: s.start)
    return spans


def _single_quotes(text: str, doubles: list[_Marked]) -> list[_Marked]:
    """Single-quoted phrases outside double quotes ('as long as it takes')."""
    out: list[_Marked] = []
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
        out.append(_Marked(s, e + 1, parts=[(s, e + 1)]))
        last_end = e + 1
    return out


# -- attribution ----------------------------------------------------------------------


def _grammatical_subject(verb: Token, depth: int = 0) -> Token | None:
    """The grammatical subject of a reporting verb, following "…, adding that" and
    "who said" back to the noun they belong to."""
    if verb.lower_ == "according":
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "to":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    # The nearest subject: a parse run across a paragraph break can give a verb two.
    # "Stoltenberg, who said…": the mention is "who", as a pronoun is; the speaker resolver
    # follows it to the noun the clause hangs on.
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    # "He cautioned that Ukraine could face strikes, calling for vigilance": the parser
    # hangs the participle on the reported clause; it belongs to the one who cautioned.
    if (depth < 3 and verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.dep_ == "ccomp"
            and _is_cue(verb.head.head)):
        climbed = _grammatical_subject(verb.head.head, depth + 1)
        if climbed is not None:
            return climbed
    # "“Hillary needed to split the primaries,” added a South Carolina Democrat": after a
    # quote, the parser often takes the inverted subject for an object, or drops it.
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acl", "ccomp", "dep") and verb.head.pos_ in ("VERB", "AUX"):
        climbed = _grammatical_subject(verb.head, depth + 1)
        if climbed is not None:
            return climbed
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    # "Dean, a medical doctor, …, saying he would…" hangs the participle on the noun.
    if depth < 3 and verb.dep_ in ("acl", "advcl") and verb.head.pos_ in ("PROPN", "NOUN") and verb.tag_ == "VBG":
        return verb.head
    # "In addition to stating that…, Clinton has vowed", "Trump summed up…, denounced… and
    # said": the subject of the nearest enclosing clause that has one.
    if depth < 3 and verb.dep_ in ("pcomp", "conj", "xcomp", "advcl", "prep", "pobj"):
        for ancestor in list(verb.ancestors)[:4]:
            if ancestor.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" for c in ancestor.children):
                return _grammatical_subject(ancestor, depth + 1)
    return None


def _subject(verb: Token) -> Token | None:
    """The speaker token of a reporting verb, on the verb's own line.

    A headline without a full stop runs into the first sentence, and the parser may then
    take a headline noun for the subject; the part of that subject on the verb's line is
    the real one ("…after conflict⏎The North Atlantic Treaty Organization pledged…").
    """
    subject = _grammatical_subject(verb)
    if subject is None:
        return _opening_speaker(verb)
    doc = verb.doc
    lo, hi = sorted((subject.i, verb.i))
    if not any("\n" in doc[i].text or "\n" in doc[i].whitespace_ for i in range(lo, hi)):
        return subject
    line_start = verb.i
    while line_start > 0 and "\n" not in doc[line_start - 1].text and "\n" not in doc[line_start - 1].whitespace_:
        line_start -= 1
    # The part of the subject on the verb's line; failing that, the noun phrase the line
    # opens with ("…⏎De Blasio, speaking on WOR710, called Trump a “blowhard,” and said…").
    for pool in (subject.subtree, doc[line_start:verb.i]):
        on_line = [t for t in pool if line_start <= t.i < verb.i and not t.is_space]
        heads = [t for t in on_line if not (line_start <= t.head.i < verb.i) or t.head.i == t.i]
        heads = [t for t in heads if t.pos_ in ("PROPN", "NOUN", "PRON")]
        if heads:
            return heads[0]
    return None


def _opening_speaker(verb: Token) -> Token | None:
    """The name a sentence opens with, when the parse lost the verb's subject.

    "Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said…" is
    sometimes parsed with "rabbi" as a clause of its own; the sentence still opens with who
    said it. Only a name or a speaker noun counts, and only before the verb.
    """
    doc = verb.doc
    start = verb.i
    # Walk back to the sentence start, or the line start, whichever is nearer.
    while start > 0 and not doc[start].is_sent_start and "\n" not in doc[start - 1].text \
            and "\n" not in doc[start - 1].whitespace_ and verb.i - start < 60:
        start -= 1
    first = doc[start]
    while first.i < verb.i and (first.is_punct or first.is_space or first.dep_ == "det"):
        first = doc[first.i + 1]
    if first.i >= verb.i:
        return None
    head = first
    steps = 0
    while head.head.i > head.i and head.head.i < verb.i and head.dep_ in ("compound", "amod", "det", "poss", "nmod") and steps < 8:
        head = head.head
        steps += 1
    if head.ent_type_ in ("PERSON", "ORG", "NORP") or (
            head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_ROLE_NOUNS | ORGANISATION_NOUNS):
        return head
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """The speaker named right after the verb: "…,” said Edward Leamer, an economist."""
    doc = verb.doc
    if verb.i == 0 or verb.i + 1 >= len(doc) or verb.lemma_.lower() in ("tell", "ask", "urge", "call"):
        return None
    before = doc[verb.i - 1]
    if not (before.is_punct or before.is_quote or any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)):
        return None
    token = doc[verb.i + 1]
    # The tagger sometimes takes an unknown surname after "said" for an adverb.
    name_like = token.is_title and not token.is_stop and token.ent_type_ not in ("DATE", "TIME", "GPE")
    if (token.pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "PRON") and not name_like) or token.is_space:
        return None
    steps = 0
    while token.head.i > token.i and token.dep_ in ("compound", "det", "amod", "poss", "nmod", "case", "punct", "nummod") and steps < 8:
        token = token.head
        steps += 1
    if token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.lemma_.lower() in PERSON_ROLE_NOUNS | ORGANISATION_NOUNS):
        return token
    if token.i == verb.i + 1 and name_like:
        return token
    return None


_AMOUNTS = frozenset("MONEY QUANTITY CARDINAL PERCENT".split())


def _names_an_amount(obj: Token) -> bool:
    """True for an object that is a sum or counted goods ("about $45 billion", "a $53
    million package", "500 troops"), not a topic of speech ("his candidacy"). Only the
    head and its own modifiers count: "involvement in the 9/11 attacks" names no amount."""
    if obj.ent_type_ in _AMOUNTS or obj.like_num:
        return True
    return any(c.dep_ in ("nummod", "compound", "nmod", "amod", "quantmod") and (c.ent_type_ in _AMOUNTS or c.like_num)
               for c in obj.children)


def _is_cue(token: Token) -> bool:
    if token.lower_ == "according":
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)
    if token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ == "so":
        return False  # the so-called “peace plan”
    return token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, commas and a leading "that" from a reported clause's edges."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    if text[start:start + 5].lower() == "that " and end - start > 5:
        start += 5
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-."):
        end -= 1
    return start, end


_CUE_HASHES: tuple | None = None


def _cue_hashes(doc: Doc) -> tuple:
    """String-store hashes of the reporting verbs' lemmas (hashes are the same in every vocab)."""
    global _CUE_HASHES
    if _CUE_HASHES is None:
        strings = doc.vocab.strings
        words = sorted(SPEECH_VERBS) + sorted(w.capitalize() for w in SPEECH_VERBS)
        _CUE_HASHES = (numpy.array([strings.add(w) for w in words], dtype="uint64"), numpy.uint64(strings.add("according")))
    return _CUE_HASHES


class _Finder:
    def __init__(self, doc: Doc, text: str, marked: list[_Marked]) -> None:
        self.doc = doc
        self.text = text  # Doc.text joins every token: read it once
        # Paragraph bounds by bisection: rfind per quote would be quadratic on one huge line.
        self.newlines = [m.start() for m in re.finditer("\n", text)]
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
        if self.parsed and columns is not None:
            lemmas, according = _cue_hashes(doc)
            candidates = numpy.flatnonzero(
                numpy.isin(columns[:, 3].astype("uint64"), lemmas) | (columns[:, 4].astype("uint64") == according)
            ).tolist()
            self.cues = [doc[i] for i in candidates if not self.in_quote[i] and _is_cue(doc[i])]
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

    def _paragraph(self, char: int) -> tuple[int, int]:
        """Start and end (the newline, or the text's end) of the line holding ``char``."""
        k = bisect_left(self.newlines, char)
        start = self.newlines[k - 1] + 1 if k > 0 else 0
        end = self.newlines[k] if k < len(self.newlines) else len(self.text)
        return start, end

    def _sent_index(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    # -- direct quotes --------------------------------------------------------------
    def _attribute(self, q: _Marked) -> None:
        if not self.sents:
            return
        si = self._sent_index(q.start)
        sj = self._sent_index(max(q.start, q.end - 1))
        lo = self.sents[si][0]
        hi = self.sents[sj][1]
        # "“Why now?” she asked." is often cut after the question mark: the cue opens the
        # next sentence.
        if sj + 1 < len(self.sents):
            nxt_start, nxt_end = self.sents[sj + 1]
            gap = self.text[q.end:nxt_start]
            if not gap.strip() and "\n" not in gap:
                hi = max(hi, min(nxt_end, nxt_start + 40))
        # "He said:" ending the previous sentence or paragraph.
        if si > 0:
            prev_start = self.sents[si - 1][0]
            between = self.text[prev_start:q.start].rstrip()
            if between.endswith(":") and q.start - prev_start < 400:
                lo = prev_start
        # Attribution does not cross paragraphs, whatever the sentence splitter did.
        para_lo = self._paragraph(q.start)[0]
        para_hi = self._paragraph(max(q.start, q.end - 1))[1]
        if lo >= para_lo or not self.text[lo:para_lo].rstrip().endswith(":"):
            lo = max(lo, para_lo)
        hi = min(hi, para_hi)
        best: tuple[int, Token, Token | None] | None = None
        k = bisect_left(self.cue_starts, q.start)
        for idx in list(range(k - 1, max(-1, k - 4), -1)) + list(range(k, min(len(self.cues), k + 3))):
            cue = self.cues[idx]
            if not (lo <= cue.idx < hi) or q.start <= cue.idx < q.end:
                continue
            subject = _subject(cue)
            if subject is not None and self.in_quote[subject.i] and subject.pos_ != "PROPN":
                subject = None
            distance = q.start - cue.idx if cue.idx < q.start else cue.idx - q.end
            # Prefer a cue with a subject, then the nearest one.
            score = distance + (0 if subject is not None else 500)
            if best is None or score < best[0]:
                best = (score, cue, subject)
        if best is not None:
            mention = mention_span(best[2]) if best[2] is not None else None
            if mention is not None and mention.start_char <= q.start < mention.end_char:
                q.how = "name"  # the “Alliance of the Willing” indicated…: a quoted name
                return
            q.cue, q.subject, q.how = best[1], best[2], "verb"
            q.mention = mention
            return
        line_start = self._paragraph(q.start)[0]
        m = _INTRO_SPEAKER.search(self.text[max(line_start, q.start - 120):q.start])
        if m is None:
            line_end = self._paragraph(q.end)[1]
            m2 = _OUTRO_SPEAKER.match(self.text[q.end:min(line_end, q.end + 120)])
            if m2 is not None:
                q.mention = self._char_span(q.end + m2.start(1), q.end + m2.end(1))
                q.how = "outro"
            return
        start = max(line_start, q.start - 120) + m.start(1)
        q.mention = self._char_span(start, start + len(m.group(1)))
        q.how = "intro"

    def _char_span(self, start: int, end: int) -> SpacySpan | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    # -- reported speech ------------------------------------------------------------
    def _reported(self) -> list[_Reported]:
        out: list[_Reported] = []
        text = self.text
        for cue in self.cues:
            cue_span = (cue.idx, cue.idx + len(cue.text))
            if cue.lower_ == "according":
                to = next(c for c in cue.children if c.dep_ == "prep" and c.lower_ == "to")
                phrase = (cue.idx, to.right_edge.idx + len(to.right_edge.text))
                cue_span = (cue.idx, to.idx + len(to.text))
                # The whole sentence is the report, whichever clause the parser hung the
                # phrase on ("The income rose in 2005, but declined in 2014, according to
                # census data").
                sent_start, sent_end = self.sents[self.sent_of_token[cue.i]]
                para_start, para_end = self._paragraph(cue.idx)
                clause = (max(sent_start, para_start), min(sent_end, para_end))
                if phrase[0] - clause[0] <= 2:
                    start, end = phrase[1], clause[1]
                elif clause[1] - phrase[1] <= 3:
                    start, end = clause[0], phrase[0]
                else:
                    start, end = clause
                start, end = _trim(text, start, end)
                if end - start > 8 and "\n" not in text[start:end]:
                    out.append(_Reported(start, end, cue, cue_span, _subject(cue), "according"))
                continue
            lemma = cue.lemma_.lower()
            after = cue.nbor(1) if cue.i + 1 < len(self.doc) else None
            if after is not None and after.text == ":" and cue.i + 2 < len(self.doc) and not self.doc[cue.i + 2].is_quote:
                # "A reporter asked: Did they talk about the wall?" — the rest of the sentence.
                start, end = _trim(text, after.idx + 1, self.sents[self.sent_of_token[cue.i]][1])
                if end - start > 8 and "\n" not in text[start:end]:
                    out.append(_Reported(start, end, cue, cue_span, _subject(cue), "colon"))
                continue
            if lemma == "call":
                # "called on NATO countries to provide support", "called for vigilance": a
                # request, reported with whom it was made of.
                preps = [c for c in cue.rights if c.dep_ == "prep" and c.lower_ in ("on", "upon", "for")]
                objs = [o for o in preps[0].children if o.dep_ == "pobj"] if preps else []
                if objs:
                    xcomps = [c for c in cue.rights if c.dep_ == "xcomp" and c.i > objs[0].i]
                    last = (xcomps[0] if xcomps else objs[0]).right_edge
                    start, end = _trim(text, objs[0].left_edge.idx, last.idx + len(last.text))
                    if end - start > 8 and "\n" not in text[start:end]:
                        out.append(_Reported(start, end, cue, cue_span, _subject(cue), "infinitive"))
                    continue
            if lemma in _NAMING:
                # "called half of Trump's supporters “deplorables”": the object and what it
                # was called, reported together.
                objs = [c for c in cue.rights if c.dep_ == "dobj"]
                rest = [c for c in cue.rights if c.dep_ in ("oprd", "xcomp", "ccomp", "dobj")
                        or (c.dep_ == "prep" and c.lower_ == "as")]
                if objs and rest:
                    last = max(rest, key=lambda c: c.right_edge.i).right_edge
                    start, end = _trim(text, objs[0].left_edge.idx, last.idx + len(last.text))
                    if end - start > 8 and "\n" not in text[start:end]:
                        out.append(_Reported(start, end, cue, cue_span, _subject(cue), "naming"))
                continue
            if lemma in _INFINITIVE and not any(c.dep_ == "ccomp" for c in cue.children):
                # "vowed to remain civil", "told his advisers to figure out how…"
                xcomps = [c for c in cue.rights if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.lefts)]
                if xcomps:
                    objs = [c for c in cue.rights if c.dep_ in ("dobj",) and c.i < xcomps[0].i]
                    first = objs[0].left_edge if objs else xcomps[0].left_edge
                    last = xcomps[0].right_edge
                    start, end = _trim(text, first.idx, last.idx + len(last.text))
                    if end - start > 8 and "\n" not in text[start:end]:
                        out.append(_Reported(start, end, cue, cue_span, _subject(cue), "infinitive"))
                    continue
            if lemma in _DIRECT_ONLY:
                # A question is reported speech when it is embedded: "asked whether D.C.
                # should have a vote"; a bare "asked" clause is usually a quoted question.
                if lemma == "ask":
                    for c in cue.rights:
                        if c.dep_ == "ccomp" and c.left_edge.lower_ in ("whether", "if", "why", "how", "what", "when", "where", "who"):
                            start, end = _trim(text, c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
                            if end - start > 8 and "\n" not in text[start:end]:
                                out.append(_Reported(start, end, cue, cue_span, _subject(cue), "question"))
                            break
                continue
            # The parser sometimes hangs the next paragraph's clause on this verb too: take
            # the clause in the verb's own paragraph, the one after the verb first.
            para_start, para_end = self._paragraph(cue.idx)
            clauses = [c for c in cue.children if c.dep_ == "ccomp"
                       and para_start <= c.idx < para_end]
            if clauses:
                after = [c for c in clauses if c.i > cue.i]
                c = after[0] if after else clauses[-1]
                last = c.right_edge
                if c.i > cue.i:
                    # "said A, but that B" / "said she hoped A, and then would B": the
                    # parser hangs the second half on the verb; it is reported all the same.
                    for k in cue.rights:
                        if k.dep_ == "conj" and k.i > c.i and k.pos_ in ("VERB", "AUX") and (
                                any(m.dep_ == "mark" and m.lower_ == "that" for m in k.children)
                                or (not any(m.dep_ == "nsubj" for m in k.children)
                                    and any(m.dep_ == "aux" and m.lower_ in ("would", "could", "will", "might", "should") for m in k.children))):
                            last = k.right_edge
                # A headline run into the first sentence is not part of the clause.
                start, end = _trim(text, max(c.left_edge.idx, para_start),
                                   min(last.idx + len(last.text), para_end))
                if end - start > 8 and not (start <= cue.idx < end) and "\n" not in text[start:end]:
                    out.append(_Reported(start, end, cue, cue_span, _subject(cue), "ccomp"))
                continue
            # "announced his candidacy", "denied the allegations": what was said, named.
            if lemma in _OBJECT_REPORTS:
                objs = [c for c in cue.rights if c.dep_ == "dobj"]
                if objs:
                    o = objs[0]
                    start, end = _trim(text, o.left_edge.idx, o.right_edge.idx + len(o.right_edge.text))
                    if _names_an_amount(o):
                        # "pledging about $45 billion in arms", "announced a $53 million
                        # package": a sum given is an act, not speech; its figure is the
                        # article's own claim, not a speaker's.
                        continue
                    if end - start > 8 and "\n" not in text[start:end]:
                        out.append(_Reported(start, end, cue, cue_span, _subject(cue), "object"))
                    continue
            # "The talks were constructive, the ministry said": the parser may hang the
            # reporting verb under the reported clause.
            # It may even be parsed as a conjunct: "X, the ministry clarified" (but not
            # "X and the ministry clarified", which is two statements).
            head = cue.head
            subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
            speaker = None
            if not subjects and cue.dep_ in ("conj", "parataxis") and head.i < cue.i:
                # "Facebook created the tool, a spokeswoman, Anna White, said": the parser
                # took the speaker for an object of the report.
                nps = [c for c in head.children if head.i < c.i < cue.i and c.dep_ in ("dobj", "npadvmod", "attr", "appos")
                       and c.left_edge.i > 0 and self.doc[c.left_edge.i - 1].text == ","
                       and (c.pos_ == "PROPN" or c.lemma_.lower() in PERSON_ROLE_NOUNS | ORGANISATION_NOUNS)]
                if nps and nps[-1].right_edge.i < cue.i:
                    subjects = speaker = nps[-1]
                    subjects = [speaker]
            first = subjects[0].left_edge.i if subjects else cue.i
            if not subjects and cue.dep_ == "advcl" and any(c.dep_ == "agent" for c in cue.children):
                # "…, as announced by a NATO spokesperson"
                subjects, first = [cue], cue.left_edge.i
            before = self.doc[first - 1] if first > 0 else None
            if (cue.dep_ in ("parataxis", "ccomp", "advcl", "conj") and head.i < cue.i and head.pos_ in ("VERB", "AUX")
                    and subjects and first > head.left_edge.i
                    and before is not None and before.text in (",", "”", '"', "''")
                    and cue.right_edge.i - first <= 10):
                start, end = _trim(text, head.left_edge.idx, self.doc[first].idx)
                if end - start > 15 and "\n" not in text[start:end]:
                    out.append(_Reported(start, end, cue, cue_span, speaker or _subject(cue), "inverted"))
            elif (cue.dep_ == "parataxis" and head.i > cue.i and head.pos_ in ("VERB", "AUX") and subjects
                    and before is not None and before.text == "," and cue.right_edge.i + 1 < len(self.doc)
                    and self.doc[cue.right_edge.i].text == "," and first > head.left_edge.i):
                # "Russia's successes, they said, could be solidified by a settlement": the
                # report is the clause around the parenthesis.
                right = head.right_edge
                before_part = _trim(text, head.left_edge.idx, before.idx)
                after_part = _trim(text, self.doc[cue.right_edge.i].idx + 1, right.idx + len(right.text))
                if before_part[1] > before_part[0] and after_part[1] - after_part[0] > 8 and "\n" not in text[before_part[0]:after_part[1]]:
                    out.append(_Reported(before_part[0], after_part[1], cue, cue_span, _subject(cue), "parenthesis",
                                         parts=[before_part, after_part]))
        kept = []
        for r in out:
            tail = _WORD_TAIL.search(text, r.start, r.end)
            if tail is not None:
                # "…, and" left over from a coordination is trimmed; a clause before the
                # verb that stops at a subordinator is a parse of something else ("Her
                # appeal was worded beautifully when, she said, …").
                if r.how == "inverted" and tail.group(1).lower() not in ("and", "but", "or"):
                    continue
                r.start, r.end = _trim(text, r.start, tail.start())
                if r.end - r.start <= 8:
                    continue
            kept.append(r)
        return kept

    # -- assembly -------------------------------------------------------------------
    def run(self) -> list[QuoteResult]:
        for q in self.marked:
            self._attribute(q)
        directs = self._merge_split(self.marked)
        directs = self._continue_orphans(directs)
        reported = self._reported() + self._headline_reports() if self.parsed else []
        items: list[tuple[int, str, object]] = []
        direct_starts = [d.start for d in directs]
        mark_starts = [m.start for m in self.marked]
        consumed: set[int] = set()
        for r in reported:
            k = bisect_left(direct_starts, r.start)
            inside = []
            crossing = 0
            j = max(0, k - 1)
            while j < len(directs) and directs[j].start < r.end:
                d = directs[j]
                ov = min(d.end, r.end) - max(d.start, r.start)
                if ov > 0:
                    if ov >= 0.9 * (d.end - d.start):
                        inside.append(j)
                        if d.end > r.end and "\n" not in self.text[r.end:d.end]:
                            r.end = d.end  # keep the closing mark the clause's parse left out
                    elif r.start < d.start and d.end > r.end and "\n" not in self.text[r.end:d.end]:
                        # The parse cut the clause inside the quotation that ends it:
                        # "saying that the only obstacle “is Vladimir Putin and … his people.”"
                        r.end = d.end
                        inside.append(j)
                    else:
                        crossing += ov
                j += 1
            length = r.end - r.start
            covered = sum(directs[j].end - directs[j].start for j in inside) + crossing
            if covered >= 0.6 * length:
                # The clause is the quotation itself: report it once, as direct.
                for j in inside:
                    d = directs[j]
                    if d.cue is None or d.subject is None:
                        d.cue, d.subject, d.how = r.cue, r.subject, "verb"
                        d.mention = r.mention or (mention_span(r.subject) if r.subject is not None else None)
                continue
            # A short quoted phrase ("‘Proven Failure’") is no quote on its own, but it
            # still makes the report mixed.
            k = bisect_left(mark_starts, r.start)
            quoted = bool(inside) or (k < len(mark_starts) and self.marked[k].end <= r.end + 1)
            kind = "mixed" if quoted else "indirect"
            consumed.update(inside)
            items.append((r.start, kind, r))
        for j, d in enumerate(directs):
            if j in consumed:
                continue
            report = self._report_around(d)
            if report is not None:
                items.append((report.start, "mixed", report))
                continue
            items.append((d.start, "direct", d))
        items.sort(key=lambda it: (it[0], it[1]))
        return self._results(items)

    def _headline_reports(self) -> list[_Reported]:
        """"Paul Ryan: FBI Decision Not to Indict Hillary ‘Defies Explanation’" — a headline
        credits the line after the colon to the name before it, when that line quotes."""
        out: list[_Reported] = []
        mark_starts = [m.start for m in self.marked]
        for m in _HEADLINE_CREDIT.finditer(self.text):
            rest_start, rest_end = _trim(self.text, m.start("rest"), m.end("rest"))
            k = bisect_left(mark_starts, rest_start)
            if k >= len(mark_starts) or mark_starts[k] >= rest_end:
                continue  # no quotation in the line: "Update: …", "Photos: …"
            name = self._char_span(m.start("name"), m.end("name"))
            colon = self._char_span(m.start("colon"), m.end("colon"))
            if name is None or colon is None or not any(t.pos_ == "PROPN" or t.ent_type_ for t in name):
                continue
            out.append(_Reported(rest_start, rest_end, colon[0], (m.start("colon"), m.end("colon")), name.root,
                                 "headline", mention=name))
        return out

    def _report_around(self, q: _Marked) -> _Reported | None:
        """A short quotation inside what its verb governs is a fragment of a report:
        "blamed the problem of mass shootings on “sickos”", "warned against the “fevered
        dreams” of a brokered convention". The report is everything after the verb."""
        cue = q.cue
        if cue is None or q.how != "verb" or cue.idx >= q.start or len(q.parts) > 1 or cue.lower_ == "according":
            return None
        rights = [c for c in cue.rights if c.dep_ not in ("punct", "cc", "conj", "advmod", "npadvmod", "advcl", "parataxis")
                  and c.ent_type_ not in ("DATE", "TIME")]
        if not rights:
            return None
        first = rights[0]
        if first.dep_ == "prep" and len(rights) == 1:
            # "warned against the “fevered dreams” of…": the report starts after "against".
            objects = [c for c in first.children if c.dep_ in ("pobj", "pcomp")]
            first = objects[0] if objects else first
        start = first.left_edge.idx
        last = max(rights, key=lambda c: c.right_edge.i).right_edge
        end = max(last.idx + len(last.text), q.end)
        if not (start <= q.start and q.end <= end) or "\n" in self.text[start:end]:
            return None
        start, end = _trim(self.text, start, end)
        if end - start <= 0 or q.end - q.start >= 0.6 * (end - start) or end < q.end:
            return None
        subject = q.subject if q.subject is not None else _subject(cue)
        return _Reported(start, max(end, q.end), cue, (cue.idx, cue.idx + len(cue.text)), subject, "fragment")

    def _merge_split(self, marked: list[_Marked]) -> list[_Marked]:
        """“We will,” he said, “stay.” — two quoted pieces sharing one cue are one quote."""
        out: list[_Marked] = []
        for q in marked:
            prev = out[-1] if out else None
            if (prev is not None and q.cue is not None and prev.cue is not None and q.cue.i == prev.cue.i
                    and prev.end <= prev.cue.idx < q.start and "\n" not in self.text[prev.end:q.start]):
                prev.parts = prev.parts + q.parts
                prev.end = q.end
                prev.closed = prev.closed and q.closed
                continue
            out.append(q)
        return out

    def _continue_orphans(self, directs: list[_Marked]) -> list[_Marked]:
        """A quote with no cue of its own continues the speaker of the quote just before it
        (in the same or the previous paragraph); a short one with no cue is a scare quote
        ("so-called “peace plan”") and is not a quote."""
        out: list[_Marked] = []
        last: _Marked | None = None
        for q in directs:
            inner = self.text[q.start:q.end]
            words = len(_WORD.findall(inner))
            if not any(c.isalpha() for c in inner) or q.how == "name":
                continue  # "" or "672157973804941312": markup, not speech
            if q.how:
                out.append(q)
                last = q
                continue
            if words < 4:
                continue
            if last is not None and self.text.count("\n", last.end, q.start) <= 1 and q.start - last.end < 600:
                q.cue, q.subject, q.mention, q.how = None, last.subject, last.mention, "continued"
                q.continued_from = last  # type: ignore[attr-defined]
                out.append(q)
                last = q
                continue
            out.append(q)
        return out

    def _results(self, items: list[tuple[int, str, object]]) -> list[QuoteResult]:
        resolver = SpeakerResolver(self.doc)
        text = self.text
        results: list[QuoteResult] = []
        resolved_for: dict[int, object] = {}
        for _, kind, item in items:
            if kind == "direct":
                q: _Marked = item  # type: ignore[assignment]
                mention = q.mention
                cue = (q.cue.idx, q.cue.idx + len(q.cue.text)) if q.cue is not None else None
                confidence = {"verb": 0.9, "intro": 0.8, "outro": 0.8, "continued": 0.6}.get(q.how, 0.4)
                if not q.closed:
                    confidence -= 0.2
                start, end = q.start, q.end
                parts = [Span(text[s:e], s, e) for s, e in q.parts] if len(q.parts) > 1 else []
            else:
                r: _Reported = item  # type: ignore[assignment]
                mention = r.mention or (mention_span(r.subject) if r.subject is not None else None)
                cue = r.cue_span
                # A that-clause is the clearest report; a named object ("announced his
                # candidacy") says least about what exactly was said.
                confidence = 0.8 if kind == "mixed" else _REPORT_CONFIDENCE.get(r.how, 0.6)
                start, end = r.start, r.end
                parts = [Span(text[s:e], s, e) for s, e in r.parts]
            speaker = None
            if mention is not None and len(mention):
                key = mention.start
                if key in resolved_for:
                    speaker = resolved_for[key]
                else:
                    speaker = resolver.resolve(mention)
                    resolved_for[key] = speaker
            results.append(QuoteResult(
                text=text[start:end],
                start=start,
                end=end,
                kind=kind,
                speaker=speaker,  # type: ignore[arg-type]
                speaker_mention=Span(mention.text, mention.start_char, mention.end_char) if mention is not None and len(mention) else None,
                cue=Span(text[cue[0]:cue[1]], cue[0], cue[1]) if cue is not None else None,
                confidence=round(max(0.1, confidence), 2),
                parts=parts,
            ))
        _credit_echoes(results)
        _credit_documents(results, text)
        return results


# Things that "say" only for whoever issued them: "The statement added that…".
_DOCUMENTS = frozenset({"statement", "communique", "communiqué", "release", "report", "letter", "memo", "readout",
                        "declaration"})
_DOCUMENT_MENTION = re.compile(r"(?:the|this|that|its|their)\s+(?:\w+\s+)?(\w+)", re.IGNORECASE)


def _paragraph_of(text: str, start: int, end: int) -> str:
    return text[text.rfind("\n", 0, start) + 1 : (text.find("\n", end) + 1 or len(text) + 1) - 1]


def _credit_documents(results: list[QuoteResult], text: str) -> None:
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


def _credit_echoes(results: list[QuoteResult]) -> None:
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
