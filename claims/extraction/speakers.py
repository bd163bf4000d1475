"""Who is speaking: speaker mentions resolved to one canonical speaker per article.

Inside one article (``SpeakerResolver``), a mention found by the quote finder is resolved to a
``SpeakerRef`` the way a reader follows the story's people:

* a name, with or without a title ("NATO Secretary-General Jens Stoltenberg", "Stoltenberg")
  becomes the longest form of that name the article writes ("Jens Stoltenberg"), even where
  the tagger missed the full form or took it for an organisation ("Bettie Page", "Academy
  President Boone Isaacs"); the title is kept in ``roles``. A name inside the mention that
  is not its head is someone else: "Lindsay Lohan's attorney" is not Lohan, "a
  representative for Mr. Jackman" is not Jackman.
* a personal pronoun ("he said") becomes the most salient person of the sentences before it
  who agrees in gender: salience is earned by being mentioned, more as a subject and most as
  the sayer of a quote, and halves with every sentence (a light form of Lappin and Leass's
  centring). Pronoun subjects outside quotes are resolved as the story goes, so "she" five
  sentences on is still the person the story is about. Gender comes from the text: a
  title (Mr., Mrs.), a gendered description (actress, spokesman), "X said she…", or a
  pronoun already resolved to the person. "they" is the pair or organisation last quoted;
  a relative "who" is the noun it hangs on ("Stoltenberg, who said…").
* a description of a person: with a name in apposition ("her publicist, Jack Ketsoyan")
  it is that person; an office ("the former Norwegian prime minister", "the alliance's
  Secretary-General") is the person whose known roles share most words with it, or the
  person last quoted, never a person known by another office, and when nobody before fits,
  the person named in full just after it ("the Polish president said… ⏎ “…,” Andrzej Duda
  told…"); a descriptor ("the star", "the actress", "the 33-year-old", "the Kentucky
  Republican") is the most salient person it fits. A possessor ("her rep", "Reid's
  representative") is never the one described.
* an organisation ("NATO", "a statement from NATO reads") becomes an organisation speaker;
  its full name and its acronym are one speaker, and "the alliance", "the union", "the
  company" are the organisation the story last named. A place that speaks ("Kyiv is calling
  for…") is an organisation. An unnamed spokesperson or official of an organisation ("a
  German government spokesperson said") is resolved to the organisation with the person's
  function as a role: the organisation is the only identity the text gives.
* a document ("the statement", "the suit", "the release") speaks only for whoever issued
  it: its issuer when the text says ("a statement from NATO"), else the organisation last
  quoted, else nobody (quotes.crediting looks for the issuer in the story).
* two people named together ("Laurence Mark and Bill Condon said") are one speaker, the
  pair, which a later "they" or "the pair" refers to.

Aliases are the names and descriptions as written, cleaned (names.clean_alias). ``certainty``
after each ``resolve`` says how the speaker was found (CERTAINTY), and scales the quote's
confidence. Pure: spaCy objects in, dataclasses out; no Django. The work per article is
linear: every name, pronoun and organisation mention is surveyed once, in reading order, with
a cursor (people.StoryPeople, which this class extends: the survey and salience live there).

About 600 lines, on purpose: one rule per kind of mention (name, pronoun, description, document,
organisation, pair), each a short method, read best side by side.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from claims.extraction.attribution import SPEECH_VERBS
from claims.extraction.names import (
    DOCUMENT_NOUNS,
    ORGANISATION_NOUNS,
    PERSON_ROLE_NOUNS,
    POSSESSIVE,
    STRIP_DETERMINERS,
    TITLE_WORDS,
    clean_alias,
    fold,
    given_name_gender,
    is_person_noun,
    is_topic_descriptor,
    same_speaker,
    speaker_key,
    speaker_match,
)
from claims.extraction.people import (
    FEMALE,
    MALE,
    PERSON_ROLE_SYNONYMS,
    Person,
    StoryPeople,
    gender_of_words,
    role_words_of,
)
from claims.extraction.types import SpeakerRef

__all__ = ["ORGANISATION_NOUNS", "PERSON_ROLE_NOUNS", "SpeakerResolver", "mention_span", "same_speaker",
           "speaker_key", "speaker_match"]

_UNNAMED_PERSON_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson official officials source sources representative aide".split()
)
_SPOKES = frozenset("spokesman spokeswoman spokesperson representative source sources".split())
_PLURAL = frozenset("they them their we us our".split())
# "the pair said", "the producers said": the people last quoted together.
_GROUP_NOUNS = frozenset("pair duo couple producer organizer organiser founder brother sister man woman".split())
_PAIR_NOUNS = frozenset("pair duo couple".split())
# "the union", "the company": the organisation the story last named, whatever its name.
_GENERIC_ORGS = frozenset(
    "company firm group union alliance organization organisation bloc network studio league club team "
    "academy association guild agency corporation business retailer carrier airline bank chain giant "
    "manufacturer lender insurer conglomerate broadcaster publisher supplier operator utility label "
    "automaker carmaker chipmaker drugmaker newspaper paper daily tabloid magazine weekly publication website "
    "outlet channel station wire trade".split()
)
_PLACE_LABELS = ("GPE", "LOC")
# A role held before ("the former Norwegian prime minister").
_FORMER = re.compile(r"\b(?:former|ex|erstwhile|onetime|one-time|then)\b", re.IGNORECASE)
# Titles that name one office: a person known as a defense minister is not "the president".
# Generic words ("official", "chief", "leader", "head") fit anybody and are left out.
_SPECIFIC_TITLES = frozenset(
    """
    president minister secretary chancellor premier governor mayor senator ambassador envoy
    congressman congresswoman commissioner king queen prince princess emperor pope bishop cardinal
    judge prosecutor attorney spokesman spokeswoman spokesperson ceo founder economist professor
    """.split()
)
# How sure a resolution is, by the way it was made; it scales the quote's confidence, so that a
# speaker read from a name outranks one inferred from "he" with two men in the paragraph.
CERTAINTY = {
    "name": 1.0,  # "Jens Stoltenberg said", "Stoltenberg said", "NATO said"
    "apposition": 0.95,  # "her publicist, Jack Ketsoyan, said"
    "role": 0.9,  # "the former Norwegian prime minister" with that role known
    "pronoun": 0.85,  # "he said", one clear antecedent
    "description": 0.8,  # "a friend of the actress said": right, but nobody named
    "document": 0.75,  # "the statement added": its issuer
    "guessed description": 0.7,  # "the star said": the most salient person; "her rep": named later
    "unclear pronoun": 0.6,  # "he said" with another person nearly as salient
}


def _titles_conflict(titles: set[str], person: Person) -> bool:
    """True when a description names an office and the person is known only by others.
    A former office says nothing about the present one ("the former Norwegian prime
    minister" is NATO's Secretary-General), so it neither counts nor conflicts."""
    if not titles:
        return False
    known = {w for role in person.ref.roles if not _FORMER.search(role)
             for w in re.findall(r"\w+", fold(role)) + (["prosecutor"] if "prosecutor" in role_words_of(role) else [])
             } & _SPECIFIC_TITLES
    return bool(known) and not (known & titles)


def _function_words(words) -> set[str]:
    """Words of a function ("officer", "neighbour", "coroner"), not of what a person is
    ("the star", "the Kentucky Republican", "the 33-year-old"), which fits anyone."""
    return {w for w in words if is_person_noun(w) and not is_topic_descriptor(w)}


def _roles_conflict(words: set[str], person: Person) -> bool:
    """True when the description and what the story says of the person are two functions:
    "the officer" is not "John Smith, a neighbour". A person known by no function conflicts
    with nothing."""
    described = _function_words(words)
    if not described:
        return False
    known = _function_words(person.role_words())
    return bool(known) and not (known & described)


_NAME_JOINERS = frozenset("of and for the de du des la le van von on in at &".split())
_DESCRIBING = re.compile(r"-(?:based|owned|run|backed|affiliated|funded|led)$", re.IGNORECASE)


def _organisation_name(name: str) -> tuple[str, str | None]:
    """The name of an organisation without the description written before it: "Trade
    publication Variety" -> ("Variety", "Trade publication"), "New York-based Human Rights
    Watch" -> ("Human Rights Watch", "New York-based"). A name ending in a common noun
    ("Marfin bank") is left whole."""
    words = name.split()
    cut = None
    for k, word in enumerate(words[:-1]):
        if (word[:1].islower() and word.lower() not in _NAME_JOINERS) or _DESCRIBING.search(word):
            cut = k
    if cut is None or not words[cut + 1][:1].isupper() or words[cut + 1].lower() in _NAME_JOINERS:
        return name, None
    return " ".join(words[cut + 1:]), " ".join(words[:cut + 1])


_DESIGNATION = re.compile(r"\b([A-Z][a-z]+)\s+(?:No\.?|Number|#)\s*(\d+)\b")


def _designation(mention: Span) -> str | None:
    """"Juror No. 8", "Witness No. 3", "Patient #4": a person known by a number, as the
    text writes it (read around the mention, which the parser often cuts at "No." or
    leaves as the bare number)."""
    doc = mention.doc
    lo, hi = max(0, mention.start - 3), min(len(doc), mention.end + 3)
    offset = doc[lo].idx
    for m in _DESIGNATION.finditer(doc[lo:hi].text):
        start, end = offset + m.start(), offset + m.end()
        if start < mention.end_char and mention.start_char < end and m.group(1).lower() not in TITLE_WORDS:
            return f"{m.group(1)} No. {m.group(2)}"
    return None


def mention_span(token: Token) -> Span:
    """The noun phrase headed by ``token``, without trailing clauses or times.

    "NATO Secretary-General Jens Stoltenberg, who took office in 2014," gives "NATO
    Secretary-General Jens Stoltenberg": relative clauses and appositions after a comma are
    description, not the mention; "Lambrecht on Thursday" gives "Lambrecht".
    """
    doc = token.doc
    start = token.left_edge.i
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj") and child.i > token.i:
            if child.dep_ in ("cc", "conj") and token.pos_ == "PROPN":
                end = child.right_edge.i + 1
                continue
            break
        if child.dep_ in ("prep", "npadvmod") and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
            break
        end = child.right_edge.i + 1
    # A headline run into the first paragraph is not one noun phrase.
    for i in range(token.i - 1, start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            start = i + 1
            break
    for i in range(token.i, end):
        if "\n" in doc[i].whitespace_ or "\n" in doc[i].text:
            end = i + 1
            break
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def _others_in(root: Token) -> set[int]:
    """Tokens under the head that name someone else: a possessor ("Lohan's attorney"), a
    prepositional object ("a representative for Mr. Jackman"), a clause."""
    out: set[int] = set()
    # "Secretary of the Interior Dirk Kempthorne": a title's "of" names the office, and the
    # name the parser hung under it is the titled person's.
    office = root.pos_ == "PROPN" and root.is_title and root.lower_ in TITLE_WORDS
    for child in root.children:
        if office and child.dep_ == "prep" and child.lower_ == "of":
            continue
        if child.dep_ in ("poss", "prep", "relcl", "acl", "appos"):
            out.update(t.i for t in child.subtree)
    return out


class SpeakerResolver(StoryPeople):
    """Resolves speaker mentions of one article, in reading order.

    Call ``resolve`` in the order mentions appear: pronouns and descriptions refer back to
    the people seen so far, including the speakers resolved before. ``in_quote`` marks the
    tokens inside quotation marks, whose pronouns are the quoted speaker's, not the story's.
    """

    def __init__(self, doc: Doc, in_quote: list[bool] | None = None) -> None:
        super().__init__(doc, in_quote)
        self._orgs: dict[str, SpeakerRef] = {}
        self._groups: dict[str, SpeakerRef] = {}
        self._last_speaker: SpeakerRef | None = None
        self._resolved: list[SpeakerRef] = []
        self._unnamed: dict[int, Person] = {}  # id(ref) -> the unnamed sayer, for salience
        self._crowds: set[int] = set()  # id(ref) of plural descriptions ("SAG leaders")
        self._designations: dict[str, SpeakerRef] = {}  # "Juror No. 8" -> its speaker

    # -- resolution ---------------------------------------------------------------------
    def resolve(self, mention: Span, quoting: tuple[int, SpeakerRef | None] | None = None) -> SpeakerRef | None:
        """Resolve a mention (a Span of the article's Doc) to its speaker, or None.
        ``certainty`` then says how sure the resolution is (see CERTAINTY). ``quoting`` is,
        for a mention inside a quotation, where the quotation starts and who is quoted: "I"
        is them, "he" someone else (see _resolve_quoted)."""
        self.certainty = CERTAINTY["name"]
        if len(mention) == 0:
            return None
        root = mention.root
        self._advance(mention.start)
        if quoting is not None and root.pos_ == "PRON":
            return self._resolve_quoted(mention, root, *quoting)
        ref = self._resolve(mention, root)
        if ref is not None:
            alias = clean_alias(mention.text)
            if (alias and alias not in ref.aliases and root.pos_ != "PRON" and root.tag_ not in ("WP", "WDT")
                    and root.lemma_.lower() not in DOCUMENT_NOUNS):
                ref.aliases.append(alias)
            self._last_speaker = ref
            if not any(r is ref for r in self._resolved):
                self._resolved.append(ref)
            if ref.kind == "unknown":
                self._note_unnamed(ref, mention, root)
        return ref

    def _note_unnamed(self, ref: SpeakerRef, mention: Span, root: Token) -> None:
        """An unnamed sayer ("her publicist told People") is someone the story goes on
        about: a later "he said" may be them rather than a person named nearby. One person
        noun, not a crowd ("sources", "officials")."""
        if root.pos_ != "NOUN" or root.tag_ != "NN" or not is_person_noun(root.lemma_):
            return
        person = self._unnamed.get(id(ref))
        if person is None:
            person = self._unnamed[id(ref)] = Person(ref)
            person.vote(gender_of_words(t.lower_ for t in mention if t.i >= root.i or t.dep_ != "poss"), 2)
        self._note_person(person, mention.start)

    def story_focus(self, char: int) -> SpeakerRef | None:
        """The person the story is about at ``char`` (the most salient one), for a quotation
        nobody is credited with; ``certainty`` says it was guessed."""
        token = self._token_at(char)
        self._advance(token)
        person = self._most_salient(token, "")
        self.certainty = CERTAINTY["guessed description"]
        return person.ref if person is not None else None

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, min(char + 1, len(self._text)), alignment_mode="expand")
        return span.start if span is not None and len(span) else len(self.doc)

    def _resolve(self, mention: Span, root: Token) -> SpeakerRef | None:
        lower = root.lower_
        if root.tag_ in ("WP", "WDT") and root.head.dep_ in ("relcl", "acl") and root.head.head.i != root.i:
            # "Stoltenberg, who took office in 2014, said…" -> the noun "who" stands for.
            antecedent = root.head.head
            # "Nikki Finke and Mike Fleming, who wrote…": the clause hangs on the last name
            # and stands for the pair.
            while antecedent.dep_ == "conj" and antecedent.head.pos_ == antecedent.pos_ == "PROPN":
                antecedent = antecedent.head
            if antecedent.pos_ in ("PROPN", "NOUN", "PRON"):
                return self._resolve(mention_span(antecedent), antecedent)
            return None
        if root.pos_ == "PRON" or lower in MALE | FEMALE | _PLURAL:
            return self._resolve_pronoun(mention, lower)
        designation = _designation(mention)
        if designation is not None:
            # "Juror No. 8", "Witness No. 3": someone the story does not name.
            ref = self._designations.get(designation)
            if ref is None:
                ref = self._designations[designation] = SpeakerRef(name=designation, kind="unknown", roles=[designation])
            self.certainty = CERTAINTY["description"]
            return ref
        if root.lemma_.lower() in DOCUMENT_NOUNS:
            self.certainty = CERTAINTY["document"]
            issuer = self._issuer(root)
            if issuer is None and (root.tag_ == "NNS" or not any(t.lower_ in ("the", "this", "that", "its")
                                                                  for t in root.lefts)):
                # "media reports said", "a memo said", "her official site says": nobody the
                # story names issued it, and the document as written is all a reader has
                # ("the statement added" waits for crediting to find its issuer).
                self.certainty = CERTAINTY["description"]
                return SpeakerRef(name=clean_alias(mention.text), kind="unknown")
            return issuer
        # A possessor or object under a person noun is someone else ("Lohan's attorney"); under
        # an office it is whose office speaks ("the office of President Emmanuel Macron").
        others = _others_in(root) if root.pos_ == "PROPN" or self._sayer_person_noun(root) else set()
        group = self._group(mention, root, others)
        if group is not None:
            return group
        # "Stoltenberg" alone, where the tagger missed the name (or took it for a place).
        if root.pos_ == "PROPN":
            name = " ".join(t.text for t in mention if t.i <= root.i and t.pos_ == "PROPN" and t.i not in others)
            shared = self._shared.get(root.i) or (self._shared_surname([name]) if root.i not in self._person_by_token else [])
            if shared:
                # "said Wilhelm" in a story of David and Candee Wilhelm: the one salient here.
                person = self.shared_surname_person(root.i, shared)
                self._note_person(person, mention.start)
                return person.ref
            person = self._find_person(name)
            if person is not None:
                self._note_person(person, mention.start)
                return person.ref
            # "Kyiv is calling for…", "Washington said": a place speaks for its government.
            if (root.ent_type_ in _PLACE_LABELS or self._is_place(mention.text)) and self._person_in(mention, others) is None:
                return self._organisation(mention.text)
            person = self._untagged_name(mention, root, others)
            if person is not None:
                self._note_person(person, mention.start)
                return person.ref
        if root.pos_ == "PROPN" and root.ent_type_ in ("ORG", "") and root.i not in self._person_by_token:
            person = self._described_name(mention, root, others)
            if person is not None:
                self._note_person(person, mention.start)
                return person.ref
        if root.ent_type_ == "ORG" and root.i not in self._person_by_token:
            # "Ford Motor Co. said" after "Henry Ford": a name inside a company's is the company's.
            others = others | {t.i for t in mention if t.ent_type_ == "ORG"}
        person = self._person_in(mention, others)
        if person is None:
            # "producers Craig Zadan and Neil Meron": the pair in apposition.
            pair = next((self._group(self.doc[c.left_edge.i:c.right_edge.i + 1], c, set())
                         for c in root.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if pair is not None:
                self.certainty = CERTAINTY["apposition"]
                return pair
            person = self._appositive_person(root)
            self.certainty = CERTAINTY["apposition"]
        if person is not None:
            if root.pos_ == "NOUN" and is_person_noun(root.lemma_):
                self._add_role(person, clean_alias(mention.text))
            self._note_person(person, mention.start)
            return person.ref
        return self._resolve_description(mention, root)

    @staticmethod
    def _sayer_person_noun(root: Token) -> bool:
        """A noun saying something that names no organisation or document is a person ("the
        convicted killer said", "Niyazov's successor said"): only people and organisations
        speak, and the organisations' nouns are known."""
        head = root.lemma_.lower()
        if root.pos_ != "NOUN" or head in ORGANISATION_NOUNS or head in _GENERIC_ORGS or head in DOCUMENT_NOUNS:
            return False
        return is_person_noun(head) or not any(t.ent_type_ in ("ORG", "GPE", "NORP") for t in root.subtree)

    @staticmethod
    def _titled_name(root: Token) -> bool:
        """"The Hollywood Reporter" is a publication's name, not a reporter: a capitalised
        role noun that is no title ("Senator") after a capitalised word that is no person."""
        return (root.is_title and not root.is_sent_start and root.lemma_.lower() in PERSON_ROLE_NOUNS
                and root.lemma_.lower() not in TITLE_WORDS
                and any(c.dep_ == "compound" and c.is_title and c.ent_type_ != "PERSON" for c in root.lefts))

    def _add_role(self, person: Person, role: str) -> None:
        if role and role not in person.ref.roles and len(role) <= 80:
            person.ref.roles.append(role)

    def _person_in(self, mention: Span, others: set[int]) -> Person | None:
        for t in mention:
            person = self._person_by_token.get(t.i) if t.i not in others else None
            if person is not None:
                return person
        return None

    def _untagged_name(self, mention: Span, root: Token, others: set[int]) -> Person | None:
        """A sayer's name the tagger did not tag ("Angels GM Tony Reagins later confirmed"):
        two or three capitalised words ending the mention, after a title or starting with a
        known given name, none of them an organisation's word."""
        if root.ent_type_ or root.i in self._person_by_token:
            return None
        words = [t for t in mention if t.i <= root.i and t.i not in others]
        if not words or words[-1].i != root.i:
            return None
        k = len(words)
        while k > 0 and words[k - 1].pos_ == "PROPN" and words[k - 1].is_title and not words[k - 1].ent_type_:
            k -= 1
        name = words[k:]
        if not 2 <= len(name) <= 3 or any(t.lower_.rstrip(".") in TITLE_WORDS or is_person_noun(t.lower_)
                                          or t.lower_ in ORGANISATION_NOUNS or t.lower_ in _GENERIC_ORGS for t in name):
            return None
        titled = k > 0 and (words[k - 1].lower_.rstrip(".") in TITLE_WORDS or is_person_noun(words[k - 1].lower_))
        text = " ".join(t.text for t in name)
        if not (titled or given_name_gender(text)):
            return None
        person = self._person_named(text)
        for t in name:
            self._person_by_token[t.i] = person
        return person

    def _described_name(self, mention: Span, root: Token, others: set[int]) -> Person | None:
        """"25-year-old Guzel said she…", "Comedian Jo Brand said": a name after a description
        of a person is a person's, whatever the tagger took it for. The description is a
        role; the name, one to three capitalised words ending the mention, is the person."""
        k = root.i
        while k > mention.start and self.doc[k - 1].pos_ == "PROPN" and self.doc[k - 1].is_title and k - 1 not in others:
            k -= 1
        name = self.doc[k:root.i + 1]
        described = self.doc[mention.start:k]
        if not 1 <= len(name) <= 3 or not len(described) or any(
                t.lower_ in ORGANISATION_NOUNS or t.lower_ in _GENERIC_ORGS or t.lower_.rstrip(".") in TITLE_WORDS
                or is_person_noun(t.lower_) or not t.is_alpha for t in name):
            return None
        words = [w for w in STRIP_DETERMINERS.sub("", described.text).split() if w]
        if not words or not is_person_noun(words[-1].lower()) or any(
                t.lower_ in ORGANISATION_NOUNS or t.lower_ in _GENERIC_ORGS or t.ent_type_ in ("ORG", "GPE", "NORP")
                for t in described):
            return None
        person = self._person_named(name.text)
        self._add_role(person, clean_alias(described.text))
        for t in name:
            self._person_by_token[t.i] = person
        return person

    def _appositive_person(self, root: Token) -> Person | None:
        """"her publicist, Jack Ketsoyan", "Her agent, Mark Roesler, said": the name in
        apposition is the one described; so is the name just before a description that
        follows it after a comma ("Jack Ketsoyan, Tara Reid's representative, confirms"),
        and the name closing a run of bare titles joined by "and" ("“American Pie” actress
        and former travel reporter Tara Reid")."""
        doc = self.doc
        if root.pos_ == "NOUN" and root.dep_ in ("appos", "conj") and root.head.i < root.i:
            name = self._person_by_token.get(root.head.i)
            between = [t for t in doc[root.head.i + 1:root.left_edge.i] if not t.is_space]
            if name is not None and [t.text for t in between] == [","]:
                return name
        if root.pos_ == "NOUN" and not any(c.dep_ in ("det", "poss") for c in root.lefts):
            for child in root.rights:
                if child.dep_ != "conj" or not any(c.dep_ == "cc" and c.lower_ == "and" for c in root.rights):
                    continue
                titled = [t for t in child.subtree if t.pos_ == "NOUN" and is_person_noun(t.lemma_)]
                person = self._person_by_token.get(child.i)
                if person is not None and titled and not any(c.dep_ in ("det", "poss") for c in child.subtree):
                    return person
        for child in root.rights:
            if child.dep_ == "appos":
                person = self._person_by_token.get(child.i)
                if person is not None:
                    return person
            # "An amateur photographer named Jerry Tibbs"
            if child.dep_ == "acl" and child.lemma_ in ("name", "call"):
                for named in child.children:
                    if named.dep_ in ("oprd", "dobj", "attr") and self._person_by_token.get(named.i) is not None:
                        return self._person_by_token[named.i]
        return None

    def _group(self, mention: Span, root: Token, others: set[int]) -> SpeakerRef | None:
        """"Laurence Mark and Bill Condon said": the pair is one speaker."""
        if root.pos_ != "PROPN":
            return None
        members = [root] + [c for c in root.conjuncts if c.i > root.i and c.pos_ == "PROPN" and mention.start <= c.i < mention.end]
        if len(members) < 2:
            return None
        refs = []
        for m in members:
            person = self._person_by_token.get(m.i) or self._find_person(m.text)
            if person is None and m.ent_type_ != "PERSON":
                # "the Academy of Motion Picture Arts and Sciences", "President and General
                # Manager Billy King", "director Gary Ross and The Hollywood Reporter": a
                # name that joins no person is no pair of speakers.
                return None
            refs.append(person.ref.name if person is not None else " ".join(
                t.text for t in self.doc[m.left_edge.i:m.i + 1] if t.pos_ == "PROPN"))
        name = " and ".join(refs)
        key = speaker_key(name)
        ref = self._groups.get(key)
        if ref is None:
            ref = self._groups[key] = SpeakerRef(name=name, kind="person")
        return ref

    def _issuer(self, root: Token) -> SpeakerRef | None:
        """"a statement from NATO", "the company's statement", else the organisation last
        quoted: a document is never a speaker itself."""
        for child in root.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                return self._resolve(mention_span(child), child)
            # "The NCAA report", "a Texas prison statement": the name before the noun.
            if child.dep_ in ("compound", "nmod") and child.i < root.i and (child.ent_type_ in ("ORG", "PERSON")
                                                                            or child.pos_ == "PROPN"):
                return self._resolve(self.doc[child.left_edge.i:child.i + 1], child)
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of", "in"):  # "a report in the Times"
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self._resolve(mention_span(obj), obj)
        # "The statement added": the organisation last quoted issued it; "media reports", "a
        # memo" are no document of theirs.
        definite = root.tag_ != "NNS" and any(t.lower_ in ("the", "this", "that", "its") for t in root.lefts)
        if definite and self._last_speaker is not None and self._last_speaker.kind == "organisation":
            return self._last_speaker
        return None

    def _resolve_pronoun(self, mention: Span, lower: str) -> SpeakerRef | None:
        if lower in _PLURAL or lower in ("it", "its"):
            # "it added", "they said" after an organisation or a pair was quoted.
            # "SAG leaders say… ⏎ They stress…": the people last quoted together, too.
            if self._last_speaker is not None and (self._last_speaker.kind == "organisation" or (
                    lower in _PLURAL and (self._last_speaker in self._groups.values()
                                          or id(self._last_speaker) in self._crowds))):
                self.certainty = CERTAINTY["pronoun"]
                return self._last_speaker
            if lower in ("they", "it"):
                ref = self._collective_subject(mention, lower == "they")
                return ref if ref is not None or lower != "they" else self._pair_subject(mention)
            return None
        if lower not in MALE | FEMALE:
            return None  # "I", "you", "it" outside a quote: not resolvable to a speaker here
        gender = "m" if lower in MALE else "f"
        best, clear = self._most_salient(mention.start, gender, margin=True)
        self.certainty = CERTAINTY["pronoun" if clear else "unclear pronoun"]
        if best is None:
            return None
        if not best.gender:
            best.vote(gender)
        self._note_person(best, mention.start)
        return best.ref

    def _resolve_quoted(self, mention: Span, root: Token, start: int, quoted: SpeakerRef | None) -> SpeakerRef | None:
        """A pronoun inside a quotation, in the quoted speaker's words: "I" and "we" are the
        one quoted; "he" and "she" are never them, but the last person of that gender the
        quotation names before ("I believe Brian Nichols did not win. In his own words, he
        said…"), else the most salient one of the story."""
        lower = root.lower_
        self.certainty = CERTAINTY["pronoun"]
        if lower in ("i", "me", "we", "us"):
            return quoted
        if lower == "they":
            return self._quoted_crowd(mention, start)
        if lower not in MALE | FEMALE:
            return None
        gender = "m" if lower in MALE else "f"
        besides = next((p for p in self._people.values() if p.ref is quoted), None) if quoted is not None else None
        for i in range(mention.start - 1, max(-1, mention.start - 120), -1):
            if self.doc[i].idx < start:
                break
            person = self._person_by_token.get(i)
            if person is not None and person is not besides and not (person.gender and person.gender != gender):
                return person.ref
        best = self._most_salient(mention.start, gender, exclude=besides)
        return best.ref if best is not None else None

    def _quoted_crowd(self, mention: Span, start: int) -> SpeakerRef | None:
        """"I talked to two jurors and they both say…": "they" inside a quotation is the
        people the quotation named just before, in its own sentence."""
        sentence = self._sentence[mention.start] if mention.start < len(self._sentence) else 0
        for i in range(mention.start - 1, max(-1, mention.start - 40), -1):
            token = self.doc[i]
            if token.idx < start or self._sentence[i] != sentence:
                break
            if token.tag_ == "NNS" and token.pos_ == "NOUN" and (is_person_noun(token.lemma_) or token.lemma_.lower() in (
                    "people", "person", "juror", "voter", "worker", "resident", "official", "member", "fan")):
                self.certainty = CERTAINTY["description"]
                return SpeakerRef(name=clean_alias(mention_span(token).text), kind="unknown")
        return None

    def _resolve_description(self, mention: Span, root: Token) -> SpeakerRef | None:
        self.certainty = CERTAINTY["description"]
        words = [t for t in mention if not t.is_punct]
        head = root.lemma_.lower()
        text = clean_alias(mention.text)
        org_tokens = [t for t in mention if t.ent_type_ in ("ORG", "GPE", "NORP") and t.i != root.i]
        definite = (any(t.lower_ in ("the", "this", "that") or t.dep_ == "poss" for t in root.lefts)
                    or self._headline_noun(root))
        plural = root.tag_ in ("NNS", "NNPS")
        if root.pos_ == "PROPN":
            # "Summit says" after "Summit Entertainment": the short form of an organisation named.
            full = self._organisation_named(text)
            if full is not None:
                self.certainty = CERTAINTY["name"]
                return self._organisation(full)
        if (definite and not plural and is_topic_descriptor(head)
                and not any(t.ent_type_ == "ORG" for t in mention)):
            # "the Kentucky Republican", "the Democrat": a person the story names.
            person = self._person_for_description(mention)
            if person is not None:
                self._add_role(person, text)
                self._note_person(person, mention.start)
                return person.ref
        if (root.ent_type_ in ("ORG", "GPE", "NORP") and root.pos_ == "PROPN") or self._titled_name(root):
            self.certainty = CERTAINTY["name"]  # "Microsoft said": named
            return self._organisation(text)
        if root.is_title and not root.is_sent_start:
            # "The Reporter" after "The Hollywood Reporter": a capitalised short form of a
            # name the story gave.
            named = next((ref for key, ref in self._orgs.items() if key.split()[-1:] == [root.lower_]), None)
            if named is not None:
                return named
        if head in _GROUP_NOUNS and definite and (plural or head in _PAIR_NOUNS):
            group = self._last_group()
            if group is not None:
                return group
        # "her spokesman said. ⏎ …, spokesman Harlan Boll said": someone's spokesman is the
        # person the story names with that role next.
        possessor = next((c for c in root.lefts if c.dep_ == "poss"), None)
        if head in _SPOKES and not plural and possessor is not None and (
                possessor.pos_ == "PRON" or self._person_by_token.get(possessor.i) is not None):
            person = self._named_next_with_role(mention, role_words_of(head))
            if person is not None:
                self.certainty = CERTAINTY["guessed description"]
                self._note_person(person, mention.start)
                return person.ref
        # "the NATO spokesperson" is still nobody in particular; "the top official" may be.
        if head in _UNNAMED_PERSON_NOUNS and (not definite or plural or head in _SPOKES):
            return self._spokesperson(mention, root, head, text)
        # "A major civil rights group" is no military major.
        if (is_person_noun(head) or any(t.lower_ in PERSON_ROLE_NOUNS and t.pos_ != "ADJ" for t in words)
                or (self._sayer_person_noun(root) and not org_tokens)):
            if plural:
                ref = SpeakerRef(name=text, kind="unknown")
                self._crowds.add(id(ref))
                return ref
            unnamed = self._unnamed_speaker(root) if definite else None
            if unnamed is not None:
                return unnamed
            person = self._person_for_description(mention)
            if person is not None:
                self._add_role(person, text)
                self._note_person(person, mention.start)
                return person.ref
            return SpeakerRef(name=text, kind="unknown", roles=[text])
        if (head in _GENERIC_ORGS or head.endswith("maker")) and definite and not org_tokens:
            # "the alliance", "the union": the organisation the story last named.
            named = self._salient_organisation(root.i, head)
            if named is not None:
                return self._organisation(named)
        if head in ORGANISATION_NOUNS or org_tokens or root.ent_type_ in ("ORG", "GPE", "NORP"):
            return self._organisation(text)
        return SpeakerRef(name=text, kind="unknown") if text else None

    def _pair_subject(self, mention: Span) -> SpeakerRef | None:
        """"The commerce secretary, Gary Locke, and the interior secretary, Ken Salazar,
        agreed. ⏎ …, they said": "they" is the people named together as the subject of the
        sentence before, or of its own; they become the pair later "the two men" refers to."""
        doc = self.doc
        start = mention.start
        sentence = self._sentence[start] if start < len(self._sentence) else 0
        for i in range(start - 1, max(-1, start - 80), -1):
            if self._sentence[i] < sentence - 1:
                break
            token = doc[i]
            if token.dep_ not in ("nsubj", "nsubjpass") or (self._in_quote is not None and self._in_quote[i]):
                continue
            people: list[Person] = []
            members = [token]  # the subject, its appositions and its conjuncts, however nested
            for _ in range(12):
                if not members:
                    break
                member = members.pop()
                person = self._person_by_token.get(member.i)
                if person is not None and all(p is not person for p in people):
                    people.append(person)
                members.extend(c for c in member.children if c.dep_ in ("appos", "conj"))
            if len(people) < 2:
                continue
            name = " and ".join(p.ref.name for p in people)
            ref = self._groups.get(speaker_key(name))
            if ref is None:
                ref = self._groups[speaker_key(name)] = SpeakerRef(name=name, kind="person")
            self.certainty = CERTAINTY["pronoun"]
            return ref
        return None

    def _collective_subject(self, mention: Span, plural: bool) -> SpeakerRef | None:
        """"The Angels had exclusive rights…, but they declined… and said they would", "The
        studio wants…, but has said it will not rush": "they" or "it" is the nearest subject
        before it, in its paragraph and outside quotations, that is an organisation (or, for
        "they", a plural: "Two jurors… said they worked hard")."""
        doc = self.doc
        start = mention.start
        sentence = self._sentence[start] if start < len(self._sentence) else 0
        for i in range(start - 1, max(-1, start - 80), -1):
            token = doc[i]
            if "\n" in token.whitespace_ or "\n" in token.text or self._sentence[i] < sentence - 1:
                break
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if self._in_quote is not None and self._in_quote[i]:
                continue
            # "Greece faces a due date on debt it says it can't repay": a country is "it" too.
            organisation = (token.ent_type_ == "ORG" or token.lemma_.lower() in ORGANISATION_NOUNS
                            or token.lemma_.lower() in _GENERIC_ORGS or (not plural and token.ent_type_ == "GPE"))
            many = token.tag_ in ("NNS", "NNPS")
            if not (organisation or (plural and many)) or (not plural and many) or i in self._person_by_token:
                continue
            ref = self._resolve(mention_span(token), token)
            self.certainty = CERTAINTY["pronoun" if self._sentence[i] == sentence else "unclear pronoun"]
            return ref
        return None

    def _unnamed_speaker(self, root: Token) -> SpeakerRef | None:
        """"a Western diplomat said… ⏎ “…,” the diplomat added": a definite description whose
        head is the head of a speaker quoted unnamed before is that speaker, unless the story
        has since named a person with that role."""
        head = root.lemma_.lower()
        for ref in reversed(self._resolved[-6:]):
            # "A senior fire department official said… ⏎ “…,” the official said": the
            # department's official, quoted before.
            if ref.kind != "person" and (fold(ref.name).split()[-1:] in ([head], [root.lower_])
                                         or (ref.kind == "organisation" and head in ref.roles)):
                return ref
            if ref.kind == "person" and head in role_words_of(" ".join(ref.roles)):
                return None
        return None

    def _spokesperson(self, mention: Span, root: Token, head: str, text: str) -> SpeakerRef:
        """"a German government spokesperson", "NATO officials": the organisation speaks;
        "a representative for Mr. Jackman" is a person nobody names."""
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
                objs = [o for o in child.children if o.dep_ == "pobj"]
                if objs:
                    if self._person_by_token.get(objs[0].i) is not None or objs[0].ent_type_ == "PERSON":
                        return SpeakerRef(name=text, kind="unknown", roles=[head])
                    org = STRIP_DETERMINERS.sub("", mention_span(objs[0]).text)
                    return self._organisation(org, role=head)
        org_words = [t for t in mention if t.i < root.i and t.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod")
                     and (t.ent_type_ or t.lemma_.lower() in ORGANISATION_NOUNS or t.pos_ == "PROPN")]
        if org_words and not any(self._person_by_token.get(t.i) for t in org_words):
            org = " ".join(POSSESSIVE.sub("", t.text) for t in self.doc[org_words[0].i:root.i] if t.tag_ != "POS")
            return self._organisation(org.strip(), role=head)
        return SpeakerRef(name=text, kind="unknown", roles=[head])

    def _describe(self, token: int) -> Person | None:
        """"The frustrated prosecutor gambled…": the named person the description fits, as
        a speaker's description would be resolved, for salience only."""
        certainty = getattr(self, "certainty", CERTAINTY["name"])
        try:
            return self._person_for_description(mention_span(self.doc[token]))
        finally:
            self.certainty = certainty

    def _last_group(self) -> SpeakerRef | None:
        return next((r for r in reversed(self._resolved) if any(r is g for g in self._groups.values())), None)

    def _organisation_named(self, text: str) -> str | None:
        """The one organisation of the story whose name begins with these words ("Summit" for
        "Summit Entertainment"), or None."""
        words = fold(text).split()
        if not words:
            return None
        found = {STRIP_DETERMINERS.sub("", name) for name in self._org_counts
                 if (full := fold(STRIP_DETERMINERS.sub("", name)).split())[:len(words)] == words and len(full) > len(words)}
        if not found and len(words) == 1:
            # "Disney said" after "The Walt Disney Co.": the one name holding the word.
            found = {STRIP_DETERMINERS.sub("", name) for name in self._org_counts
                     if words[0] in fold(name).split()[1:]}
            # "Walt Disney" and "Walt Disney Co." are one name, the longer.
            longest = max(found, key=len, default="")
            if all(fold(longest).split()[:len(fold(name).split())] == fold(name).split() for name in found):
                found = {longest} if longest else set()
        return found.pop() if len(found) == 1 else None

    def _salient_organisation(self, token: int, noun: str) -> str | None:
        """The organisation named last before ``token``, preferring one whose name says what
        kind it is ("the agency": "Texas Department of Criminal Justice", not "Huntsville"
        tagged an organisation), or failing that the one named most."""
        k = bisect_left(self._org_mentions, token, key=lambda m: m[0])
        earlier = [name for _, name in self._org_mentions[max(0, k - 12):k]]
        kinds = {noun} | ORGANISATION_NOUNS | _GENERIC_ORGS
        for name in reversed(earlier):
            if noun in (w.lower() for w in name.split()):
                return name
        # The organisation quoted last ("Microsoft said… The software giant said").
        if self._last_speaker is not None and self._last_speaker.kind == "organisation":
            return self._last_speaker.name
        for name in reversed(earlier):
            if any(w.lower() in kinds for w in name.split()):
                return name
        # An organisation already quoted ("Summit says…" ⏎ "The studio… has said").
        for ref in reversed(self._resolved):
            if ref.kind == "organisation" and any(same_speaker(ref.name, name) for name in earlier):
                return ref.name
        if earlier:
            return earlier[-1]
        return max(self._org_counts, key=self._org_counts.get) if self._org_counts else None

    def _person_for_description(self, mention: Span) -> Person | None:
        """The person a description refers to. An office ("the alliance's Secretary-General")
        is the recent person whose roles share most words with it, ties to the person last
        quoted; a person known by another office is not a candidate ("the Polish president"
        is not "Polish Defense Minister Mariusz Blaszczak"). A descriptor ("the star", "the
        33-year-old") with no role shared is the most salient person it fits. When nobody
        before fits, a definite description may introduce the next person named in full,
        within the next paragraph ("the Polish president said… ⏎ “…,” Andrzej Duda told…").
        The possessor is never the one described ("her rep", "Reid's representative")."""
        root = mention.root
        possessor = next((c for c in root.children if c.dep_ == "poss"), None)
        exclude = self._possessor(possessor) if possessor is not None else None
        # "her rep", "Reid's representative" describe someone else; "NATO's top civilian
        # official" is an office like "the NATO official".
        personal = possessor is not None and (possessor.pos_ == "PRON" or exclude is not None
                                              or is_person_noun(possessor.lemma_))
        words = role_words_of(mention.text) - {"the", "a", "an", "of", "s", "former", "top"}
        if possessor is not None:
            words -= role_words_of(mention_span(possessor).text)
        titles = set() if _FORMER.search(mention.text) else words & _SPECIFIC_TITLES
        gender = gender_of_words(words)
        scored = []
        for pos, person in self._recent_people():
            if (person is exclude or person.ref.kind != "person" or _titles_conflict(titles, person)
                    or (gender and person.gender and person.gender != gender)):
                continue  # an unnamed sayer is found again by its noun (_unnamed_speaker), not by role
            overlap = len(words & person.role_words())
            # Of two judges, "the judge" who goes on speaking is the one already quoted, not
            # the one named since as a victim ("Judge James Bodiford said…" ⏎ "…killed
            # Superior Court Judge Rowland Barnes" ⏎ "The judge urged…").
            spoke = any(r is person.ref for r in self._resolved)
            # …nor the one the story tells was killed ("shot and killed Superior Court Judge
            # Rowland Barnes" ⏎ "The judge had advice for…" is the sentencing judge).
            scored.append((overlap, person.ref is self._last_speaker, spoke, id(person) not in self.victims, pos,
                           person))
        scored.sort(key=lambda s: s[:5], reverse=True)
        if scored and scored[0][0] > 0:
            self.certainty = CERTAINTY["role"]
            return scored[0][5]
        headline = self._headline_noun(root)
        definite = any(t.lower_ == "the" or t.dep_ == "poss" for t in root.lefts) or headline
        head = root.lemma_.lower()
        self.certainty = CERTAINTY["guessed description"]
        if not definite:
            # "a judge", "a friend of the actress": someone new; but the lede's "A publicist
            # says Tara Reid…" is the sayer the next paragraph names ("Jack Ketsoyan said…").
            return self._sayer_named_next(mention) if self._in_lede(mention) and not personal else None
        if is_topic_descriptor(head) and not personal and not (words & _SPECIFIC_TITLES):
            person = self._most_salient(mention.start, gender, exclude=exclude, named=True)
            return None if person is not None and _roles_conflict(words, person) else person
        if scored and not personal and head in PERSON_ROLE_NOUNS and not headline:
            return scored[0][5]  # an office: the person quoted last, if their office allows it
        # A function ("the coroner", "her agent"): the person named with it next or elsewhere.
        return self._person_named_next(mention, titles, headline) or self._person_with_role(words, exclude)

    def _in_lede(self, mention: Span) -> bool:
        """In the story's first sentence after any headline lines (which end in no stop)."""
        text = self._text
        start = 0
        for line in text[:mention.start_char].split("\n")[:-1]:
            if re.search(r"[.!?][\"”'’]?\s*$", line):
                return False  # a full sentence came before
            start += len(line) + 1
        return mention.start_char - start < 300

    def _sayer_named_next(self, mention: Span) -> Person | None:
        """The first person named in full as the subject of a verb of saying, in the
        mention's paragraph or the next ("A publicist says… ⏎ Jack Ketsoyan said…"), whose
        known roles do not conflict with the description."""
        doc = self.doc
        names = self._name_events
        k = bisect_left(names, mention.end, key=lambda e: e[0])
        role = role_words_of(mention.root.lemma_)
        breaks = 0
        for i in range(mention.end, min(len(doc), mention.end + 120)):
            if k < len(names) and names[k][0] == i and i in self._full_names:
                head = doc[i]
                while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                    head = head.head
                if head.dep_ == "nsubj" and head.head.lemma_.lower() in SPEECH_VERBS:
                    person = names[k][1]
                    return None if _roles_conflict(role, person) else person
            breaks += "\n" in doc[i].text or "\n" in doc[i].whitespace_
            if breaks > 2:
                break
            while k < len(names) and names[k][0] <= i:
                k += 1
        return None

    def _headline_noun(self, root: Token) -> bool:
        """A bare noun in a headline ("Filmmaker says he cannot commit…", "Lawyer: Lohan in
        rehab") stands for someone definite, the person the story then names: headlines
        drop their articles. A headline is a first line of the article without a full stop."""
        if (root.pos_ not in ("NOUN", "PROPN") or root.tag_ not in ("NN", "NNP") or not is_person_noun(root.lemma_)
                or any(t.dep_ in ("det", "poss") for t in root.lefts)):
            return False
        text = self._text
        start = root.idx
        if start > 600:
            return False  # headlines open the story
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
        return (bool(line) and not re.search(r"[.!?][\"”'’]?$", line) and text[:line_start].count("\n") <= 4
                and len(line) < 200)

    def _person_with_role(self, words: set[str], exclude: Person | None) -> Person | None:
        """The one person of the whole story known by this role ("her rep told People" ⏎ …
        "the star's rep Jack Ketsoyan confirmed"): a role chain read forward."""
        roles = {w for w in words if is_person_noun(w) or w in PERSON_ROLE_SYNONYMS}
        if not roles:
            return None
        found = {id(p): p for p in self._people.values() if p is not exclude and roles & p.role_words()}
        return next(iter(found.values())) if len(found) == 1 else None

    def _possessor(self, token: Token) -> Person | None:
        """Who "her", "Reid's" or "the American Pie star's" stands for."""
        if token.pos_ == "PRON":
            return self._most_salient(token.i, "m" if token.lower_ in MALE else "f" if token.lower_ in FEMALE else "")
        person = self._person_by_token.get(token.i)
        if person is None and token.pos_ == "NOUN" and is_person_noun(token.lemma_) and token.i < len(self.doc):
            return self._most_salient(token.i, gender_of_words([token.lower_]))
        return person

    def _recent_people(self, limit: int = 25) -> list[tuple[int, Person]]:
        return [(pos, p) for pos, p in list(reversed(self._recent.values()))[:limit]]

    def _person_named_next(self, mention: Span, titles: set[str], headline: bool = False) -> Person | None:
        """The person named in full right after a description, in its paragraph or the next.
        After a headline ("Agent: Sixers to sign Dalembert"), the story's opening paragraphs:
        the first person named there whose role is the headline's noun ("his agent Marc
        Cornstein"), else the first one named ("Hunger Games director Gary Ross")."""
        doc = self.doc
        breaks = 0
        names = self._name_events
        k = bisect_left(names, mention.end, key=lambda e: e[0])
        role = role_words_of(mention.root.lemma_)
        first = None
        for i in range(mention.end, min(len(doc), mention.end + (200 if headline else 120))):
            if (k < len(names) and names[k][0] == i and not (headline and breaks == 0)
                    and not (self._in_quote is not None and self._in_quote[i])):
                # Only a full name introduces someone: "Andrzej Duda", not "Duda"; and one
                # in the story's words: "her rep confirms… ⏎ “She is going back to Betty
                # Ford because…”" names a clinic, not the rep.
                person = names[k][1]
                full = i in self._full_names
                if not headline:
                    return person if full and not (_titles_conflict(titles, person)
                                                   or _roles_conflict(role, person)) else None
                if full and first is None:
                    first = person
                if full and role & person.role_words():
                    return person
            breaks += "\n" in doc[i].text or "\n" in doc[i].whitespace_
            if breaks > (8 if headline else 1):  # a break counts once or twice ("says⏎", "⏎⏎")
                break
            while k < len(names) and names[k][0] <= i:
                k += 1
        return first

    def _named_next_with_role(self, mention: Span, role: set[str]) -> Person | None:
        """The first person named in full, in the story's words, in the mention's paragraph
        or the next, whom the story gives this role ("spokesman Harlan Boll")."""
        doc, names = self.doc, self._name_events
        k = bisect_left(names, mention.end, key=lambda e: e[0])
        breaks = 0
        for i in range(mention.end, min(len(doc), mention.end + 150)):
            while k < len(names) and names[k][0] < i:
                k += 1
            if (k < len(names) and names[k][0] == i and i in self._full_names
                    and not (self._in_quote is not None and self._in_quote[i]) and role & names[k][1].role_words()):
                return names[k][1]
            breaks += "\n" in doc[i].text or "\n" in doc[i].whitespace_
            if breaks > 2:
                break
        return None

    def _organisation(self, name: str, role: str | None = None) -> SpeakerRef:
        # "Summit Entertainment's" (a possessor tagged with its 's) is "Summit Entertainment".
        name = re.sub(r"\s*['’]s$", "", STRIP_DETERMINERS.sub("", name).strip())
        name, described = _organisation_name(name)
        role = role or described
        key = speaker_key(name) or name.lower()
        ref = self._orgs.get(key)
        if ref is None:
            # "The North Atlantic Treaty Organization pledged…", later "NATO said".
            # (Bounded, so that a huge document stays linear.)
            ref = next((r for k, r in list(self._orgs.items())[-200:] if same_speaker(k, key)), None)
        if ref is None:
            ref = SpeakerRef(name=name, kind="organisation")
            self._orgs[key] = ref
        if role and role not in ref.roles:
            ref.roles.append(role)
        return ref

    @property
    def speakers(self) -> list[SpeakerRef]:
        """Every speaker resolved so far, once each, in order of first resolution."""
        return list(self._resolved)
