from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need(condition: bool, reason: str) -> None:
    """Skip when a service is missing on a developer's machine; fail on CI, where it must be present."""
    if condition:
        return
    if ON_CI:
        pytest.fail(f"required on CI: {reason}")
    pytest.skip(reason)


def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _inline_tasks():
    """Run Celery tasks inline unless a test asks for a real worker."""
    from factcheck.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = True


@pytest.fixture
def postgres(db):
    from django.db import connection

    need(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL)")
    return connection


@pytest.fixture
def broker_url() -> str:
    url = os.environ["CELERY_BROKER_URL"]
    need(url.startswith("redis://") and _reachable(url), f"needs Redis at {url}")
    return url


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
