import pytest

from claims.extraction.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    from django.conf import settings

    return load_pipeline(settings.FACTCHECK_SPACY_MODEL)
