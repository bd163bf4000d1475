"""Who is speaking: speaker mentions resolved to one canonical speaker per article,
and name keys for merging speakers across articles.

Inside one article (``SpeakerResolver``), a mention found by the quote finder is resolved to a
``SpeakerRef``:

* a name, with or without a title ("NATO Secretary-General Jens Stoltenberg", "Stoltenberg")
  becomes the longest form of that name seen in the article ("Jens Stoltenberg"); the title
  is kept in ``roles``;
* a personal pronoun ("he said") becomes the nearest previous person, preferring people who
  were already quoted or were the subject of a main clause, and keeping to the gender a
  person was first referred to with; "it" / "they" become the organisation last quoted;
  a relative "who" becomes the noun it hangs on ("Stoltenberg, who said…");
* a definite description of a person ("the former Norwegian prime minister", "NATO's top
  civilian official", "the alliance's Secretary-General") becomes the person whose known roles
  share most words with it, or else the person most recently quoted; a person known by
  another office is never a candidate ("the Polish president" is not "Polish Defense Minister
  Mariusz Blaszczak"), and when nobody before fits, the description introduces the person
  named in full just after it ("the Polish president said… ⏎ “…,” Andrzej Duda told…");
  roles therefore come only from a title written with the name (before it or in apposition)
  or from a description resolved to that person;
* an organisation ("NATO", "a statement from NATO reads", "the statement continued")
  becomes an organisation speaker; its full name and its acronym are one speaker
  ("North Atlantic Treaty Organization", "NATO"), and "the alliance" is the organisation the
  article names most. A place that speaks ("Kyiv is calling for…", "Washington said") is an
  organisation, even where the tagger took it for a person.
  An unnamed spokesperson or official of an organisation ("a German government spokesperson
  said", "NATO officials said") is resolved to the organisation ("German government") with
  the person's function as a role ("spokesperson"): the organisation is the only identity the
  text gives, and it is what a reader compares across articles.

Across articles, ``speaker_key`` and ``same_speaker`` decide whether two names are one
speaker ("Stoltenberg", "Jens Stoltenberg", "NATO Secretary General Jens Stoltenberg").
Pure: spaCy objects in, dataclasses out; no Django.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claims.extraction.types import SpeakerRef

# Words that are a person's function, not their name. Used to strip titles from names and to
# recognise descriptions of people ("the minister", "NATO's top civilian official").
PERSON_ROLE_NOUNS = frozenset(
    """
    president vice-president vp minister secretary secretary-general general chancellor premier
    chief head leader director chair chairman chairwoman chairperson spokesman spokeswoman
    spokesperson official officer ambassador envoy diplomat governor mayor senator representative
    congressman congresswoman lawmaker legislator commissioner commander admiral colonel captain
    lieutenant sergeant major king queen prince princess emperor pope bishop cardinal judge justice
    attorney lawyer prosecutor ceo cfo founder executive manager analyst expert adviser advisor
    economist researcher scientist professor doctor candidate nominee politician adviser aide
    counsel counselor negotiator deputy member mp mep speaker chairman-elect president-elect
    prime secretary-general spokesperson-general strategist activist author journalist reporter
    editor columnist correspondent investigator inspector
    """.split()
)
# Heads that make a mention an organisation ("the ministry clarified", "the alliance said").
ORGANISATION_NOUNS = frozenset(
    """
    ministry government administration alliance department agency office committee council
    commission parliament congress senate house court army military police embassy company
    firm bank group party campaign organisation organization union authority authorities
    cabinet kremlin pentagon bureau service institute foundation board network newspaper
    outlet paper agency regime coalition
    """.split()
)
# Heads that stand for the organisation that issued them ("a statement from NATO reads").
_DOCUMENT_NOUNS = frozenset("statement release communique report letter post tweet announcement memo".split())
_UNNAMED_PERSON_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson official officials source sources representative aide".split()
)
_SPOKES = frozenset("spokesman spokeswoman spokesperson representative source sources".split())
_MALE = frozenset("he him his himself".split())
_FEMALE = frozenset("she her hers herself".split())
_PLURAL = frozenset("they them their we us our".split())
# Titles dropped from the front of a name ("Mr. Stoltenberg", "Prime Minister Jonas Gahr Støre").
_TITLE_WORDS = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady sen rep gov gen col capt lt sgt maj adm hon rev
    president vice prime minister secretary general chancellor senator governor mayor chief
    ambassador spokesman spokeswoman spokesperson former late deputy
    """.split()
)
# Words that qualify a title ("NATO Secretary-General", "U.S. Secretary of State") and are
# dropped with it only when a full name follows: "EU Commission" keeps its "EU".
_TITLE_QUALIFIERS = frozenset("nato un eu us uk u s state foreign defence defense of the".split())
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
_STRIP_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


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


def _titles_conflict(titles: set[str], person: _Person) -> bool:
    """True when a description names an office and the person is known only by others.
    A former office says nothing about the present one ("the former Norwegian prime
    minister" is NATO's Secretary-General), so it neither counts nor conflicts."""
    if not titles:
        return False
    known = {w for role in person.ref.roles if not _FORMER.search(role)
             for w in re.findall(r"\w+", _fold(role))} & _SPECIFIC_TITLES
    return bool(known) and not (known & titles)


def _fold(text: str) -> str:
    """Lowercase, strip diacritics ("Zelenskyy" / "Zelénskyy") and the possessive."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _POSSESSIVE.sub("", text.strip()).lower()


def speaker_key(name: str) -> str:
    """Normalised key of a speaker name for matching across articles.

    Case, diacritics, punctuation, possessives and titles are stripped, so
    "NATO Secretary-General Jens Stoltenberg", "Jens Stoltenberg" and "jens  stoltenberg" all
    give "jens stoltenberg". A name made only of title words ("the President") keeps them, so
    the key is never empty for a non-empty name.
    """
    words = re.findall(r"\w+", _fold(name).replace("’s ", " ").replace("'s ", " "))
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    kept = _strip_titles(words)
    return " ".join(kept or words)


def _strip_titles(words: list[str]) -> list[str]:
    """Drop leading titles: "nato secretary general jens stoltenberg" -> "jens stoltenberg"."""
    i = 0
    while i < len(words) and (words[i] in _TITLE_WORDS or (words[i] in _TITLE_QUALIFIERS and len(words) - i > 2)):
        i += 1
    return words[i:]


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in ("of", "the", "and", "for", "on"))


def same_speaker(a: str, b: str) -> bool:
    """True when two names denote the same speaker.

    Equal keys, or one key being the tail of the other: a surname mention ("Stoltenberg")
    matches the full name ("Jens Stoltenberg"), and "Biden" matches "Joe Biden". A first name
    alone ("Jens") does not match, because news text refers to people by surname. An acronym
    matches the name it abbreviates ("NATO", "North Atlantic Treaty Organization").
    """
    ka, kb = speaker_key(a).split(), speaker_key(b).split()
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long = (ka, kb) if len(ka) < len(kb) else (kb, ka)
    # "NATO" and "North Atlantic Treaty Organization".
    if len(short) == 1 and len(long) >= 2 and short[0] == _initials(long):
        return True
    return long[-len(short):] == short


def speaker_match(name: str, known: Iterable[str]) -> str | None:
    """The one known name that ``name`` denotes, or None when none or several match.

    ``speaker_match("Stoltenberg", ["Jens Stoltenberg", "Antony Blinken"])`` is
    "Jens Stoltenberg"; an ambiguous surname ("Smith" with two known Smiths) gives None, so
    the caller keeps it as a separate speaker rather than merging two people.
    """
    exact = [k for k in known if speaker_key(k) == speaker_key(name)]
    if exact:
        return exact[0]
    matches = {speaker_key(k): k for k in known if same_speaker(name, k)}
    return next(iter(matches.values())) if len(matches) == 1 else None


@dataclass
class _Person:
    ref: SpeakerRef
    gender: str = ""  # "m" / "f" once a pronoun of that gender has been resolved to them

    def role_words(self) -> set[str]:
        return {w for role in self.ref.roles for w in re.findall(r"\w+", _fold(role))}


def mention_span(token: Token) -> Span:
    """The noun phrase headed by ``token``, without trailing clauses.

    "NATO Secretary-General Jens Stoltenberg, who took office in 2014," gives "NATO
    Secretary-General Jens Stoltenberg": relative clauses and appositions after a comma are
    description, not the mention.
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


class SpeakerResolver:
    """Resolves speaker mentions of one article, in reading order.

    Call ``resolve`` in the order mentions appear: pronouns and descriptions refer back to
    the people seen so far, including the speakers resolved before.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._ents = list(doc.ents)
        self._people: dict[str, _Person] = {}  # name key -> person
        self._by_surname: dict[str, list[_Person]] = {}
        self._orgs: dict[str, SpeakerRef] = {}
        self._person_by_token: dict[int, _Person] = {}
        self._last_speaker: SpeakerRef | None = None
        self._resolved: list[SpeakerRef] = []
        # (token index, person) for every name in the article, in reading order; resolution
        # walks it once with a cursor, keeping people ordered by their latest mention.
        self._events: list[tuple[int, _Person, bool]] = []
        self._full_names: set[int] = set()  # token indexes where a name is written in full
        self._cursor = 0
        self._recent: dict[int, tuple[int, _Person]] = {}
        self._prominent: dict[int, tuple[int, _Person]] = {}  # same, for subjects and speakers
        self._org_counts: dict[str, int] = {}
        # Names the article tags as a place more often than as a person: "Kyiv" tagged PERSON
        # in one sentence is still the city (and its government) it is elsewhere, while one
        # "Ginsburg" tagged GPE does not make the justice a place.
        self._place_votes: dict[str, int] = {}
        for ent in self._ents:
            if ent.label_ == "ORG":
                self._org_counts[ent.text] = self._org_counts.get(ent.text, 0) + 1
            elif ent.label_ in _PLACE_LABELS or ent.label_ == "PERSON":
                key = _fold(_STRIP_DETERMINERS.sub("", ent.text))
                self._place_votes[key] = self._place_votes.get(key, 0) + (1 if ent.label_ in _PLACE_LABELS else -1)
        self._collect_people()
        self._events.sort(key=lambda e: e[0])

    # -- article survey -------------------------------------------------------------------
    def _collect_people(self) -> None:
        ents = [e for e in self._ents if e.label_ == "PERSON"]
        # Longest forms first, so that "Stoltenberg" joins "Jens Stoltenberg".
        for ent in sorted(ents, key=lambda e: -len(self._name_tokens(e))):
            words = self._name_tokens(ent)
            if not words or self._is_place(" ".join(words)):
                continue
            if len(ent) == 1 and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN" \
                    and not self._by_surname.get(speaker_key(words[0])):
                # "Patriot air defense units": a lone word modifying a noun names a thing,
                # unless it is the surname of someone named in full ("the Clinton campaign").
                continue
            name = " ".join(words)
            person = self._find_person(name)
            if person is None:
                person = _Person(SpeakerRef(name=name, kind="person"))
                self._people[speaker_key(name)] = person
                if speaker_key(name):
                    self._by_surname.setdefault(speaker_key(name).split()[-1], []).append(person)
            if ent.text not in person.ref.aliases:
                person.ref.aliases.append(ent.text)
            for role in self._roles_near(ent):
                if role not in person.ref.roles:
                    person.ref.roles.append(role)
            # A name that is the subject of a main clause is someone the story is about;
            # a name inside a reported clause or a prepositional phrase is not a likely
            # antecedent of a later "he said".
            prominent = ent.root.dep_ in ("nsubj", "nsubjpass") and ent.root.head.dep_ == "ROOT"
            self._events.append((ent.start, person, prominent))
            if len(words) > 1:
                self._full_names.add(ent.start)
            for t in ent:
                self._person_by_token[t.i] = person

    def _is_place(self, name: str) -> bool:
        """A capital or a name the article tags as a place elsewhere: an organisation when
        it speaks, never a person."""
        key = _fold(_STRIP_DETERMINERS.sub("", name))
        return key in _SEATS_OF_GOVERNMENT or self._place_votes.get(key, 0) > 0

    @staticmethod
    def _name_tokens(ent: Span) -> list[str]:
        words = [t.text for t in ent if not t.is_punct and t.tag_ != "POS" and t.lower_ not in ("'s", "’s")]
        lowered = _strip_titles([w.lower().rstrip(".") for w in words])
        return words[len(words) - len(lowered):] if lowered else words

    def _find_person(self, name: str) -> _Person | None:
        key = speaker_key(name)
        if key in self._people:
            return self._people[key]
        words = key.split()
        if not words:
            return None
        # Only people sharing the surname can match; the index keeps this constant-time.
        matches = [p for p in self._by_surname.get(words[-1], []) if same_speaker(name, p.ref.name)]
        return matches[0] if len(matches) == 1 else None

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
            title = _STRIP_DETERMINERS.sub("", doc[left:ent.start].text).strip(" ,-")
            if title and any(t.is_alpha for t in doc[left:ent.start]):
                roles.append(title)
        for child in root.rights:
            if child.dep_ == "appos":
                roles.append(_STRIP_DETERMINERS.sub("", doc[child.left_edge.i:child.right_edge.i + 1].text).strip(" ,"))
        if root.dep_ == "appos" and root.head.i < ent.start:
            head = root.head
            roles.append(_STRIP_DETERMINERS.sub("", doc[head.left_edge.i:head.i + 1].text).strip(" ,"))
        return [r for r in roles if 0 < len(r) <= 80]

    # -- resolution ---------------------------------------------------------------------
    def resolve(self, mention: Span) -> SpeakerRef | None:
        """Resolve a mention (a Span of the article's Doc) to its speaker, or None."""
        if len(mention) == 0:
            return None
        root = mention.root
        ref = self._resolve(mention, root)
        if ref is not None:
            if mention.text not in ref.aliases and root.pos_ != "PRON":
                ref.aliases.append(mention.text)
            self._last_speaker = ref
            if not any(r is ref for r in self._resolved):
                self._resolved.append(ref)
        return ref

    def _resolve(self, mention: Span, root: Token) -> SpeakerRef | None:
        lower = root.lower_
        if root.tag_ in ("WP", "WDT") and root.head.dep_ in ("relcl", "acl") and root.head.head.i != root.i:
            # "Stoltenberg, who took office in 2014, said…" -> the noun "who" stands for.
            antecedent = root.head.head
            if antecedent.pos_ in ("PROPN", "NOUN", "PRON"):
                return self._resolve(mention_span(antecedent), antecedent)
            return None
        if root.pos_ == "PRON" or lower in _MALE | _FEMALE | _PLURAL:
            return self._resolve_pronoun(mention, lower)
        # A statement, release or tweet speaks for whoever issued it.
        if root.lemma_.lower() in _DOCUMENT_NOUNS:
            for child in root.rights:
                if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return self._resolve(mention_span(obj), obj)
            # "the statement continued": the organisation whose statement was quoted.
            if self._last_speaker is not None and self._last_speaker.kind == "organisation":
                return self._last_speaker
        # "Stoltenberg" alone, where the tagger missed the name (or took it for a place).
        if root.pos_ == "PROPN":
            person = self._find_person(" ".join(t.text for t in mention if t.i <= root.i and t.pos_ == "PROPN"))
            if person is not None:
                self._note_person(person, mention.start)
                return person.ref
            # "Kyiv is calling for…", "Washington said": a place speaks for its government.
            if (root.ent_type_ in _PLACE_LABELS or self._is_place(mention.text)) and self._person_in(mention) is None:
                return self._organisation(mention.text)
        person = self._person_in(mention)
        if person is not None:
            self._note_person(person, mention.start)
            return person.ref
        return self._resolve_description(mention, root)

    def _person_in(self, mention: Span) -> _Person | None:
        for t in mention:
            person = self._person_by_token.get(t.i)
            if person is not None:
                return person
        return None

    def _note_person(self, person: _Person, position: int) -> None:
        self._advance(position)
        for order in (self._recent, self._prominent):
            order.pop(id(person), None)
            order[id(person)] = (position, person)

    def _advance(self, position: int) -> None:
        """Bring the people named before ``position`` into the recency order."""
        events = self._events
        while self._cursor < len(events) and events[self._cursor][0] < position:
            pos, person, prominent = events[self._cursor]
            self._recent.pop(id(person), None)
            self._recent[id(person)] = (pos, person)
            if prominent:
                self._prominent.pop(id(person), None)
                self._prominent[id(person)] = (pos, person)
            self._cursor += 1

    def _recent_people(self, position: int, limit: int = 25, prominent: bool = False) -> list[tuple[int, _Person]]:
        """People named before ``position``, most recent first (bounded, so resolution stays linear)."""
        self._advance(position)
        out = []
        for pos, person in reversed((self._prominent if prominent else self._recent).values()):
            out.append((pos, person))
            if len(out) >= limit:
                break
        return out

    def _resolve_pronoun(self, mention: Span, lower: str) -> SpeakerRef | None:
        if lower in _PLURAL or lower in ("it", "its"):
            # "it added", "they said" after an organisation was quoted.
            if self._last_speaker is not None and self._last_speaker.kind == "organisation":
                return self._last_speaker
            return None
        if lower not in _MALE | _FEMALE:
            return None  # "I", "you", "it" outside a quote: not resolvable to a speaker here
        gender = "m" if lower in _MALE else "f"
        # The latest person quoted or made the subject of a sentence, not the latest name:
        # in "Putin does not appear willing…, diplomats said. “Most wars end…,” he said",
        # "he" is the secretary-general quoted before, not Putin.
        candidates = [(pos, p) for pos, p in self._recent_people(mention.start, prominent=True)
                      if not p.gender or p.gender == gender]
        candidates = candidates or [(pos, p) for pos, p in self._recent_people(mention.start)
                                    if not p.gender or p.gender == gender]
        if not candidates:
            return None
        best = candidates[0][1]
        best.gender = best.gender or gender
        self._note_person(best, mention.start)
        return best.ref

    def _resolve_description(self, mention: Span, root: Token) -> SpeakerRef | None:
        words = [t for t in mention if not t.is_punct]
        head = root.lemma_.lower()
        text = _STRIP_DETERMINERS.sub("", mention.text.replace("\"", "").replace("“", "").replace("”", "")).strip()
        org_tokens = [t for t in mention if t.ent_type_ in ("ORG", "GPE", "NORP") and t.i != root.i]
        definite = any(t.lower_ in ("the", "this", "that") or t.dep_ == "poss" for t in root.lefts)
        plural = root.tag_ in ("NNS", "NNPS")
        if root.ent_type_ in ("ORG", "GPE", "NORP") and root.pos_ == "PROPN":
            return self._organisation(text)
        # "the NATO spokesperson" is still nobody in particular; "the top official" may be.
        if head in _UNNAMED_PERSON_NOUNS and (not definite or plural or head in _SPOKES):
            # "a German government spokesperson", "NATO officials": the organisation speaks.
            org_words = [t for t in mention if t.i < root.i and t.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod")
                         and (t.ent_type_ or t.lemma_.lower() in ORGANISATION_NOUNS or t.pos_ == "PROPN")]
            for child in root.rights:
                if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
                    objs = [o for o in child.children if o.dep_ == "pobj"]
                    if objs:
                        org = _STRIP_DETERMINERS.sub("", mention_span(objs[0]).text)
                        return self._organisation(org, role=head)
            if org_words:
                org = " ".join(_POSSESSIVE.sub("", t.text) for t in self.doc[org_words[0].i:root.i] if t.tag_ != "POS")
                return self._organisation(org.strip(), role=head)
            return SpeakerRef(name=text, kind="unknown", roles=[head])
        # "A major civil rights group" is no military major.
        if head in PERSON_ROLE_NOUNS or any(t.lower_ in PERSON_ROLE_NOUNS and t.pos_ != "ADJ" for t in words):
            if plural:
                return SpeakerRef(name=text, kind="unknown")
            person = self._person_for_description(mention)
            if person is not None:
                if text not in person.ref.roles and len(text) <= 80:
                    person.ref.roles.append(text)
                self._note_person(person, mention.start)
                return person.ref
            return SpeakerRef(name=text, kind="unknown", roles=[text])
        if head in ("alliance", "organization", "organisation", "bloc") and definite and not org_tokens and self._org_counts:
            # "the alliance", "the military alliance": the organisation the article is about.
            return self._organisation(max(self._org_counts, key=self._org_counts.get))
        if head in ORGANISATION_NOUNS or org_tokens or root.ent_type_ in ("ORG", "GPE", "NORP"):
            return self._organisation(text)
        if root.pos_ == "PROPN":
            return SpeakerRef(name=text, kind="unknown")
        return SpeakerRef(name=text, kind="unknown") if text else None

    def _person_for_description(self, mention: Span) -> _Person | None:
        """The person a description like "the alliance's Secretary-General" refers to:
        the recent person whose roles share most words with it; ties go to the person last
        quoted, then to the most recent. A person known by another title is not a candidate
        ("the Polish president" is not "Polish Defense Minister Mariusz Blaszczak"); when
        nobody before fits, the description may introduce the next person named, within the
        next paragraph ("On Friday, the Polish president said… ⏎ “…,” Andrzej Duda told…")."""
        words = set(re.findall(r"\w+", _fold(mention.text))) - {"the", "a", "an", "of", "s", "former", "top"}
        titles = set() if _FORMER.search(mention.text) else words & _SPECIFIC_TITLES
        scored = []
        for pos, person in self._recent_people(mention.start):
            if _titles_conflict(titles, person):
                continue
            overlap = len(words & person.role_words())
            scored.append((overlap, person.ref is self._last_speaker, pos, person))
        if scored:
            scored.sort(key=lambda s: s[:3], reverse=True)
            return scored[0][3]
        # "the Polish president" may be named just after; "a judge" is someone new, and
        # "Chad's ambassador" is known by the country alone.
        definite = any(t.lower_ == "the" for t in mention.root.lefts)
        return self._person_named_next(mention, titles) if definite else None

    def _person_named_next(self, mention: Span, titles: set[str]) -> _Person | None:
        doc = self.doc
        newlines = 0
        k = bisect_left(self._events, mention.end, key=lambda e: e[0])
        for i in range(mention.end, min(len(doc), mention.end + 120)):
            if k < len(self._events) and self._events[k][0] == i:
                # Only a full name introduces someone: "Andrzej Duda", not "Duda".
                person = self._events[k][1]
                full = i in self._full_names
                return person if full and not _titles_conflict(titles, person) else None
            newlines += doc[i].text.count("\n") + doc[i].whitespace_.count("\n")
            if newlines > 1:
                return None
            while k < len(self._events) and self._events[k][0] <= i:
                k += 1
        return None

    def _organisation(self, name: str, role: str | None = None) -> SpeakerRef:
        name = _STRIP_DETERMINERS.sub("", name).strip()
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
