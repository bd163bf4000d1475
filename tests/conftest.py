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


@pytest.fixture(autouse=True, scope="session")
def _no_page_cache_listener():
    """The page cache's listener for writes outside Django holds a database connection for
    the life of its process: not in this one, whose test database is dropped at the end
    (the root conftest turns it off for subprocesses too; tests that need it say so)."""
    from django.conf import settings

    settings.API_PAGE_CACHE_LISTEN = False


@pytest.fixture(autouse=True)
def _inline_tasks():
    """Run Celery tasks inline unless a test asks for a real worker."""
    from factcheck.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


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


CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
# Debian's Chromium, never a test tool's own download. Without the background-networking
# flags it keeps trying to reach Google's hosts, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


@pytest.fixture
def chromium_page(monkeypatch):
    """A fresh headless Chromium page (Playwright), 1280x900, 15 s default timeout."""
    need(Path(CHROMIUM).exists(), f"needs Debian's chromium at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()
