"""beat keeps its schedule file under FACTCHECK_VAR_DIR, like every other file the
installation writes, not in whatever directory it was started from."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.reliability.conftest import ROOT, wait_for


@pytest.mark.slow
def test_beat_writes_its_schedule_under_the_var_dir(private_redis, tmp_path):
    var_dir = tmp_path / "var"
    elsewhere = tmp_path / "started-here"
    elsewhere.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "FACTCHECK_VAR_DIR": str(var_dir), "CELERY_BROKER_URL": private_redis.url,
        "FACTCHECK_SWEEP_SECONDS": "3600", "PYTHONPATH": str(ROOT),
    }
    with open(tmp_path / "beat.log", "w") as log:
        beat = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "factcheck", "beat", "--loglevel=INFO"],
            cwd=elsewhere, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        written = wait_for(lambda: any(var_dir.glob("celerybeat-schedule*")), timeout=30)
    finally:
        beat.terminate()
        beat.wait(timeout=20)
    assert written, (tmp_path / "beat.log").read_text()
    assert not any(elsewhere.rglob("celerybeat-schedule*"))
