"""A worker killed with SIGKILL in the middle of an extraction.

The first worker takes the article (its lease is on the row) and is held there by the test
hook FACTCHECK_TEST_EXTRACTION_DELAY; the test kills its whole process group. The task was
never acknowledged (acks_late), so Redis delivers it again after the visibility timeout to a
second worker, which takes the lease back (same task id) and stores one extraction.
"""
from __future__ import annotations

import pytest

from claims.models import Article
from claims.services import article_ingest_path
from tests.reliability.conftest import clean_extraction_snapshots, extraction_snapshot, wait_for

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def status_of(article_id: int) -> str:
    return Article.objects.get(id=article_id).status


def test_a_task_whose_worker_was_killed_is_delivered_again_and_stored_once(test_broker, start_worker, seed_paths):
    doomed = start_worker(test_broker, name="doomed", FACTCHECK_TEST_EXTRACTION_DELAY="600")
    article_id = article_ingest_path(path=seed_paths[0]).article.id
    assert wait_for(lambda: status_of(article_id) == "extracting", timeout=60), doomed.log()[-2000:]

    doomed.kill()
    rescuer = start_worker(test_broker, name="rescuer", CELERY_VISIBILITY_TIMEOUT="4")

    assert wait_for(lambda: status_of(article_id) == "extracted", timeout=120), rescuer.log()[-2000:]
    article = Article.objects.get(id=article_id)
    assert article.attempts == 2
    assert rescuer.alive()
    stored = extraction_snapshot(article_id)
    assert {article_id: stored} == clean_extraction_snapshots([article_id])
