"""Cross-source matching: which claims, quotes and event reports state the same fact, and
whether the sources agree.

Pure Python (rapidfuzz, no Django): the service in claims/services/matching.py reads rows
into the dataclasses below, calls `match`, and writes ClaimGroup rows from the plans.

Scaling: claims are first split into blocks that can never match across (kind and unit;
money is never compared across currency codes), and inside a block a claim is compared only
with the groups that share a subject word with it, found through an inverted index. There
is no all-pairs pass, so the work grows with the number of claims times the (small) number
of candidate groups each one shares a word with.
"""
from __future__ import annotations

import gc
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import fuzz

SINGLE_SOURCE = "single_source"
CONSISTENT = "consistent"
CONFLICTING = "conflicting"

# How alike two subjects must be (rapidfuzz token_set_ratio on normalised subject words).
SUBJECT_MATCH = 75.0
# A weaker subject match is accepted when the sentences share named entities or the speaker.
SUBJECT_MATCH_WITH_CONTEXT = 50.0
# Quotes: the shorter quote must be found in the longer one at least this well.
QUOTE_MATCH = 88.0
QUOTE_MIN_WORDS = 4
# Index words shared by more groups than this are too common to find candidates with.
COMMON_WORD_GROUPS = 200
# A subject word in more than this share of a block's claims (and at least COMMON_WORD_MIN)
# is boilerplate for that block.
COMMON_WORD_SHARE = 0.02
COMMON_WORD_MIN = 50
# Candidates are looked up through a claim's rarest subject words only.
LOOKUP_WORDS = 4
# A group sharing a single word with a claim is a candidate only through a word this rare.
RARE_WORD_GROUPS = 10


# --- what the matcher reads -----------------------------------------------------------------


@dataclass(frozen=True)
class ClaimFact:
    id: int
    article_id: int
    source: str  # the outlet's name, for reasons a person reads
    kind: str
    text: str
    value: Decimal | None
    unit: str
    subject: str
    sentence: str
    qualifier: str = "exact"
    speaker: str = ""
    date_value: date | None = None
    start: int = 0
    fingerprint: str = ""


@dataclass(frozen=True)
class QuoteFact:
    id: int
    article_id: int
    source: str
    text: str
    speaker: str = ""  # canonical name; "" when the article credits nobody
    start: int = 0
    fingerprint: str = ""


@dataclass(frozen=True)
class ArticleText:
    id: int
    source: str
    body: str
    published: date | None = None


@dataclass(frozen=True)
class EventMention:
    """A sentence saying when and/or where an event happened."""

    article_id: int
    source: str
    kind: str  # "meeting", "vote", ...
    sentence: str
    start: int  # offsets of the sentence in the article body
    end: int
    place: str = ""
    date_text: str = ""
    month: int | None = None
    days: tuple[int, int] | None = None  # first and last day, e.g. (29, 30) for "Nov 29-30"
    entities: frozenset[str] = frozenset()


@dataclass
class GroupPlan:
    """One group the matcher proposes; the service turns it into a ClaimGroup row."""

    kind: str  # claim kind, "quote" or "event"
    unit: str
    subject: str
    label: str
    state: str = SINGLE_SOURCE
    reason: str = ""
    claim_ids: list[int] = field(default_factory=list)
    quote_ids: list[int] = field(default_factory=list)
    article_ids: set[int] = field(default_factory=set)
    anchor: str = ""  # fingerprint of the first member: part of a new group's key
    details: dict = field(default_factory=dict)

    @property
    def source_count(self) -> int:
        return len(self.article_ids)


# --- words ------------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_STOP = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been being has have had
    it its this that these those their his her our your my we they he she i you there here which who whom
    all any some each every other another more most less least than about around nearly almost roughly
    approximately over under up down some such same also only just very so not no nor into onto out off
    including include includes included among between per according said says say told will would can could
    may might must should shall do does did s de la
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred dozen
    thousand million billion trillion bn mn""".split()
)
# Journalists vary the collective noun for the same thing ("30 member states", "the 30-nation
# organization", "its 30 members", "allies"); these classes let such subjects meet.
_CONCEPTS = {
    "nation": "country",
    "state": "country",
    "ally": "member",
    "allies": "member",
    "membership": "member",
    "organization": "alliance",
    "organisation": "alliance",
    "bloc": "alliance",
    "nato": "alliance",
    "civilian": "person",
    "people": "person",
    "resident": "person",
    "dollar": "usd",
    "euro": "eur",
    "kilometre": "km",
    "kilometer": "km",
    "mile": "mi",
    "percentage": "percent",
}
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A crude singular: enough to make 'members' meet 'member' and 'countries' 'country'."""
    w = word.lower().removesuffix("'s").removesuffix("'")
    if w in {"people", "news", "series", "species", "us", "as", "is", "this", "its"}:
        return w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=65536)
def subject_words(text: str) -> tuple[str, ...]:
    """Content words of a phrase, singular, with interchangeable collective nouns merged.

    Cached: subjects, units and the few words around numbers repeat across a corpus."""
    out: list[str] = []
    words = [lemma(w) for w in _WORD.findall(text.replace("-", " "))]
    for i, w in enumerate(words):
        if w in _STOP or len(w) < 2:
            continue
        # "member states" / "member nations" are members, not countries.
        if w in {"state", "nation", "country"} and i and words[i - 1] == "member":
            continue
        out.append(_CONCEPTS.get(w, w))
    return tuple(out)


def _entities(sentence: str) -> frozenset[str]:
    """Proper-noun-looking words (capitalised, not sentence-initial, not a month or weekday)."""
    found = set()
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-Z][A-Za-z]+|[A-Z]{2,})\b", sentence):
        w = m.group(1).lower()
        if w in _MONTHS or w in _WEEKDAYS or w in _STOP:
            continue
        found.add(_CONCEPTS.get(lemma(w), lemma(w)))
    return frozenset(found)


_CLAUSE_BREAK = re.compile(r"[,;:.()\u201c\u201d\"]|\band\b|\bor\b")


def _context(fact: ClaimFact) -> list[str]:
    """Words around the number in its sentence: two before, three after, within the clause.

    'members of the 30-nation security organization have' gives member ... security,
    alliance; '54 countries, including all 30 member states' stops at the comma, so the
    coalition's 54 countries do not pick up the 30 members.
    """
    sentence = fact.sentence or ""
    at = sentence.find(fact.text) if fact.text else -1
    if at < 0:
        return []
    # Only a few words either side are kept: look no further than that.
    before = _CLAUSE_BREAK.split(sentence[max(0, at - 120) : at])[-1]
    after = _CLAUSE_BREAK.split(sentence[at + len(fact.text) : at + len(fact.text) + 120])[0]
    return [*subject_words(before)[-2:], *subject_words(fact.text), *subject_words(after)[:3]]


def claim_signature(fact: ClaimFact) -> tuple[str, ...]:
    words = [*subject_words(fact.subject), *subject_words(fact.unit if fact.kind in {"count", "quantity"} else "")]
    words += _context(fact)
    return tuple(sorted(set(words)))


_RELATIVE_DATE = re.compile(r"\b(today|yesterday|tomorrow|tonight|ago|last|next|this|week|weekend)\b", re.I)


def claim_block(fact: ClaimFact) -> tuple[str, str]:
    """Claims in different blocks never match: another kind, or money in another currency."""
    if fact.kind == "date" and (fact.date_value is None or _RELATIVE_DATE.search(fact.text) or not _DATE_RE.search(fact.text)):
        # "Today", "last week", "on Friday" point at different days in different articles,
        # and a date extraction could not resolve cannot be compared: each stands alone.
        return ("date", f"unresolved:{fact.id}")
    if fact.kind == "money":
        return ("money", fact.unit.upper())
    if fact.kind == "quantity":
        unit = subject_words(fact.unit)
        return ("quantity", unit[0] if unit else fact.unit.lower())
    # Counts are blocked by kind only: the counted noun varies with the wording ("nation",
    # "member state", "member") and is compared as part of the subject instead.
    return (fact.kind, "")


# --- values ----------------------------------------------------------------------------------

_SCALE_WORDS = re.compile(r"\b(thousand|million|billion|trillion|bn|mn|m|k)\b", re.I)


def _step(value: Decimal) -> Decimal:
    """The rounding step of a stated number: 45 000 000 000 -> 1 000 000 000, 45.2 -> 0.1."""
    value = abs(value)
    if value == 0:
        return Decimal(1)
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    return Decimal(1).scaleb(exponent)


def values_compatible(a: ClaimFact, b: ClaimFact) -> tuple[bool, str]:
    """Whether two statements of one number can both be true, and why (or why not)."""
    if a.kind == "date" or b.kind == "date":
        if a.date_value is None or b.date_value is None:
            return True, "a date could not be resolved"
        return a.date_value == b.date_value, "same date" if a.date_value == b.date_value else "different dates"
    if a.value is None or b.value is None:
        return True, "a value could not be read"
    x, y = Decimal(a.value), Decimal(b.value)
    if x == y:
        return True, "equal"
    qa, qb = a.qualifier or "exact", b.qualifier or "exact"
    lo_a, hi_a = _range(x, qa, a.text)
    lo_b, hi_b = _range(y, qb, b.text)
    if lo_a <= hi_b and lo_b <= hi_a:
        if qa == qb == "exact":
            return True, "equal after rounding"
        return True, "compatible given " + ("rounding" if {qa, qb} == {"exact"} else "the qualifiers")
    bigger = max(abs(x), abs(y))
    diff = abs(x - y) / bigger * 100 if bigger else Decimal(0)
    return False, f"differ by {diff:.0f}%"


def _span(fact: ClaimFact) -> tuple | None:
    """What values_compatible compares, computed once: a date, or the range of values."""
    if fact.kind == "date":
        return None if fact.date_value is None else (fact.date_value, fact.date_value)
    if fact.value is None:
        return None
    return _range(Decimal(fact.value), fact.qualifier or "exact", fact.text)


def _range(value: Decimal, qualifier: str, text: str) -> tuple[Decimal, Decimal]:
    """The values a statement allows: '$45 billion' allows 44.5-45.5 billion (rounded to the
    billion); 'about 30' allows 27-33; 'more than 20' allows 20 and up. Small exact counts
    ('25 people') allow only themselves: nobody rounds 21 deaths to 25."""
    step = _step(value)
    rounded = abs(value) >= 1000 or bool(_SCALE_WORDS.search(text or ""))
    half = step / 2 if rounded and step >= 1 else Decimal(0)
    if qualifier == "approximate":
        # 'about 30' is 25-35 (rounded to the ten); 'about $45 billion' is 42.75-47.25.
        half = max(step / 2, abs(value) / 20)
    elif qualifier == "vague":
        half = max(step / 2, abs(value) / 2)
    elif qualifier == "at_least":
        return value - half, Decimal("Infinity")
    elif qualifier == "at_most":
        return Decimal("-Infinity"), value + half
    return value - half, value + half


# --- grouping numeric claims -------------------------------------------------------------------


@dataclass(frozen=True)
class _Prepared:
    """A claim with what the matcher compares, computed once per run."""

    fact: ClaimFact
    sig: tuple[str, ...]  # subject words, without the block's boilerplate
    keys: tuple[str, ...]  # its rarest words: where candidates are looked up
    head: str
    ents: frozenset[str]
    names: frozenset[str]  # the distinguishing names among ents
    text: str = ""  # the signature as one string, for rapidfuzz
    words: frozenset[str] = frozenset()
    span: tuple | None = None  # the values the claim allows (see _range); None: cannot say

    @property
    def value_key(self):
        return self.fact.value if self.fact.kind != "date" else self.fact.date_value

    def agrees_with(self, other: _Prepared) -> bool:
        if self.span is None or other.span is None:
            return True
        return self.span[0] <= other.span[1] and other.span[0] <= self.span[1]


@dataclass
class _Cluster:
    members: list[_Prepared] = field(default_factory=list)
    signatures: list[tuple[str, ...]] = field(default_factory=list)  # of the first three members
    texts: list[str] = field(default_factory=list)
    word_sets: list[frozenset[str]] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    speakers: set[str] = field(default_factory=set)
    values_by_article: dict[int, set] = field(default_factory=dict)


def claim_head(fact: ClaimFact) -> str:
    """What is counted or measured: 'member' for '30 member states', 'country' for '30-nation'."""
    if fact.kind not in {"count", "quantity"}:
        return ""
    words = subject_words(fact.unit) or subject_words(fact.text)
    return words[-1] if words else ""


def _fits(cluster: _Cluster, item: _Prepared) -> float:
    """How well a claim fits a group (0 when it must not join).

    A strong subject match joins whatever the values say: that is how conflicts are found.
    A weaker one ('its 30 members' beside 'all 30 member states of NATO') joins only when
    the values agree, so the matcher never reports a conflict it is unsure is one fact.
    """
    fact, sig = item.fact, item.sig
    seen = cluster.values_by_article.get(fact.article_id)
    # One article stating two different numbers states two facts ("54 countries, including
    # all 30 member states"): they never share a group.
    if seen is not None and item.value_key not in seen:
        return 0.0
    if item.head and cluster.heads:
        pairs = zip(cluster.heads, cluster.word_sets, strict=True)
        if not any(item.head in other or h in item.words for h, other in pairs):
            return 0.0
    # Sentences naming different particular places or people ("Kherson" / "Kyiv") may be
    # about different events, however alike the subject ("person killed"): such a claim
    # joins only when its value agrees, never to make a conflict.
    other_names = bool(item.names and cluster.names and not (item.names & cluster.names))
    best, shared = 0.0, 0
    # Compare with the first members, not all: they define what the group is about.
    for other_text, other_words in zip(cluster.texts, cluster.word_sets, strict=True):
        score = fuzz.token_set_ratio(item.text, other_text) if item.text and other_text else 0.0
        if score > best:
            best, shared = score, len(item.words & other_words)
    strong = best >= SUBJECT_MATCH and (shared >= 2 or (len(sig) == 1 == shared and sig in cluster.signatures))
    if strong and not other_names:
        return best
    weak = strong or best >= SUBJECT_MATCH_WITH_CONTEXT or (
        # Names like "Ukraine" and "Russia" are in every story on the subject: only three
        # shared names, or the same speaker, count as context.
        best >= SUBJECT_MATCH_WITH_CONTEXT - 10
        and (len(item.ents & cluster.entities) >= 3 or bool(fact.speaker and fact.speaker in cluster.speakers))
    )
    # "Dozens" agrees with almost any count: it is no evidence of one fact.
    if item.fact.qualifier == "vague" or any(m.fact.qualifier == "vague" for m in cluster.members[:5]):
        return 0.0
    if weak and shared >= 1 and all(item.agrees_with(m) for m in cluster.members[:5]):
        return best / 2
    return 0.0


@contextmanager
def _no_cyclic_gc():
    """The grouping pass allocates hundreds of thousands of small acyclic objects; the
    cyclic collector would walk the growing heap again and again (a third of the time at
    100k claims) and find nothing. Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def group_claims(facts: Iterable[ClaimFact]) -> list[list[ClaimFact]]:
    """Partition claims into groups stating the same fact. Deterministic for a given input."""
    blocks: dict[tuple[str, str], list[ClaimFact]] = defaultdict(list)
    for fact in facts:
        blocks[claim_block(fact)].append(fact)
    groups: list[list[ClaimFact]] = []
    with _no_cyclic_gc():
        for block in sorted(blocks):
            groups.extend(_group_block(sorted(blocks[block], key=lambda f: (f.article_id, f.start, f.id))))
    return groups


def _prepare(facts: Sequence[ClaimFact]) -> list[_Prepared]:
    """Signatures, names and lookup words for one block, with the block's boilerplate
    removed: words in the subjects of more than 2% of the block's claims ('reported',
    'year') and names in the sentences of 40% of its articles ('Ukraine' in a corpus about
    the war) say nothing about which fact a claim states."""
    raw = [(f, claim_signature(f), _entities(f.sentence)) for f in facts]
    word_claims = Counter(w for _, sig, _ in raw for w in sig)
    common_words = max(COMMON_WORD_MIN, len(raw) * COMMON_WORD_SHARE)
    name_articles: dict[str, set[int]] = defaultdict(set)
    for f, _, ents in raw:
        for name in ents:
            name_articles[name].add(f.article_id)
    articles = len({f.article_id for f in facts})
    common_names = {n for n, ids in name_articles.items() if len(ids) >= max(2, articles * 0.4)}
    common_names |= set(_CONCEPTS.values())  # concept words ('alliance' for NATO) are subjects, not names
    prepared = []
    for f, sig, ents in raw:
        sig = tuple(w for w in sig if word_claims[w] <= common_words) or sig
        keys = tuple(sorted(sig, key=lambda w: (word_claims[w], w))[:LOOKUP_WORDS])
        prepared.append(
            _Prepared(f, sig, keys, claim_head(f), ents, ents - common_names, " ".join(sig), frozenset(sig), _span(f))
        )
    return prepared


def _add(clusters: list[_Cluster], cid: int, item: _Prepared, index: dict[str, list[int]]) -> None:
    cluster = clusters[cid]
    cluster.members.append(item)
    if len(cluster.signatures) < 3:
        cluster.signatures.append(item.sig)
        cluster.texts.append(item.text)
        cluster.word_sets.append(item.words)
        cluster.heads.append(item.head)
        for word in item.sig:
            holders = index[word]
            if not holders or holders[-1] != cid:
                holders.append(cid)
    cluster.entities |= item.ents
    cluster.names |= item.names
    if item.fact.speaker:
        cluster.speakers.add(item.fact.speaker)
    cluster.values_by_article.setdefault(item.fact.article_id, set()).add(item.value_key)


def _candidates(item: _Prepared, index: dict[str, list[int]]) -> list[int]:
    """Groups sharing two of the claim's rarest words; failing that, groups sharing one
    rare word (held by few groups). A strong match needs two shared words anyway, and the
    one-word case ('its 30 members') only ever joins a small, specific group."""
    shared: Counter[int] = Counter()
    for word in item.keys:
        holders = index.get(word)
        if holders and len(holders) <= COMMON_WORD_GROUPS:
            shared.update(holders)
    two = [cid for cid, n in shared.items() if n >= 2]
    if two:
        return sorted(two)
    rare = set()
    for word in item.keys:
        holders = index.get(word)
        if holders and len(holders) <= RARE_WORD_GROUPS:
            rare.update(holders)
    return sorted(rare)


def _group_block(facts: Sequence[ClaimFact]) -> list[list[ClaimFact]]:
    clusters: list[_Cluster] = []
    index: dict[str, list[int]] = defaultdict(list)  # subject word -> clusters holding it
    for item in _prepare(facts):
        best_score, best = 0.0, None
        for cid in _candidates(item, index):
            score = _fits(clusters[cid], item)
            if score > best_score:
                best_score, best = score, cid
        if best is None:
            best = len(clusters)
            clusters.append(_Cluster())
        _add(clusters, best, item, index)
    _merge_lone_clusters(clusters, index)
    return [[m.fact for m in c.members] for c in clusters if c.members]


def _merge_lone_clusters(clusters: list[_Cluster], index: dict[str, list[int]]) -> None:
    """Second look at groups holding one article's claims only.

    Assignment is in article order, so 'its 30 members' (seed 001) meets the 30-nation
    group before 'all 30 member states of NATO' (seed 003) has joined it and made it
    recognisable; offering lone groups once more to the groups as they ended up fixes that.
    """
    for cid, cluster in enumerate(clusters):
        if len(cluster.values_by_article) != 1 or len(cluster.members) > 3:
            continue
        first = cluster.members[0]
        best_score, best = 0.0, None
        for other in _candidates(first, index):
            target = clusters[other]
            if other == cid or not target.members:
                continue
            if len(target.values_by_article) < 2 and other > cid:
                continue  # the other lone group will be offered in its turn
            if all(_fits(target, m) for m in cluster.members):
                score = _fits(target, first)
                if score > best_score:
                    best_score, best = score, other
        if best is not None:
            for m in cluster.members:
                _add(clusters, best, m, index)
            cluster.members = []
            cluster.values_by_article = {}


def _describe(fact: ClaimFact) -> str:
    return f"{fact.source or f'article {fact.article_id}'} says \u201c{fact.text}\u201d"


def claim_group_plan(members: Sequence[ClaimFact]) -> GroupPlan:
    """The plan for one group of claims: its subject, label and suggested state with reason."""
    first = members[0]
    subject = first.subject
    if not subject:
        words = Counter(w for m in members for w in claim_signature(m))
        subject = " ".join(w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:4])
    unit = first.unit
    plan = GroupPlan(
        kind=first.kind,
        unit=unit,
        subject=subject[:300],
        label=f"{subject} ({unit})"[:500] if unit else subject[:500],
        claim_ids=[m.id for m in members],
        article_ids={m.article_id for m in members},
        anchor=first.fingerprint or str(first.id),
    )
    plan.state, plan.reason = _claims_state(members)
    plan.details = {"values": sorted({m.text for m in members})[:20]}
    return plan


def _claims_state(members: Sequence[ClaimFact]) -> tuple[str, str]:
    by_article: dict[int, ClaimFact] = {}
    for m in members:
        by_article.setdefault(m.article_id, m)
    if len(by_article) == 1:
        return SINGLE_SOURCE, f"Only {members[0].source or 'one article'} reports this ({_describe(members[0])})."
    reps = list(by_article.values())
    conflicts = []
    notes = set()
    for i, a in enumerate(reps):
        for b in reps[i + 1 :]:
            ok, why = values_compatible(a, b)
            if not ok:
                conflicts.append(f"{_describe(a)} but {_describe(b)} ({why})")
            elif why != "equal":
                notes.add(why)
            if len(conflicts) >= 5:
                break
    if conflicts:
        return CONFLICTING, "Values disagree: " + "; ".join(conflicts) + "."
    how = "the same value" if not notes else "compatible values (" + ", ".join(sorted(notes)) + ")"
    return CONSISTENT, f"{len(reps)} sources give {how}: " + "; ".join(_describe(r) for r in reps[:6]) + "."


# --- quotes ------------------------------------------------------------------------------------

_NEGATION = re.compile(r"\b(not|no|never|nobody|nothing|none|neither|nor|without|cannot)\b|n't\b", re.I)
_NUMBER = re.compile(r"\d[\d,.]*")


def _quote_norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.findall(r"[a-z0-9']+", text))


def _shingles(norm: str) -> set[str]:
    words = norm.split()
    if len(words) < 3:
        return {norm} if norm else set()
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def _quote_alignment(a: str, b: str) -> tuple[float, str, str]:
    """Score of the shorter quote inside the longer one, and the two aligned passages
    (widened to whole words)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    aligned = fuzz.partial_ratio_alignment(short, long_)
    if aligned is None:
        return 0.0, short, long_
    start, end = aligned.dest_start, aligned.dest_end
    while start > 0 and long_[start - 1] != " ":
        start -= 1
    while end < len(long_) and long_[end] != " ":
        end += 1
    return aligned.score, short[aligned.src_start : aligned.src_end], long_[start:end]


class _DisjointSets:
    """Union-find over item indexes: the groups that pairwise "same fact" links make."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving keeps later finds short
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)

    def groups(self, items: Sequence) -> list[list]:
        """Items by set, keeping only sets that span two or more articles."""
        found: dict[int, list] = defaultdict(list)
        for i, item in enumerate(items):
            found[self.find(i)].append(item)
        return [g for g in found.values() if len({item.article_id for item in g}) > 1]


def group_quotes(quotes: Iterable[QuoteFact]) -> list[list[QuoteFact]]:
    """Group quotes that are the same words across articles (a quote may be a part of a
    longer one elsewhere: 'as long as it takes' inside the full NATO statement)."""
    items = sorted(quotes, key=lambda q: (q.article_id, q.start, q.id))
    norms = [_quote_norm(q.text) for q in items]
    sets = _DisjointSets(len(items))

    index: dict[str, list[int]] = defaultdict(list)
    for i, norm in enumerate(norms):
        if len(norm.split()) < QUOTE_MIN_WORDS:
            continue
        candidates: set[int] = set()
        for sh in _shingles(norm):
            holders = index[sh]
            if len(holders) <= COMMON_WORD_GROUPS:
                candidates.update(holders)
            holders.append(i)
        for j in sorted(candidates):
            # Same-article pairs join too: a mixed quote ('as long as it takes') inside the
            # article's full quotation links that quotation to other sources' versions.
            if sets.find(i) == sets.find(j):
                continue
            score, _, _ = _quote_alignment(norms[i], norms[j])
            if score >= QUOTE_MATCH:
                sets.union(i, j)
    return sets.groups(items)


def quote_group_plan(members: Sequence[QuoteFact]) -> GroupPlan:
    shortest = min(members, key=lambda q: (len(q.text), q.article_id, q.id))
    # Extraction keeps the quotation marks in the text; the label puts its own.
    words = shortest.text.strip().strip("\"'\u201c\u201d\u2018\u2019,.;: ")
    plan = GroupPlan(
        kind="quote",
        unit="",
        subject=words[:300],
        label=f"\u201c{words[:200]}\u201d",
        quote_ids=[q.id for q in members],
        article_ids={q.article_id for q in members},
        anchor=shortest.fingerprint or str(shortest.id),
    )
    problems = []
    speakers: dict[str, list[str]] = defaultdict(list)
    for q in members:
        if q.speaker:
            sources = speakers[q.speaker]
            if q.source not in sources:
                sources.append(q.source)
    if len(speakers) > 1:
        credit = "; ".join(f"{name} ({', '.join(srcs)})" for name, srcs in sorted(speakers.items()))
        problems.append(f"credited to different speakers: {credit}")
    # Every pair from different articles, the shorter aligned inside the longer: a
    # negation or a number that one side has and the other lacks changes the meaning.
    norms = [(q, _quote_norm(q.text)) for q in members[:30]]
    for i, (a, na) in enumerate(norms):
        for b, nb in norms[i + 1 :]:
            if a.article_id == b.article_id:
                continue
            score, short, passage = _quote_alignment(na, nb)
            if score < QUOTE_MATCH:
                continue  # related through a third quote, not aligned with each other
            if len(_NEGATION.findall(short)) != len(_NEGATION.findall(passage)):
                problems.append(f"negation differs between {a.source} and {b.source}: \u201c{short}\u201d vs \u201c{passage}\u201d")
            elif _NUMBER.findall(short) != _NUMBER.findall(passage):
                problems.append(f"numbers differ between {a.source} and {b.source}: \u201c{short}\u201d vs \u201c{passage}\u201d")
            if len(problems) >= 4:
                break
    plan.details = {"speakers": {name: srcs for name, srcs in sorted(speakers.items())}}
    if problems:
        plan.state, plan.reason = CONFLICTING, "Quote " + "; ".join(problems) + "."
    else:
        who = ", ".join(speakers) or "nobody named"
        plan.state = CONSISTENT
        plan.reason = f"The same words in {plan.source_count} sources, credited to {who}."
    return plan


# --- events: when and where ---------------------------------------------------------------------

_EVENT_NOUNS = {
    "meeting": "meeting",
    "meetings": "meeting",
    "summit": "meeting",
    "conference": "meeting",
    "talks": "meeting",
    "ministerial": "meeting",
    "election": "vote",
    "elections": "vote",
    "referendum": "vote",
    "vote": "vote",
    "ceremony": "ceremony",
    "rally": "rally",
    "protest": "rally",
}
_EVENT_RE = re.compile(r"\b(" + "|".join(sorted(_EVENT_NOUNS, key=len, reverse=True)) + r")\b", re.I)
_PLACE_RE = re.compile(r"\b(?:in|at)\s+((?:[A-Z][a-z]+)(?:[ -][A-Z][a-z]+)?)")
_DATE_RE = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2})\b(?:\s*[-\u2013]\s*(\d{1,2})\b)?"
    r"|\b(\d{1,2})(?:\s*[-\u2013]\s*(\d{1,2}))?\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b",
    re.I,
)
_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+[\u201d\"']?|$)")
# How far (characters) from the event noun a place or a date may be to belong to it.
_EVENT_WINDOW = 70


def _event_details(sentence: str, noun: re.Match) -> tuple[str, str, int | None, tuple[int, int] | None]:
    """The place and date written within a few words of an event noun."""
    lo, hi = max(0, noun.start() - _EVENT_WINDOW), noun.end() + _EVENT_WINDOW
    place = ""
    for pm in _PLACE_RE.finditer(sentence):
        name = pm.group(1)
        if lo <= pm.start() <= hi and name.split()[0].lower() not in {*_MONTHS, *_WEEKDAYS, "the"}:
            place = name
            break
    for dm in _DATE_RE.finditer(sentence):
        if not lo <= dm.start() <= hi:
            continue
        if dm.group(1):
            month, d1, d2 = _MONTHS[dm.group(1).lower()], int(dm.group(2)), dm.group(3)
        else:
            month, d1, d2 = _MONTHS[dm.group(6).lower()], int(dm.group(4)), dm.group(5)
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
    for sm in _SENTENCE_RE.finditer(article.body):
        sentence = sm.group(0)
        # A sentence may name several events ("this meeting comes after talks ... in
        # Washington on August 18"): take the noun with the most said about it nearby.
        best = None
        for noun in _EVENT_RE.finditer(sentence):
            place, date_text, month, days = _event_details(sentence, noun)
            found_here = (bool(place) + bool(date_text), -noun.start())
            if (place or date_text) and (best is None or found_here > best[0]):
                best = (found_here, noun, place, date_text, month, days)
        if best is None:
            continue
        _, noun, place, date_text, month, days = best
        ents = _entities(sentence) - set(subject_words(place)) - {lemma(w.lower()) for w in place.split()}
        found.append(
            EventMention(
                article_id=article.id,
                source=article.source,
                kind=_EVENT_NOUNS[noun.group(1).lower()],
                sentence=sentence.strip(),
                start=sm.start(),
                end=sm.end(),
                place=place,
                date_text=date_text,
                month=month,
                days=days,
                entities=frozenset(ents),
            )
        )
    return found


def _days_overlap(a: EventMention, b: EventMention) -> bool | None:
    if a.days is None or b.days is None:
        return None
    return a.month == b.month and a.days[0] <= b.days[1] and b.days[0] <= a.days[1]


def _same_event(a: EventMention, b: EventMention) -> bool:
    if a.kind != b.kind:
        return False
    overlap = _days_overlap(a, b)
    if overlap is False:
        # Two dates that do not meet are two events, unless everything else says one.
        return bool(a.place and a.place == b.place and len(a.entities & b.entities) >= 2)
    if overlap:
        return True
    # Without dates: the same place, or at least two shared names (one shared name such as
    # "Ukraine" is common to every story on the subject).
    return bool(a.place and a.place == b.place) or len(a.entities & b.entities) >= 2


def group_events(mentions: Sequence[EventMention]) -> list[list[EventMention]]:
    """Group mentions of the same event across articles (only groups with 2+ articles)."""
    items = sorted(mentions, key=lambda m: (m.article_id, m.start))
    sets = _DisjointSets(len(items))

    # Block by event kind; then candidates share an entity, a place or a month.
    index: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(items):
        keys = {f"{m.kind}|e|{e}" for e in m.entities}
        if m.place:
            keys.add(f"{m.kind}|p|{m.place}")
        if m.month:
            keys.add(f"{m.kind}|m|{m.month}")
        candidates: set[int] = set()
        for k in keys:
            holders = index[k]
            if len(holders) <= COMMON_WORD_GROUPS:
                candidates.update(holders)
            holders.append(i)
        for j in sorted(candidates):
            if sets.find(i) != sets.find(j) and _same_event(m, items[j]):
                sets.union(i, j)
    return sets.groups(items)


def event_group_plan(members: Sequence[EventMention]) -> GroupPlan:
    first = min(members, key=lambda m: (m.article_id, m.start))
    common = set.intersection(*(set(m.entities) for m in members)) if members else set()
    about = ", ".join(sorted(common)[:3]) or ", ".join(sorted(first.entities)[:3])
    subject = f"{first.kind} ({about})" if about else first.kind
    places: dict[str, list[str]] = defaultdict(list)
    dates: dict[str, list[str]] = defaultdict(list)
    for m in members:
        if m.place and m.source not in places[m.place]:
            places[m.place].append(m.source)
        if m.date_text and m.source not in dates[m.date_text]:
            dates[m.date_text].append(m.source)
    plan = GroupPlan(
        kind="event",
        unit="",
        subject=subject[:300],
        label=f"{subject}: " + " / ".join(sorted(places) or ["place not given"]) + (", " + " / ".join(sorted(dates)) if dates else ""),
        article_ids={m.article_id for m in members},
        anchor=f"{first.article_id}:{first.start}",
    )
    plan.details = {
        "mentions": [
            {
                "article_id": m.article_id,
                "source": m.source,
                "sentence": m.sentence,
                "start": m.start,
                "end": m.end,
                "place": m.place,
                "date": m.date_text,
            }
            for m in sorted(members, key=lambda m: (m.article_id, m.start))
        ]
    }
    problems = []
    # Places are compared across articles: one article naming both a country and its
    # capital ("in Romania", "in Bucharest") is not disagreeing with itself.
    article_places: dict[int, set[str]] = defaultdict(set)
    for m in members:
        if m.place:
            article_places[m.article_id].add(m.place)
    place_sets = list(article_places.values())
    if len(place_sets) > 1 and any(not (a & b) for i, a in enumerate(place_sets) for b in place_sets[i + 1 :]):
        problems.append("places differ: " + "; ".join(f"{p} ({', '.join(s)})" for p, s in sorted(places.items())))
    dated = [m for m in members if m.days]
    if any(_days_overlap(a, b) is False for i, a in enumerate(dated) for b in dated[i + 1 :]):
        problems.append("dates differ: " + "; ".join(f"{d} ({', '.join(s)})" for d, s in sorted(dates.items())))
    if problems:
        plan.state, plan.reason = CONFLICTING, f"Reports of the same {first.kind} disagree: " + "; ".join(problems) + "."
    else:
        where = ", ".join(sorted(places)) or "no place given"
        when = ", ".join(sorted(dates)) or "no date given"
        plan.state = CONSISTENT
        plan.reason = f"{plan.source_count} sources agree on the {first.kind}: {where}; {when}."
    return plan


# --- everything ---------------------------------------------------------------------------------


def match(
    *, claims: Iterable[ClaimFact] = (), quotes: Iterable[QuoteFact] = (), articles: Iterable[ArticleText] = ()
) -> list[GroupPlan]:
    """Every group the matcher proposes for these claims, quotes and articles.

    Date claims inside a sentence that reports an event are placed in that event's group
    rather than in a numeric group of their own.
    """
    mentions = [m for a in articles for m in event_mentions(a)]
    event_groups = group_events(mentions)
    plans: list[GroupPlan] = []
    claims = list(claims)
    in_event: set[int] = set()
    spans: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for gi, group in enumerate(event_groups):
        for m in group:
            spans[m.article_id].append((m.start, m.end, gi))
    event_plans = [event_group_plan(g) for g in event_groups]
    for c in claims:
        # Only calendar dates ("Nov 29-30") say when an event was; "next week" does not.
        if c.kind != "date" or not _DATE_RE.search(c.text):
            continue
        for start, end, gi in spans.get(c.article_id, ()):
            if start <= c.start < end:
                event_plans[gi].claim_ids.append(c.id)
                in_event.add(c.id)
                break
    plans.extend(event_plans)
    plans.extend(claim_group_plan(g) for g in group_claims(c for c in claims if c.id not in in_event))
    plans.extend(quote_group_plan(g) for g in group_quotes(quotes))
    return plans
