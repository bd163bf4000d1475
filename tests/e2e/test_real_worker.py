"""End to end through a real Celery worker process over Redis into PostgreSQL.

Ingest commits the articles and queues one task each (on commit); a `celery worker`
subprocess, pointed at the test database, consumes them and extracts.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from claims.models import Article
from claims.services import article_ingest_path
from tests.workers import database_url_for, wait_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def real_worker(postgres, broker_url, tmp_path):
    """A `celery worker` subprocess against the test database and the test broker."""
    from factcheck.celery import app

    redis.Redis.from_url(broker_url).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for(postgres),
        "CELERY_BROKER_URL": broker_url,
        "FACTCHECK_VAR_DIR": str(tmp_path),
    }
    log = open(tmp_path / "worker.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "--concurrency=2", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    app.conf.task_always_eager = False
    try:
        yield proc
    finally:
        app.conf.task_always_eager = True
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        print((tmp_path / "worker.log").read_text()[-3000:])


def test_five_seeds_are_extracted_by_a_real_worker(real_worker, seed_paths):
    ids = [article_ingest_path(path=p).article.id for p in seed_paths]
    assert len(ids) == 5
    done = wait_for(lambda: Article.objects.filter(id__in=ids, status="extracted").count() == 5, timeout=180)
    statuses = dict(Article.objects.filter(id__in=ids).values_list("id", "status"))
    assert done, f"not all extracted: {statuses}"
    assert real_worker.poll() is None, "worker died"
    assert all(a.attempts == 1 for a in Article.objects.filter(id__in=ids))
