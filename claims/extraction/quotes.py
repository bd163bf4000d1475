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
when the closing mark is missing; times the certainty of the speaker's resolution
(speakers.CERTAINTY: 1 for a name, 0.6 for "he" with two men in the paragraph). Below
``types.LOW_CONFIDENCE`` a reviewer is shown the quote as one to check.

The work is linear in the length of the document: quote marks are paired in one scan,
and each quote looks up its nearest reporting verbs by bisection, never re-parsing.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claims.extraction.attribution import speaker_token
from claims.extraction.crediting import credit_documents, credit_echoes, drop_nested_repeats
from claims.extraction.layout import Layout, trim_clause
from claims.extraction.names import is_person_noun
from claims.extraction.nlp import doc_text
from claims.extraction.quote_marks import Marked, quote_marks
from claims.extraction.reports import Reported, inverted_speaker, nested_reports, reports
from claims.extraction.speakers import SpeakerResolver, mention_span
from claims.extraction.types import QuoteResult, Span

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s*")
# "Stoltenberg: “…”" and "NATO chief – “…”" in headlines and captions.
_INTRO_SPEAKER = re.compile(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,5})\s*[:—–―-]\s*$")
# "“…” — Jens Stoltenberg" at the end of a line.
_OUTRO_SPEAKER = re.compile(r"^\s*[—–―-]\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,5})\s*(?:$|,)")
# "Paul Ryan: FBI Decision … ‘Defies Explanation’": a short name, a colon, one line.
_HEADLINE_CREDIT = re.compile(
    r"^(?P<name>[A-Z][\w.’'&-]*(?:[ ][A-Z][\w.’'&-]*){0,4})[ ]?(?P<colon>:)[ ]+(?P<rest>[^\n]{8,300})$", re.MULTILINE)
REPORT_CONFIDENCE = {"ccomp": 0.7, "according": 0.7, "inverted": 0.65, "naming": 0.6, "infinitive": 0.6,
                      "question": 0.6, "object": 0.5, "colon": 0.6, "parenthesis": 0.65, "headline": 0.7}



def find_quotes(doc: Doc) -> list[QuoteResult]:
    """Every quote in ``doc`` in reading order. Never raises on odd text."""
    text = doc_text(doc)
    if not text.strip():
        return []
    finder = _Finder(doc, quote_marks(text))
    return finder.run()



# How what is said hangs on its verb: "“Go back,” Trump barked" (ccomp), "yelled, “Stay
# there!”" (xcomp), "joked, “Amen, brother!”" (intj), "interjected “Only Rosie…”" (dep).
_SAID_DEPS = frozenset(("ccomp", "xcomp", "parataxis", "dep", "intj"))


def _can_speak(token: Token) -> bool:
    """A person, a group of people or an organisation, as a verb's subject: "Trump", "he",
    "the protesters", "a man", "NATO" (not "the sign", "it", "the ad")."""
    if token.pos_ == "PRON":
        return token.lower_ in ("he", "she", "i", "we", "they")
    if token.pos_ == "PROPN":
        return token.ent_type_ in ("PERSON", "ORG", "NORP", "")
    return token.pos_ == "NOUN" and is_person_noun(token.lemma_)


class _Finder:
    def __init__(self, doc: Doc, marked: list[Marked]) -> None:
        self.doc = doc
        self.layout = layout = Layout(doc, marked)
        self.text = layout.text
        self.marked = marked
        self.parsed = layout.parsed
        self.sents = layout.sents
        self.cues = layout.cues
        self.cue_starts = layout.cue_starts
        self.in_quote = layout.in_quote


    # -- direct quotes --------------------------------------------------------------
    def _attribute(self, q: Marked) -> None:
        if not self.sents:
            return
        si = self.layout.sent_index(q.start)
        sj = self.layout.sent_index(max(q.start, q.end - 1))
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
        prev = si - 1
        while prev > 0 and not self.text[self.sents[prev][0]:self.sents[prev][1]].strip():
            prev -= 1  # a blank line between the paragraphs is a sentence of its own
        if prev >= 0:
            prev_start = self.sents[prev][0]
            between = self.text[prev_start:q.start].rstrip()
            if between.endswith(":") and q.start - prev_start < 400:
                lo = prev_start
        # Attribution does not cross paragraphs, whatever the sentence splitter did.
        para_lo = self.layout.paragraph(q.start)[0]
        para_hi = self.layout.paragraph(max(q.start, q.end - 1))[1]
        if lo >= para_lo or not self.text[lo:para_lo].rstrip().endswith(":"):
            lo = max(lo, para_lo)
        hi = min(hi, para_hi)
        # "“…was already dead.” ⏎ Roesler said.": a line that is only the attribution of the
        # quotation ending the line before.
        following = _SPACE.match(self.text, para_hi).end()  # past blank lines
        if not self.text[q.end:para_hi].strip() and following < len(self.text):
            next_lo, next_hi = self.layout.paragraph(following)
            line = self.text[next_lo:next_hi].strip()
            if 0 < len(line) <= 40 and line.endswith(".") and not any(c in line for c in "\"“”"):
                hi = next_hi
        best: tuple[int, Token, Token | None] | None = None
        closes_sentence = self.text[q.start:q.end].rstrip(" \"”’'").endswith(".")
        k = bisect_left(self.cue_starts, q.start)
        for idx in list(range(k - 1, max(-1, k - 4), -1)) + list(range(k, min(len(self.cues), k + 3))):
            cue = self.cues[idx]
            if not (lo <= cue.idx < hi) or q.start <= cue.idx < q.end:
                continue
            if (cue.idx >= q.end and any(c.dep_ == "ccomp" and c.i > cue.i and c.left_edge.i <= cue.i + 2
                                         and not any(t.is_punct for t in self.doc[cue.i + 1:c.left_edge.i + 1])
                                         for c in cue.children)
                    and any(c.dep_ == "nsubj" and c.idx >= q.end and c.i < cue.i for c in cue.children)):
                # "…social peace." Papandreou said the firebombing was…: his own report (not
                # "“…,” Kiedis said, mentioning the album is…", a clause the parser misplaced).
                continue
            subject = speaker_token(cue, self.in_quote)
            if subject is None:
                subject = speaker_token(cue)
                if subject is not None and self.in_quote[subject.i] and subject.pos_ != "PROPN":
                    subject = None
            distance = q.start - cue.idx if cue.idx < q.start else cue.idx - q.end
            # Prefer a cue with a subject, then the nearest one. A quotation closed by a full
            # stop ended its sentence: a verb after it starts another ("Cruz says that “…
            # by the pen.” And he added that…"), so one before it is the likelier cue.
            if cue.idx >= q.end and closes_sentence:
                distance += 300
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
        governing = self._governing_verb(q)
        if governing is not None:
            q.cue, q.subject = governing
            q.mention, q.how = mention_span(q.subject), "verb"
            return
        line_start = self.layout.paragraph(q.start)[0]
        m = _INTRO_SPEAKER.search(self.text[max(line_start, q.start - 120):q.start])
        if m is None and self._colon_intro(q):
            return
        if m is None:
            line_end = self.layout.paragraph(q.end)[1]
            m2 = _OUTRO_SPEAKER.match(self.text[q.end:min(line_end, q.end + 120)])
            if m2 is not None:
                q.mention = self._char_span(q.end + m2.start(1), q.end + m2.end(1))
                q.how = "outro"
            return
        start = max(line_start, q.start - 120) + m.start(1)
        q.mention = self._char_span(start, start + len(m.group(1)))
        if q.mention is not None and len(q.mention):
            q.how = "intro"  # its own speaker: not a continuation of the quotation before

    def _governing_verb(self, q: Marked) -> tuple[Token, Token] | None:
        """The verb a quotation hangs on, whatever the verb, when its subject can speak:
        "“Go back to Univision,” Trump barked", "A man yelled, “Stay there!”", "“Only Rosie
        O’Donnell,” Trump interjected". The parser attaches the quotation (its clause or its
        marks) to the verb; that and a sayer for subject make the verb a verb of saying,
        without a list of such verbs. Only a verb right beside the quotation, in its sentence."""
        span = self._char_span(q.start, q.end)
        if span is None or not len(span):
            return None
        para_lo = self.layout.paragraph(q.start)[0]
        para_hi = self.layout.paragraph(max(q.start, q.end - 1))[1]
        seen: set[int] = set()
        for t in span:
            verb = t.head
            # What is said is the verb's clause or interjection; a quoted object is a title
            # ("She hosted “Taradise”", "has not departed “The Hunger Games”").
            if (t.is_punct or t.dep_ not in _SAID_DEPS or span.start <= verb.i < span.end or verb.i in seen
                    or verb.pos_ != "VERB" or not para_lo <= verb.idx < para_hi):
                continue
            seen.add(verb.i)
            gap = self.text[q.end:verb.idx] if verb.idx >= q.end else self.text[verb.idx + len(verb.text):q.start]
            if len(gap) > 50 or any(c in gap for c in ".!?;:\n"):
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and not self.in_quote[c.i]), None)
            if subject is not None and _can_speak(subject):
                return verb, subject
        # "Hillary shot back, “I suppose…”": the parser hung the verb before the quotation
        # on the quotation's own verb. A verb ending its clause with a comma or colon right
        # before the marks, its subject a sayer.
        k = span.start - 1
        while k >= 0 and (self.doc[k].is_punct or self.doc[k].is_space) and span.start - k <= 3:
            k -= 1
        if k < 0 or self.doc[k].idx < para_lo or self.text[self.doc[k].idx + len(self.doc[k].text):q.start].strip() not in (",", ":"):
            return None
        verb = self.doc[k]
        if verb.pos_ not in ("VERB", "ADV", "ADP"):
            return None
        if verb.pos_ != "VERB":  # "shot back,": the particle's verb
            verb = verb.head if verb.dep_ in ("advmod", "prt") and verb.head.pos_ == "VERB" else None
        if verb is None or not (span.start <= verb.head.i < span.end) or verb.dep_ not in ("ccomp", "advcl", "parataxis", "dep", "conj"):
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and not self.in_quote[c.i]), None)
        if subject is not None and _can_speak(subject):
            return verb, subject
        return None

    def _colon_intro(self, q: Marked) -> bool:
        """"Kaine has adopted the stance of some Catholics: “I’m pro-life…”", "The judge had
        advice for anyone who deals with Nichols: ⏎ “Do not trust…”": a sentence that ends
        in a colon right before a quotation introduces it, and its subject is the speaker,
        whatever the verb."""
        before = self.text[max(0, q.start - 400):q.start]
        stripped = before.rstrip()
        if not stripped.endswith(":") or stripped.count("\n") < before.count("\n") - 2:
            return False
        colon = self._char_span(q.start - (len(before) - len(stripped)) - 1, q.start - (len(before) - len(stripped)))
        if colon is None or not len(colon):
            return False
        root = colon[0]
        while root.head.i != root.i and root.pos_ not in ("VERB", "AUX"):
            root = root.head
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < colon[0].i
                    and not self.in_quote[c.i]]
        if not subjects or subjects[0].pos_ not in ("PROPN", "NOUN", "PRON") or subjects[0].tag_ in ("WP", "WDT"):
            return False
        subject = subjects[0]
        if subject.pos_ == "PRON" and subject.lower_ not in ("he", "she", "they", "we", "it"):
            return False
        mention = mention_span(subject)
        if mention.start_char < self.layout.paragraph(colon.start_char)[0]:
            return False
        q.subject, q.mention, q.how = subject, mention, "intro"
        return True

    def _char_span(self, start: int, end: int) -> SpacySpan | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    # -- assembly -------------------------------------------------------------------
    def run(self) -> list[QuoteResult]:
        for q in self.marked:
            self._attribute(q)
        directs = self._merge_split(self.marked)
        directs = self._continue_orphans(directs)
        reported = reports(self.layout) + self._headline_reports() if self.parsed else []
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
                        if d.start < r.start:
                            r.start = d.start  # and the opening one ("promised “a new beginning”")
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
        if self.parsed:
            items.extend((r.start, "indirect", r) for r in nested_reports(self.layout))
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

    def _headline_reports(self) -> list[Reported]:
        """"Paul Ryan: FBI Decision Not to Indict Hillary ‘Defies Explanation’" — a headline
        credits the line after the colon to the name before it, when that line quotes."""
        out: list[Reported] = []
        mark_starts = [m.start for m in self.marked]
        for m in _HEADLINE_CREDIT.finditer(self.text):
            rest_start, rest_end = trim_clause(self.text, m.start("rest"), m.end("rest"))
            k = bisect_left(mark_starts, rest_start)
            if k >= len(mark_starts) or mark_starts[k] >= rest_end:
                continue  # no quotation in the line: "Update: …", "Photos: …"
            name = self._char_span(m.start("name"), m.end("name"))
            colon = self._char_span(m.start("colon"), m.end("colon"))
            if name is None or colon is None or not any(t.pos_ == "PROPN" or t.ent_type_ for t in name):
                continue
            out.append(Reported(rest_start, rest_end, colon[0], (m.start("colon"), m.end("colon")), name.root,
                                 "headline", mention=name))
        return out

    def _report_around(self, q: Marked) -> Reported | None:
        """A short quotation inside what its verb governs is a fragment of a report:
        "blamed the problem of mass shootings on “sickos”", "warned against the “fevered
        dreams” of a brokered convention". The report is everything after the verb."""
        cue = q.cue
        if cue is None or q.how != "verb" or cue.idx >= q.start or len(q.parts) > 1 or cue.lower_ == "according":
            return None
        rights = [c for c in cue.rights if c.dep_ not in ("punct", "cc", "conj", "advmod", "npadvmod", "advcl", "parataxis")
                  and c.ent_type_ not in ("DATE", "TIME")]
        # A phrase of the verb's after the quotation is the reporter's framing, not the
        # report: "warned against the “fevered dreams” of a brokered convention in a speech
        # in Ohio" ends at "convention".
        holding = [k for k, c in enumerate(rights) if c.left_edge.idx <= q.start < c.right_edge.idx + len(c.right_edge.text)]
        if holding:
            rights = rights[:holding[0] + 1]
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
        start, end = trim_clause(self.text, start, end)
        if end - start <= 0 or q.end - q.start >= 0.6 * (end - start) or end < q.end:
            return None
        if inverted_speaker(self.layout, cue, start):
            return None  # "“…,” said Ron Howard, the director of “A Beautiful Mind”": a title
        subject = q.subject if q.subject is not None else speaker_token(cue)
        return Reported(start, max(end, q.end), cue, (cue.idx, cue.idx + len(cue.text)), subject, "fragment")

    def _merge_split(self, marked: list[Marked]) -> list[Marked]:
        """“We will,” he said, “stay.” — two quoted pieces sharing one cue are one quote."""
        out: list[Marked] = []
        for q in marked:
            prev = out[-1] if out else None
            if (prev is not None and q.cue is not None and prev.cue is not None and q.cue.i == prev.cue.i
                    and prev.end <= prev.cue.idx < q.start and "\n" not in self.text[prev.end:q.start]
                    # The attribution between the pieces is short or ends in punctuation ("…,” he
                    # said, “…"); "said Ron Howard, the director of “A Beautiful Mind”" quotes a title.
                    and (q.start - prev.end <= 30 or self.text[prev.end:q.start].rstrip()[-1:] in ",:;.—–-"
                         or self.text[prev.end:q.start].split()[-1].lower() in ("and", "but"))):
                prev.parts = prev.parts + q.parts
                prev.end = q.end
                prev.closed = prev.closed and q.closed
                continue
            if self._in_speaker_phrase(q):
                # "“…,” said Ron Howard, the director of “A Beautiful Mind”": a title named
                # in the attribution of the quotation before, not speech.
                q.how = "name"
            out.append(q)
        return out

    def _in_speaker_phrase(self, q: Marked) -> bool:
        """A short quotation inside the phrase that names the speaker, after the verb."""
        subject, cue = q.subject, q.cue
        if subject is None or cue is None or not (cue.i < subject.i) or len(_WORD.findall(self.text[q.start:q.end])) >= 6:
            return False
        first = self._char_span(q.start, min(q.end, q.start + 2))
        return first is not None and len(first) > 0 and subject.left_edge.i <= first[-1].i <= subject.right_edge.i

    def _continue_orphans(self, directs: list[Marked]) -> list[Marked]:
        """A quote with no cue of its own continues the speaker of the quote just before it
        (in the same or the previous paragraph); a short one with no cue is a scare quote
        ("so-called “peace plan”") and is not a quote. A paragraph that opens with a quotation
        further on is speech of the person the story is about at that point ("In her old age,
        she refused to be photographed. ⏎ “I want to be remembered…”"): credited to them,
        at low confidence."""
        out: list[Marked] = []
        last: Marked | None = None
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
            if last is not None and self.layout.paragraphs_between(last.end, q.start) <= 1 and q.start - last.end < 600:
                q.cue, q.subject, q.mention, q.how = None, last.subject, last.mention, "continued"
                out.append(q)
                last = q
                continue
            if words >= 6 and self.layout.paragraph(q.start)[0] == q.start:
                q.how = "topic"
            out.append(q)
        return out

    def _results(self, items: list[tuple[int, str, object]]) -> list[QuoteResult]:
        # Surveying the story's people walks the whole parse: done once a quote has someone
        # to resolve, never for an article without one.
        resolver: SpeakerResolver | None = None
        text = self.text
        results: list[QuoteResult] = []
        resolved_for: dict[int, object] = {}
        for _, kind, item in items:
            if kind == "direct":
                q: Marked = item  # type: ignore[assignment]
                mention = q.mention
                cue = (q.cue.idx, q.cue.idx + len(q.cue.text)) if q.cue is not None else None
                confidence = {"verb": 0.9, "intro": 0.8, "outro": 0.8, "continued": 0.6}.get(q.how, 0.4)
                if not q.closed:
                    confidence -= 0.2
                start, end = q.start, q.end
                parts = [Span(text[s:e], s, e) for s, e in q.parts] if len(q.parts) > 1 else []
            else:
                r: Reported = item  # type: ignore[assignment]
                mention = r.mention or (mention_span(r.subject) if r.subject is not None else None)
                cue = r.cue_span
                # A that-clause is the clearest report; a named object ("announced his
                # candidacy") says least about what exactly was said.
                confidence = 0.8 if kind == "mixed" else REPORT_CONFIDENCE.get(r.how, 0.6)
                start, end = r.start, r.end
                parts = [Span(text[s:e], s, e) for s, e in r.parts]
            speaker, certainty = None, 1.0
            topic = kind == "direct" and item.how == "topic"
            if resolver is None and (topic or (mention is not None and len(mention))):
                resolver = SpeakerResolver(self.doc, self.in_quote)
            if topic:
                speaker, certainty = resolver.story_focus(start), resolver.certainty
            elif mention is not None and len(mention) and kind == "indirect" and item.how == "nested":
                # Told inside a quotation: "I" is whoever is quoted, "he" someone else.
                quoting = next((q for q in reversed(results) if q.start <= start and end <= q.end), None)
                speaker = resolver.resolve(mention, quoting=(quoting.start, quoting.speaker) if quoting else None)
                certainty = resolver.certainty
            elif mention is not None and len(mention):
                key = mention.start
                if key not in resolved_for:
                    resolved_for[key] = (resolver.resolve(mention), resolver.certainty)
                speaker, certainty = resolved_for[key]
            confidence *= certainty
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
        credit_echoes(results)
        credit_documents(results, text)
        return drop_nested_repeats(results)
