"""The spaCy pipeline, loaded once per process.

Loading takes about half a second and 100 MB; workers and the web process share one instance
per process through this cache (Celery prefork children each load their own, once).

Every line of a clean article is a paragraph or the headline (claims.extraction.cleaning
joins them with one newline). spaCy's parser does not always end a sentence at a newline:
a headline without a full stop ran into the story's first sentence, and the attribution
at that sentence's end ("..., Mayor Ann Lee said.") was lost to both. The pipeline is given
a component that starts a sentence after every line break, before the parser runs; the
parser keeps boundaries set before it.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

LINE_BREAKS = "line_breaks_end_sentences"
_TEXT = "factcheck_text"


@Language.component(LINE_BREAKS)
def line_breaks_end_sentences(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc: ``Doc.text`` makes a Token object for every token
    each time it is read, and the quote finder, the claim finder and the story's people
    each need the whole text."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


@lru_cache(maxsize=2)
def load_pipeline(name: str) -> Language:
    """Load an installed pipeline package by name; nothing is downloaded."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy pipeline {name!r} is not installed; install requirements.txt "
            "or set FACTCHECK_SPACY_MODEL to an installed pipeline"
        ) from exc
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp
