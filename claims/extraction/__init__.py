"""Extraction: text in, dataclasses out. Pure Python and spaCy; never imports Django.

    from claims.extraction import extract
    result = extract(body, published=date(2022, 11, 25), nlp=load_pipeline("en_core_web_sm"))

The names are loaded on first use, so that importing claims.extraction.cleaning (the web
process does, to ingest) does not import spaCy.
"""
from importlib import import_module

# Bump when the output for the same text changes: articles extracted by an older version
# are re-extracted by `requeue --outdated`. Kept here, not in pipeline.py, so that the web
# process can read it without importing spaCy.
EXTRACTOR_VERSION = "13"

_EXPORTS = {
    "ExtractionError": "claims.extraction.pipeline",
    "chunk_offsets": "claims.extraction.pipeline",
    "extract": "claims.extraction.pipeline",
    "extract_many": "claims.extraction.pipeline",
    "ClaimResult": "claims.extraction.types",
    "Extraction": "claims.extraction.types",
    "QuoteResult": "claims.extraction.types",
    "Span": "claims.extraction.types",
    "SpeakerRef": "claims.extraction.types",
}

__all__ = ["EXTRACTOR_VERSION", *sorted(_EXPORTS)]


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'claims.extraction' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
