"""Amounts of money: the currency by CLDR (Babel), the amount in the major unit.

"$45 billion", "AU$730 million", "C$ 16 million", "10 €", "£25.7bn", "110bn-euro", "3
million euros", "500 crore rupees", "50 cents" (0.50 USD), "20p" (0.20 GBP), "5 million
French francs" (FRF), "$60 million to $70 million" (a range). The value is in the
currency's major unit and the unit its ISO 4217 code.

Symbols, codes and names come from CLDR's English data through Babel, loaded once per
process: every ISO code, every English symbol ("$", "CA$", "A$", "HK$", "CN¥", "₹"), every
English name in the singular and plural ("US dollars", "Swiss francs", "Italian liras",
"South Korean won"). A name's last word ("francs", "dollars", "rupees") names many
currencies; which one is decided by the story, in this order, and the decision is kept on
the claim:

1. the full name written ("Swiss francs", "Canadian dollars");
2. a nationality the story names that makes a CLDR name with the word ("French" +
   "francs" -> FRF), or a country it names whose currency, at the publication date, has
   that word (Babel's territory currencies: "francs" in a 1999 story about France -> FRF);
3. else the reading a newsroom takes by default (``_DEFAULT_FOR_WORD``: dollars -> USD,
   francs -> CHF ...), with a lower confidence.

"X$" forms the newsroom writes and CLDR's English does not ("C$", "AU$", "US$", "S$") are
the dollar currency whose ISO code starts with X. Minor units ("cents", "pence", "p") are
divided by the currency's CLDR precision (2 for USD and GBP).

"pounds" is money or weight: ``pound_reading`` decides from the sentence and the story.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import get_currency_name, get_currency_precision, get_territory_currencies

from claims.extraction.numbers import DIGITS, NUMBER, SCALE, each_mention, qualifier_before, scaled

# The currency a bare word names when the story gives no country: a newsroom's reading.
_DEFAULT_FOR_WORD = {
    "dollar": "USD", "pound": "GBP", "franc": "CHF", "peso": "MXN", "rupee": "INR", "ruble": "RUB",
    "mark": "DEM", "lira": "TRY", "won": "KRW", "krone": "NOK", "kroner": "NOK", "krona": "SEK", "kronor": "SEK",
    "shilling": "KES", "dirham": "AED", "riyal": "SAR", "rial": "IRR", "peseta": "ESP", "escudo": "PTE",
    "guilder": "NLG", "euro": "EUR", "yen": "JPY", "yuan": "CNY", "rand": "ZAR", "dinar": "",
}
# Words English news uses that CLDR's English names lack.
_ALIASES = {
    "sterling": "GBP", "pounds sterling": "GBP", "renminbi": "CNY", "rmb": "CNY", "rouble": "RUB",
    "roubles": "RUB", "lire": "ITL", "u.s. dollars": "USD", "u.s. dollar": "USD", "american dollars": "USD",
    "hryvnas": "UAH", "reais": "BRL", "deutsche marks": "DEM", "deutsche mark": "DEM", "deutschmarks": "DEM",
    "deutschmark": "DEM", "d-marks": "DEM", "irish punts": "IEP",
}
# Names news gives countries that CLDR's English names otherwise ("Türkiye", "Czechia").
_PLACE_NAMES = {
    "turkey": "TR", "czech republic": "CZ", "swaziland": "SZ", "macedonia": "MK", "ivory coast": "CI",
    "east timor": "TL", "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "u.k.": "GB", "uk": "GB", "u.s.": "US", "usa": "US", "america": "US", "holland": "NL",
    "congo": "CD", "vatican": "VA",
}
# A last word that is a common English word counts as a currency only in a full name
# ("Brazilian reals", "Armenian drams"), never alone.
_NOT_ALONE = {"real", "reals", "units", "unit", "gold", "silver", "mark", "marks", "dram", "drams", "som", "lei",
              "leu", "lev", "leva", "kip", "lats", "pula", "loti", "tala", "vatu", "dobra", "cedi", "unidad"}
_MINOR_UNITS = {"cents": "dollar", "cent": "dollar", "pence": "GBP", "p": "GBP", "penny": "GBP", "kopecks": "RUB"}


@dataclass
class Decision:
    """A currency and how it was decided (kept as a note on the claim)."""

    code: str
    note: str = ""
    confidence: float = 0.95


@dataclass
class _Currencies:
    names: dict[str, str] = field(default_factory=dict)  # "us dollars" -> USD
    words: dict[str, list[str]] = field(default_factory=dict)  # "dollars" -> [USD, CAD, ...]
    symbols: dict[str, list[str]] = field(default_factory=dict)  # "$" -> [USD], "CA$" -> [CAD]
    codes: set[str] = field(default_factory=set)
    territories: dict[str, str] = field(default_factory=dict)  # "france" -> "FR"
    nationality: dict[str, set[str]] = field(default_factory=dict)  # "swiss" -> {CHF}


@lru_cache(maxsize=1)
def currencies() -> _Currencies:
    """CLDR's English currency data, read once per process."""
    locale = Locale("en")
    data = _Currencies()
    words: dict[str, list[str]] = defaultdict(list)
    for code in sorted(_legal_tender(locale)):
        data.codes.add(code)
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale="en").lower()
            if "(" in name or not name:
                continue
            data.names.setdefault(name, code)
            head = name.split()[-1]
            if code not in words[head]:
                words[head].append(code)
            first = name.split()[0]
            if len(name.split()) > 1 and first[0].isalpha():
                data.nationality.setdefault(first, set()).add(code)
        symbol = locale.currency_symbols.get(code)
        if symbol and symbol != code:
            data.symbols.setdefault(symbol, []).append(code)
    data.names.update(_ALIASES)
    data.words = dict(words)
    data.territories = {name.lower(): code for code, name in locale.territories.items() if len(code) == 2}
    for code, name in locale.territories.items():  # "Myanmar (Burma)": either name
        if len(code) == 2 and "(" in name:
            for part in re.split(r"\s*[()]\s*", name):
                if part:
                    data.territories.setdefault(part.lower(), code)
    for name, code in _PLACE_NAMES.items():
        data.territories.setdefault(name, code)
    return data


def _legal_tender(locale: Locale) -> set[str]:
    """Codes some country has used as money: not gold, funds ("WIR euro") or test codes."""
    codes: set[str] = set()
    for territory in locale.territories:
        if len(territory) != 2:
            continue
        try:
            codes.update(get_territory_currencies(territory, start_date=date(1800, 1, 1), end_date=date(2100, 1, 1)))
        except Exception:  # Babel raises for a territory it has no currency data for
            continue
    return codes


def _singular(word: str) -> str:
    for head in (word, word.removesuffix("s"), word.removesuffix("es")):
        if head in _DEFAULT_FOR_WORD:
            return head
    return word.removesuffix("s")


@dataclass
class Context:
    """What the story says that decides an ambiguous currency or unit: countries, nationalities, date."""

    published: date | None = None
    places: list[str] = field(default_factory=list)  # GPE entity texts, sentence's first
    nationalities: list[str] = field(default_factory=list)  # NORP entity texts
    pound_signs: int = 0  # "£", "sterling", "GBP" in the story
    dollar_signs: int = 0

    @property
    def british(self) -> bool:
        return self.pound_signs > 0

    @property
    def american(self) -> bool:
        return self.dollar_signs > 0 and not self.pound_signs


def story_context(text: str, ents, published: date | None) -> Context:
    places = [e.text for e in ents if e.label_ == "GPE"]
    nationalities = [e.text for e in ents if e.label_ == "NORP"]
    pounds = text.count("£") + len(re.findall(r"\b(?:sterling|GBP)\b", text))
    dollars = len(re.findall(r"(?<![A-Z])\$", text))
    return Context(published, places, nationalities, pounds, dollars)


def decide(candidates: list[str], word: str, context: Context, sentence_places: list[str] = ()) -> Decision:
    """Which of several currencies a word or symbol names, by the story's countries and nationalities."""
    if len(candidates) == 1:
        return Decision(candidates[0])
    data = currencies()
    for nationality in context.nationalities:
        codes = data.nationality.get(nationality.lower(), set()) & set(candidates)
        if len(codes) == 1:
            code = codes.pop()
            return Decision(code, f"{word}: {code} ({nationality} in the story)", 0.85)
    day = context.published or date.today()
    for place in [*sentence_places, *context.places]:
        territory = data.territories.get(place.lower().removeprefix("the "))
        if territory is None:
            continue
        try:
            used = get_territory_currencies(territory, start_date=day, end_date=day)
        except Exception:  # Babel raises for a territory it has no currency data for
            continue
        codes = [c for c in used if c in candidates]
        if codes:
            return Decision(codes[0], f"{word}: {codes[0]} ({place} in the story)", 0.85)
    default = _DEFAULT_FOR_WORD.get(_singular(word.lower()))
    if default and default in candidates:
        return Decision(default, f"{word}: read as {default} (no country in the story says otherwise)", 0.65)
    return Decision(sorted(candidates)[0], f"{word}: read as {sorted(candidates)[0]} (ambiguous)", 0.4)


# --- surface forms -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    data = currencies()
    symbols = sorted([s for s in data.symbols if not s.isalpha()], key=len, reverse=True)
    symbol = "|".join(re.escape(s) for s in symbols)
    code = "|".join(sorted(data.codes))
    # "euro110 billion": AP's style for amounts in euros, the word glued to the figure (a space
    # would admit "Euro 2012", the tournament)
    prefix = rf"(?:[A-Z]{{1,3}}\$|{symbol}|(?:{code}|Rs\.?|RMB|Rmb)(?=\s?[0-9])|(?i:euro)(?=[0-9]))"
    names = [n for n in data.names if n.split()[-1] not in _NOT_ALONE or len(n.split()) > 1]
    heads = [w for w in data.words if w not in _NOT_ALONE and _singular(w) in _DEFAULT_FOR_WORD]
    heads += [w for w, codes in data.words.items() if len(codes) == 1 and w not in _NOT_ALONE and len(w) > 3]
    word = "|".join(re.escape(w) for w in sorted({*names, *heads}, key=len, reverse=True))
    # "$1.5-billion budget": the scale hyphenated as a modifier (Canadian and some US papers)
    amount = rf"(?P<num>{DIGITS})(?P<scale>{SCALE}|-(?i:trillion|billion|million)\b)?"
    prefixed = re.compile(rf"(?<![\w$€£¥])(?P<cur>{prefix})\s?{amount}(?!\w|[.,][0-9])")
    suffixed = re.compile(
        rf"(?<![\w$€£¥.,])(?P<num>{NUMBER})(?P<scale>{SCALE})?(?:\s|-)?"
        rf"(?P<cur>{symbol}|(?-i:{code})\b|(?:{word})\b)",
        re.IGNORECASE,
    )
    minor = re.compile(
        rf"(?<![\w$€£¥.,])(?:(?P<num>{NUMBER})(?:\s|-)?(?P<cur>cents?|pence|penny)\b"
        # "20p", not "3 p.m.", nor a video's lines ("720p", "1080p": pence past 999 are written in pounds)
        rf"|(?!(?:240|360|480|720)p\b)(?P<pnum>[0-9]{{1,3}}(?:\.[0-9]+)?)(?P<p>p)\b(?!\.?\s?m\b|\.[a-z]))",
        re.IGNORECASE,
    )
    return prefixed, suffixed, minor


_RANGE_AFTER = re.compile(
    rf"^\s?(?:-|–|to|and)\s?(?P<cur>[A-Z]{{0,3}}\$|€|£|¥)?\s?(?P<num>{DIGITS})(?P<scale>{SCALE})?(?!\w)"
)


@dataclass
class Amount:
    start: int
    end: int
    value: Decimal
    code: str
    qualifier: str
    value_end: Decimal | None = None
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.95


def _symbol_currency(symbol: str, context: Context) -> Decision | None:
    data = currencies()
    symbol = symbol.strip()
    if symbol.rstrip(".") == "Rs":
        return Decision("INR", "Rs: read as INR", 0.8)
    if symbol.upper() == "RMB":
        return Decision("CNY")
    if symbol.lower() == "euro":
        return Decision("EUR")
    if symbol.upper() in data.codes:
        return Decision(symbol.upper())
    if symbol in data.symbols:
        codes = data.symbols[symbol]
        if symbol == "¥":
            codes = [*codes, "CNY"]  # the yuan's narrow symbol too
            return decide(codes, symbol, context) if any(
                p.lower() in ("china", "beijing", "shanghai") for p in context.places
            ) else Decision("JPY")
        return Decision(codes[0])
    if symbol.endswith("$"):
        letters = symbol[:-1].upper()
        dollars = data.words.get("dollars", [])
        codes = [c for c in dollars if c.startswith(letters)] or [
            c for c in data.codes if c.startswith(letters) and data.symbols.get(c, [""])[0].endswith("$")
        ]
        if letters == "US":
            codes = ["USD"]
        if not codes:
            return None
        if len(codes) == 1:
            return Decision(codes[0])
        return decide(codes, symbol, context)
    return None


def _word_currency(word: str, context: Context, sentence_places: list[str]) -> Decision | None:
    data = currencies()
    lowered = " ".join(word.lower().split())
    if lowered in data.names:
        code = data.names[lowered]
        head = lowered.split()[-1]
        if len(lowered.split()) > 1 or len(data.words.get(head, [code])) <= 1:
            return Decision(code)
    if lowered.upper() in data.codes:
        return Decision(lowered.upper())
    candidates = data.words.get(lowered) or data.words.get(lowered + "s") or []
    if not candidates and lowered in data.names:
        candidates = [data.names[lowered]]
    if not candidates:
        return None
    decision = decide(candidates, lowered, context, sentence_places)
    return decision


def find_amounts(text: str, context: Context, sentence_places: Callable[[int], list[str]]) -> list[Amount]:
    """Every amount of money in the text, each match read on its own."""
    prefixed, suffixed, minor = _patterns()
    found: list[Amount] = [*each_mention(prefixed.finditer(text), lambda m: _prefixed(text, m, context))]
    found += each_mention(suffixed.finditer(text), lambda m: _suffixed(text, m, context, sentence_places))
    found += each_mention(minor.finditer(text), lambda m: _minor(text, m, context, found))
    return found


def _prefixed(text: str, m: re.Match, context: Context) -> Amount | None:
    decision = _symbol_currency(m.group("cur"), context)
    value = scaled(m.group("num"), m.group("scale"))
    if decision is None or value is None:
        return None
    return _amount(text, m, value, decision, m.group("scale"), context)


def _suffixed(text: str, m: re.Match, context: Context, sentence_places) -> Amount | None:
    cur = m.group("cur")
    number = m.group("num")
    if number[0].isupper() and cur[0].isupper() and cur.isalpha() and not cur.isupper():
        before = text[: m.start()].rstrip(" \t")
        if before and before[-1] not in ".!?:\n":
            return None  # "Million Dollar Mermaid" (quoted or not): a title, not an amount
    if cur.lower() in ("pound", "pounds"):
        is_money, reason, said = pound_is_money(text, m.start(), m.end(), context)
        if not is_money:
            return None  # weight: a measure's
        decision = Decision("GBP", reason, 0.9 if said else 0.65)
    elif cur[0].isalpha():
        decision = _word_currency(cur, context, sentence_places(m.start()))
    else:
        decision = _symbol_currency(cur, context)
    value = scaled(m.group("num"), m.group("scale"))
    if decision is None or value is None:
        return None
    return _amount(text, m, value, decision, m.group("scale"), context)


def _minor(text: str, m: re.Match, context: Context, found: list[Amount]) -> Amount | None:
    """"50 cents" -> 0.50 of the story's dollar currency; "20p", "50 pence" -> GBP."""
    unit = (m.group("cur") or m.group("p")).lower()
    value = scaled(m.group("num") or m.group("pnum"), None)
    if value is None:
        return None
    major = _MINOR_UNITS[unit]
    decision = _main_currency(found, context) if major == "dollar" else Decision(major)
    value = value / (Decimal(10) ** get_currency_precision(decision.code))
    return _amount(text, m, value, decision, None, context, ranges=False)


def _main_currency(found: list[Amount], context: Context) -> Decision:
    """The currency "cents" are of: the story's commonest amount's currency that has cents
    (two decimals by CLDR: not yen or won), else dollars."""
    codes = Counter(a.code for a in found if a.code != "GBP" and get_currency_precision(a.code) == 2)
    if codes:
        code = codes.most_common(1)[0][0]
        return Decision(code, f"cents: of {code}, the story's currency", 0.85)
    return Decision("USD", "cents: read as US cents", 0.75)


def _amount(text: str, m: re.Match, value: Decimal, decision: Decision, scale: str | None, context: Context,
            ranges: bool = True) -> Amount:
    q_start, qualifier = qualifier_before(text, m.start())
    notes = [decision.note] if decision.note else []
    if scale and scale.strip().lower() in ("billion", "bn") and context.british and context.published \
            and context.published.year < 1975:
        value *= 1000  # the long scale British papers wrote before 1974
        notes.append("billion: long scale (10^12), British usage before 1974")
    amount = Amount(q_start, m.end(), value, decision.code, qualifier, None, notes, decision.confidence)
    after = _RANGE_AFTER.match(text[m.end() : m.end() + 40]) if ranges else None
    if after and after.group("cur") and not m.group().lstrip().startswith(after.group("cur")):
        after = None  # "$5 to €7": two amounts, not a range
    if after and after.group().strip().startswith("and") and not re.search(
            r"\bbetween\s+$", text[max(0, q_start - 10) : q_start]):
        after = None  # "5 lakh rupees and 3 crore rupees": two amounts; "between $5 and $7" is a range
    if after:
        second_scale = after.group("scale")
        end_value = scaled(after.group("num"), second_scale)
        if end_value is not None:
            if second_scale and not scale:  # "$140-150 million": the scale is both ends'
                first = scaled(m.group("num"), second_scale)
                amount.value = first if first is not None else value
            if end_value > amount.value:
                amount.value_end, amount.qualifier, amount.end = end_value, "range", m.end() + after.end()
                between = re.search(r"\bbetween\s+$", text[max(0, q_start - 10) : q_start])
                if between:
                    amount.start = q_start - len(between.group())
    return amount


# --- pounds: money or weight ------------------------------------------------------------

_MONEY_CUES = re.compile(
    r"\b(?:cost|costs|costing|paid|pay|pays|paying|worth|price|priced|fund|funds|funding|budget|salary|fine|fined|"
    r"spent|spend|spending|raised|raise|sold|bought|deal|contract|bill|tax|taxes|revenue|profit|profits|loss|"
    r"losses|income|earn|earned|earns|wage|wages|fee|fees|prize|compensation|damages|award|awarded|invest|"
    r"investment|bonus|pension|debt|loan|grant|donat\w*|charg\w*|sterling|a week|a year|per week|per year|"
    r"company|companies|firm|firms|bank|banks|shares?|stocks?|investors?|pence|economy|market|markets|"
    r"takeover|bid|sales|turnover|valued|valuation|bailout|tax\w*)\b",
    re.IGNORECASE,
)
_WEIGHT_CUES = re.compile(
    r"\b(?:weigh|weighs|weighed|weighing|weight|heavy|heavier|lighter|lost|gained|lose|gain|feet|foot|inches|"
    r"tall|ounces|kilograms|kg|of\s+(?:cocaine|marijuana|heroin|meat|beef|food|fish|explosives|drugs|"
    r"trash|waste|debris))\b",
    re.IGNORECASE,
)


def pound_is_money(text: str, start: int, end: int, context: Context) -> tuple[bool, str, bool]:
    """Whether "N pounds" here is money (GBP) or weight, the reason, and whether the sentence
    itself said so (rather than the story's default)."""
    s = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    e = min(i for i in (text.find(".", end), text.find("\n", end), len(text)) if i >= 0)
    sentence = text[s:e]
    if re.search(r"[0-9]-pounds?\b", text[start:end]):
        return False, "pounds: weight (a hyphenated measure)", True
    money = len(_MONEY_CUES.findall(sentence))
    weight = len(_WEIGHT_CUES.findall(sentence))
    if re.match(r"\s+of\s+\w+", text[end : end + 30]) and not re.match(r"\s+of\s+(?:the|their|his|her|its)\b",
                                                                      text[end : end + 30]):
        weight += 1  # "200 pounds of cocaine"
    if re.search(r"(?:million|billion|bn|m)\b", text[start:end]):
        money += 1  # weights are rarely told in millions
    if money > weight:
        return True, "pounds: money (GBP), the sentence speaks of money", True
    if weight > money:
        return False, "pounds: weight, the sentence speaks of weight", True
    if context.british:
        return True, "pounds: money (GBP), the story uses £ or sterling", False
    return False, "pounds: weight (nothing in the sentence speaks of money)", False


__all__ = ["Amount", "Context", "currencies", "decide", "find_amounts", "pound_is_money", "story_context"]
