"""Two workers given the same article at once: the lease lets one of them do the work."""
from __future__ import annotations

import pytest

from claims.models import Article
from claims.services import article_ingest_path
from claims.tasks import extract_article
from tests.reliability.conftest import clean_extraction_snapshots, extraction_snapshot, wait_for

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_two_workers_given_the_same_article_store_one_result(test_broker, start_worker, seed_paths):
    # Each worker takes one task at a time, so the two tasks go one to each; the delay keeps
    # the first holding its lease while the second tries to take the article.
    workers = [start_worker(test_broker, name=name, FACTCHECK_TEST_EXTRACTION_DELAY="3") for name in ("w1", "w2")]
    assert wait_for(lambda: all(w.ready() for w in workers), timeout=60)

    article_id = article_ingest_path(path=seed_paths[1]).article.id  # queues one task on commit
    extract_article.delay(article_id)  # and a second for the same article

    assert wait_for(lambda: all("claims.extract_article" in w.log() for w in workers), timeout=60)
    assert wait_for(lambda: Article.objects.get(id=article_id).status == "extracted", timeout=120)
    assert wait_for(lambda: sum("skipped" in w.log() for w in workers) == 1, timeout=30), [w.log()[-1500:] for w in workers]
    assert Article.objects.get(id=article_id).attempts == 1
    assert {article_id: extraction_snapshot(article_id)} == clean_extraction_snapshots([article_id])
