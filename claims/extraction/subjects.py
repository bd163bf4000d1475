"""What a number is about: the subject a claim is compared under across sources.

- a count: the counted noun's lemma with its key modifiers and owner (claims.extraction.counts);
- money, percents and quantities: the noun they are of or in ("$45 billion in arms" ->
  "arms", "40 percent of voters" -> "voter"), the noun they describe ("a $53 million
  package" -> "package"), else the subject of their clause;
- dates and durations: the event noun or verb they are attached to ("the Nov 29-30
  meeting" -> "meeting", "vowed on Friday" -> "vow");
- ages: the person whose age it is ("Lindsay Lohan, 26," -> "lindsay lohan age").
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from claims.extraction.calendar_names import is_month_word, is_weekday_word

# Modifiers that say nothing about what is counted.
GENERIC_MODIFIERS = {
    "other", "more", "new", "additional", "further", "extra", "some", "several", "many", "such", "same",
    "last", "first", "next", "few", "total", "least", "only", "about", "around", "nearly", "almost",
    "all", "both", "each", "every", "recent", "different", "various", "own", "estimated", "separate",
}
_PLURAL_PEOPLE = {"people": "person", "persons": "person", "children": "child", "men": "man", "women": "woman"}
# Plurals whose lemma means something else ("arms" are weapons, not limbs).
_KEEP_PLURAL = {"arms", "forces", "troops", "funds", "goods", "savings", "means", "headquarters", "taxes"}


def noun_lemma(token: Token) -> str:
    word = token.lower_
    if word in _KEEP_PLURAL:
        return word
    if word in _PLURAL_PEOPLE:
        return _PLURAL_PEOPLE[word]
    lemma = token.lemma_.lower() if token.lemma_ else word
    if lemma == "people":
        return "person"
    # sport's abbreviations counted as the words they stand for: "51 KOs" = "51 knockouts"
    return _ABBREVIATED.get(lemma.rstrip("s") if lemma.isalpha() and token.text.isupper() else lemma, lemma)


_ABBREVIATED = {"ko": "knockout", "tko": "technical knockout", "td": "touchdown"}


def _modifier_words(token: Token) -> list[str]:
    words = []
    for child in token.lefts:
        if child.dep_ not in ("compound", "amod", "nmod") or child.lower_ in GENERIC_MODIFIERS or child.like_num:
            continue
        if child.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
            continue
        if is_month_word(child.lower_) or is_weekday_word(child.lower_):
            continue  # "the Nov 29-30 meeting": the date is the claim, not what it is about
        if any(c.like_num for c in child.subtree) or child.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        words.extend(_modifier_words(child))
        words.append(child.lemma_.lower() if child.pos_ == "NOUN" else child.lower_)
    return words


def phrase(noun: Token) -> list[str]:
    """The counted noun with the modifiers that say what it is: "Kherson city resident"."""
    return _modifier_words(noun) + [noun_lemma(noun)]


def dominant_org_of(doc: Doc) -> str:
    orgs = Counter(ent.text for ent in doc.ents if ent.label_ == "ORG")
    return orgs.most_common(1)[0][0].lower() if orgs else ""





def governed_subject(doc: Doc, start: int, end: int) -> str:
    """What an amount is about: "$45 billion in arms" -> "arm", "a $53 million package" -> "package"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    root = span.root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "for", "of", "on") and child.i >= span.end:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    return " ".join(phrase(pobj))
    head = root.head
    # "a budget of $12 million", "losses of 5 percent"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i < span.start:
        return " ".join(phrase(head.head))
    if root.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod") and head.pos_ in ("NOUN", "PROPN") and head.i >= span.end:
        noun = head
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head
        return " ".join(phrase(noun))
    # "military support ... was worth about AU$730 million": the subject of the clause.
    verb = root.head
    while verb.dep_ in ("acomp", "pobj", "prep", "xcomp", "dobj", "attr") and verb.head != verb:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN") and child.i < span.start:
            return " ".join(phrase(child))
    return ""


def anchor_subject(doc: Doc, start: int, end: int, parsed: bool) -> str:
    """What a date or a duration is attached to: "the Nov 29-30 meeting" -> "meeting",
    "the invasion ... on February 24, 2022" -> "invasion", "vowed on Friday" -> "vow"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or not parsed:
        return ""
    root = span.root
    head = root.head
    if root.dep_ == "prep":  # "on Friday", the preposition included
        pass
    elif root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif root.dep_ in ("compound", "nmod", "amod", "nummod") and head.i >= span.end and head.pos_ in ("NOUN", "PROPN"):
        pass
    elif root.dep_ not in ("npadvmod", "tmod", "advmod", "pobj"):
        return ""
    if head.pos_ == "NOUN":
        return " ".join(phrase(head))
    if head.pos_ == "VERB":
        return head.lemma_.lower()
    return ""




def age_subject(doc: Doc, at: int) -> str:
    """Whose age the number at ``at`` is, as "<name> age".

    "Lindsay Lohan, 26," and "the 40-year-old Tony Thompson" -> the name beside it; "a
    32-year-old man" -> "man"; "She was 91", "the troubled actress, 26," -> the person the
    story named last before the number (in a headline, "Esther Williams Dies at 91", the
    one in it).
    """
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or not len(span):
        return "age"
    token = span[0]
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    before = [e for e in people if e.end_char <= at and at - e.end_char <= 3]
    if before:
        return f"{before[-1].text.lower()} age"  # "Lohan, 26,"
    if token.i >= 2 and doc[token.i - 1].text == "," and doc[token.i - 2].pos_ == "PROPN":
        return f"{doc[token.i - 2].text.lower()} age"  # "Klitschko, 36,": a name the tagger missed
    old = next((t for t in doc[token.i : token.i + 6] if t.lower_ == "old"), None)
    if old is not None:
        noun = old.head if old.head.pos_ in ("NOUN", "PROPN") else next(
            (t for t in doc[old.i + 1 : old.i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
        if noun is not None:
            for ent in people:
                if ent.start <= noun.i < ent.end:
                    return f"{ent.text.lower()} age"
            for child in noun.children:
                if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                    ent = next((e for e in people if e.start <= child.i < e.end), None)
                    return f"{(ent.text if ent else child.text).lower()} age"
            if noun.pos_ == "PROPN":
                return f"{noun.text.lower()} age"
            return f"{noun_lemma(noun)} age"
    # "A woman, aged 45,": an indefinite description is someone new, named by its noun.
    noun = next((t for t in reversed(doc[max(0, token.i - 4) : token.i]) if t.pos_ in ("NOUN", "PROPN")), None)
    if noun is not None and noun.pos_ == "NOUN" and any(c.lower_ in ("a", "an") for c in noun.children):
        return f"{noun_lemma(noun)} age"
    # A pronoun, a definite description ("the troubled actress, 26,") or nothing: the person
    # the story is about at this point.
    sentence = token.sent if doc.has_annotation("SENT_START") else None
    in_sentence = [e for e in people if sentence is not None and sentence.start <= e.start < sentence.end]
    earlier = [e for e in people if e.end_char <= at]
    person = (in_sentence or earlier or people or [None])[-1 if (in_sentence or earlier) else 0]
    if person is not None:
        return f"{person.text.lower()} age"
    return "age"


__all__ = ["GENERIC_MODIFIERS", "age_subject", "anchor_subject", "dominant_org_of", "governed_subject", "noun_lemma",
           "phrase"]
