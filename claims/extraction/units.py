"""Units of measure through pint: what a unit word means, its name, and one unit per dimension.

A quantity keeps its unit as stated, named as pint names it ("miles" -> ``mile``, "sq ft" ->
``square_foot``, "km/h" -> ``kilometer_per_hour``, "square metres" -> ``square_meter``), and
a canonical form for comparing sources: ``base_value`` in ``base_unit``, the one unit of its
dimension (meter, kilogram, square_meter, cubic_meter, meter_per_second, second, kelvin,
watt, joule, hertz, byte, pascal). Every conversion is pint's; nothing here holds a factor.

pint's registry knows thousands of units, many of them English words ("point", "hand",
"are", "bar", "line", "in", "a"): a word counts as a unit only if it is not one of those
and its dimension is one a news story measures. The registry is built once per process
(about 0.3 s) and each word's reading is cached.
"""
from __future__ import annotations

import re
from decimal import Decimal, localcontext
from functools import lru_cache

import pint

from claims.extraction.numbers import tidy

# The one unit each dimension is converted to for comparison.
_BASE_UNITS = (
    "meter", "kilogram", "square_meter", "cubic_meter", "meter_per_second", "second", "kelvin", "watt", "joule",
    "hertz", "byte", "pascal", "kilometer_per_liter", "pixel",
)
# pint units that are also common English words, or that news means otherwise
# ("a" is pint's annum, "in" its inch, "at" an atmosphere, "point" a printer's point).
_NOT_UNITS = {
    "a", "in", "at", "are", "point", "points", "hand", "hands", "line", "lines", "bar", "bars", "link", "links",
    "chain", "chains", "rod", "rods", "pole", "poles", "perch", "grain", "grains", "gill", "quad", "count",
    "counts", "mark", "marks", "percent", "degree", "degrees", "cup", "cups", "pint", "pints", "stone",
    "stones", "carat", "carats", "quarter", "quarters", "shot", "shots", "h", "s", "d", "g", "b", "t", "m", "k", "min", "sec", "u", "um", "ha", "am",
    "pm", "cd", "mo", "yr", "wk", "mi", "st", "pt", "gal", "dram", "drams", "ounce", "ounces", "oz", "bit",
    "bits", "knot", "knots", "turn", "turns", "cycle", "cycles", "rpm", "lb", "lbs", "gram", "grams",
    "century", "centuries", "seconds", "second", "th", "nd", "rd", "fortnight", "fortnights", "unit", "units", "cell", "cells",
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
    "decade", "decades", "mile", "miles", "foot", "feet", "inch", "inches", "yard", "yards", "pound", "pounds",
    "ton", "tons", "tonne", "tonnes", "acre", "acres", "hectare", "hectares", "gallon", "gallons", "barrel",
    "barrels", "liter", "liters", "litre", "litres", "meter", "meters", "metre", "metres",
    # English words and abbreviations pint reads as prefixed units: "fired March 2 as head coach"
    # (attoseconds), "us" (microseconds), "has" (hectare), "pa"/"ca"/"da" (pico-, centi-, deci-years)
    "as", "us", "has", "pa", "ca", "da", "pi", "fl", "pc", "dam", "db", "kb", "sr", "ly", "mil", "mils", "rad",
    # fractions, not pint's fifth of a gallon: "about one-fifth of the Democratic electorate"
    "fifth", "fifths", "third", "thirds", "tenth", "tenths",
}
# ...except these, which are units in news whatever else they mean ("5 miles", "10 years").
_NEWS_WORDS = {
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
    "second", "seconds", "decade", "decades", "century", "centuries", "mile", "miles", "foot", "feet", "inch",
    "inches", "yard", "yards", "pound", "pounds", "lb", "lbs", "ton", "tons", "tonne", "tonnes", "acre", "acres",
    "hectare", "hectares", "ha", "gallon", "gallons", "barrel", "barrels", "liter", "liters", "litre", "litres",
    "meter", "meters", "metre", "metres", "ounce", "ounces", "oz", "gram", "grams", "knot", "knots", "stone",
    "mi", "yr", "yrs", "sq", "min", "mins", "sec", "secs", "hr", "hrs", "m", "g", "t", "pint", "pints", "cup",
    "cups", "carat", "carats",
}
# News spellings pint reads as something else: "kilos" are kilograms, not kiloseconds.
_SPELLINGS = {"kilo": "kilogram", "kilos": "kilogram", "yrs": "year", "hrs": "hour", "mins": "minute",
              "secs": "second", "sq": "square", "kph": "kilometer_per_hour", "kmh": "kilometer_per_hour",
              "cc": "cubic_centimeter", "mpg": "mile / gallon", "megapixels": "megapixel"}
# Units whose dimension pint lacks or reads as something else ("decade" is a logarithmic
# ratio in pint): the name as stated, the pint expression it converts as.
_OWN_UNITS = {"decade": ("decade", "10 * year"), "decades": ("decade", "10 * year")}
_TIME_SYMBOLS = {"h": "hour", "hr": "hour", "s": "second", "sec": "second", "min": "minute"}
_POWER_WORDS = {"square": 2, "cubic": 3}
_PER = re.compile(r"\s+(?:per|an|a|each)\s+|\s*/\s*")


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """pint's registry, built once per process, with the pixel news counts cameras in ("12MP")."""
    ureg = pint.UnitRegistry(cache_folder=None)
    ureg.define("megapixel = 1e6 * pixel = MP")  # pint's pixel, a [printing_unit]
    return ureg


@lru_cache(maxsize=1)
def _base_of_dimension() -> dict:
    ureg = registry()
    return {ureg.parse_units(_pint_expression(name)).dimensionality: name for name in _BASE_UNITS}


class Unit:
    """A unit read from text: pint's unit, the name a claim stores, its base unit."""

    __slots__ = ("units", "name", "base", "factor", "offset")

    def __init__(self, units, name: str, base: str):
        self.units, self.name, self.base = units, name, base
        ureg = registry()
        if units.dimensionality == ureg.kelvin.dimensionality:
            # Celsius and Fahrenheit have an offset: no factor, pint converts each value.
            self.factor, self.offset = None, True
        else:
            self.factor = Decimal(repr(float(ureg.Quantity(1.0, units).to(_pint_expression(base)).magnitude)))
            self.offset = False

    def to_base(self, value: Decimal) -> Decimal:
        """The value in the base unit: exact factor times value, 15 significant digits."""
        if self.offset:
            converted = registry().Quantity(float(value), self.units).to(_pint_expression(self.base)).magnitude
            return tidy(Decimal(repr(round(converted, 6))))
        with localcontext() as ctx:
            ctx.prec = 15
            return tidy(+(value * self.factor))

    def __repr__(self) -> str:
        return f"Unit({self.name!r} -> {self.base!r})"


def _pint_expression(name: str) -> str:
    """"square_meter" -> "meter ** 2", "meter_per_second" -> "meter / second"."""
    above, _, below = name.partition("_per_")
    for word, power in _POWER_WORDS.items():
        if above.startswith(word + "_"):
            above = f"{above.removeprefix(word + '_')} ** {power}"
    return f"{above} / {below}" if below else above


def _name(units) -> str:
    """pint's units as one name: "mile / hour" -> "mile_per_hour", "meter ** 2" -> "square_meter"."""
    above, below = [], []
    for unit, power in sorted(units._units.items(), key=lambda p: -p[1]):
        word = {2: "square_", 3: "cubic_"}.get(abs(power), "") + unit
        (above if power > 0 else below).append(word)
    return "_".join(above) + "".join(f"_per_{w}" for w in below)


@lru_cache(maxsize=4096)
def read_unit(words: str) -> Unit | None:
    """The unit these words name ("miles an hour", "sq km", "kilometres", "km²", "GHz"), or None.

    Case matters for symbols ("MW" megawatts, "mW" milliwatts) but not for words. Words
    that pint knows but news means otherwise are not units (see _NOT_UNITS).
    """
    words = " ".join(words.split())
    if not words:
        return None
    lowered = words.lower()
    if lowered in _OWN_UNITS:
        name, expression = _OWN_UNITS[lowered]
        units = registry().parse_units(expression.split("*")[1].strip())
        unit = Unit(units, name, _base(units))
        unit.factor *= Decimal(expression.split("*")[0].strip())
        return unit
    if lowered in _NOT_UNITS and lowered not in _NEWS_WORDS:
        return None
    pieces = _PER.split(words)
    if len(pieces) > 2 or not all(pieces):
        return None
    parts = []
    for i, piece in enumerate(pieces):
        # "km/h", "m/s": after a slash a symbol of time is one, though "h" alone is not.
        piece_units = _piece(_TIME_SYMBOLS.get(piece, piece) if i else piece)
        if piece_units is None:
            return None
        parts.append(piece_units)
    units = parts[0] / parts[1] if len(parts) == 2 else parts[0]
    base = _base(units)
    if base is None:
        return None
    return Unit(units, _named(units), base)


def _piece(words: str):
    """One side of a rate: "square miles", "km", "km²", "metres"."""
    ureg = registry()
    tokens = words.split()
    power = 1
    if len(tokens) > 1 and tokens[0].lower() in ("square", "sq", "cubic"):
        power = _POWER_WORDS.get(tokens[0].lower(), 2)
        tokens = tokens[1:]
    if len(tokens) == 2:
        first, second = (t.lower() for t in tokens)
        if first == "metric" and second in ("ton", "tons"):
            return ureg.parse_units("metric_ton")
        if first == "nautical" and second in ("mile", "miles"):
            return ureg.parse_units("nautical_mile")
        if first in ("degree", "degrees") and second in ("celsius", "centigrade", "fahrenheit"):
            return ureg.parse_units("degree_Fahrenheit" if second == "fahrenheit" else "degree_Celsius")
    if len(tokens) != 1:
        return None
    word = tokens[0]
    for sign, exponent in (("²", 2), ("³", 3), ("2", 2), ("3", 3)):
        if word.endswith(sign) and len(word) > 1 and not word[:-1][-1:].isdigit():
            word, power = word[:-1], exponent
            break
    word = _SPELLINGS.get(word.lower(), word)
    if word.lower() in _NOT_UNITS and word.lower() not in _NEWS_WORDS:
        return None
    for candidate in (word, word.lower()) if not word.islower() and len(word) > 3 else (word,):
        try:
            units = ureg.parse_units(candidate if "/" in candidate else candidate.replace(" ", "_"))
        except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, AttributeError, ValueError,
                TypeError, AssertionError):
            continue
        return units**power
    return None


def _base(units) -> str | None:
    return _base_of_dimension().get(units.dimensionality)


def _named(units) -> str:
    """pint's own name when it has one ("mph" -> mile_per_hour), else one built from the parts."""
    ureg = registry()
    name = _name(units)
    try:
        ureg.parse_units(name)
        return name
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, AttributeError, ValueError):
        return name


def unit_named(name: str) -> Unit | None:
    """A Unit from a name a claim stores ("mile", "square_meter", "kilometer_per_hour")."""
    unit = read_unit(name.replace("_", " "))
    if unit is not None:
        unit.name = name
        return unit
    for words in (name, name.replace("_", " ")):
        try:
            units = registry().parse_units(words.replace(" per ", "/").replace(" ", "_"))
        except Exception:  # pint raises several kinds for a name it cannot read
            continue
        base = _base(units)
        if base is not None:
            return Unit(units, name, base)
    return None


def base_of(kind: str, value: Decimal | None, unit: str) -> tuple[Decimal | None, str]:
    """A claim's canonical (base_value, base_unit) from its value and unit as stated.

    Quantities convert to their dimension's unit (magnitudes stay as they are); money,
    percents and counts keep their own; dates compare by day, not here.
    """
    if value is None or kind == "date":
        return None, ""
    if kind != "quantity" or unit == "magnitude":
        return value, unit
    named = unit_named(unit)
    if named is None:
        return None, ""
    return named.to_base(value), named.base


__all__ = ["Unit", "base_of", "read_unit", "registry", "unit_named"]
