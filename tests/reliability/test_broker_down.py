"""Redis down while articles are ingested: nothing is lost, the sweeper queues them later.

The ingest runs as an operator runs it (`manage.py ingest` in a subprocess) against a
redis-server of the test's own, which the test stops, freezes and starts again.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from claims.models import Article
from tests.conftest import SEEDS
from tests.reliability.conftest import ROOT, manage, wait_for

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def seeds(*indexes: int) -> list[str]:
    files = sorted(SEEDS.glob("*.txt"))
    return [str(files[i]) for i in indexes]


def statuses() -> dict[str, str]:
    return dict(Article.objects.values_list("source_name", "status"))


@pytest.fixture
def redis_down(private_redis, service_env):
    """The environment of a producer whose broker (the private Redis) has just been stopped."""
    private_redis.stop()
    return {**service_env, "CELERY_BROKER_URL": private_redis.url}


def test_ingest_with_the_broker_down_succeeds_and_leaves_articles_pending(redis_down):
    run = manage("ingest", *seeds(0, 1), env=redis_down, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "2 ingested" in run.stdout
    assert "left pending" in run.stderr
    assert sorted(statuses().values()) == ["pending", "pending"]


def test_ingest_with_a_frozen_broker_gives_up_on_queueing_and_keeps_the_article(private_redis, service_env):
    # A hung host accepts the connection and never answers: the broker socket timeout must end
    # the publish, or the ingest (and an API request) would wait forever.
    private_redis.freeze()
    env = {**service_env, "CELERY_BROKER_URL": private_redis.url, "CELERY_BROKER_SOCKET_TIMEOUT": "2"}
    try:
        run = manage("ingest", *seeds(0), env=env, timeout=90)
    finally:
        private_redis.thaw()
    assert run.returncode == 0, run.stderr
    assert list(statuses().values()) == ["pending"]


def test_requeue_command_queues_articles_left_pending_once_the_broker_is_back(redis_down, private_redis, start_worker):
    assert manage("ingest", *seeds(0, 1), env=redis_down, timeout=60).returncode == 0
    private_redis.start()
    worker = start_worker(private_redis.url)

    run = manage("requeue", env=redis_down, timeout=60)

    assert run.returncode == 0, run.stderr
    assert "2 articles queued for extraction" in run.stdout
    assert wait_for(lambda: set(statuses().values()) == {"extracted"}, timeout=120), statuses()
    assert worker.alive()


def test_beat_sweeper_queues_articles_left_pending_once_the_broker_is_back(redis_down, private_redis, start_worker, tmp_path):
    assert manage("ingest", *seeds(2, 3), env=redis_down, timeout=60).returncode == 0
    private_redis.start()
    # The sweep runs in the worker; it takes articles pending for any time at all here.
    start_worker(private_redis.url, FACTCHECK_SWEEP_PENDING_SECONDS="0")
    beat_env = {**redis_down, "FACTCHECK_SWEEP_SECONDS": "1"}
    with open(tmp_path / "beat.log", "w") as log:
        beat = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "factcheck", "beat", "--loglevel=INFO",
             f"--schedule={tmp_path / 'celerybeat-schedule'}"],
            cwd=ROOT, env=beat_env, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        done = wait_for(lambda: set(statuses().values()) == {"extracted"}, timeout=120)
    finally:
        beat.terminate()
        beat.wait(timeout=20)
    assert done, f"{statuses()}\n{(tmp_path / 'beat.log').read_text()[-2000:]}"
