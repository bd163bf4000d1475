"""Attribution: the reporting verbs, and the speaker token a verb credits.

A reporting verb (a lemma of ``SPEECH_VERBS``, or "according to") is the cue of a quote; its
speaker is the verb's grammatical subject, followed through the shapes news prose gives it:
"…, adding that" and "who said" back to the noun they belong to, an inverted subject after
a quotation ("…,” said Edward Leamer), the agent of a passive, a participle hung on the
reported clause, and a headline run into the first sentence (only the part on the verb's
own line counts).
"""
from __future__ import annotations

import numpy
from spacy.tokens import Doc, Token

from claims.extraction.names import DOCUMENT_NOUNS, ORGANISATION_NOUNS, PERSON_ROLE_NOUNS, is_person_noun

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
    thunder yell scream bark bellow boom grouse interject chant whisper mutter
    """.split()
)



def _grammatical_subject(verb: Token, depth: int = 0, quoted=None) -> Token | None:
    """The grammatical subject of a reporting verb, following "…, adding that" and
    "who said" back to the noun they belong to. A candidate inside quotation marks
    (``quoted[i]``) is the quoted speaker's own word, never the one quoted: the parser often
    hangs "…,” Ramos, 58, told AFP" or "telling reporters, “A lot of people said…”" on the
    quotation's verb, and the next way of finding the subject is tried instead."""
    fallback = None
    for candidate in _subject_candidates(verb, depth, quoted):
        if candidate is not None and (quoted is None or not quoted[candidate.i]):
            if depth == 0 and verb.tag_ == "VBG" and candidate.i != verb.i and _cannot_say(candidate):
                # "…tried to calm fears that Greece's debt crisis was spreading, insisting
                # it was…": a participle borrows the subject of a clause above it, and a
                # thing that cannot speak is the wrong clause's; look further up.
                fallback = fallback or candidate
                continue
            return candidate
    return fallback


def _cannot_say(token: Token) -> bool:
    """A common noun that names no person, group, organisation or document ("crisis",
    "timeline"): no sayer."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return False
    lemma = token.lemma_.lower()
    return not (is_person_noun(lemma) or lemma in ORGANISATION_NOUNS or lemma in DOCUMENT_NOUNS
                or lemma in PERSON_ROLE_NOUNS or lemma in _SAYING_THINGS)


def _subject_candidates(verb: Token, depth: int, quoted):
    """The ways to the subject of ``verb``, most direct first (see _grammatical_subject)."""
    if verb.lower_ == "according":
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "to":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        yield obj
        return
    # The nearest subject: a parse run across a paragraph break can give a verb two.
    # "Stoltenberg, who said…": the mention is "who", as a pronoun is; the speaker resolver
    # follows it to the noun the clause hangs on.
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        yield min(subjects, key=lambda c: abs(c.i - verb.i))
        if quoted is None:
            return
    # "“…,” she is quoted as saying": of a quoted sayer, the passive subject is the one
    # quoted (whereas "he was told that…" is the listener).
    quoted_by = verb if verb.lemma_ == "quote" else verb.head.head if (
        verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote") else None
    if quoted_by is not None:
        yield next((c for c in quoted_by.children if c.dep_ == "nsubjpass"), None)
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield obj
    # "He cautioned that Ukraine could face strikes, calling for vigilance": the parser
    # hangs the participle on the reported clause; it belongs to the one who cautioned.
    if (depth < 3 and verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.dep_ == "ccomp"
            and is_cue(verb.head.head)):
        yield _grammatical_subject(verb.head.head, depth + 1, quoted)
    # "“Hillary needed to split the primaries,” added a South Carolina Democrat": after a
    # quote, the parser often takes the inverted subject for an object, or drops it.
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acl", "ccomp", "dep") and verb.head.pos_ in ("VERB", "AUX"):
        yield _grammatical_subject(verb.head, depth + 1, quoted)
    # "“…,” Ramos, 58, told AFP": the parser took the name for a conjunct of the quotation.
    if quoted is not None:
        yield _name_after_quotation(verb, quoted)
    yield _inverted_subject(verb)
    # "Dean, a medical doctor, …, saying he would…" hangs the participle on the noun.
    if depth < 3 and verb.dep_ in ("acl", "advcl") and verb.head.pos_ in ("PROPN", "NOUN") and verb.tag_ == "VBG":
        noun = verb.head
        if noun.pos_ == "PROPN" or is_person_noun(noun.lemma_) or noun.lemma_.lower() in ORGANISATION_NOUNS:
            yield noun
        elif noun.head.pos_ in ("VERB", "AUX") and noun.head.i != noun.i:
            # "A government official downplayed the unrest, saying…": hung on the object, the
            # participle is still the subject's.
            yield _grammatical_subject(noun.head, depth + 1, quoted)
    # "In addition to stating that…, Clinton has vowed", "Trump summed up…, denounced… and
    # said": the subject of the nearest enclosing clause that has one.
    if depth < 3 and verb.dep_ in ("pcomp", "conj", "xcomp", "advcl", "prep", "pobj"):
        # (Each such clause in turn: the first is taken unless it cannot speak.)
        for ancestor in list(verb.ancestors)[:5]:
            if ancestor.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" for c in ancestor.children):
                yield _grammatical_subject(ancestor, depth + 1, quoted)


def _name_after_quotation(verb: Token, quoted) -> Token | None:
    """"“…,” Ramos, 58, told AFP": the noun phrase between a closing quotation and its verb,
    whatever the parser hung it on. Only a name or a speaker noun, a few words long."""
    doc = verb.doc
    i = verb.i - 1
    reach = 12
    while i >= 0 and verb.i - i <= reach and "\n" not in doc[i].whitespace_:
        if quoted[i]:
            # A title quoted inside the phrase ("wearing “Ted Cruz” campaign pins") is passed over.
            run = i
            while run > 0 and quoted[run - 1]:
                run -= 1
            if i - run > 4 or run == 0 or not doc[run - 1].is_alpha or reach > 12:
                break
            i, reach = run - 1, 24
            continue
        i -= 1
    if i < 0 or not quoted[i] or verb.i - i > reach:
        return None
    gap = list(doc[i + 1:verb.i])
    # "“…,” Texas delegate Bill Eastland, wearing a cowboy hat, said": the name before a comma.
    comma = next((k for k, t in enumerate(gap) if t.text == "," and k > 0 and any(g.is_alpha for g in gap[:k])), None)
    if comma is not None:
        gap = gap[:comma]
    gap = [t for t in gap if not (t.is_punct or t.is_space)]
    if not gap or any(t.pos_ in ("VERB", "AUX") for t in gap):
        return None
    head = gap[0]
    while head.head.i > head.i and head.head.i < verb.i and head.dep_ in ("compound", "det", "amod", "poss", "nmod", "case", "punct"):
        head = head.head
    if head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_ROLE_NOUNS | ORGANISATION_NOUNS):
        return head
    # "“…?” the 43-year-old asked": an age for a person, parsed as an adjective.
    if head.lower_ == "old" and head.i > 1 and doc[head.i - 2].lower_ == "year" and is_person_noun(
            "".join(t.text for t in doc[head.i - 2:head.i + 1])):
        return head
    return None


def speaker_token(verb: Token, quoted=None) -> Token | None:
    """The speaker token of a reporting verb, on the verb's own line; with ``quoted`` (a
    flag per token: inside quotation marks), never a word inside a quotation.

    A headline without a full stop runs into the first sentence, and the parser may then
    take a headline noun for the subject; the part of that subject on the verb's line is
    the real one ("…after conflict⏎The North Atlantic Treaty Organization pledged…").
    """
    subject = _grammatical_subject(verb, quoted=quoted)
    if subject is not None:
        subject = _past_dateline(subject)
    if subject is None:
        opening = _opening_speaker(verb) or _name_before(verb)
        return None if opening is not None and quoted is not None and quoted[opening.i] else opening
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


def _past_dateline(subject: Token) -> Token:
    """"CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey told…": a
    dateline's place opening the line is no sayer; the name the parser hung on it is."""
    doc = subject.doc
    at_line_start = subject.i == 0 or "\n" in doc[subject.i - 1].whitespace_ or "\n" in doc[subject.i - 1].text
    if not (at_line_start and subject.is_upper and len(subject.text) > 1 and subject.ent_type_ in ("GPE", "LOC", "ORG")):
        return subject
    named = [c for c in subject.children if c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN") and c.i > subject.i
             and any(t.text in "—–-" for t in doc[subject.i:c.i])]
    return named[-1] if named else subject


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
    # "The studio wants New Moon in theaters…, but has said it will not rush…", the verb
    # parsed as a clause of its own: the subject of the sentence's main verb.
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "nsubj" and head.head.dep_ == "ROOT" and head.head.i < verb.i:
        return head
    return None


def _name_before(verb: Token) -> Token | None:
    """The name written just before the verb, when the parse hung it elsewhere: "After a
    tweet by Trump…, Speaker of the House Rep. Paul Ryan (R-WI) said “…”" (the parser made
    the speaker an apposition of Clinton). A party label in brackets is skipped; only a name
    tagged a person or an organisation, or a speaker noun, right before the verb counts."""
    doc = verb.doc
    i = verb.i - 1
    if i >= 0 and doc[i].text == ")":
        while i > 0 and doc[i].text != "(" and verb.i - i < 8:
            i -= 1
        i -= 1
    if i < 0 or "\n" in doc[i].whitespace_ or "\n" in doc[i].text:
        return None
    if doc[i].text == "," and i > 0 and doc[i - 1].ent_type_ == "PERSON" and doc[i - 1].pos_ == "PROPN":
        # "In a statement to the Observer, her senior policy adviser, Jake Sullivan, said:"
        # with the name in apposition to the outlet: the name closing the phrase.
        return doc[i - 1]
    token = doc[i]
    if token.ent_type_ in ("PERSON", "ORG", "NORP") or (
            token.pos_ == "NOUN" and token.lemma_.lower() in PERSON_ROLE_NOUNS | ORGANISATION_NOUNS):
        return token
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
    # "…, said Jackman, 40, star of “Australia,” will host the ceremony": the name after
    # the verb is the subject of what was said, not an inverted subject.
    # A relative pronoun between them ("said Ron Howard, the director whose latest film is
    # considered…") says the parser joined the name to the relative clause's verb.
    # Straight after a closing quotation mark ("…,” said Christina Greenway, daughter of the
    # court reporter Nichols murdered) the name is the inverted subject whatever the parse.
    if (token.dep_ in ("nsubj", "nsubjpass") and token.head.i != verb.i and token.head.i > token.i
            and not any(t.tag_ in ("WP", "WP$", "WDT") for t in doc[token.i + 1:token.head.i])
            and not before.is_quote):
        return None
    if token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.lemma_.lower() in PERSON_ROLE_NOUNS | ORGANISATION_NOUNS):
        return token
    if token.i == verb.i + 1 and name_like:
        return token
    return None


# Nouns of people or bodies the lexicons leave out, and things that speak for someone.
_SAYING_THINGS = frozenset(
    """
    people voter juror fan crowd family government administration campaign party police army court
    committee council panel jury board state country nation city region parliament congress senate
    poll survey study analysis data figure record website site
    """.split()
)
_AMOUNTS = frozenset("MONEY QUANTITY CARDINAL PERCENT".split())


def names_an_amount(obj: Token) -> bool:
    """True for an object that is a sum or counted goods ("about $45 billion", "a $53
    million package", "500 troops"), not a topic of speech ("his candidacy"). Only the
    head and its own modifiers count: "involvement in the 9/11 attacks" names no amount."""
    if obj.ent_type_ in _AMOUNTS or obj.like_num:
        return True
    return any(c.dep_ in ("nummod", "compound", "nmod", "amod", "quantmod") and (c.ent_type_ in _AMOUNTS or c.like_num)
               for c in obj.children)


def is_cue(token: Token) -> bool:
    if token.lower_ == "according":
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)
    if token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ == "so":
        return False  # the so-called “peace plan”
    return token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS


_CUE_HASHES: tuple | None = None


def cue_hashes(doc: Doc) -> tuple:
    """String-store hashes of the reporting verbs' lemmas (hashes are the same in every vocab)."""
    global _CUE_HASHES
    if _CUE_HASHES is None:
        strings = doc.vocab.strings
        words = sorted(SPEECH_VERBS) + sorted(w.capitalize() for w in SPEECH_VERBS)
        _CUE_HASHES = (numpy.array([strings.add(w) for w in words], dtype="uint64"), numpy.uint64(strings.add("according")))
    return _CUE_HASHES
