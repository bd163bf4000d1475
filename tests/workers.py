"""Helpers for tests that run real worker processes against the test database."""
from __future__ import annotations

import time


def wait_for(predicate, timeout: float, interval: float = 0.25) -> bool:
    """Poll predicate until it is true or timeout seconds pass; its last answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def database_url_for(connection, *, application_name: str = "", port: int | None = None) -> str:
    """A DATABASE_URL for a subprocess to reach the test database (optionally via a proxy port)."""
    s = connection.settings_dict
    host, port = s.get("HOST") or "127.0.0.1", port or s.get("PORT") or 5432
    if port != (s.get("PORT") or 5432):
        host = "127.0.0.1"  # through the test's proxy
    url = f"postgres://{s.get('USER') or 'postgres'}@{host}:{port}/{s['NAME']}"
    return f"{url}?application_name={application_name}" if application_name else url
