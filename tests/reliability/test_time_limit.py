"""An extraction that runs too long is stopped, the article marked failed with the reason,
and the worker goes on with the next article: nothing is left stuck in `extracting`.

Celery puts a task's time limits in its message, so they are the queueing process's
settings: here `manage.py ingest`, run with a 2 s limit, against a worker held 5 s per
article by the test hook.
"""
from __future__ import annotations

import pytest

from claims.models import Article
from claims.services import article_ingest_path
from tests.reliability.conftest import manage, wait_for

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_an_extraction_over_the_time_limit_is_failed_and_the_worker_goes_on(
    test_broker, start_worker, service_env, seed_paths
):
    worker = start_worker(test_broker, FACTCHECK_TEST_EXTRACTION_DELAY="5")
    # A first article under the usual limit warms the worker (imports, the spaCy model), so
    # that the short limit below strikes in the extraction itself.
    warm = article_ingest_path(path=seed_paths[0]).article.id
    assert wait_for(lambda: Article.objects.get(id=warm).status == "extracted", timeout=90)

    env = {**service_env, "CELERY_BROKER_URL": test_broker, "FACTCHECK_EXTRACTION_TIME_LIMIT": "2"}
    assert manage("ingest", *map(str, seed_paths[1:3]), env=env).returncode == 0
    slow = Article.objects.exclude(id=warm)

    def statuses():
        return list(slow.values_list("status", flat=True))

    assert wait_for(lambda: statuses() == ["failed", "failed"], timeout=60), statuses()
    for article in slow:
        assert "extraction stopped by its time limit of" in article.error
        assert article.lease_token == "" and article.attempts == 1
    assert worker.alive()
