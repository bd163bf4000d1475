"""Event first: which articles report the same event, and where and when events happened.

Stories. Facts are compared only between articles that report the same event or occasion.
Two articles report one event when the names they are written around (people, places,
organisations, weighted by how rare they are among the articles) are alike, and, when both
are dated, they appeared within STORY_DAYS of each other: articles weeks apart about two
earthquakes, two polls or two meetings never share a fact. Each article joins the story of
the one earlier article it is most like (if alike enough), so an article's story is decided
when it arrives: matching one new article gives the same stories as matching everything
again. One arriving article may join two stories: an article as alike as BRIDGE_SIMILARITY
to articles of two stories (the Woodburn bank bombing told first in a roundup of the day's
news, then by its own reports) tells one story of them both, and the later of the two
stories is merged into the earlier (its articles take the earlier story's id).

Event reports. A sentence naming a meeting, vote, ceremony... with a place ("in Bucharest")
or a date ("on Nov 29-30") beside it is one report of that event's place and time; reports
in one story are compared, places through the gazetteer (a city agrees with its country).
An undated report is of the time its article appeared, and one in an undated article meets
only reports as undated as itself (`_times_fit`): an undated "elections in Turkmenistan" is
not the election "planned for December 15, 2013".
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from claims.matching.places import VENUE_RE, places_agree, places_named, venues_agree
from claims.matching.types import CONFLICTING, CONSISTENT, ArticleText, EventMention, GroupMention, GroupPlan
from claims.matching.words import MONTHS, STOP, WEEKDAYS, lemma, names_in

# How alike two articles' names must be (cosine of rarity-weighted name counts).
STORY_SIMILARITY = 0.2
# Articles this alike are about related events: a fact may be told in both (NATO's member
# count in reports of two NATO meetings), when both name it with the same figure.
RELATED_SIMILARITY = 0.1
# An arriving article this alike to articles of two stories joins them (the module's docstring).
BRIDGE_SIMILARITY = 0.4
# Articles further apart than this (both dated) report different events.
STORY_DAYS = 10
# Names kept per article: the most frequent ones carry what the story is about.
PROFILE_NAMES = 40
# Candidate articles share one of the article's rarest names, this many of them; names held
# by more articles than COMMON_NAME_ARTICLES find no candidates.
CANDIDATE_NAMES = 12
COMMON_NAME_ARTICLES = 300


@dataclass(frozen=True)
class ArticleProfile:
    id: int
    outlet: str
    published: date | None
    names: dict[str, float]  # name -> count in the article


def article_profile(article: ArticleText) -> ArticleProfile:
    counts: Counter[str] = Counter()
    for name in names_in(article.body):
        counts[name] += 1
        parts = name.split()
        if len(parts) > 1:
            counts[parts[-1]] += 1  # "Brian Nichols" is later "Nichols"
    top = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:PROFILE_NAMES])
    return ArticleProfile(article.id, article.outlet_key, article.published, {k: float(v) for k, v in top.items()})


def weights(profile: ArticleProfile, idf: Callable[[str], float]) -> dict[str, float]:
    vector = {name: (1 + math.log(count)) * idf(name) for name, count in profile.names.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {k: v / norm for k, v in vector.items()}


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def close_in_time(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= STORY_DAYS


@dataclass
class StoryIndex:
    """Stories of the articles seen so far; `add` places one more article.

    `doc_freq` counts, per name, the articles holding it (with `total` articles): rare
    names weigh more. The service passes counts read from the database; `stories()` counts
    its own articles.
    """

    doc_freq: Callable[[str], int]
    total: int
    story_of: dict[int, int] = field(default_factory=dict)
    _members: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    _vectors: dict[int, dict[str, float]] = field(default_factory=dict)
    _dates: dict[int, date | None] = field(default_factory=dict)
    _holders: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _idf: dict[str, float] = field(default_factory=dict)

    def idf(self, name: str) -> float:
        # A story's articles share their names: each name's weight is worked out once.
        known = self._idf.get(name)
        if known is None:
            known = self._idf[name] = math.log((self.total + 1) / (self.doc_freq(name) + 1)) + 1.0
        return known

    def add(self, profile: ArticleProfile, *, story: int | None = None) -> int:
        """Place an article in a story (the given one, when already decided) and return it."""
        vector = weights(profile, self.idf)
        if story is None:
            story, joined = self.best_story(profile, vector)
            for other in joined:
                self.merge(other, into=story)
        self.story_of[profile.id] = story
        self._members[story].append(profile.id)
        self._vectors[profile.id] = vector
        self._dates[profile.id] = profile.published
        for name in profile.names:
            self._holders[name].append(profile.id)
        return story

    def merge(self, story: int, *, into: int) -> None:
        """The articles of one story now tell another."""
        for article in self._members.pop(story, ()):
            self.story_of[article] = into
            self._members[into].append(article)

    def best_story(self, profile: ArticleProfile, vector: dict[str, float] | None = None) -> tuple[int, set[int]]:
        """The story the article tells, and the other stories it joins to that one (stories
        it is as alike as BRIDGE_SIMILARITY to: merged into the returned story, the earliest)."""
        vector = vector if vector is not None else weights(profile, self.idf)
        candidates: set[int] = set()
        # Candidates share one of the article's rarest names; a name in very many articles
        # ("Washington") finds too many to compare and says little about the story.
        for name in sorted(vector, key=lambda n: -vector[n])[:CANDIDATE_NAMES]:
            holders = self._holders.get(name, ())
            if len(holders) <= COMMON_NAME_ARTICLES:
                candidates.update(holders)
        best, best_score = profile.id, STORY_SIMILARITY
        bridged: set[int] = set()
        for other in sorted(candidates):
            if other == profile.id or not close_in_time(profile.published, self._dates.get(other)):
                continue
            score = similarity(vector, self._vectors[other])
            if score > best_score:
                best, best_score = self.story_of[other], score
            if score >= BRIDGE_SIMILARITY:
                bridged.add(self.story_of[other])
        if best == profile.id or len(bridged | {best}) == 1:
            return best, set()
        joined = bridged | {best}
        story = min(joined)
        return story, joined - {story}


    def published(self, a: int) -> date | None:
        """The article's date, when known."""
        return self._dates.get(a)

    def close(self, a: int, b: int) -> bool:
        """Whether two articles appeared near enough in time to report one event."""
        return close_in_time(self._dates.get(a), self._dates.get(b))

    def alike(self, a: int, b: int) -> float:
        """How alike two articles' names are (0..1), directly, not through their stories."""
        if a == b:
            return 1.0
        if a not in self._vectors or b not in self._vectors:
            return 0.0
        return similarity(self._vectors[a], self._vectors[b])

    def related(self, a: int, b: int) -> bool:
        """Two articles about related events (coverage of one subject, close in time): their
        facts may be one fact when they name the same thing with the same figure."""
        if a not in self._vectors or b not in self._vectors:
            return False
        if not close_in_time(self._dates.get(a), self._dates.get(b)):
            return False
        return similarity(self._vectors[a], self._vectors[b]) >= RELATED_SIMILARITY


def story_index(articles: Iterable[ArticleText], story_of: dict[int, int] | None = None) -> StoryIndex:
    """The stories of these articles, in arrival (id) order; `story_of` keeps stories already
    decided (the service's), deciding only the others."""
    story_of = story_of or {}
    profiles = [article_profile(a) for a in sorted(articles, key=lambda a: a.id)]
    df: Counter[str] = Counter(n for p in profiles for n in p.names)
    index = StoryIndex(doc_freq=lambda name: df.get(name, 0), total=len(profiles))
    for profile in profiles:
        index.add(profile, story=story_of.get(profile.id))
    return index


def stories(articles: Iterable[ArticleText]) -> dict[int, int]:
    """Article id -> story id (the id of the story's first article), in arrival (id) order."""
    return story_index(articles).story_of


# --- where and when events happened ---------------------------------------------------------

_EVENT_NOUNS = {
    "meeting": "meeting", "meetings": "meeting", "summit": "meeting", "conference": "meeting",
    "talks": "meeting", "ministerial": "meeting", "town hall": "meeting",
    "election": "vote", "elections": "vote", "referendum": "vote", "vote": "vote", "primary": "vote",
    "primaries": "vote", "caucus": "vote", "caucuses": "vote",
    "ceremony": "ceremony", "rally": "rally", "protest": "rally", "debate": "debate", "convention": "convention",
    "awards": "ceremony", "speech": "speech",
}
# Plurals of the nouns of one-off occasions ("rallies in Miami", "the debates at Hofstra"); not
# of votes and meetings, whose plurals count ("5,000 votes in Ohio").
_EVENT_NOUNS |= {
    plural: kind for noun, kind in list(_EVENT_NOUNS.items()) if kind in {"ceremony", "rally", "debate", "speech"}
    and not noun.endswith("s") for plural in [noun[:-1] + "ies" if noun.endswith("y") else noun + ("es" if noun.endswith("ch") else "s")]
}
_EVENT_RE = re.compile(r"\b(" + "|".join(sorted(_EVENT_NOUNS, key=len, reverse=True)) + r")\b", re.I)
_PLACE_RE = re.compile(r"\b(?:in|at)\s+((?:[A-Z][a-z]+)(?:[ -][A-Z][a-z]+)?)")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_RE = re.compile(
    r"\b(" + _MONTH_NAMES + r")\.?\s+(\d{1,2})\b(?:\s*[-\u2013]\s*(\d{1,2})\b)?"
    r"|\b(\d{1,2})(?:\s*[-\u2013]\s*(\d{1,2}))?\s+(" + _MONTH_NAMES + r")\b",
    re.I,
)
_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+[\u201d\"']?|$)")
# Words whose period ends no sentence: "at 200 W. American Blvd.", "on Interstate 75 in
# Saginaw, Mich.", "115th St. and 101st Ave.".
# A title or an initial goes on always ("Mr. Smith", "200 W. American"), a street or a state
# when the next word is no sentence's first ("115th St. and 101st Ave.").
_TITLES = frozenset("mr mrs ms dr gov sen rep gen lt col sgt det mt ft st".split())
_ABBREVIATED = frozenset(
    "st ave av blvd rd ln hwy no jr sr calif tenn fla mich ore wash tex ariz colo conn mass minn penn ky ill ind kan okla "
    "nev neb wis ala ark ga md mo va vt wyo".split()
)


class _Sentence:
    """A sentence of an article body: its text and where it starts."""

    __slots__ = ("text", "begin")

    def __init__(self, text: str, begin: int) -> None:
        self.text, self.begin = text, begin

    def group(self, _: int = 0) -> str:
        return self.text

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.begin + len(self.text)


def _sentences(body: str) -> Iterable[_Sentence]:
    """The body's sentences, an abbreviation's period ("W.", "Ave.", "Calif.") ending none
    when the sentence goes on."""
    begin = None
    for sm in _SENTENCE_RE.finditer(body):
        if begin is None:
            begin = sm.start()
        text = sm.group(0)
        last = re.search(r"(\w+)\.$", text)
        after = re.match(r" (\S)", body[sm.end() : sm.end() + 2])
        if last and after:
            word = last.group(1)
            if len(word) == 1 and word.isupper() or word.lower() in _TITLES and after.group(1).isupper():
                continue  # the sentence goes on after a title or an initial
            if word.lower() in _ABBREVIATED and (after.group(1).islower() or after.group(1).isdigit()):
                continue
        yield _Sentence(body[begin : sm.end()], begin)
        begin = None
    if begin is not None:
        yield _Sentence(body[begin:], begin)
# Reports of one event dated this many days apart may be one event misdated by an outlet.
MISDATED_DAYS = 3
# How far (characters) from the event noun a place or a date may be to belong to it.
_EVENT_WINDOW = 70


_VENUE_AT = re.compile(r"\b(?:in|at|inside|from)\s+(?:the\s+)?" + VENUE_RE.pattern)


def _places_agree(a: str, b: str) -> bool | None:
    """Whether two reports' places ('; '-joined venue and town) can be one: one venue
    ('Kodak Theatre', 'Kodak Theater') is one place however its town is written ('Los
    Angeles', 'Hollywood'); else the towns tell, and a venue against a town tells nothing."""
    pa, pb = a.split("; "), b.split("; ")
    if any(venues_agree(x, y) for x in pa for y in pb):
        return True
    towns = [places_agree(x, y) for x in pa for y in pb if places_named(x) and places_named(y)]
    return True if any(towns) else False if towns else None


def _event_details(sentence: str, noun: re.Match) -> tuple[str, str, int | None, tuple[int, int] | None]:
    """The place and date written within a few words of an event noun. A place must be one
    the gazetteer knows: 'a historian at Rice University' gives no place."""
    lo, hi = max(0, noun.start() - _EVENT_WINDOW), noun.end() + _EVENT_WINDOW
    place = ""
    for pm in _PLACE_RE.finditer(sentence):
        name = pm.group(1)
        if not lo <= pm.start() <= hi or name.split()[0].lower() in {*MONTHS, *WEEKDAYS, "the"}:
            continue
        if places_named(name):
            place = name
            break
    # The venue, when one is named, goes before the town: "the Kodak Theatre; Los Angeles".
    for vm in _VENUE_AT.finditer(sentence):
        if lo <= vm.start() <= hi:
            place = f"{vm.group(1)}; {place}" if place and place not in vm.group(1) else vm.group(1)
            break
    for dm in DATE_RE.finditer(sentence):
        if not lo <= dm.start() <= hi:
            continue
        if dm.group(1):
            month, d1, d2 = MONTHS[dm.group(1).lower()], int(dm.group(2)), dm.group(3)
        else:
            month, d1, d2 = MONTHS[dm.group(6).lower()], int(dm.group(4)), dm.group(5)
        if 1 <= d1 <= 31:
            return place, dm.group(0), month, (d1, int(d2) if d2 else d1)
    return place, "", None, None


def event_mentions(article: ArticleText) -> list[EventMention]:
    """Sentences that say where and/or when a meeting, vote ... happened.

    'The Nov 29-30 meeting in Bucharest' gives (meeting, Bucharest, Nov 29-30); 'The
    Ukraine-NATO Council meeting, held in Brussels on November 29' gives (meeting,
    Brussels, November 29).
    """
    found: list[EventMention] = []
    for sm in _sentences(article.body):
        sentence = sm.group(0)
        best = None
        for noun in _EVENT_RE.finditer(sentence):
            place, date_text, month, days = _event_details(sentence, noun)
            found_here = (bool(place) + bool(date_text), -noun.start())
            if (place or date_text) and (best is None or found_here > best[0]):
                best = (found_here, noun, place, date_text, month, days)
        if best is None:
            incident = _incident(sentence, article, sm.start())
            if incident is not None:
                found.append(incident)
            continue
        _, noun, place, date_text, month, days = best
        place_words = {lemma(w.lower()) for w in place.replace(";", " ").split()}
        place_names = {part.lower() for part in place.split("; ")}
        ents = frozenset(n for n in names_in(sentence) if n not in place_words and n not in place_names)
        found.append(
            EventMention(
                article_id=article.id, source=article.source, kind=_EVENT_NOUNS[noun.group(1).lower()],
                sentence=sentence.strip(), start=sm.start(), end=sm.end(), place=place, date_text=date_text,
                month=month, days=days, entities=ents, outlet=article.outlet_key, published=article.published,
            )
        )
    return found


# --- incidents: where a death, a shooting, an arrest, a fire ... happened ------------------
#
# News of one incident names its place again and again, each outlet in its own words: "in
# Atlanta's posh Buckhead neighborhood" and "in the Buckhead neighborhood of Atlanta", "at 40
# East 5th Ave." and "at 40 East Fifth Avenue". A sentence with an incident word and a place
# phrase (a preposition and capitalised words or a street number) beside it is one report of
# where that incident happened; reports of one story, of the same kind of incident, naming the
# same distinctive place words are one incident. The kind is the incident word nearest the
# place: "stopped LaSalle when he hit another vehicle ... at the intersection" is a crash.
_INCIDENT_WORDS = {
    "death": "died dies passed death deathbed",
    "killing": "opened_fire open_fire opens_fire shot shooting shootings gunned killed killing killings murder murdered stabbed slain gunman shooter",
    "arrest": "arrested arrest captured capture caught apprehended apprehending custody surrendered surrendering "
              "stopped recaptured",
    "escape": "escaped escape fled",
    "birth": "born",
    "fire": "fire fires blaze ablaze burned burning flames",
    "blast": "explosion exploded bomb bombing blast detonated",
    "rehab": "rehab rehabilitation checked treatment",
    "bout": "fight bout round rounds title titles champion defended retain retained knockout",
    "crash": "crash crashed struck hit collision rear-ended",
    "quake": "quake earthquake tremor tremors aftershock aftershocks magnitude",
}
# Incidents that strike a region again and again: a place shared by two reports of a quake
# ("Qeshm Island") does not make them one quake; its magnitude and time (claims) tell.
_REGIONAL = frozenset({"incident:quake"})
# "opened fire" is a shooting, not a fire: a phrasal verb is one word here, found before its
# last word alone.
_INCIDENT_KIND = {w.replace("_", " "): kind for kind, words in _INCIDENT_WORDS.items() for w in words.split()}
_INCIDENT_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in _INCIDENT_KIND), key=len, reverse=True)) + r")\b", re.I
)
# A place phrase: a preposition, a few lower-case words ("in a suburban", "in the 2500 block
# of"), then capitalised words or a street number ("Mount Pleasant", "40 East 5th Ave").
_WHERE_RE = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Oo]n|[Nn]ear|[Oo]utside|[Ii]nside|[Aa]long|[Ff]rom|into)\s+(?:(?:intersection|corner|block|outskirts|heart|suburbs?|neighbou?rhood|hometown|town|city|village)\s+of\s+|(?!of\b)[a-z]+\s+){0,4}?"
    r"((?:\d+(?:st|nd|rd|th)?\s+)?[A-Z0-9][\w.'\u2019&]*(?:-[A-Z0-9][\w.'\u2019&]*)*"
    r"(?:(?:(?:\s+|\s+(?:of|and|de|the)\s+)[A-Z0-9]|\s*,\s*[A-Z])[\w.'\u2019&]*(?:-[A-Z0-9][\w.'\u2019&]*)*)*)"
)
# Words of place phrases that say what sort of place, not which ("Street", "County", "the").
_PLACE_GENERIC = frozenset(
    """street st avenue ave av boulevard blvd road rd drive dr lane highway interstate county city town village
    neighborhood neighbourhood park block area district north south east west northeast northwest southeast southwest
    central downtown suburban the of and de hospital center centre building office store house home theater theatre
    arena hotel club bank branch university college school church court courthouse high new los san las saint st.
    calif tenn fla mich ore wash tex ariz colo conn mass minn penn pa ny nyc us usa uk mr mrs ms dr police""".split()
)
_NUMBER_WORDS = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th", "sixth": "6th",
                 "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th", "w": "west", "e": "east", "n": "north",
                 "s": "south"}
_INCIDENT_WINDOW = 90
# Incident words this near a place (characters) tell of the incident there, whichever is nearest.
_BESIDE = 12
# A place phrase names a place the gazetteer knows ("Malibu"), or a sort of place, in it or
# right after it ("Stadiou Street", "the Buckhead neighborhood", "40 East 5th Ave."): "on the
# ropes as Klitschko" or "at the time Klitschko" names none.
_PLACE_KIND = re.compile(
    r"\b(?:street|st|avenue|ave|av|boulevard|blvd|road|rd|drive|lane|highway|interstate|route|county|city|town|village|"
    r"neighbou?rhood|park|block|district|island|hospital|cent(?:er|re)|clinic|building|store|supermarket|house|home|"
    r"theat(?:er|re)|arena|stadium|hall|hotel|resort|casino|club|bank|branch|university|college|school|church|"
    r"court|courthouse|jail|prison|airport|station|plant|factory|office|mall|square|plaza|bridge|beach|valley|heights|hill)\b\.?",
    re.I,
)


@lru_cache(maxsize=65536)
def _place_words(place: str) -> frozenset[str]:
    """The distinctive words of place phrases ('; '-joined): '40 East Fifth Avenue' -> {40,
    5th}; 'the Buckhead neighborhood of Atlanta' -> {buckhead, atlanta}. A country or a US
    state names too large a place to tell two incidents apart."""
    words = []
    for w in re.findall(r"[A-Za-z0-9]+(?:['\u2019][a-z]+)?", place):
        w = _NUMBER_WORDS.get(w.lower(), w.lower())
        w = re.sub(r"['\u2019]s$", "", w)
        if w in _PLACE_GENERIC or w in STOP or w in MONTHS or w in WEEKDAYS or w in _INCIDENT_KIND or len(w) < 2:
            continue
        if any(not p.key.startswith("city:") for p in places_named(w)):
            continue  # 'Germany', 'Texas', 'California'
        words.append(w)
    return frozenset(words)


_STATE_ABBREVIATIONS = frozenset("ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev "
                                 "okla ore pa tenn tex va vt wash wis wyo".split())


def _in_region(place: str) -> bool:
    """Whether a place phrase names a town by its state or country ('Malibu, California',
    'Rancho Mirage, Calif.'), a place though the gazetteer lacks the town."""
    parts = [p.strip(". ") for p in re.split(r"\s*[;,]\s*", place)]
    return len(parts) > 1 and any(
        p.lower() in _STATE_ABBREVIATIONS or any(not x.key.startswith("city:") for x in places_named(p)) for p in parts[1:]
    )


@lru_cache(maxsize=65536)
def _towns(place: str) -> frozenset[str]:
    """The gazetteer's cities among place phrases: 'Bern' and 'Berne' are one city."""
    return frozenset(p.key for part in re.split(r"\s*[;,]\s*", place) for p in places_named(part) if p.key.startswith("city:"))


_WITHIN = re.compile(r"[\s,]*(?:[a-z]+\s+)?(?:in|at|of|on)?\s*")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+$")


_SAYS_BEFORE = re.compile(r"\b(?:said|says|told)\s+$")
_SAYS_AFTER = re.compile(r"\s+(?:said|says|told|added)\b")


def _after_a_name(body: str, word: str) -> bool:
    """Whether the body writes the word as a person's: right after a capitalised word ('Paul
    Riva'), or as the one who speaks ('says Palin', 'Palin said')."""
    at = body.find(word)
    while at >= 0:
        end = at + len(word)
        if end == len(body) or not body[end].isalnum():
            before = max(0, at - 30)
            if _NAME_BEFORE.search(body, before, at) or _SAYS_BEFORE.search(body, before, at) or _SAYS_AFTER.match(body, end):
                return True
        at = body.find(word, end)
    return False


def _incident(sentence: str, article: ArticleText, start: int) -> EventMention | None:
    """The incident a sentence places ('he shot and killed federal agent David Wilhelm' 'In
    Atlanta's posh Buckhead neighborhood'), or None: the incident word nearest a place
    phrase, and every place phrase near that word."""
    if _INCIDENT_RE.search(sentence) is None:
        return None  # most sentences: no incident word, so no place to read
    places = []
    for pm in _WHERE_RE.finditer(sentence):
        place = pm.group(1).rstrip(",. ")
        if place.split()[0].lower().strip(",.") in {*MONTHS, *WEEKDAYS} or not re.search(r"\b[A-Z]", place):
            continue
        if not _place_words(place) and not _PLACE_KIND.search(place):
            continue  # "the High Street" is kept: a link to "in Banstead" after it
        # A place, or the town a place lies in: "the Promises Treatment Centre in Malibu",
        # "a West Coast Bank branch in Woodburn" (one place, written in two phrases).
        within = bool(places) and _WITHIN.fullmatch(sentence, places[-1][1], pm.start()) is not None
        if not (within or _towns(place) or _in_region(place) or _PLACE_KIND.search(place) or _PLACE_KIND.match(sentence, pm.end() + 1)):
            continue
        if " " not in place and _after_a_name(article.body, place):
            continue  # 'Riva' of 'Paul Riva' is a person, though a town is called so
        if within:
            lo, _, first = places.pop()
            places.append((lo, pm.end(), f"{first}; {place}"))
        else:
            places.append((pm.start(), pm.end(), place))
    best = None
    for lo, hi, _ in places:
        for word in _INCIDENT_RE.finditer(sentence):
            gap = max(word.start() - hi, lo - word.end(), 0)
            if gap <= _INCIDENT_WINDOW and (best is None or gap < best[0]):
                best = (gap, word)
    if best is None:
        return None
    # The place nearest the incident word: in 'after skipping out on entering a Newport Beach
    # rehabilitation facility ..., Lohan has checked into the Betty Ford Center' she checked
    # into the Betty Ford Center. The report is that place's words, not the whole sentence: a
    # figure elsewhere in it ("killing two officers", "called at 06:00 BST") is no part of it.
    word = best[1]
    lo, hi, place = min(places, key=lambda p: max(word.start() - p[1], p[0] - word.end(), 0))
    place_words = _place_words(place)
    ents = frozenset(n for n in names_in(sentence) if not set(n.split()) <= place_words)
    kind = "incident:" + _INCIDENT_KIND[" ".join(word.group(1).lower().split())]
    beside = frozenset("incident:" + _INCIDENT_KIND[" ".join(w.group(1).lower().split())] for w in _INCIDENT_RE.finditer(sentence)
                       if max(w.start() - hi, lo - w.end(), 0) <= _BESIDE)
    return EventMention(
        article_id=article.id, source=article.source, kind=kind,
        sentence=sentence.strip(), start=start + lo, end=start + hi, place=place, entities=ents, outlet=article.outlet_key,
        published=article.published, also=beside - {kind},
    )


def _kinds_meet(a: EventMention, b: EventMention) -> bool:
    """Two reports of the same kind of event; of incidents, one may be told by a word of the
    other's kind beside its place (a blast 'killing' two, the killing of two by a bomb)."""
    return a.kind == b.kind or a.kind in b.also or b.kind in a.also


def _same_incident(a: EventMention, b: EventMention) -> bool:
    """Two reports of one story placing the same kind of incident at the same distinctive
    place ('Buckhead', '40 ... 5th', 'Mannheim'), in articles close in time."""
    if not _kinds_meet(a, b) or _regional(a) or _regional(b) or not _times_fit(a, b) or _towns_differ(a, b):
        return False
    return bool(_place_words(a.place) & _place_words(b.place) or _towns(a.place) & _towns(b.place))


def _same_spot(a: EventMention, b: EventMention) -> bool:
    """Two dated reports of an incident, in articles days apart at most, naming the same
    spot by two distinctive words or more ('Beverly Hills', 'Wasilla Bible Church')."""
    if not (a.kind.startswith("incident:") and a.published and b.published) or abs((a.published - b.published).days) > MISDATED_DAYS:
        return False
    return _same_incident(a, b) and len(_place_words(a.place) & _place_words(b.place)) >= 2


def _towns_differ(a: EventMention, b: EventMention) -> bool:
    """Two reports naming towns, none of them shared: a fire in Banstead and one in
    Wellington are two fires, whatever else ("High Street", "Waitrose") they share."""
    ta, tb = _towns(a.place), _towns(b.place)
    return bool(ta and tb and not ta & tb)


def _days_overlap(a: EventMention, b: EventMention) -> bool | None:
    if a.days is None or b.days is None:
        return None
    return a.month == b.month and a.days[0] <= b.days[1] and b.days[0] <= a.days[1]


def _days_apart(a: EventMention, b: EventMention) -> int:
    if a.days is None or b.days is None or a.month is None or b.month is None:
        return 0
    if a.month != b.month:
        return 31 * abs(a.month - b.month)
    return max(0, max(a.days[0], b.days[0]) - min(a.days[1], b.days[1]))


def _timed(m: EventMention) -> bool:
    return m.days is not None or m.published is not None


def _regional(m: EventMention) -> bool:
    """A report of a quake, by its word or one beside its place ('an earthquake struck near')."""
    return bool(_REGIONAL & ({m.kind} | m.also))


def _times_fit(a: EventMention, b: EventMention) -> bool:
    """Whether nothing about when two reports' events were keeps them apart. An undated
    report is of the time its article appeared ("more rioting in Greece" in an article of
    May 2010 is no report of riots dated December 13, 2008); one in an undated article may
    be of any time, so it meets only reports as undated as itself: an undated "elections
    in Turkmenistan" is not the election "planned for December 15, 2013"."""
    if _timed(a) != _timed(b):
        return False
    if a.days is not None and b.days is not None:
        return True
    if (a.days is None) != (b.days is None):
        dated, undated = (a, b) if a.days is not None else (b, a)
        if undated.published is not None and not _near_day(dated, undated.published):
            return False  # riots "on Saturday December 13" are not told in an article of May 5
    return a.published is None or b.published is None or close_in_time(a.published, b.published)


def _near_day(m: EventMention, published: date) -> bool:
    """Whether a report's month and day (its year unknown) fall within STORY_DAYS of a date."""
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            day = date(year, m.month, m.days[0])
        except (TypeError, ValueError):
            return True
        if abs((day - published).days) <= STORY_DAYS:
            return True
    return False


def _same_event(a: EventMention, b: EventMention) -> bool:
    if a.kind.startswith("incident:") and b.kind.startswith("incident:"):
        return _same_incident(a, b)
    if a.kind != b.kind:
        return False
    overlap = _days_overlap(a, b)
    place = _places_agree(a.place, b.place) if a.place and b.place else None
    if overlap is False:
        # Two dates that do not meet are two events, unless everything else says one and
        # the dates are near enough to be one event misdated (Nov 29 against Nov 30); an
        # election on October 5 and one on December 15 are two votes.
        return bool(place and len(_shared_names(a, b)) >= 2 and _days_apart(a, b) <= MISDATED_DAYS)
    if overlap:
        return True
    if not _times_fit(a, b):
        return False
    if place is False:
        # Undated reports in two places (a primary in New Hampshire, one in South Carolina)
        # are two events; only the same days make two places a disagreement about one.
        return False
    # With no days to go by, a place is shared by every report from it (Ohio's primary won by
    # Kasich, and by Clinton): the reports must also share someone, unless one names nobody.
    shared = _shared_names(a, b)
    return bool(place and (shared or not a.entities or not b.entities)) or len(shared) >= 2


def _shared_names(a: EventMention, b: EventMention) -> set[str]:
    """The names two reports share, a surname meeting the full name: 'Donald Trump told a
    town hall in Salem' and 'at a town hall meeting in Salem, Trump accused Cruz' share Trump."""
    shared = set(a.entities & b.entities)
    for one, other in ((a.entities, b.entities), (b.entities, a.entities)):
        surnames = {n.rsplit(" ", 1)[1] for n in other if " " in n}
        shared |= {n for n in one if " " not in n and n in surnames}
    return shared


def _bucket(m: EventMention) -> str:
    """Reports compared with each other: of one kind of event, or incidents of any kind
    (`_kinds_meet` says which meet)."""
    return "incident" if m.kind.startswith("incident:") else m.kind


def group_events(mentions: Sequence[EventMention], story_of: dict[int, int] | None = None, related=None) -> list[list[EventMention]]:
    """Group reports of the same event from two or more outlets: inside one story, or in
    related stories (`related(article, article)`) when both reports date it to the same days."""
    from claims.matching.quotes import DisjointSets

    story_of = story_of or {}
    items = sorted(mentions, key=lambda m: (m.article_id, m.start))
    sets = DisjointSets(len(items))
    by_story: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(items):
        by_story[(story_of.get(m.article_id, -1), _bucket(m))].append(i)
    # Per set, its dated reports and its undated ones: a set never gathers two dates too
    # far apart to be one event, nor reports of times that do not fit (`_times_fit`), even
    # through undated reports that agree with both.
    dated: dict[int, list[EventMention]] = {i: [m] if m.days else [] for i, m in enumerate(items)}
    undated: dict[int, list[EventMention]] = {i: [] if m.days else [m] for i, m in enumerate(items)}

    def join(i: int, j: int) -> None:
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj or any(_days_apart(x, y) > MISDATED_DAYS for x in dated[ri] for y in dated[rj]):
            return
        if items[i].kind.startswith("incident:") and any(_towns_differ(x, y) for x in undated[ri] for y in undated[rj]):
            return
        if any(not _times_fit(x, y) for x in undated[ri] for y in dated[rj] + undated[rj]) or any(
            not _times_fit(x, y) for x in dated[ri] for y in undated[rj]
        ):
            return
        sets.union(ri, rj)
        root = sets.find(ri)
        dated[root], undated[root] = dated[ri] + dated[rj], undated[ri] + undated[rj]

    for members in by_story.values():
        for x, i in enumerate(members):
            for j in members[:x]:
                a, b = items[i], items[j]
                if a.outlet_key != b.outlet_key and sets.find(i) != sets.find(j) and _same_event(a, b):
                    join(i, j)
    if related is not None:
        by_kind: dict[str, list[int]] = defaultdict(list)
        for i, m in enumerate(items):
            if m.days or (m.kind.startswith("incident:") and m.published):
                by_kind[_bucket(m)].append(i)
        for members in by_kind.values():
            for x, i in enumerate(members):
                for j in members[:x]:
                    a, b = items[i], items[j]
                    if a.outlet_key == b.outlet_key or story_of.get(a.article_id, -1) == story_of.get(b.article_id, -1):
                        continue
                    # Related stories (dated articles only): reports dating an event to the same
                    # days, or placing one incident at the same spot ("Beverly Hills", "40 ... 5th").
                    if (_days_overlap(a, b) or _same_spot(a, b)) and related(a.article_id, b.article_id):
                        join(i, j)
    return [g for g in sets.groups(items) if len({m.outlet_key for m in g}) > 1]


def event_group_plan(members: Sequence[EventMention]) -> GroupPlan:
    first = min(members, key=lambda m: (m.article_id, m.start))
    common = set.intersection(*(set(m.entities) for m in members)) if members else set()
    about = ", ".join(sorted(common)[:3]) or ", ".join(sorted(first.entities)[:3])
    kind = first.kind.removeprefix("incident:")
    subject = f"{kind} ({about})" if about else kind
    places: dict[str, list[str]] = defaultdict(list)
    dates: dict[str, list[str]] = defaultdict(list)
    for m in members:
        if m.place and m.source not in places[m.place]:
            places[m.place].append(m.source)
        if m.date_text and m.source not in dates[m.date_text]:
            dates[m.date_text].append(m.source)
    plan = GroupPlan(
        kind="event", unit="", subject=subject[:300],
        label=f"{subject}: " + " / ".join(sorted(places) or ["place not given"]) + (", " + " / ".join(sorted(dates)) if dates else ""),
        article_ids={m.article_id for m in members}, outlets={m.outlet_key for m in members},
        anchor=f"{first.article_id}:{first.start}",
    )
    plan.details = {
        "mentions": [
            GroupMention(article_id=m.article_id, start=m.start, end=m.end, source=m.source, sentence=m.sentence,
                         place=m.place, date=m.date_text).as_details()
            for m in sorted(members, key=lambda m: (m.article_id, m.start))
        ]
    }
    problems = []
    # Places are compared between outlets, through the gazetteer: an article naming a
    # country and its capital ("in Romania", "in Bucharest") does not disagree with itself.
    placed = [m for m in members if m.place]
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            # Two places conflict only between two reports dated to the same days: the
            # reports matched directly, not through a third.
            if a.outlet_key != b.outlet_key and _days_overlap(a, b) and _places_agree(a.place, b.place) is False:
                problems.append(f"places differ: {a.place} ({a.source}) vs {b.place} ({b.source})")
                break
        if problems:
            break
    dated = [m for m in members if m.days]
    for i, a in enumerate(dated):
        clash = next((b for b in dated[i + 1 :] if a.outlet_key != b.outlet_key and _days_overlap(a, b) is False), None)
        if clash:
            problems.append(f"dates differ: {a.date_text} ({a.source}) vs {clash.date_text} ({clash.source})")
            break
    if problems:
        plan.state, plan.reason = CONFLICTING, f"Reports of the same {first.kind} disagree: " + "; ".join(problems) + "."
        plan.confidence = 0.8
    else:
        where = ", ".join(sorted(places)) or "no place given"
        when = ", ".join(sorted(dates)) or "no date given"
        plan.state = CONSISTENT
        plan.reason = f"{plan.source_count} sources agree on the {first.kind}: {where}; {when}."
        plan.confidence = 0.7
    return plan
