"""Reported speech: the clause a reporting verb governs, one function per shape of report.

``reports(layout)`` looks at every reporting verb outside quotation marks and asks which
shape its report takes; each shape has its own function:

* ``according_report``: "according to X", the whole sentence but the phrase;
* ``colon_report``: "A reporter asked: Did they talk about the wall?", the rest of the sentence;
* ``request_report``: "called on NATO countries to provide…", "called for vigilance";
* ``naming_report``: "called half of Trump's supporters “deplorables”";
* ``infinitive_report``: "vowed to remain civil", "told his advisers to figure out how…";
* ``question_report``: "asked whether D.C. should have a vote";
* ``clause_report``: "Stoltenberg said that the alliance will…" (a ``ccomp``);
* ``object_report``: "announced his candidacy", "denied the allegations";
* ``inverted_report``: "The talks were constructive, the ministry said";
* ``parenthesis_report``: "Russia's successes, they said, could be solidified…".

A shape that fits the verb but finds no clause long enough gives no report; the verb is
then not tried as another shape (a naming verb's object is never a that-clause).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from claims.extraction.attribution import names_an_amount, speaker_token
from claims.extraction.layout import Layout, trim_clause
from claims.extraction.names import ORGANISATION_NOUNS, PERSON_ROLE_NOUNS

# Verbs that introduce a quotation but rarely a reported clause of their own.
DIRECT_ONLY = frozenset("call dub label brand describe praise post continue ask wonder question read".split())
# Verbs that name their object and a quoted description of it ("called the senator a “nasty guy”").
_NAMING = frozenset("call dub label brand describe".split())
# Verbs whose object names what was said ("announced his candidacy", "denied the report").
_OBJECT_REPORTS = frozenset(
    "announce explain mention deny confirm acknowledge reveal note stress emphasize emphasise highlight "
    "predict promise pledge repeat reiterate dispute indicate".split()
)
# Verbs whose report is an infinitive ("vowed to remain", "urged Congress to act").
_INFINITIVE = frozenset("vow pledge promise threaten urge tell warn ask demand".split())
_WORD_TAIL = re.compile(r"\b(that|when|as|and|but|or|if|because|while|although)\W*$", re.IGNORECASE)
_MODALS = ("would", "could", "will", "might", "should")
_QUESTION_WORDS = ("whether", "if", "why", "how", "what", "when", "where", "who")
_SPEAKER_NOUNS = PERSON_ROLE_NOUNS | ORGANISATION_NOUNS


@dataclass
class Reported:
    start: int
    end: int
    cue: Token
    cue_span: tuple[int, int]
    subject: Token | None
    how: str  # "according", "colon", "infinitive", ...: see quotes.REPORT_CONFIDENCE
    parts: list[tuple[int, int]] = field(default_factory=list)  # around a parenthetical "they said"
    mention: SpacySpan | None = None  # when the speaker is not a token's noun phrase (headlines)


def reports(layout: Layout) -> list[Reported]:
    """Every report under a reporting verb, in the verbs' order."""
    out = []
    for cue in layout.cues:
        report = report_of(layout, cue)
        if (report is not None and (report.parts or not inverted_speaker(layout, cue, report.start))
                and _tail_trimmed(layout, report)):
            out.append(report)
    return out


# Shapes a report inside a quotation is read in: a clause, an infinitive, a question.
_NESTED_SHAPES = frozenset(("ccomp", "infinitive", "question"))


def nested_reports(layout: Layout) -> list[Reported]:
    """Speech a quotation reports ("“…In his own words, he said it's not his DNA to stay in
    jail,” said Christina Greenway", "“…I told him that I just felt…”"): a report of its own,
    by a sayer the quotation names, lying inside that quotation. Its subject is the quoted
    speaker's word ("he", "I"), which the speaker resolver reads from inside the quotation."""
    out = []
    marked = layout.marked
    starts = [m.start for m in marked]
    for cue in layout.quoted_cues:
        k = bisect_right(starts, cue.idx) - 1
        if k < 0:
            continue
        quote = marked[k]
        if not quote.start <= cue.idx < quote.end:
            continue
        report = report_of(layout, cue)
        subject = speaker_token(cue)
        # The report follows its verb ("he said it's…"): a verb after its clause is the
        # quotation's own attribution, inside it only when the marks are mispaired
        # ("“I'm sad… for 'New Moon, ' she wrote…").
        if (report is None or report.how not in _NESTED_SHAPES or subject is None or report.start < cue.idx
                or subject.pos_ not in ("PRON", "PROPN", "NOUN") or subject.lower_ in ("you", "it")
                or not quote.start <= subject.idx < quote.end
                or not (quote.start <= report.start and report.end <= quote.end)):
            continue
        report.subject, report.how = subject, "nested"
        out.append(report)
    return out


def inverted_speaker(layout: Layout, cue: Token, start: int) -> bool:
    """"“…,” said Ron Howard, the director of “A Beautiful Mind”…", "“…,” said ABC
    Entertainment Group prexy Paul Lee": what follows a verb set after a quotation is who
    said it, however the parser hangs it, not a second report."""
    if cue.i == 0 or start < cue.idx + len(cue.text):
        return False
    before = layout.text[max(0, cue.idx - 3):cue.idx].rstrip()
    if not before or before[-1] not in "”\"'’":
        return False
    gap = layout.text[cue.idx + len(cue.text):start]
    return not gap.strip() and cue.i + 1 < len(layout.doc) and cue.nbor(1).lower_ not in ("that", "to", "whether", "if")


def report_of(layout: Layout, cue: Token) -> Reported | None:
    """The report ``cue`` introduces, by the first shape that fits the verb."""
    if cue.lower_ == "according":
        return according_report(layout, cue)
    doc = layout.doc
    if cue.i + 2 < len(doc) and doc[cue.i + 1].text == ":" and not doc[cue.i + 2].is_quote:
        return colon_report(layout, cue)
    lemma = cue.lemma_.lower()
    if lemma == "call" and _request_objects(cue):
        return request_report(layout, cue)
    if lemma in _NAMING:
        return naming_report(layout, cue)
    if lemma in _INFINITIVE and not any(c.dep_ == "ccomp" for c in cue.children) and _infinitives(cue):
        return infinitive_report(layout, cue)
    if lemma in DIRECT_ONLY:
        return question_report(layout, cue) if lemma == "ask" else None
    if _clauses(layout, cue):
        return clause_report(layout, cue)
    if lemma in _OBJECT_REPORTS and any(c.dep_ == "dobj" for c in cue.rights):
        return object_report(layout, cue)
    return inverted_report(layout, cue) or parenthesis_report(layout, cue)


def _report(layout: Layout, cue: Token, bounds: tuple[int, int] | None, how: str,
            cue_span: tuple[int, int] | None = None) -> Reported | None:
    if bounds is None:
        return None
    return Reported(bounds[0], bounds[1], cue, cue_span or (cue.idx, cue.idx + len(cue.text)),
                    speaker_token(cue, layout.in_quote), how)


def according_report(layout: Layout, cue: Token) -> Reported | None:
    """The whole sentence is the report, whichever clause the parser hung the phrase on
    ("The income rose in 2005, but declined in 2014, according to census data")."""
    to = next(c for c in cue.children if c.dep_ == "prep" and c.lower_ == "to")
    phrase = (cue.idx, to.right_edge.idx + len(to.right_edge.text))
    sent_start, sent_end = layout.sentence_of(cue)
    para_start, para_end = layout.paragraph(cue.idx)
    clause = (max(sent_start, para_start), min(sent_end, para_end))
    if phrase[0] - clause[0] <= 2:
        start, end = phrase[1], clause[1]
    elif clause[1] - phrase[1] <= 3:
        start, end = clause[0], phrase[0]
    else:
        start, end = clause
    return _report(layout, cue, layout.clause(start, end), "according", (cue.idx, to.idx + len(to.text)))


def colon_report(layout: Layout, cue: Token) -> Reported | None:
    """"A reporter asked: Did they talk about the wall?" — the rest of the sentence."""
    colon = cue.nbor(1)
    return _report(layout, cue, layout.clause(colon.idx + 1, layout.sentence_of(cue)[1]), "colon")


def _request_objects(cue: Token) -> list[Token]:
    preps = [c for c in cue.rights if c.dep_ == "prep" and c.lower_ in ("on", "upon", "for")]
    return [o for o in preps[0].children if o.dep_ == "pobj"] if preps else []


def request_report(layout: Layout, cue: Token) -> Reported | None:
    """"called on NATO countries to provide support", "called for vigilance": a request,
    reported with whom it was made of."""
    obj = _request_objects(cue)[0]
    xcomps = [c for c in cue.rights if c.dep_ == "xcomp" and c.i > obj.i]
    last = (xcomps[0] if xcomps else obj).right_edge
    return _report(layout, cue, layout.clause(obj.left_edge.idx, last.idx + len(last.text)), "infinitive")


def naming_report(layout: Layout, cue: Token) -> Reported | None:
    """"called half of Trump's supporters “deplorables”": the object and what it was
    called, reported together."""
    objs = [c for c in cue.rights if c.dep_ == "dobj"]
    rest = [c for c in cue.rights if c.dep_ in ("oprd", "xcomp", "ccomp", "dobj") or (c.dep_ == "prep" and c.lower_ == "as")]
    if not (objs and rest):
        return None
    last = max(rest, key=lambda c: c.right_edge.i).right_edge
    return _report(layout, cue, layout.clause(objs[0].left_edge.idx, last.idx + len(last.text)), "naming")


def _infinitives(cue: Token) -> list[Token]:
    return [c for c in cue.rights if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.lefts)]


def infinitive_report(layout: Layout, cue: Token) -> Reported | None:
    """"vowed to remain civil", "told his advisers to figure out how…" (the object included)."""
    xcomp = _infinitives(cue)[0]
    objs = [c for c in cue.rights if c.dep_ == "dobj" and c.i < xcomp.i]
    first = objs[0].left_edge if objs else xcomp.left_edge
    last = xcomp.right_edge
    return _report(layout, cue, layout.clause(first.idx, last.idx + len(last.text)), "infinitive")


def question_report(layout: Layout, cue: Token) -> Reported | None:
    """A question is reported speech when it is embedded: "asked whether D.C. should have a
    vote"; a bare "asked" clause is usually a quoted question."""
    for c in cue.rights:
        if c.dep_ == "ccomp" and c.left_edge.lower_ in _QUESTION_WORDS:
            return _report(layout, cue, layout.clause(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)),
                           "question")
    return None


def _clauses(layout: Layout, cue: Token) -> list[Token]:
    """The verb's clauses in its own paragraph: the parser sometimes hangs the next
    paragraph's clause on this verb too."""
    para_start, para_end = layout.paragraph(cue.idx)
    clauses = [c for c in cue.children if c.dep_ == "ccomp"] or _clauses_on_objects(cue)
    return [c for c in clauses if para_start <= c.idx < para_end]


def _clauses_on_objects(cue: Token) -> list[Token]:
    """"told a judge that Lohan was settling in", "told a judge during a hearing that…": the
    parser may hang the that-clause on the listener or on a noun between; a clause with its
    own "that" and subject there is still what was told."""
    nouns = []
    for c in cue.rights:
        if c.dep_ in ("dobj", "dative"):
            nouns.append(c)
        elif c.dep_ == "prep":
            nouns.extend(o for o in c.children if o.dep_ == "pobj")
    return [a for n in nouns for a in n.children
            if a.dep_ in ("acl", "relcl") and a.i > n.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.children)
            and any(m.dep_ in ("nsubj", "nsubjpass") for m in a.children)]


def clause_report(layout: Layout, cue: Token) -> Reported | None:
    """"Stoltenberg said that the alliance will…": the clause after the verb first."""
    clauses = _clauses(layout, cue)
    after = [c for c in clauses if c.i > cue.i]
    c = after[0] if after else clauses[-1]
    last = c.right_edge
    if c.i > cue.i:
        # "said A, but that B" / "said she hoped A, and then would B": the parser hangs the
        # second half on the verb; it is reported all the same.
        for k in cue.rights:
            if k.dep_ == "conj" and k.i > c.i and k.pos_ in ("VERB", "AUX") and _continues_report(k):
                last = k.right_edge
    # "Rubio said the real extremist is Clinton, and he railed against the moderators": a
    # clause joined after a comma with a pronoun of its own tells what the sayer did next.
    if last.i == c.right_edge.i:
        for k in c.rights:
            if (k.dep_ == "conj" and k.pos_ in ("VERB", "AUX") and k.i > cue.i
                    and any(m.dep_ == "nsubj" and m.lower_ in ("he", "she", "they") for m in k.children)
                    and not any(m.dep_ == "mark" and m.lower_ == "that" for m in k.children)):  # "…, but that he"
                cc = [m for m in c.children if m.dep_ == "cc" and m.i < k.i]
                before = cc[-1].i - 1 if cc else k.left_edge.i - 1
                if before > c.i and cue.doc[before].text == ",":
                    last = cue.doc[before - 1]
                    break
    # A headline run into the first sentence is not part of the clause.
    para_start, para_end = layout.paragraph(cue.idx)
    bounds = layout.clause(max(c.left_edge.idx, para_start), min(last.idx + len(last.text), para_end))
    if bounds is None or bounds[0] <= cue.idx < bounds[1]:
        return None
    return _report(layout, cue, bounds, "ccomp")


def _continues_report(verb: Token) -> bool:
    """"…, but that B" or "…, and then would B" (no subject of its own)."""
    if any(m.dep_ == "mark" and m.lower_ == "that" for m in verb.children):
        return True
    return (not any(m.dep_ == "nsubj" for m in verb.children)
            and any(m.dep_ == "aux" and m.lower_ in _MODALS for m in verb.children))


def object_report(layout: Layout, cue: Token) -> Reported | None:
    """"announced his candidacy", "denied the allegations": what was said, named. A sum
    given ("pledging about $45 billion in arms", "announced a $53 million package") is an
    act, not speech: its figure is the article's own claim, not a speaker's."""
    obj = next(c for c in cue.rights if c.dep_ == "dobj")
    if names_an_amount(obj):
        return None
    return _report(layout, cue, layout.clause(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)), "object")


def _parenthetical_subject(cue: Token) -> tuple[list[Token], Token | None]:
    """The subject of a verb set after its report, and the speaker token when the parser
    took it for an object of the report ("Facebook created the tool, a spokeswoman, Anna
    White, said"). "X and the ministry clarified" is two statements, not this."""
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
    head = cue.head
    if subjects or cue.dep_ not in ("conj", "parataxis") or head.i >= cue.i:
        if not subjects and cue.dep_ == "advcl" and any(c.dep_ == "agent" for c in cue.children):
            return [cue], None  # "…, as announced by a NATO spokesperson"
        return subjects, None
    doc = cue.doc
    nps = [c for c in head.children if head.i < c.i < cue.i and c.dep_ in ("dobj", "npadvmod", "attr", "appos")
           and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","
           and (c.pos_ == "PROPN" or c.lemma_.lower() in _SPEAKER_NOUNS)]
    if nps and nps[-1].right_edge.i < cue.i:
        return [nps[-1]], nps[-1]
    return [], None


def _first_of(subjects: list[Token], cue: Token) -> int:
    if not subjects:
        return cue.i
    return cue.left_edge.i if subjects[0] is cue else subjects[0].left_edge.i


def inverted_report(layout: Layout, cue: Token) -> Reported | None:
    """"The talks were constructive, the ministry said": the parser may hang the reporting
    verb under the reported clause, or parse it as a conjunct ("X, the ministry clarified")."""
    doc, head = layout.doc, cue.head
    subjects, speaker = _parenthetical_subject(cue)
    first = _first_of(subjects, cue)
    before = doc[first - 1] if first > 0 else None
    if not (cue.dep_ in ("parataxis", "ccomp", "advcl", "conj") and head.i < cue.i and head.pos_ in ("VERB", "AUX")
            and subjects and first > head.left_edge.i and before is not None and before.text in (",", "”", '"', "''")
            and cue.right_edge.i - first <= 10):
        return None
    bounds = layout.clause(head.left_edge.idx, doc[first].idx, longer_than=15)
    if bounds is None:
        return None
    report = _report(layout, cue, bounds, "inverted")
    report.subject = speaker or report.subject
    return report


def parenthesis_report(layout: Layout, cue: Token) -> Reported | None:
    """"Russia's successes, they said, could be solidified by a settlement": the report is
    the clause around the parenthesis, its two halves the parts."""
    doc, head, text = layout.doc, cue.head, layout.text
    subjects, _ = _parenthetical_subject(cue)
    first = _first_of(subjects, cue)
    before = doc[first - 1] if first > 0 else None
    if not (cue.dep_ == "parataxis" and head.i > cue.i and head.pos_ in ("VERB", "AUX") and subjects
            and before is not None and before.text == "," and cue.right_edge.i + 1 < len(doc)
            and doc[cue.right_edge.i].text == "," and first > head.left_edge.i):
        return None
    right = head.right_edge
    before_part = trim_clause(text, head.left_edge.idx, before.idx)
    after_part = trim_clause(text, doc[cue.right_edge.i].idx + 1, right.idx + len(right.text))
    if not (before_part[1] > before_part[0] and after_part[1] - after_part[0] > 8
            and "\n" not in text[before_part[0]:after_part[1]]):
        return None
    report = _report(layout, cue, (before_part[0], after_part[1]), "parenthesis")
    report.parts = [before_part, after_part]
    return report


def _tail_trimmed(layout: Layout, r: Reported) -> bool:
    """Trim "…, and" left over from a coordination; False when nothing is left, or when a
    clause before the verb stops at a subordinator, which is a parse of something else
    ("Her appeal was worded beautifully when, she said, …"). A last word that is a noun
    stays: "Kyiv has been asking for a while" is not cut to "asking for a"."""
    text = layout.text
    tail = _WORD_TAIL.search(text, r.start, r.end)
    if tail is None:
        return True
    word = layout.doc.char_span(tail.start(1), tail.end(1))
    if word is not None and len(word) == 1 and (word[0].pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
                                                 or word[0].nbor(-1).dep_ == "det"):
        return True
    if r.how == "inverted" and tail.group(1).lower() not in ("and", "but", "or"):
        return False
    r.start, r.end = trim_clause(text, r.start, tail.start())
    return r.end - r.start > 8
