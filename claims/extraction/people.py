"""The people a story names, and how salient each is at any point of it.

``StoryPeople`` surveys one parsed article once, in reading order: every person the tagger
found (and the full form of a name it saw only by surname, "Bettie Page" tagged an
organisation, "Hugh Jackman" untagged), the mentions it missed, the titles written with
each name, the evidence of each person's gender (a title, a gendered description, "X said
she…", the given name) and every "he"/"she" subject outside quotes. A cursor then walks
these mentions as resolution goes: each mention adds to its person's salience (a subject
counts double, a person's introduction and the sayer of a quote once more, a name inside
what someone reports half), and salience halves with every sentence, a light form of
Lappin and Leass's centring. ``most_salient`` is who a pronoun or a descriptor stands for.

speakers.SpeakerResolver builds on it. Pure: spaCy objects in, dataclasses out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, LOWER, SENT_START, TAG
from spacy.tokens import Doc, Span, Token

from claims.extraction.attribution import SPEECH_VERBS
from claims.extraction.names import (
    FEMALE_NOUNS,
    MALE_NOUNS,
    ORGANISATION_NOUNS,
    PERSON_ROLE_NOUNS,
    STRIP_DETERMINERS,
    TITLE_WORDS,
    clean_alias,
    fold,
    given_name_gender,
    is_person_noun,
    same_speaker,
    speaker_key,
    strip_titles,
)
from claims.extraction.nlp import doc_text
from claims.extraction.types import SpeakerRef

MALE = frozenset("he him his himself".split())
FEMALE = frozenset("she her hers herself".split())

# Capitals and seats of government that stand for a government ("Kyiv is calling for more air
# defenses", "Moscow denied"). The small model tags them PERSON now and then; a place that
# speaks is an organisation.
_SEATS_OF_GOVERNMENT = frozenset(
    """
    kyiv kiev moscow washington beijing london paris berlin brussels tehran jerusalem ankara warsaw
    tokyo pyongyang seoul damascus baghdad kabul minsk tbilisi budapest rome madrid ottawa canberra
    delhi islamabad riyadh cairo caracas havana taipei vilnius riga tallinn helsinki stockholm oslo
    copenhagen prague bratislava bucharest sofia belgrade athens lisbon vienna bern dublin amsterdam
    doha beirut amman baku yerevan chisinau tripoli khartoum nairobi pretoria abuja brasilia bogota
    manila hanoi bangkok jakarta dhaka wellington westminster whitehall
    """.split()
)
_PLACE_LABELS = ("GPE", "LOC")
# Heads of names given to places and things after a person ("the Betty Ford Clinic").
_INSTITUTION_NOUNS = frozenset(
    """
    clinic center centre foundation institute hospital university college school academy museum
    library theater theatre stadium arena airport award awards prize trophy hall street avenue
    bridge park building tower fund trust memorial show courthouse
    """.split()
)
# Words of organisations' names that no person's name holds ("Summit Entertainment").
_ORGANISATION_NAME_WORDS = frozenset(
    """
    entertainment pictures studios records media news times post press journal magazine inc corp
    co ltd llc group holdings partners brothers bros sports games network networks television tv
    radio airlines motors systems technologies communications international national united
    """.split()
)
# The ones no surname is ("Dale Hall" is a person, "Fulton Courthouse" is not).
_PLACE_HEADS = frozenset(
    "clinic center centre hospital university college courthouse academy institute foundation museum "
    "airport stadium arena".split()
)
# Capitalised words before a company's suffix: "The Walt Disney Co.", "Ford Motor Co.".
_COMPANY = re.compile(r"((?:[A-Z][\w'’.&-]*\s+){1,4}?)(?:Co|Cos|Company|Corp|Corporation|Inc|Ltd|LLC|Plc|Group|Studios|"
                      r"Pictures|Motor|Motors)\b")
POSSESSIVE_END = re.compile(r"['’]s?$")
_HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}

# Relatives named by their given name after the noun: "Wilhelm's widow, Candee" is Candee
# Wilhelm, "Nichols' mother, Claritha" Claritha Nichols.
_KIN_NOUNS = frozenset(
    """
    widow widower wife husband mother father son daughter brother sister parent grandmother
    grandfather grandson granddaughter aunt uncle niece nephew cousin stepmother stepfather stepson
    stepdaughter fiancee fiancée fiance fiancé
    """.split()
)

_KILLING = frozenset("kill murder slay assassinate shoot stab strangle execute".split())

# Salience: a subject counts double, the sayer of a quote once more; every sentence halves it.
_SUBJECT, _OTHER, _SAYER, _REPORTED = 2.0, 1.0, 1.0, 0.5
_INTRODUCED = 1.0
_SHARED = "shared"  # the gender slot of an event for a surname several people share
_DESCRIBED = "described"  # …and of one for a description of a person ("the frustrated prosecutor")
_WINDOW_SENTENCES = 8


def in_report(token: Token) -> bool:
    """True for a token inside the clause a reporting verb governs."""
    for _ in range(8):
        if token.dep_ == "ccomp" and token.head.pos_ == "VERB" and token.head.lemma_.lower() in SPEECH_VERBS:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


# Words of one role written two ways ("Reid's rep", "Reid's representative Jack Ketsoyan").
_ROLE_SYNONYMS = {"rep": "representative", "spokesperson": "spokesman", "spokeswoman": "spokesman",
                  "lawyer": "attorney", "counsel": "attorney", "publicist": "representative"}


PERSON_ROLE_SYNONYMS = frozenset(_ROLE_SYNONYMS.values())


_SUFFIXES = frozenset("jr sr ii iii iv".split())


def _without_suffix(words: list[str]) -> list[str]:
    """Name words without a generational suffix ("comeaux jr" -> "comeaux")."""
    return words[:-1] if len(words) > 1 and words[-1] in _SUFFIXES else words


# Offices of a prosecutor named otherwise: "District Attorney Paul Howard" is "the prosecutor".
_PROSECUTORS = re.compile(r"\b(?:(?:district|county|state|states|commonwealth|prosecuting|u s|us|city) attorney"
                          r"|attorney general|crown counsel|procurator)\b")


def role_words_of(text: str) -> set[str]:
    """The words of a role, without its possessor ("the American Pie star's rep" -> rep)."""
    text = re.split(r"['’]s?\s", text)[-1]
    folded = fold(text)
    words = {_ROLE_SYNONYMS.get(w, w) for w in re.findall(r"\w+", folded)}
    if _PROSECUTORS.search(" ".join(re.findall(r"\w+", folded))):
        words.add("prosecutor")
    return words


def gender_of_words(words) -> str:
    words = {w.lower().rstrip(".") for w in words}
    female, male = bool(words & FEMALE_NOUNS), bool(words & MALE_NOUNS)
    return "f" if female and not male else "m" if male and not female else ""


@dataclass
class Person:
    ref: SpeakerRef
    gender: str = ""  # "m" / "f" from the text's evidence
    votes: dict[str, int] = field(default_factory=dict)
    salience: list[tuple[int, float]] = field(default_factory=list)  # (sentence, weight), latest last

    def role_words(self) -> set[str]:
        return {w for role in self.ref.roles for w in role_words_of(role)}

    def vote(self, gender: str, weight: int = 1) -> None:
        if gender:
            self.votes[gender] = self.votes.get(gender, 0) + weight
            self.gender = max(self.votes, key=self.votes.get)

    def score(self, sentence: int) -> float:
        return sum(w * 0.5 ** (sentence - s) for s, w in self.salience if 0 <= sentence - s <= _WINDOW_SENTENCES)


class StoryPeople:
    """The people of one article and their salience as the story is read (see the module)."""

    def __init__(self, doc: Doc, in_quote: list[bool] | None = None) -> None:
        self.doc = doc
        self._text = doc_text(doc)
        self._ents = list(doc.ents)
        self._in_quote = in_quote
        self._people: dict[str, Person] = {}  # name key -> person
        self._by_surname: dict[str, list[Person]] = {}
        self._orgs: dict[str, SpeakerRef] = {}
        self._groups: dict[str, SpeakerRef] = {}
        self._person_by_token: dict[int, Person] = {}
        self._last_speaker: SpeakerRef | None = None
        self._resolved: list[SpeakerRef] = []
        self._sentence = self._sentence_index()
        # Every person mention and pronoun subject, in reading order: (token, person or None,
        # weight, gender of a pronoun). Resolution walks it once with a cursor.
        self._events: list[tuple[int, Person | None, float, str]] = []
        self._full_names: set[int] = set()  # token indexes where a name is written in full
        self._cursor = 0
        self._recent: dict[int, tuple[int, Person]] = {}
        self._org_mentions: list[tuple[int, str]] = []  # (token, organisation name) in reading order
        self._org_counts: dict[str, int] = {}
        self._victims: set[int] | None = None  # see victims
        self._proper: set[int] = set()  # id of the people whose name the tagger saw as proper nouns
        self._shared: dict[int, list[Person]] = {}  # token of a surname several people share -> them
        self._company_names: set[str] | None = None  # _names_a_company, read once
        self._things: dict[str, bool] = {}  # one-word names written as things (_written_as_a_thing)
        self._counts: dict[str, int] = {}  # words -> times written (_written)
        # Names the article tags as a place more often than as a person: "Kyiv" tagged PERSON
        # in one sentence is still the city (and its government) it is elsewhere, while one
        # "Ginsburg" tagged GPE does not make the justice a place.
        self._place_votes: dict[str, int] = {}
        for ent in self._ents:
            if ent.label_ == "ORG":
                self._org_counts[ent.text] = self._org_counts.get(ent.text, 0) + 1
                self._org_mentions.append((ent.start, ent.text))
            elif ent.label_ in _PLACE_LABELS or ent.label_ == "PERSON":
                key = fold(STRIP_DETERMINERS.sub("", ent.text))
                self._place_votes[key] = self._place_votes.get(key, 0) + (1 if ent.label_ in _PLACE_LABELS else -1)
        self._collect_people()
        self._complete_surnames()
        self._collect_untagged_mentions()
        self._collect_pronouns()
        self._collect_descriptions()
        self._events.sort(key=lambda e: e[0])
        self._mark_introductions()
        self._name_events = [e for e in self._events if e[1] is not None]

    # -- article survey -------------------------------------------------------------------
    def _sentence_index(self) -> list[int]:
        doc = self.doc
        if not len(doc) or not doc.has_annotation("SENT_START"):
            return [0] * len(doc)
        starts = doc.to_array([SENT_START]).reshape(-1) == 1
        starts[0] = False
        return numpy.cumsum(starts).tolist()

    def _person_ents(self) -> list[tuple[Span, list[str], str]]:
        """(span, name words, role written before the name) of every person the tagger found,
        and of a title and name it took for an organisation ("Academy President Boone Isaacs")."""
        out = []
        doc = self.doc
        kin = self._kin_names()
        for ent in self._ents:
            if ent.start in kin:
                continue
            if ent.label_ == "PERSON":
                if ((ent.root.dep_ == "compound" and ent.root.head.lemma_.lower() in _INSTITUTION_NOUNS)
                        or ent[-1].lower_ in _PLACE_HEADS):
                    continue  # "the Betty Ford Clinic", "Fulton Courthouse": a place named for someone
                end = ent.end
                # "Team spokesman Tim Mead" with only "Tim" tagged: the surname it modifies.
                while (end < len(doc) and end - ent.start < 4 and doc[end - 1].dep_ == "compound"
                       and doc[end - 1].head.i == end and doc[end].pos_ == "PROPN" and doc[end].is_title
                       and doc[end].ent_type_ in ("", "PERSON")):
                    end += 1
                if end > ent.end:
                    ent = doc[ent.start:end]
                out.append((ent, self._name_tokens(ent), ""))
            elif ent.label_ == "ORG" and (name := self._person_tagged_org(ent)) is not None:
                out.append((name, [t.text for t in name], ""))
            elif ent.label_ in ("ORG", "GPE"):
                # The title inside the entity ("Academy President Boone Isaacs") or just before it
                # ("Academy President [Boone Isaacs]", "founder [Hugh Hefner]").
                titles = [t.i for t in self.doc[max(0, ent.start - 1):ent.end]
                          if t.lower_.rstrip(".") in TITLE_WORDS or t.lower_ in PERSON_ROLE_NOUNS]
                if titles and 1 <= ent.end - titles[-1] - 1 <= 3:
                    name = self.doc[titles[-1] + 1:ent.end]
                    if all(t.pos_ == "PROPN" and t.is_title for t in name):
                        first = max(0, min(ent.start, titles[-1]))
                        while first > 0 and self.doc[first - 1].pos_ == "PROPN" and self.doc[first - 1].is_title:
                            first -= 1
                        out.append((name, [t.text for t in name], self.doc[first:titles[-1] + 1].text))
        for i, (given, surname) in kin.items():
            out.append((doc[i:i + 1], [given, surname], ""))
        return out

    def _kin_names(self) -> dict[int, tuple[str, str]]:
        """A given name alone in apposition to a relative of someone named ("Wilhelm's
        widow, Candee", "Nichols' mother, Claritha, and father, Gene"): that person's
        surname completes it. Token -> (given name, surname)."""
        out: dict[int, tuple[str, str]] = {}
        for ent in self._ents:
            if len(ent) != 1 or ent.label_ not in ("PERSON", "ORG", "GPE", "NORP") or ent.root.dep_ != "appos":
                continue
            token, relative = ent.root, ent.root.head
            if token.pos_ != "PROPN" or not token.is_title or relative.lemma_.lower() not in _KIN_NOUNS:
                continue
            owner, up = None, relative
            for _ in range(3):  # "mother, Claritha, and father, Gene": father's owner is mother's
                owner = next((c for c in up.children if c.dep_ == "poss"), None)
                if owner is not None or up.dep_ not in ("conj", "appos") or up.head.i == up.i:
                    break
                up = up.head
            # The owner's name, whatever the tagger took it for ("Brooks's widow" tagged ORG).
            if owner is None or owner.pos_ != "PROPN" or not owner.is_title or owner.ent_type_ in _PLACE_LABELS:
                continue
            out[token.i] = (token.text, POSSESSIVE_END.sub("", owner.text))
        return out

    def _person_tagged_org(self, ent: Span) -> Span | None:
        """The person's name in an entity tagged ORG, or None. "Stephenie Meyer's four-book
        series", "Meyer penned a letter" both tagged ORG: a given name and a surname, no
        organisation's word, where the story either starts with a known given name or
        shortens the name to its last word, as it does a person's (an organisation is
        shortened to its first: "Summit Entertainment", "Summit"). "Secretary of [the
        Interior Ken Salazar]": a known given name and a surname ending a longer entity."""
        words = ent[:-1] if ent[-1].tag_ == "POS" else ent
        titled = False
        if len(words) > 3 or (len(words) == 3 and not words[0].is_title):
            # "Secretary of the Interior Dirk Kempthorne": a title says a person ends it.
            titled = any(t.lower_.rstrip(".") in TITLE_WORDS or t.lower_ in PERSON_ROLE_NOUNS for t in words[:-2])
            words = words[-2:]
        if len(words) < 2 or not self._looks_like_name(words):
            return None
        if titled or given_name_gender(words.text):
            return words
        return words if self._written(words[-1].text) > self._written(" ".join(t.text for t in words)) else None

    def _written(self, words: str) -> int:
        """How often the story writes these words, as whole words (counted once per story)."""
        count = self._counts.get(words)
        if count is None:
            count = self._counts[words] = len(re.findall(rf"\b{re.escape(words)}\b", self._text))
        return count

    def _looks_like_name(self, words: Span) -> bool:
        """Capitalised proper nouns, none of them an organisation's or a title's word."""
        if not all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in words):
            return False
        return not (any(t.lower_ in ORGANISATION_NOUNS or t.lower_ in _INSTITUTION_NOUNS or t.lower_ in TITLE_WORDS
                        or t.lower_ in PERSON_ROLE_NOUNS or t.lower_ in _ORGANISATION_NAME_WORDS for t in words)
                    or self._is_place(words.text))

    def _collect_people(self) -> None:
        ents = self._person_ents()
        # Longest forms first, so that "Stoltenberg" joins "Jens Stoltenberg".
        for ent, words, title in sorted(ents, key=lambda e: -len(e[1])):
            if not words or self._is_place(" ".join(words)) or not any(w[:1].isupper() for w in words):
                continue  # a place, or a lower-case word the tagger took for a name ("in the buff")
            if all(is_person_noun(w) or w.lower().rstrip(".") in TITLE_WORDS for w in words):
                continue  # "Filmmaker and aviator Howard Hughes": a description the tagger took for a name
            if words[-1].rstrip(".") in ("No", "Number") or (ent.end < len(self.doc) and self.doc[ent.end].like_num
                                                             and ent[-1].lower_.rstrip(".") in ("no", "number")):
                continue  # "Juror No. 8": a person known by a number, not by name
            if len(words) == 1 and len(words[0]) > 1 and words[0].isupper():
                continue  # "SAG leaders said": an acronym is an organisation, whatever the tag
            if any(t.is_quote for t in ent) or (len(ent) == 1 and ent.root.tag_ == "NNPS"):
                # "…Calls Bank Workers' Riot Deaths 'Murder'" in a headline, "Greeks must
                # understand": a quotation is in no name, and a people is not a person.
                continue
            if self._names_a_company(" ".join(words)):
                continue  # "Walt Disney said" where the story writes "The Walt Disney Co.": the company
            if len(words) == 1 and self._written_as_a_thing(words[0]):
                continue  # "Oscar is 80 this year": the story writes "the Oscars" too
            if len(ent) == 1 and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN" \
                    and not self._by_surname.get(speaker_key(words[0])):
                # "Patriot air defense units": a lone word modifying a noun names a thing,
                # unless it is the surname of someone named in full ("the Clinton campaign").
                continue
            shared = self._shared_surname(words)
            if shared:
                # "said Wilhelm" where the story names David and Candee Wilhelm: whichever
                # of them is salient there (see _advance), not a third person "Wilhelm".
                self._shared[ent.start] = shared
                self._events.append((ent.start, None, self._weight(ent.root), _SHARED))
                continue
            person = self._person_named(" ".join(words))
            if all(t.pos_ == "PROPN" for t in ent if t.text in words):
                self._proper.add(id(person))  # not "Having Jackman" the tagger took for a name
            if ent.text not in person.ref.aliases:
                person.ref.aliases.append(ent.text)
            # "Coroner Fred Corral" tagged whole: the title the name was stripped of is a role.
            written = self._name_words(ent)
            stripped = " ".join(written[:len(written) - len(words)]) if len(written) > len(words) else ""
            for role in ([title] if title else []) + ([stripped] if stripped and not title else []) + self._roles_near(ent):
                if role not in person.ref.roles:
                    person.ref.roles.append(role)
            # What the story says of the person outweighs what their given name suggests.
            person.vote(self._gender_evidence(ent, person), 2)
            person.vote(given_name_gender(" ".join(words)))
            self._events.append((ent.start, person, self._weight(ent.root), ""))
            if len(words) > 1:
                self._full_names.add(ent.start)
            for t in ent:
                self._person_by_token[t.i] = person

    def _shared_surname(self, words: list[str]) -> list[Person]:
        """The people named in full whose surname is this lone word, when there are two or
        more of them (a family: "Brian Nichols", "Claritha Nichols"); else []."""
        if len(words) != 1:
            return []
        key = speaker_key(words[0])
        if not key or key in self._people:
            return []
        found = {id(p): p for p in self._by_surname.get(key, []) if " " in p.ref.name and id(p) in self._proper}
        # "Bettie Mae Page" and "Bettie Page" are one person written two ways.
        given = {speaker_key(p.ref.name).split()[0] for p in found.values()}
        return list(found.values()) if len(found) > 1 and len(given) > 1 else []

    def shared_surname_person(self, token: int, candidates: list[Person] | None = None) -> Person | None:
        """Of the people sharing the surname written at ``token`` (or ``candidates``), the
        most salient there, else the one mentioned last, else the first named."""
        candidates = candidates or self._shared.get(token)
        if not candidates:
            return None
        if token < len(self.doc):
            # "Mrs. Grant", "Grant said he…": the one of that gender, when the text says.
            gender = self._gender_evidence(self.doc[token:token + 1], Person(SpeakerRef(name="", kind="person")))
            agreeing = [p for p in candidates if not (gender and p.gender and p.gender != gender)]
            candidates = agreeing or candidates
        sentence = self._sentence[token] if token < len(self._sentence) else 0
        scored = [(p.score(sentence), k) for k, p in enumerate(candidates)]
        best = max(scored)
        # The one the story is mostly about keeps the bare surname ("Melania Trump sat in
        # the front row. ⏎ “…,” Trump said" is still Donald), unless another is far more
        # salient here ("Wilhelm's widow, Candee, took aim… ⏎ “…,” said Wilhelm").
        principal = max(range(len(candidates)), key=lambda k: (len(candidates[k].salience), -k))
        if best[1] != principal and best[0] < 3 * scored[principal][0]:
            best = scored[principal]
        if best[0] > 0:
            return candidates[best[1]]
        recent = [p for _, p in reversed(self._recent.values()) if any(p is c for c in candidates)]
        return recent[0] if recent else candidates[0]

    def _names_a_company(self, name: str) -> bool:
        """A name the story also writes as a company's ("The Walt Disney Co.", "Ford Motor
        Co."): said alone, it is the company ("Walt Disney said", "Ford said"), not its
        founder. "Henry Ford" is still a person: the story never writes "Henry Ford Co."."""
        if self._company_names is None:
            # One pass over the text: every run of capitalised words before a company's
            # suffix, and each of its tails ("The Walt Disney" -> "Walt Disney", "Disney").
            self._company_names = set()
            for m in _COMPANY.finditer(self._text):
                words = m.group(1).split()
                self._company_names.update(" ".join(words[k:]) for k in range(len(words)))
        return name in self._company_names

    def _written_as_a_thing(self, word: str) -> bool:
        """A one-word name nobody in the story has in full (no capitalised word before it
        anywhere), that the story also writes in the plural or after an article ("the
        Oscars", "an Oscar"): a thing, not a person."""
        if self._find_person(word) is not None or not word[:1].isupper():
            return False
        cached = self._things.get(word)
        if cached is None:
            pattern = re.compile(rf"\b(?:(?:the|an?)\s+{re.escape(word)}\b|{re.escape(word)}s\b)", re.IGNORECASE)
            # "Hugh Jackman" anywhere says "the Jackman family" names a person's family.
            given = re.compile(rf"\b(?!The\b|An?\b)[A-Z][a-z]+\s+{re.escape(word)}\b")
            cached = self._things[word] = (pattern.search(self._text) is not None
                                           and given.search(self._text) is None)
        return cached

    def _mark_introductions(self) -> None:
        """A person's first mention introduces them: the story goes on about them ("…a
        surprise to Reunion Pictures' Matthew O'Connor, who coproduced Reid. ⏎ “…,” he told")."""
        seen: set[int] = set()
        for k, (token, person, weight, gender) in enumerate(self._events):
            if person is not None and id(person) not in seen and weight > 0:
                seen.add(id(person))
                self._events[k] = (token, person, weight + _INTRODUCED, gender)

    def _person_named(self, name: str) -> Person:
        person = self._find_person(name)
        if person is None:
            person = Person(SpeakerRef(name=name, kind="person"))
            self._people[speaker_key(name)] = person
            words = _without_suffix(speaker_key(name).split())
            if words:
                # "Arcade Joseph Comeaux Jr." is found as "Comeaux" and "Joseph Comeaux".
                self._by_surname.setdefault(words[-1], []).append(person)
                if len(words) < len(speaker_key(name).split()):
                    self._people.setdefault(" ".join(words), person)
        return person

    def _complete_surnames(self) -> None:
        """A person the tagger saw only by surname ("Page", "Jackman") takes the full name the
        article writes once ("Bettie Page" tagged an organisation, "Hugh Jackman" untagged):
        a capitalised given name right before the surname, not a title or a place."""
        doc, text = self.doc, self._text
        for person in {id(p): p for p in self._people.values()}.values():
            if " " in person.ref.name:
                continue
            surname = person.ref.name
            for m in re.finditer(rf"\b([A-Z][a-z]+)\s+{re.escape(surname)}\b", text):
                given = doc.char_span(m.start(1), m.end(1))
                if given is None or len(given) != 1:
                    continue
                g = given[0]
                one_entity = g.ent_iob_ == "B" and g.i + 1 < len(doc) and doc[g.i + 1].ent_iob_ == "I"
                if (g.pos_ != "PROPN" or g.lower_ in TITLE_WORDS or g.lower_ in PERSON_ROLE_NOUNS
                        or g.lower_ in ORGANISATION_NOUNS
                        or (g.ent_type_ in ("GPE", "LOC", "NORP", "DATE") and not one_entity)):
                    continue
                full = f"{g.text} {surname}"
                person.vote(given_name_gender(full))
                self._people[speaker_key(full)] = person
                person.ref.name = full
                if full not in person.ref.aliases:
                    person.ref.aliases.append(full)
                self._full_names.add(g.i)
                break

    def _collect_untagged_mentions(self) -> None:
        """Every later "Page" of a person the tagger found once, where it tagged the name an
        organisation or nothing, and every "Bettie" of a story that calls her so: still a
        mention, for salience and gender."""
        doc, text = self.doc, self._text
        people = {id(p): p for p in self._people.values()}.values()
        surnames: dict[str, Person] = {}
        for person in people:
            key = _without_suffix(speaker_key(person.ref.name).split())
            written = person.ref.name.split()
            if len(written) > 1 and written[-1].lower().strip(".,") in _SUFFIXES:
                written = written[:-1]
            # Only a surname one person of the story has, written as a name.
            if key and written and len(self._by_surname.get(key[-1], [])) <= 1 and len(written[-1]) > 1 \
                    and written[-1][0].isupper():
                surnames[written[-1]] = person
        # "Bettie had become a born-again Christian": a feature story calls its subject by the
        # given name, when one person of the story has it and nobody has it as a surname.
        given: dict[str, list[Person]] = {}
        for person in people:
            written = person.ref.name.split()
            if len(written) > 1 and given_name_gender(person.ref.name) and written[0][0].isupper():
                given.setdefault(written[0], []).append(person)
        for word, holders in given.items():
            if (len(holders) == 1 and word not in surnames and not self._by_surname.get(speaker_key(word))
                    and self._given_name_holders(speaker_key(word))):
                surnames[word] = holders[0]
        if not surnames:
            return
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(surnames, key=len, reverse=True)) + r")\b")
        for m in pattern.finditer(text):
            span = doc.char_span(m.start(), m.end())
            if span is None or len(span) != 1 or span[0].i in self._person_by_token or span[0].pos_ != "PROPN":
                continue
            token, person = span[0], surnames[m.group()]
            self._person_by_token[token.i] = person
            person.vote(self._gender_evidence(span, person), 2)
            self._events.append((token.i, person, self._weight(token), ""))

    def _gender_evidence(self, ent: Span, person: Person) -> str:
        """"Mr. Heller", "the actress Tara Reid", "White said he…", "described herself"."""
        doc = self.doc
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        words = [before, ent[0].lower_] + [w for r in person.ref.roles for w in r.split()]
        if before in _HONORIFIC_GENDER or ent[0].lower_ in _HONORIFIC_GENDER:
            return _HONORIFIC_GENDER.get(before) or _HONORIFIC_GENDER[ent[0].lower_]
        gender = gender_of_words(words)
        if gender:
            return gender
        root = ent.root
        if root.dep_ != "nsubj":
            return ""
        for child in root.head.children:
            grand = [child] + ([g for g in child.children if g.dep_ in ("nsubj", "poss")] if child.dep_ in ("ccomp", "dobj") else [])
            for t in grand:
                if t.i > root.i and (t.dep_ in ("nsubj", "poss") or t.lower_ in ("himself", "herself")):
                    if t.lower_ in MALE:
                        return "m"
                    if t.lower_ in FEMALE:
                        return "f"
        return ""

    def _weight(self, token: Token) -> float:
        if self._in_quote is not None and self._in_quote[token.i]:
            return 0.0  # a name the speaker says ("Adam and Eve…") is not the story's subject
        if in_report(token):
            # "… diplomats said Putin does not appear willing…": a name in what someone
            # reports is not who the story goes on about.
            return _REPORTED
        if token.dep_ in ("nsubj", "nsubjpass"):
            return _SUBJECT
        # "A professor of economics, Yanis Varoufakis, did not go to work": the subject too.
        if token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass"):
            return _SUBJECT
        # "O'Connor, who coproduced Reid": the subject of its own clause.
        if any(c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.tag_ == "WP" for g in c.children) for c in token.rights):
            return _SUBJECT
        return _OTHER

    def _collect_pronouns(self) -> None:
        """He and she as subjects outside quotes: resolved on the way, they keep the person
        they stand for salient ("She never regained consciousness. … she said")."""
        doc = self.doc
        if not len(doc) or not doc.has_annotation("DEP"):
            return
        strings = doc.vocab.strings
        columns = doc.to_array([LOWER, DEP])
        wanted = numpy.array([strings.add(w) for w in ("he", "she")], dtype="uint64")
        deps = numpy.array([strings.add(d) for d in ("nsubj", "nsubjpass")], dtype="uint64")
        hits = numpy.flatnonzero(numpy.isin(columns[:, 0].astype("uint64"), wanted)
                                 & numpy.isin(columns[:, 1].astype("uint64"), deps)).tolist()
        for i in hits:
            if self._in_quote is None or not self._in_quote[i]:
                self._events.append((i, None, _SUBJECT, "m" if doc[i].lower_ == "he" else "f"))

    def _collect_descriptions(self) -> None:
        """A definite description of one person as the subject of a verb that is not one of
        saying ("The frustrated prosecutor gambled… when he denied…"): who it describes is
        the subject a reader carries on with, so it counts as a mention of them. Resolved
        on the way (``_describe``); a sayer's description is resolved as a speaker."""
        doc = self.doc
        if not len(doc) or not doc.has_annotation("DEP"):
            return
        strings = doc.vocab.strings
        columns = doc.to_array([DEP, TAG]).astype("uint64")
        deps = numpy.array([strings.add(d) for d in ("nsubj", "nsubjpass")], dtype="uint64")
        hits = numpy.flatnonzero(numpy.isin(columns[:, 0], deps) & (columns[:, 1] == strings.add("NN"))).tolist()
        for i in hits:
            token = doc[i]
            if (token.pos_ != "NOUN" or not is_person_noun(token.lemma_)
                    or (self._in_quote is not None and self._in_quote[token.i])
                    or token.head.lemma_.lower() in SPEECH_VERBS or in_report(token)):
                continue  # a sayer is resolved as one; what is reported is not the story's subject
            if not any(c.lower_ in ("the", "this") or (c.dep_ == "poss" and c.pos_ != "PRON") for c in token.lefts):
                continue
            if any(t.ent_type_ for t in token.subtree):
                continue  # "the widow of Hoyt Teasley": a name in it is resolved on its own
            self._events.append((token.i, None, _SUBJECT, _DESCRIBED))

    def _describe(self, token: int) -> Person | None:
        """The person a description in the story stands for (see SpeakerResolver)."""
        return None

    @property
    def victims(self) -> set[int]:
        """id of the people the story says were killed ("shot and killed Judge Rowland
        Barnes", "murdering Julie Ann Brandau"): a description of a living sayer is not them."""
        if self._victims is None:
            self._victims = set()
            for i, person in self._person_by_token.items():
                token = self.doc[i]
                while token.dep_ in ("compound", "flat", "appos", "conj") and token.head.i != token.i:
                    token = token.head
                if token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in _KILLING:
                    self._victims.add(id(person))
        return self._victims

    def _is_place(self, name: str) -> bool:
        """A capital or a name the article tags as a place elsewhere: an organisation when
        it speaks, never a person."""
        key = fold(STRIP_DETERMINERS.sub("", name))
        return key in _SEATS_OF_GOVERNMENT or self._place_votes.get(key, 0) > 0

    @staticmethod
    def _name_tokens(ent: Span) -> list[str]:
        words = StoryPeople._name_words(ent)
        lowered = strip_titles([w.lower().rstrip(".") for w in words])
        return words[len(words) - len(lowered):] if lowered else words

    @staticmethod
    def _name_words(ent: Span) -> list[str]:
        """The words of a name as written, without punctuation or a possessive; a hyphen
        joins two into one ("Strauss-Kahn", "Deborra-Lee")."""
        words: list[str] = []
        joined = False
        for k, t in enumerate(ent):
            if t.text in ("-", "‐") and k and not ent[k - 1].whitespace_ and k + 1 < len(ent) and not t.whitespace_ \
                    and words and ent[k + 1].is_alpha:
                words[-1] += t.text  # "Strauss-Kahn", "Deborra-Lee": one word of the name
                joined = True
                continue
            if t.is_punct or t.tag_ == "POS" or t.lower_ in ("'s", "’s"):
                joined = False
                continue
            if joined:
                words[-1] += t.text
            else:
                words.append(t.text)
            joined = False
        return words

    def _find_person(self, name: str) -> Person | None:
        key = speaker_key(name)
        if key in self._people:
            return self._people[key]
        words = key.split()
        if not words:
            return None
        # Only people sharing the surname can match; the index keeps this constant-time.
        words = _without_suffix(words)
        if not words:
            return None
        short = " ".join(words)
        matches = {id(p): p for p in self._by_surname.get(words[-1], [])
                   if same_speaker(short, " ".join(_without_suffix(speaker_key(p.ref.name).split())))}
        if not matches and len(words) == 1 and not self._by_surname.get(words[0]):
            # "Margaret had become…" in a story of Margaret Quill: the one person of that given name.
            matches = self._given_name_holders(words[0])
        return next(iter(matches.values())) if len(matches) == 1 else None

    def _given_name_holders(self, word: str) -> dict[int, Person]:
        """The people named in full whose known given name is ``word`` (folded); none when
        the story writes the word as a thing too ("an Oscar nominee" beside Oscar Jackman)."""
        if re.search(rf"\b(?:(?:the|an?)\s+{re.escape(word)}\b|{re.escape(word)}s\b)", self._text, re.IGNORECASE):
            return {}
        return {id(p): p for p in self._people.values()
                if " " in p.ref.name and speaker_key(p.ref.name).split()[0] == word and given_name_gender(p.ref.name)}

    def _roles_near(self, ent: Span) -> list[str]:
        """Titles written next to a name: before it in its noun phrase, or in an apposition."""
        doc = self.doc
        roles = []
        root = ent.root
        # Everything before the name in its noun phrase: "NATO Secretary-General Jens Stoltenberg".
        left = min(root.left_edge.i, ent.start)
        while left < ent.start and (doc[left].dep_ == "det" or doc[left].is_punct):
            left += 1
        if left < ent.start:
            title = clean_alias(doc[left:ent.start].text)
            if title and any(t.is_alpha for t in doc[left:ent.start]):
                roles.append(title)
        for child in root.rights:
            if child.dep_ == "appos" and child.ent_type_ != "PERSON":  # "Olivier, Douglas Fairbanks": a list
                roles.append(clean_alias(doc[child.left_edge.i:child.right_edge.i + 1].text))
        if root.dep_ == "appos" and root.head.i < ent.start:
            head = root.head
            roles.append(clean_alias(doc[head.left_edge.i:head.i + 1].text))
        return [r for r in roles if 0 < len(r) <= 80]

    # -- salience ---------------------------------------------------------------------------
    def _mentioned(self, person: Person, token: int, weight: float) -> None:
        person.salience.append((self._sentence[token] if token < len(self._sentence) else 0, weight))
        del person.salience[:-12]
        self._recent.pop(id(person), None)
        self._recent[id(person)] = (token, person)

    def _advance(self, position: int) -> None:
        """Bring the mentions before token ``position`` into the salience of their people,
        resolving pronoun subjects on the way."""
        events = self._events
        while self._cursor < len(events) and events[self._cursor][0] < position:
            token, person, weight, gender = events[self._cursor]
            self._cursor += 1
            if gender == _SHARED:
                person = self.shared_surname_person(token)
                if person is None:
                    continue
            elif gender == _DESCRIBED:
                person = self._describe(token)
                if person is None:
                    continue
            elif person is None:
                person, clear = self._most_salient(token, gender, margin=True)
                if person is None:
                    continue
                if clear and not person.gender:
                    person.vote(gender)
            self._mentioned(person, token, weight)

    def _most_salient(self, token: int, gender: str, exclude: Person | None = None, margin: bool = False,
                      named: bool = False):
        """The person a pronoun or a descriptor at ``token`` most likely stands for. With
        ``margin``, also whether the choice is clear (twice the next one's salience, or the
        next one known to be of the other gender): only a clear choice tells a gender. With
        ``named``, only people the story names ("the star" is nobody's unnamed publicist)."""
        sentence = self._sentence[token] if token < len(self._sentence) else 0
        best, best_score, second = None, 0.0, 0.0
        for _, person in list(reversed(self._recent.values()))[:25]:
            if person is exclude or (gender and person.gender and person.gender != gender) or (
                    named and person.ref.kind != "person"):
                continue
            score = person.score(sentence)
            if score > best_score:
                best, best_score, second = person, score, best_score
            elif score > second:
                second = score
        clear = best is not None and best_score >= 2 * second
        if best is None:
            # Nobody in the last sentences: the latest person who agrees.
            best = next((p for _, p in reversed(self._recent.values())
                         if p is not exclude and not (gender and p.gender and p.gender != gender)
                         and not (named and p.ref.kind != "person")), None)
        return (best, clear) if margin else best

    def _note_person(self, person: Person, token: int, weight: float = _SAYER) -> None:
        self._advance(token)
        self._mentioned(person, token, weight)
