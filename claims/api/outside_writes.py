"""Writes made outside Django (psql, another program, a restore) retire the API's kept pages.

Django's own writes are seen by the execute wrapper in claims.api.cache. For everything
else, PostgreSQL tells: a statement-level trigger on every `claims_*` table the API reads
runs `pg_notify('factcheck_data_changed')`, which PostgreSQL delivers only when the writing
transaction commits (and once per transaction). Each web process that uses the page cache
keeps one connection LISTENing and bumps the data version on each notification; on
(re)connecting it bumps once, for anything committed while it was not listening.

The triggers are (re)installed after every `migrate` (post_migrate), so a table added later
is covered too. SQLite has no such thing: there the page cache is off unless CACHE_URL is
set, and a write outside Django is served stale for up to API_PAGE_CACHE_SECONDS.
"""
from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import connections

log = logging.getLogger(__name__)

CHANNEL = "factcheck_data_changed"
_FUNCTION = "factcheck_notify_data_changed"
_TRIGGER = "factcheck_data_changed"

_listening_lock = threading.Lock()
_listening_pid: int | None = None


def _watched_tables(connection) -> list[str]:
    # History tables are not read by the API; their writes come with the row's own.
    return sorted(
        name for name in connection.introspection.table_names()
        if name.startswith("claims_") and not name.startswith("claims_historical")
    )


def install_write_triggers(*, using: str = "default") -> int:
    """Create (or replace) the notify trigger on every claims table. Returns how many."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    tables = _watched_tables(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
        )
        for table in tables:
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {_TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {connection.ops.quote_name(table)} FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}()"
            )
    return len(tables)


def triggers_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """post_migrate receiver (for the claims app)."""
    install_write_triggers(using=using)


def _listen_forever(params: dict) -> None:
    import psycopg

    from claims.api.cache import bump_data_version

    while True:
        try:
            with psycopg.connect(**params, autocommit=True) as conn:
                conn.execute(f"LISTEN {CHANNEL}")
                bump_data_version()  # whatever was committed while nobody listened
                for _ in conn.notifies():
                    bump_data_version()
        except Exception:
            log.warning("api page cache: lost the database's write notifications; listening again", exc_info=True)
            time.sleep(1)


def ensure_listening(*, using: str = "default") -> None:
    """Start this process's listener, once (again after a fork: the thread does not follow)."""
    global _listening_pid
    import os

    if _listening_pid == os.getpid() or not settings.API_PAGE_CACHE_LISTEN:
        return
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with _listening_lock:
        if _listening_pid == os.getpid():
            return
        s = connection.settings_dict
        params = {"dbname": s["NAME"], "user": s.get("USER") or None, "password": s.get("PASSWORD") or None,
                  "host": s.get("HOST") or None, "port": s.get("PORT") or None,
                  "application_name": "factcheck-page-cache"}
        threading.Thread(target=_listen_forever, args=({k: v for k, v in params.items() if v},),
                         name="page-cache-listener", daemon=True).start()
        _listening_pid = os.getpid()
