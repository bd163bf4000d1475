"""PostgreSQL connections dropped under running workers.

The test terminates (pg_terminate_backend) every connection the workers hold to the test
database, over and over, while they extract: the way a server restart or a failover looks
from a worker. Only connections named for the test's workers, on the test database, are
touched; the shared server and every other database are left alone.
"""
from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from claims.models import Article
from claims.services import article_ingest_path
from tests.reliability.conftest import (
    WORKER_APP_NAME,
    clean_extraction_snapshots,
    database_url_for,
    extraction_snapshot,
    wait_for,
)

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def drop_worker_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = %s AND pid <> pg_backend_pid()",
            [WORKER_APP_NAME],
        )
        return cursor.fetchone()[0]


def statuses(ids: list[int]) -> dict[int, str]:
    return dict(Article.objects.filter(id__in=ids).values_list("id", "status"))


def test_extractions_retry_through_dropped_connections_and_store_whole_results(
    test_broker, start_worker, seed_paths
):
    # Each article waits 1 s after its lease is taken, so that drops land before, during and
    # after the lease, the extraction and the storing transaction.
    worker = start_worker(test_broker, concurrency=2, FACTCHECK_TEST_EXTRACTION_DELAY="1")
    ids = [article_ingest_path(path=path).article.id for path in seed_paths[:3]]
    assert wait_for(lambda: "extracting" in statuses(ids).values(), timeout=60), worker.log()[-2000:]

    dropped = []
    stop = threading.Event()

    def storm():
        while not stop.is_set():
            dropped.append(drop_worker_connections())
            time.sleep(0.4)

    thread = threading.Thread(target=storm)
    thread.start()
    time.sleep(5)
    stop.set()
    thread.join()

    assert sum(dropped) > 0, "no worker connection was dropped: the test did not test anything"
    assert wait_for(lambda: set(statuses(ids).values()) == {"extracted"}, timeout=150), statuses(ids)
    assert worker.alive()
    assert max(Article.objects.filter(id__in=ids).values_list("attempts", flat=True)) > 1
    assert {article_id: extraction_snapshot(article_id) for article_id in ids} == clean_extraction_snapshots(ids)


def test_extractions_finish_across_a_database_restart(test_broker, start_worker, service_env, postgres,
                                                      database_proxy, seed_paths):
    # The worker reaches PostgreSQL through the test's relay; taking the relay down for a few
    # seconds drops its connections and refuses new ones, as a restart does.
    through_proxy = database_url_for(postgres, application_name=WORKER_APP_NAME, port=database_proxy.port)
    worker = start_worker(test_broker, FACTCHECK_TEST_EXTRACTION_DELAY="2", DATABASE_URL=through_proxy)
    ids = [article_ingest_path(path=path).article.id for path in seed_paths[3:5]]
    assert wait_for(lambda: "extracting" in statuses(ids).values(), timeout=60), worker.log()[-2000:]

    database_proxy.down()
    time.sleep(4)
    database_proxy.up()

    assert wait_for(lambda: set(statuses(ids).values()) == {"extracted"}, timeout=150), statuses(ids)
    assert worker.alive()
    assert max(Article.objects.filter(id__in=ids).values_list("attempts", flat=True)) > 1
    assert {article_id: extraction_snapshot(article_id) for article_id in ids} == clean_extraction_snapshots(ids)
