"""Quotes: the same words reported by several outlets, and whether they credit one speaker.

Quotes are matched across all stories: the same sentence of a speaker's words in two
outlets is strong evidence of one statement, whatever else the articles are about. The
shorter quote must be found in the longer one (a mixed quote 'as long as it takes' inside
the full statement). A group is flagged when two outlets credit the words to speakers who
cannot be one person, or when the aligned words differ in a negation or a number.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from claims.matching.types import CONFLICTING, CONSISTENT, Conflict, GroupPlan, QuoteFact

# The shorter quote must be found in the longer one at least this well.
QUOTE_MATCH = 88.0
# Two outlets' versions of one statement in quotation marks by one named person in one
# story, transcribed differently ("If there was any more I could give you, I would" / "If I could give you
# more, I would"; "Nothing less than the future of Europe ... is at stake" / "The future of
# Europe ... is at stake"), need only align this well. Reported speech is not held to
# anyone's words: "the Angels have made an eight-year offer" and "his club had also made an
# eight-year offer", both told of one general manager, are two offers. At 76 (80: quote
# pair recall 0.849 -> 0.868, group precision kept); at 72, 0.887 but one producer's two
# statements about a show ("get away from this late-night talk show rut", "a departure from
# the late-night talk-show format") made one.
SAME_SPEAKER_MATCH = 76.0
QUOTE_MIN_WORDS = 4
# Surnames this alike (rapidfuzz ratio) are one name spelt two ways.
SPELLING_MATCH = 85.0
CROSS_STORY_MIN_WORDS = 10
# A quoted phrase this long, found whole in another outlet's quotation of the same person.
PHRASE_MIN_WORDS = 2
# A quoted phrase this long is a sentence, the same one wherever it is found; a shorter one
# (a term, "late-night talk-show") may recur in two statements.
PHRASE_SENTENCE_WORDS = 6
# Shingles held by more quotes than this are too common to find candidates with.
COMMON_SHINGLE = 200

# Credit is compared only on quotes this long (the shorter one, in words) and this well
# aligned: "No one was hurt" or "We're going to build ..." are said by many people.
CREDIT_MIN_WORDS = 5
CREDIT_MATCH = 95.0
# A person named within this many characters of a body ("Kraft Food's Susan Davison", "Susan
# Davison, a Kraft spokeswoman") speaks for it.
SPOKESPERSON_WINDOW = 40
# Two aligned passages whose figures differ must otherwise read alike this well (figures
# taken out): a retold sentence with one number changed, not two sentences that happen to
# align in part.
NUMBERS_ALIKE = 90.0

_NEGATION = re.compile(r"\b(not|no|never|nobody|nothing|none|neither|nor|without|cannot)\b|n't\b", re.I)
_NUMBER = re.compile(r"\d[\d,.]*")


class DisjointSets:
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


_CLOCK = re.compile(
    r"\b(\d{1,2})(?:[: ](\d{2}))?\s*([ap])\s*m\b"
    r"|\b(\d{1,2})[: ]?(\d{2})(?=\s*(?:gmt|utc|hrs|hours|[ecmp][sd]t)\b)|\b(\d{1,2})[: ](\d{2})\b(?!\s*[ap]\s*m\b)",
    re.I,
)


def _clock(m: re.Match) -> str:
    """A time of day as minutes after midnight: '6 p m', '6 00 p m' and '18 00' are one time."""
    if m.group(3):
        hour, minute = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0), int(m.group(2) or 0)
    else:
        hour, minute = (int(m.group(4)), int(m.group(5))) if m.group(4) else (int(m.group(6)), int(m.group(7)))
        if hour > 23 or minute > 59:
            return m.group(0)
    return f" t{hour * 60 + minute} "


def _numbers(passage: str) -> list[str]:
    """The figures of a passage, times of day as minutes ('6 p.m.' is '6:00 p.m.' is
    '18:00'), other digit groups joined ('0800 555 111' is '0800555111'): an outlet adding
    an age in brackets, spacing a phone number or writing a 24-hour clock changes no figure."""
    passage = _CLOCK.sub(_clock, passage)
    return [*re.findall(r"t\d+", passage), *_NUMBER.findall(re.sub(r"(?<=\d) (?=\d)", "", re.sub(r"t\d+", " ", passage)))]


def _figure_changed(short: str, passage: str, longer: str) -> bool:
    """Whether a figure of the shorter passage is told otherwise in the aligned one: a number
    it has that the passage (read a few words further, so that '6 p m' meets '6 00 p m')
    lacks, in words otherwise alike, and followed by the same word ('48km' against '30
    miles' is a conversion, '6 1 magnitude' against '5 9 magnitude' a changed figure)."""
    at = longer.find(passage)
    wider = " ".join(longer[at:].split()[: len(passage.split()) + 3]) if at >= 0 else passage
    theirs = _numbers(wider)
    missing = [n for n in _numbers(short) if n not in theirs]
    if not missing or _words_alike(short, passage) < NUMBERS_ALIKE:
        return False
    after = lambda text: {m.group(1) for m in re.finditer(r"\d[\d ]*?\s*([a-z]+)", _CLOCK.sub(" ", text))}  # noqa: E731
    return after(short) <= after(wider)


def _words_alike(a: str, b: str) -> float:
    """How alike two passages read with their figures taken out (0-100)."""
    strip = lambda text: " ".join(re.sub(r"\d+", " ", _CLOCK.sub(" ", text)).split())  # noqa: E731
    return fuzz.ratio(strip(a), strip(b))


# Contractions, written out: one outlet's "aren't" is another's "are not".
_CONTRACTIONS = (
    (re.compile(r"\bcan't\b"), "can not"), (re.compile(r"\bwon't\b"), "will not"), (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(it|that|there|what|he|she|who)'s\b"), r"\1 is"), (re.compile(r"'re\b"), " are"),
    (re.compile(r"\bi'm\b"), "i am"), (re.compile(r"'ll\b"), " will"), (re.compile(r"'ve\b"), " have"),
)
# An outlet's own words inside a quote: "altered (its direction) towards", "to strengthen
# [the Endangered Species Act]".
_INSERTION = re.compile(r"\([^()]{0,60}\)|\[[^\[\]]{0,60}\]")


_SPACED_APOSTROPHE = re.compile(r"\s+'\s*(?=(?:s|t|re|m|ll|ve|d)\b)")
_WORDS = re.compile(r"[a-z0-9']+")


def quote_norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    if "(" in text or "[" in text:
        text = _INSERTION.sub(" ", text)
    if "'" in text:
        text = _SPACED_APOSTROPHE.sub("'", text)  # "we ' ll", as some outlets space it
        for pattern, written in _CONTRACTIONS:
            text = pattern.sub(written, text)
    return " ".join(_WORDS.findall(text))


def _shingles(norm: str) -> set[str]:
    words = norm.split()
    if len(words) < 3:
        return {norm} if norm else set()
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def quote_alignment(a: str, b: str) -> tuple[float, str, str]:
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


def _two_statements(a: QuoteFact, b: QuoteFact, na: str, nb: str, score: float) -> bool:
    """Words credited to two people who cannot be one, shared only in part or only a few
    ("No one was hurt", "We're going to build ..."), are two statements, not one."""
    if not (a.speaker and b.speaker and is_name(a.speaker) and is_name(b.speaker)) or same_person(a.speaker, b.speaker):
        return False
    if a.speaker_kind == b.speaker_kind == "organisation":
        return False  # a news agency and the outlet quoting it: one statement (as `credit_clash`)
    return score < CREDIT_MATCH or min(len(na.split()), len(nb.split())) < CREDIT_MIN_WORDS


_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")


def _name_words(text: str) -> frozenset[str]:
    """The words of names inside a quote (capitalised, not its first word): "the purposes of
    the [Endangered Species Act]" -> {endangered, species, act}."""
    words = _WORD.findall(text)[1:]
    return frozenset(w for word in words if word[0].isupper() for w in quote_norm(word).split())


def _shares_words_beyond_names(short: str, long_: str, names: frozenset[str]) -> bool:
    """Whether two quotes share QUOTE_MIN_WORDS words besides the names in the shorter: "the
    purposes of the Endangered Species Act" and "a wholly inappropriate use of the Endangered
    Species Act" share a law's name, not a statement. A quote found whole in the other
    ("Peoples of Europe, Rise Up") is the same words whatever they are."""
    if short in long_:
        return True
    theirs = set(long_.split())
    return sum(1 for w in short.split() if w not in names and w in theirs) >= QUOTE_MIN_WORDS


def group_quotes(quotes: Iterable[QuoteFact], story_of: dict[int, int] | None = None) -> list[list[QuoteFact]]:
    """Groups of quotes that are the same words in two or more outlets. Across stories the
    shorter quote needs CROSS_STORY_MIN_WORDS: a stock phrase ("we are looking into it")
    said in two different stories is two statements."""
    story_of = story_of or {}
    items = sorted(quotes, key=lambda q: (q.article_id, q.start, q.id))
    norms = [quote_norm(q.text) for q in items]
    names = [_name_words(q.text) for q in items]
    sets = DisjointSets(len(items))
    index: dict[str, list[int]] = defaultdict(list)
    for i, norm in enumerate(norms):
        if len(norm.split()) < QUOTE_MIN_WORDS:
            continue
        candidates: set[int] = set()
        for sh in _shingles(norm):
            holders = index[sh]
            if len(holders) <= COMMON_SHINGLE:
                candidates.update(holders)
            holders.append(i)
        for j in sorted(candidates):
            # Same-article pairs join too: a mixed quote inside the article's full quotation
            # links that quotation to other sources' versions.
            if sets.find(i) == sets.find(j):
                continue
            a, b = items[i].article_id, items[j].article_id
            if story_of.get(a, -1) != story_of.get(b, -1) and min(len(norm.split()), len(norms[j].split())) < CROSS_STORY_MIN_WORDS:
                continue
            short, long_ = (i, j) if len(norms[i]) <= len(norms[j]) else (j, i)
            if not _shares_words_beyond_names(norms[short], norms[long_], names[short]):
                continue
            score, _, _ = quote_alignment(norms[i], norms[j])
            bar = QUOTE_MATCH
            if story_of.get(a, -1) == story_of.get(b, -1) and _one_speaker(items[i], items[j]) and _direct(items[i]) and _direct(items[j]):
                bar = SAME_SPEAKER_MATCH
            if score >= bar and not _two_statements(items[i], items[j], norms[i], norms[j], score):
                sets.union(i, j)
    _join_quoted_phrases(items, norms, story_of, sets)
    return [g for g in sets.groups(items) if len({q.outlet_key for q in g}) > 1]


def _direct(q: QuoteFact) -> bool:
    """A quote in quotation marks (the speaker's own words), not reported speech."""
    return bool(q.text.strip()) and q.text.lstrip()[0] in "\"\u201c\u201e'\u2018"


def _one_speaker(a: QuoteFact, b: QuoteFact) -> bool:
    """Both quotes credited, by name, to one person."""
    return bool(a.speaker and b.speaker and is_name(a.speaker) and is_name(b.speaker) and same_person(a.speaker, b.speaker))


_QUOTED = re.compile(r"[\u201c\"]\s*([^\u201c\u201d\"]+?)\s*[\u201d\"]")


def quoted_phrases(text: str) -> list[str]:
    """The words inside quotation marks of a reported passage, normalised: 'Bush is “like a
    spoiled child” and “not a smart man”' -> ['like a spoiled child', 'not a smart man']; none
    when the passage has no quotation marks ('he has made an eight-year offer ...')."""
    return [p for m in _QUOTED.finditer(text) if (p := quote_norm(m.group(1)))]


def _join_quoted_phrases(items: Sequence[QuoteFact], norms: list[str], story_of: dict[int, int], sets: DisjointSets) -> None:
    """Join a passage's quoted phrase to the one other statement that holds it whole, inside
    one story (in any story from PHRASE_SENTENCE_WORDS words): the words one outlet quotes ("spoiled child") found in another outlet's quotation
    ("like a spoiled child"). A phrase of PHRASE_MIN_WORDS words joins only passages credited by
    name to one person, a longer one any passages not credited to two people. A phrase found
    shorter than PHRASE_SENTENCE_WORDS in two statements unlike each other ("late-night
    talk-show" in "this late-night talk show rut" and "a departure from the late-night
    talk-show format") tells neither."""
    by_story: dict[int, list[int]] = defaultdict(list)
    for i, q in enumerate(items):
        by_story[story_of.get(q.article_id, -1)].append(i)
    # A phrase of PHRASE_SENTENCE_WORDS words or more is one sentence wherever it is found,
    # so it is looked for in every story, as whole quotes are ("being right on radical
    # Islamic terrorism" quoted in the news of a shooting and in a profile days later).
    everywhere: dict[str, list[int]] = defaultdict(list)
    for j in range(len(items)):
        for w in set(norms[j].split()):
            everywhere[w].append(j)
    for members in by_story.values():
        # Candidates hold the phrase's rarest word in the story: a story of thousands of
        # quotes is not read quote by quote for every phrase.
        holding: dict[str, list[int]] = defaultdict(list)
        for j in members:
            for w in set(norms[j].split()):
                holding[w].append(j)
        for i in members:
            a = items[i]
            phrases = quoted_phrases(a.text)
            # Each phrase, and all of them together: 'a “loser,” a “liar” and a “whiner”' is
            # three words of 'you are a loser, you are a liar and a whiner'.
            for together in [(p,) for p in phrases] + ([tuple(phrases)] if len(phrases) > 1 else []):
                size = sum(len(p.split()) for p in together)
                if size < PHRASE_MIN_WORDS:
                    continue
                holders = []
                index = everywhere if size >= PHRASE_SENTENCE_WORDS else holding
                rarest = min((w for p in together for w in p.split()), key=lambda w: len(index.get(w, ())))
                for j in index.get(rarest, ()):
                    b = items[j]
                    if a.outlet_key == b.outlet_key or not all(f" {p} " in f" {norms[j]} " for p in together):
                        continue
                    one = _one_speaker(a, b)
                    named = bool(a.speaker and b.speaker and is_name(a.speaker) and is_name(b.speaker))
                    if (named and not one) or size < (PHRASE_MIN_WORDS if one else QUOTE_MIN_WORDS):
                        continue
                    holders.append(j)
                firsts = list({sets.find(j): j for j in holders}.values())
                if size < PHRASE_SENTENCE_WORDS and any(
                    quote_alignment(norms[x], norms[y])[0] < QUOTE_MATCH for n, x in enumerate(firsts) for y in firsts[:n]
                ):
                    continue
                for j in firsts:
                    sets.union(i, j)


def _speaker_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", name.lower()) if w not in {"jr", "sr", "mr", "mrs", "ms", "dr"}]


def is_name(speaker: str) -> bool:
    """A person's or body's full name ('Jack Ketsoyan', 'Defence Ministry') or acronym
    ('NATO'), not a description ('her rep', 'Indian navy', 'this L.A. Times story') or a bare
    surname or country: only names can show that outlets credit different speakers."""
    words = speaker.split()
    if len(words) == 1:
        return len(speaker) >= 2 and speaker.isupper() and speaker.isalpha()
    return all(w[:1].isupper() for w in words)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", name))


def same_person(a: str, b: str) -> bool:
    """'Jens Stoltenberg', 'Stoltenberg' and 'Mr. Stoltenberg' can be one person, and 'NATO'
    'North Atlantic Treaty Organization' one organisation; 'Jens Stoltenberg' and
    'Volodymyr Zelensky' cannot."""
    for short, full in ((a, b), (b, a)):
        if short.isupper() and len(short) >= 2 and _initials(full) == short:
            return True
    wa, wb = _speaker_words(a), _speaker_words(b)
    if not wa or not wb:
        return True
    if wa == wb:
        return True
    if wa[-1] != wb[-1] and fuzz.ratio(wa[-1], wb[-1]) < SPELLING_MATCH:
        return False  # 'Wetzler' and 'Welzler' are one name misspelt
    # One surname: given names, where both have one, must agree (or one be an initial).
    # Given names and titles: 'Constable Tim Fanning' and 'Tim Fanning', 'Raymond W. Kelly'
    # and 'Raymond Kelly', 'Cheryl Boone Isaacs' and 'Academy President Boone Isaacs' share
    # one; 'John Cerar' and 'Raymond Cerar' do not (initials stand for a name).
    ga, gb = wa[:-1], wb[:-1]
    if not ga or not gb or set(ga) & set(gb):
        return True
    # 'Karolos' and 'Carolos' Papoulias: one given name transliterated two ways.
    return any((x[0] == y[0] and (len(x) == 1 or len(y) == 1)) or (min(len(x), len(y)) > 3 and fuzz.ratio(x, y) >= SPELLING_MATCH)
               for x in ga for y in gb)


def _named_in(body: str, speaker: str) -> bool:
    """Whether an article names this speaker (by full name, or surname for a person)."""
    words = _speaker_words(speaker)
    if not body or not words:
        return False
    return bool(re.search(r"\b" + re.escape(words[-1]) + r"\b", body, re.I))


def _reported_by(body: str, name: str) -> bool:
    """Whether an article names a body as the one the news came through: "confirmed to the
    Los Angeles Times", "according to Reuters", "The Hollywood Reporter and Collider are
    reporting". Its initials may be spelt out ('L.A. Times' is the 'Los Angeles Times')."""
    words = _speaker_words(name)
    if not body or not words:
        return False
    pattern = r"\W+".join(re.escape(w) + (r"[a-z]*" if len(w) == 1 else "") for w in words)
    before = r"\b(?:told|(?:confirmed|said|spoke|talked) to|according to|per|reported by|in an interview with)\s+(?:the\s+)?"
    after = r"(?:\s+and\s+[A-Z][\w.]*)?\s+(?:(?:is|are|was|were|has|have)\s+)?(?:report(?:s|ed|ing)|first reported)\b"
    return bool(re.search(before + pattern + r"\b", body, re.I) or re.search(r"\b" + pattern + after, body, re.I))


_SPOKESPERSON = re.compile(r"\b(spokes\w*|representative|rep|publicist|press secretary|agent|aide|lawyer|attorney)\b", re.I)


def _speaks_for(body: str, person: str, body_name: str) -> bool:
    """Whether the article writes the person as the body's voice: its spokesperson,
    representative, agent or lawyer beside its name ("Susan Davison, a Kraft spokeswoman"), or
    the body's own ("Kraft Food's Susan Davison"). A leader with a title ("NATO
    Secretary-General Jens Stoltenberg") speaks for himself."""
    words = _speaker_words(person)
    names = [w for w in _speaker_words(body_name) if len(w) > 2] or _speaker_words(body_name)
    if not body or not words or not names:
        return False
    body_re = r"\b(?:" + "|".join(re.escape(n) for n in names) + r")"
    for m in re.finditer(r"\b" + re.escape(words[-1]) + r"\b", body, re.I):
        before = body[max(0, m.start() - SPOKESPERSON_WINDOW - len(person)) : m.start()]
        near = before + body[m.start() : m.end() + SPOKESPERSON_WINDOW]
        if re.search(body_re + r"[\w ]{0,20}?['\u2019]s?\s+(?:[A-Z][\w.-]*\s+){0,3}$", before, re.I):
            return True
        if _SPOKESPERSON.search(near) and re.search(body_re, near, re.I):
            return True
    return False


def credit_clash(a: QuoteFact, b: QuoteFact, bodies: dict[int, str] | None = None) -> float:
    """The confidence (0 when none) that two outlets credit one quote to different speakers.

    Two people: a clash only when neither article names the other's speaker (an article
    naming both either quotes one speaking for the other, "her spokesman, Bill McAllister,
    says Palin ...", or puts the words next to the wrong one of two names). A person and a
    body: a weaker clash, unless the person is written beside the body's name (its
    spokesperson). Two bodies (a news agency and the outlet quoting it) never clash."""
    if a.outlet_key == b.outlet_key or not (a.speaker and b.speaker and is_name(a.speaker) and is_name(b.speaker)):
        return 0.0
    if same_person(a.speaker, b.speaker):
        return 0.0
    na, nb = quote_norm(a.text), quote_norm(b.text)
    if min(len(na.split()), len(nb.split())) < CREDIT_MIN_WORDS or quote_alignment(na, nb)[0] < CREDIT_MATCH:
        return 0.0
    bodies = bodies or {}
    kinds = {a.speaker_kind == "organisation", b.speaker_kind == "organisation"}
    if kinds == {True}:
        return 0.0
    if kinds == {False}:
        if _named_in(bodies.get(a.article_id, ""), b.speaker) or _named_in(bodies.get(b.article_id, ""), a.speaker):
            return 0.0
        return 0.9
    person, body = (a, b) if b.speaker_kind == "organisation" else (b, a)
    if _speaks_for(bodies.get(person.article_id, ""), person.speaker, body.speaker):
        return 0.0
    if _reported_by(bodies.get(person.article_id, ""), body.speaker):
        # The article crediting the person names the body as the news outlet the words came
        # through ("Tony Reagins confirmed to the Los Angeles Times"; "The Hollywood Reporter
        # and Collider are reporting"): the other outlet credits its source, not a speaker.
        return 0.0
    if _named_beside(bodies.get(body.article_id, ""), body, person.speaker):
        return 0.0
    return 0.5


# How far from a quote (characters either side) a name counts as written beside it.
BESIDE_QUOTE = 80


def _named_beside(body: str, quote: QuoteFact, person: str) -> bool:
    """Whether the article that credits a body writes the person's full name right beside
    the quote ("..., said ABC Entertainment Group prexy Paul Lee."): the article credits the
    person too, as the body's officer, and only the reading took the body for the speaker."""
    words = _speaker_words(person)
    if not body or len(words) < 2:
        return False
    at = body.find(quote.text, max(0, quote.start - 5)) if quote.text else -1
    at = quote.start if at < 0 else at
    near = body[max(0, at - BESIDE_QUOTE) : at + len(quote.text) + BESIDE_QUOTE]
    return bool(re.search(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", near, re.I))


def reported_by(members: Sequence[QuoteFact]) -> dict[int, str]:
    """Quote id -> the speaker who reports it: quotes lying inside a longer quote of the same
    article credited to another speaker (a nested report)."""
    found: dict[int, str] = {}
    for q in members:
        if not q.speaker:
            continue
        for outer in members:
            if (
                outer.id != q.id and outer.article_id == q.article_id and outer.speaker and outer.speaker != q.speaker
                and len(outer.text) > len(q.text) and outer.start <= q.start and q.start + len(q.text) <= outer.start + len(outer.text)
            ):
                found[q.id] = outer.speaker
                break
    return found


def quote_group_plan(members: Sequence[QuoteFact], bodies: dict[int, str] | None = None) -> GroupPlan:
    """The plan for one group of quotes; `bodies` (article id -> text), when given, lets a
    credit clash be checked against what each article says about the other speaker."""
    shortest = min(members, key=lambda q: (len(q.text), q.article_id, q.id))
    words = shortest.text.strip().strip("\"'\u201c\u201d\u2018\u2019,.;: ")
    plan = GroupPlan(
        kind="quote", unit="", subject=words[:300], label=f"\u201c{words[:200]}\u201d",
        quote_ids=[q.id for q in members], article_ids={q.article_id for q in members},
        outlets={q.outlet_key for q in members}, anchor=shortest.fingerprint or str(shortest.id),
    )
    # A quote nested in another of the same article credited to someone else is the outer
    # speaker's report of it ('"In his own words, he said it's not his DNA to stay in jail,"
    # said Christina Greenway'): the words are hers, and the group credits her, noting whom
    # she reports; the nested credit never clashes with another outlet's.
    reporter = reported_by(members)
    speakers: dict[str, list[str]] = defaultdict(list)
    reports: dict[str, list[str]] = defaultdict(list)
    for q in members:
        if q.id in reporter:
            if q.speaker not in reports[reporter[q.id]]:
                reports[reporter[q.id]].append(q.speaker)
        elif q.speaker and q.source not in speakers[q.speaker]:
            speakers[q.speaker].append(q.source)
    problems: list[str] = []
    credited = [q for q in members[:60] if q.speaker and is_name(q.speaker) and q.id not in reporter]
    # Only two versions of the same words can be credited differently: quotes of one group
    # joined through a third are other statements.
    clashes = [(a, b, c) for i, a in enumerate(credited) for b in credited[i + 1 :] if (c := credit_clash(a, b, bodies))]
    if clashes:
        names = sorted({q.speaker for a, b, _ in clashes for q in (a, b)})
        credit = "; ".join(f"{name} ({', '.join(speakers[name])})" for name in names)
        problems.append(f"credited to different speakers: {credit}")
        for a, b, confidence in sorted(clashes, key=lambda c: -c[2])[:10]:
            plan.conflicts.append(Conflict(a.id, b.id, confidence, f"{a.source} credits {a.speaker}, {b.source} credits {b.speaker}"))
    # Every pair from different outlets, the shorter aligned inside the longer: a negation
    # or a number that one side has and the other lacks changes the meaning.
    norms = [(q, quote_norm(q.text)) for q in members[:30]]
    for i, (a, na) in enumerate(norms):
        for b, nb in norms[i + 1 :]:
            if a.outlet_key == b.outlet_key:
                continue
            score, short, passage = quote_alignment(na, nb)
            if score < QUOTE_MATCH:
                continue  # related through a third quote, not aligned with each other
            numbers_a, numbers_b = _numbers(short), _numbers(passage)
            if len(_NEGATION.findall(short)) != len(_NEGATION.findall(passage)):
                why = f"negation differs between {a.source} and {b.source}: \u201c{short}\u201d vs \u201c{passage}\u201d"
            elif numbers_a and numbers_b and _figure_changed(short, passage, nb if len(na) <= len(nb) else na):
                why = f"numbers differ between {a.source} and {b.source}: \u201c{short}\u201d vs \u201c{passage}\u201d"
            else:
                continue
            problems.append(why)
            plan.conflicts.append(Conflict(a.id, b.id, score / 100, why))
            if len(problems) >= 4:
                break
    plan.details = {"speakers": {name: srcs for name, srcs in sorted(speakers.items())}}
    if reports:
        plan.details["reports"] = {name: told for name, told in sorted(reports.items())}
    if problems:
        plan.state, plan.reason = CONFLICTING, "Quote " + "; ".join(problems) + "."
        plan.confidence = max(c.confidence for c in plan.conflicts)
    else:
        who = ", ".join(f"{name} (reporting {', '.join(reports[name])})" if reports.get(name) else name for name in speakers)
        who = who or "nobody named"
        plan.state = CONSISTENT
        plan.reason = f"The same words in {plan.source_count} sources, credited to {who}."
        plan.confidence = 0.9
    return plan
