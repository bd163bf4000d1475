"""Speaker names: the word lists that tell a name from a title or a description, and name
keys for deciding whether two names are one speaker across articles.

``speaker_key`` and ``same_speaker`` decide whether two names are one speaker ("Stoltenberg",
"Jens Stoltenberg", "NATO Secretary General Jens Stoltenberg"); ``clean_alias`` keeps only the
name or description a mention writes ("The statement", "German Defense Minister Christine
Lambrecht on Thursday" are not aliases). Pure: strings in, strings out.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import import_module

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
    editor columnist correspondent investigator inspector gm
    exec prexy topper veep honcho
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
# Titles dropped from the front of a name ("Mr. Stoltenberg", "Prime Minister Jonas Gahr Støre").
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady sen rep gov gen col capt lt sgt maj adm hon rev
    president vice prime minister secretary general chancellor senator governor mayor chief
    ambassador spokesman spokeswoman spokesperson former late deputy
    """.split()
)
# Words that qualify a title ("NATO Secretary-General", "U.S. Secretary of State") and are
# dropped with it only when a full name follows: "EU Commission" keeps its "EU".
_TITLE_QUALIFIERS = frozenset("nato un eu us uk u s state foreign defence defense of the".split())

STRIP_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def fold(text: str) -> str:
    """Lowercase, strip diacritics ("Zelenskyy" / "Zelénskyy") and the possessive."""
    if not text.isascii():  # ASCII has neither decompositions nor combining marks
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return POSSESSIVE.sub("", text.strip()).lower()


@lru_cache(maxsize=16384)  # an article asks for the keys of the same few names again and again
def speaker_key(name: str) -> str:
    """Normalised key of a speaker name for matching across articles.

    Case, diacritics, punctuation, possessives and titles are stripped, so
    "NATO Secretary-General Jens Stoltenberg", "Jens Stoltenberg" and "jens  stoltenberg" all
    give "jens stoltenberg". A name made only of title words ("the President") keeps them, so
    the key is never empty for a non-empty name.
    """
    words = re.findall(r"\w+", fold(name).replace("’s ", " ").replace("'s ", " "))
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    kept = strip_titles(words)
    return " ".join(kept or words)


def strip_titles(words: list[str]) -> list[str]:
    """Drop leading titles: "nato secretary general jens stoltenberg" -> "jens stoltenberg",
    "coroner fred corral" -> "fred corral" (a function written as a title keeps a name after it)."""
    i = 0
    # "secretary of the interior dirk kempthorne", "minister of finance yanis varoufakis": an
    # office's "of" phrase goes with the title when a name of two words or more follows it.
    office = re.fullmatch(r"((?:\S+ )*?(?:secretary|minister|director|chairman|head|chief) of (?:the )?\S+) (\S+ \S+.*)",
                          " ".join(words))
    if office and all(w in TITLE_WORDS or w in _TITLE_QUALIFIERS or w in PERSON_ROLE_NOUNS
                      for w in office.group(1).split()[:-1]):
        return strip_titles(office.group(2).split())
    while i < len(words) and (words[i] in TITLE_WORDS or (words[i] in _TITLE_QUALIFIERS and len(words) - i > 2)
                              or (words[i] in _FUNCTION_TITLES and len(words) - i > 1)
                              # "Comedian Ellen DeGeneres", not "Star Jones"
                              or (words[i] in TOPIC_DESCRIPTORS and len(words) - i > 2)):
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
    # "NATO" and "North Atlantic Treaty Organization"; "THR" and "The Hollywood Reporter", whose
    # key has lost its article.
    if len(short) == 1 and len(long) >= 2 and short[0] in (_initials(long), "t" + _initials(long)):
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

# Nouns that describe a person by what they do or are, beside the offices above: "the star",
# "the actress", "the 33-year-old", "the Kentucky Republican" refer to someone the story names.
# Of these, the ones that describe whom the story is about (its subject, so the most salient
# person): "the star", "the 33-year-old", "the Kentucky Republican", "the convicted killer".
TOPIC_DESCRIPTORS = frozenset(
    """
    star actress actor singer rapper musician model host comedian player athlete striker goalkeeper
    pitcher quarterback driver rider boxer fighter champion victim suspect defendant killer gunman
    man woman boy girl teenager billionaire entrepreneur republican democrat conservative liberal
    veteran legend icon heiress socialite starlet
    """.split()
)
# The others name a function, someone the story brings in: "the coroner", "a neighbour".
PERSON_DESCRIPTORS = TOPIC_DESCRIPTORS | frozenset(
    """
    coach witness survivor mother father wife husband son daughter brother sister widow widower
    friend neighbour neighbor resident owner publicist agent rep representative producer writer artist
    director filmmaker designer businessman businesswoman nurse officer detective sheriff firefighter
    pilot student teacher coroner medic paramedic doctor surgeon lawyer pensioner retiree farmer
    """.split()
)
_DESCRIPTOR_SUFFIXES = ("-year-old", "year-old")
# Nouns for people in numbers, what a count of people is a count of ("15 civilians", "two
# passengers").
PEOPLE_NOUNS = frozenset(
    """
    person people civilian resident child soldier troop adult woman man citizen victim passenger
    worker casualty fighter serviceman student patient persons children men women
    """.split()
)
# Nouns of agents by their ending: "protesters", "demonstrators", "tourists", "civilians",
# "migrants", "refugees".
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ee")


@lru_cache(maxsize=8192)
def names_people(lemma: str) -> bool:
    """Whether a noun can name people (a role, a description, a noun of people in numbers, a
    noun of agents by its ending): "15 people" may be "15 protesters", never "2,000 tents"."""
    lemma = lemma.lower()
    return lemma in PEOPLE_NOUNS or is_person_noun(lemma) or (len(lemma) > 4 and lemma.endswith(_AGENT_ENDINGS))
# Descriptions that tell a person's gender ("the actress said"): a pronoun agrees with them.
FEMALE_NOUNS = frozenset(
    "actress woman girl mother wife daughter sister widow spokeswoman chairwoman congresswoman businesswoman "
    "queen princess lady mrs ms miss madam dame grandmother aunt niece heiress waitress hostess".split()
)
MALE_NOUNS = frozenset(
    "actor man boy father husband son brother widower spokesman chairman congressman businessman king prince "
    "lord mr sir grandfather uncle nephew heir waiter host".split()
)
# Things that "say" only for whoever issued them: never a speaker themselves.
DOCUMENT_NOUNS = frozenset(
    """
    statement release communique communiqué report letter post tweet announcement memo readout declaration
    suit lawsuit complaint filing document documents study survey poll discussions talks affidavit
    indictment ruling order motion petition notice email e-mail message website site video decree
    story article biography bio blog memorandum transcript editorial count tally
    """.split()
)


_FUNCTION_TITLES = PERSON_ROLE_NOUNS | (PERSON_DESCRIPTORS - TOPIC_DESCRIPTORS)


def is_topic_descriptor(lemma: str) -> bool:
    lemma = lemma.lower()
    return lemma in TOPIC_DESCRIPTORS or lemma.endswith(_DESCRIPTOR_SUFFIXES)


def is_person_noun(lemma: str) -> bool:
    """A noun that names a person by function or description ("minister", "star", "33-year-old")."""
    lemma = lemma.lower()
    return lemma in PERSON_ROLE_NOUNS or lemma in PERSON_DESCRIPTORS or lemma.endswith(_DESCRIPTOR_SUFFIXES)


_ALIAS_TAIL = re.compile(
    r"(?:,|\s+(?:on|in|at|last|this|next|early|late|earlier|later)\b).*?"
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|morning|"
    r"afternoon|evening|night|week|month|year|\d{4})\b.*$",
    re.IGNORECASE,
)


def clean_alias(text: str) -> str:
    """The name or description a mention writes, without a leading determiner or a trailing
    time ("The statement" -> "statement"; "German Defense Minister Christine Lambrecht on
    Thursday" -> "German Defense Minister Christine Lambrecht")."""
    text = " ".join(text.split()).strip(" ,;:\"“”'‘’")
    text = _ALIAS_TAIL.sub("", text).strip(" ,")
    return STRIP_DETERMINERS.sub("", text).strip()


# English-speaking locales whose person providers list given names by gender.
_NAME_LOCALES = ("en_US", "en_GB", "en_IE", "en_NZ", "en_IN")
# A name at least this many other countries' lists give to the other gender is of either:
# "Dominique" (Strauss-Kahn), "Andrea", "Nicola", "Jean" are men's names in French or Italian.
_OTHER_LOCALES_TO_DOUBT = 2


@lru_cache(maxsize=1)
def _given_names() -> tuple[frozenset[str], frozenset[str]]:
    """Faker's lists of female and male given names (from census and birth-register data),
    read once per process; empty when Faker is not installed. A name is kept for one gender
    when the English-speaking lists give it that gender only and fewer than
    _OTHER_LOCALES_TO_DOUBT of the other countries' lists give it the other one."""
    female: set[str] = set()
    male: set[str] = set()
    elsewhere = {"f": Counter(), "m": Counter()}  # name -> how many other locales give it that gender
    try:
        from faker.config import AVAILABLE_LOCALES
    except ImportError:
        return frozenset(), frozenset()
    for locale in AVAILABLE_LOCALES:
        try:
            provider = import_module(f"faker.providers.person.{locale}").Provider
        except ImportError:
            continue
        names = {"f": {n.lower() for n in getattr(provider, "first_names_female", ())},
                 "m": {n.lower() for n in getattr(provider, "first_names_male", ())}}
        if locale in _NAME_LOCALES:
            female.update(names["f"])
            male.update(names["m"])
        else:
            for gender, given in names.items():
                elsewhere[gender].update(given)
    doubted = {gender: {n for n, count in counts.items() if count >= _OTHER_LOCALES_TO_DOUBT}
               for gender, counts in elsewhere.items()}
    return frozenset(female - male - doubted["m"]), frozenset(male - female - doubted["f"])


def given_name_gender(name: str) -> str:
    """"f" or "m" when the first word of a full name is a given name of one gender only
    ("Mark Roesler" -> "m", "Tara Reid" -> "f"); "" for a surname alone, a name used for
    both ("Jordan", "Kelly") or one the lists do not hold."""
    words = name.split()
    if len(words) < 2:
        return ""
    female, male = _given_names()
    first = words[0].lower().rstrip(".")
    return "f" if first in female else "m" if first in male else ""
