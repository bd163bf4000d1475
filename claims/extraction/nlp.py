"""The spaCy pipeline, loaded once per process.

Loading takes about half a second and 100 MB; workers and the web process share one instance
per process through this cache (Celery prefork children each load their own, once).
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=2)
def load_pipeline(name: str) -> Language:
    """Load an installed pipeline package by name; nothing is downloaded."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy pipeline {name!r} is not installed; install requirements.txt "
            "or set FACTCHECK_SPACY_MODEL to an installed pipeline"
        ) from exc
