"""The reviewers' admin at a million claims: each page's latency at 4 signed-in reviewers,
beside the admin index as the baseline from the same run.

    python bench/bench_admin.py                       # BENCH_ADMIN_ROWS=1000000 claims
    BENCH_ADMIN_ROWS=100000 python bench/bench_admin.py   # a quick run
    BENCH_ADMIN_REQUESTS=200 ...                      # requests per measured line (200)
    BENCH_ADMIN_RELOAD=1 ...                          # load the data again

Needs PostgreSQL (BENCH_PG_URL, as bench_api); when it cannot be reached the benchmark says
so and exits 0. It loads its own database `factcheck_bench_admin` with bench_api's loader (N
claims, N/10 articles in 40 outlets, N/100 speakers, N/5 groups), then adds what the admin
shows and the API bench does not need: N/5 quotes whose speakers follow a steep power law
(the most quoted speaker has about a tenth of them, as a head of state would), the matcher's
certainty and reasons on every group, and a reviewer. It serves the app as `make serve`
does (granian; BENCH_API_WORKERS processes x BENCH_API_THREADS threads) and times, signed in
as that reviewer:

  - baseline: the admin index,
  - the conflict queue (first pages), and filtered by kind and outlet,
  - a group page (opened from the queue, with its "next group"),
  - the claims list filtered (kind and state), and searched (a word, through the full-text index),
  - an article page, the most quoted speaker's page, and the dashboard,

against the target p95 <= 300 ms at 4 clients. The dashboard's counts are kept a minute
(claims.selectors.dashboard_counts): its line is measured after a first request counted them.
"""
from __future__ import annotations

import http.client
import importlib
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_api  # noqa: E402  (the loader, the server and the CPU readers are bench_api's)

ROWS = int(os.environ.get("BENCH_ADMIN_ROWS", "1000000"))
REQUESTS = int(os.environ.get("BENCH_ADMIN_REQUESTS", "200"))
CLIENTS = 4
TARGET_P95_MS = 300.0
bench_api.DB_NAME = "factcheck_bench_admin"
SEARCH_WORDS = ["budget", "deficit", "unemployment", "turnout", "emissions", "hospital", "tax", "enrolment"]


def _extra_load(n: int) -> None:
    """Quotes, the groups' outlets, the matcher's certainty and reasons: what the admin shows
    beyond the API's data."""
    import django

    django.setup()
    from datetime import UTC, datetime

    from django.db import connection

    from claims.models import Quote

    rng = random.Random(20240306)
    now = datetime.now(UTC)
    n_quotes, n_articles, n_speakers = max(1, n // 5), max(1, n // 10), max(1, n // 100)
    started = time.perf_counter()
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        # bench_api's loader emptied claims_quote (TRUNCATE here would cascade to the claims).

        def quotes():
            for i in range(n_quotes):
                # u^4: speaker 1 gets (1/n_speakers)^(1/4) of the quotes, about a tenth.
                speaker = 1 + int(n_speakers * rng.random() ** 4)
                text = f"We will keep the budget as it is, whatever happens next year ({i + 1})"
                yield (i + 1, rng.randint(1, n_articles), speaker, f"Speaker {speaker}", text, 0, len(text), "direct",
                       "said", 0.9, f"q{i + 1}", now, now)

        bench_api._copy(cursor, Quote, quotes(),
                        ["id", "article_id", "speaker_id", "speaker_mention", "text", "start", "end", "kind", "cue",
                         "confidence", "fingerprint", "created_at", "updated_at"])
        cursor.execute("SELECT setval(pg_get_serial_sequence('claims_quote', 'id'), (SELECT max(id) FROM claims_quote))")
        cursor.execute(
            "UPDATE claims_claimgroup SET confidence = (id % 97) / 97.0, independent_reports = source_count,"
            " reason = CASE WHEN suggested_state = 'conflicting'"
            " THEN 'Outlet ' || (id % 40 + 1) || ' says about US$' || (id % 900) || ' million but Outlet '"
            " || ((id + 7) % 40 + 1) || ' says about US$' || (id % 900 + 9) || ' million.'"
            " ELSE 'The sources agree.' END"
        )
        # The groups' outlets, as the matcher writes them (the migration's own fill).
        cursor.execute("TRUNCATE claims_groupoutlet")
        cursor.execute(importlib.import_module("claims.migrations.0014_group_outlets").FILL)
        # As autovacuum leaves a table between bursts of writes: statistics, and the visibility
        # map that lets a capped count read an index alone (a freshly loaded table has none, and
        # each count of 10,001 claims read 6,000 heap pages).
        cursor.execute("VACUUM ANALYZE")
    print(f"added {n_quotes:,} quotes, the groups' outlets, certainty and reasons in {time.perf_counter() - started:.1f} s")


def _reviewer_cookie() -> str:
    """A signed-in reviewer's session cookie (a real session row, as the login view makes)."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from claims.services.roles import user_add

    user = user_add(username="bench-reviewer", role="reviewers", password="a-long-bench-password-1").user
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _picks() -> dict:
    """Ids the pages are timed on: groups near the queue's top, articles, the most quoted speaker."""
    import django

    django.setup()
    from claims import selectors
    from claims.models import Article, Outlet, Quote

    top = list(selectors.conflict_queue(filters=selectors.QueueFilters()).values_list("id", flat=True)[:500])
    speaker = Quote.objects.values_list("speaker_id").annotate(n=django.db.models.Count("id")).order_by("-n").first()
    return {
        "groups": top,
        "articles": list(Article.objects.order_by("?").values_list("id", flat=True)[:500]),
        "speaker": speaker[0],
        "speaker_quotes": speaker[1],
        "outlets": list(Outlet.objects.values_list("name", flat=True)),
    }


class _Browser:
    """One signed-in reviewer: a keep-alive HTTP/1.1 connection with the session cookie."""

    def __init__(self, port: int, cookie: str):
        self.port, self.cookie, self.conn = port, cookie, None

    def get(self, path: str) -> tuple[int, bytes]:
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                self.conn.request("GET", path, headers={"Cookie": self.cookie, "Accept": "text/html"})
                response = self.conn.getresponse()
                return response.status, response.read()
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _run(port: int, cookie: str, next_path, total: int, marker: bytes) -> list[float]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(count: int, seed: int) -> None:
        rng, browser, mine = random.Random(seed), _Browser(port, cookie), []
        try:
            for _ in range(count):
                path = next_path(rng)
                started = time.perf_counter()
                status, body = browser.get(path)
                mine.append((time.perf_counter() - started) * 1000)
                if status != 200 or marker not in body:
                    errors.append(f"{path}: HTTP {status}, {'without' if marker not in body else 'with'} {marker!r}")
                    return
        finally:
            browser.close()
        with lock:
            latencies.extend(mine)

    counts = [total // CLIENTS + (1 if i < total % CLIENTS else 0) for i in range(CLIENTS)]
    threads = [threading.Thread(target=client, args=(c, i)) for i, c in enumerate(counts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, first: {errors[0]}")
    return latencies


def _measure(server_pid: int, label: str, port: int, cookie: str, next_path, marker: bytes, total: int = 0) -> float:
    total = total or REQUESTS
    before, db_before = bench_api._cpu_seconds(server_pid), bench_api._database_cpu_seconds()
    ms = _run(port, cookie, next_path, total, marker)
    cpu = (bench_api._cpu_seconds(server_pid) - before) / len(ms) * 1000
    db = (bench_api._database_cpu_seconds() - db_before) / len(ms) * 1000
    p95 = statistics.quantiles(ms, n=100, method="inclusive")[94]
    print(f"  {label:<52} {bench_api._percentiles(ms)}   CPU/request: server {cpu:5.1f}, database {db:5.1f} ms")
    return p95


def main() -> int:
    if not bench_api._pg_reachable():
        return 0
    env = bench_api._env()
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DEBUG", "FACTCHECK_VAR_DIR", "DJANGO_SETTINGS_MODULE")})
    bench_api._ensure_database()
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    if os.environ.get("BENCH_ADMIN_RELOAD") == "1" or bench_api._loaded_rows() != ROWS:
        bench_api.load(ROWS)
        _extra_load(ROWS)
    else:
        print(f"reusing {bench_api.DB_NAME}: it already holds {ROWS:,} claims (BENCH_ADMIN_RELOAD=1 to load again)")
    cookie = _reviewer_cookie()
    picks = _picks()
    server, port = bench_api.serve(env)
    pid = server.pid
    groups, articles, outlets = picks["groups"], picks["articles"], picks["outlets"]
    kinds = ["money", "count", "percent", "quantity"]
    pages = [
        ("baseline: admin index", lambda r: "/admin/", b"Conflict queue"),
        ("conflict queue, pages 1-3", lambda r: f"/admin/claims/claimgroup/queue/?p={r.randint(1, 3)}",
         b'id="conflict-queue"'),
        ("conflict queue, by kind and outlet",
         lambda r: f"/admin/claims/claimgroup/queue/?kind={r.choice(kinds)}&outlet={r.choice(outlets).replace(' ', '+')}",
         b'id="conflict-queue"'),
        ("group page (from the queue, with next)",
         lambda r: f"/admin/claims/claimgroup/{r.choice(groups)}/change/?queue=", b'id="sources"'),
        ("claims list, by kind and state",
         lambda r: f"/admin/claims/claim/?kind__exact={r.choice(kinds)}&review_status__exact={r.choice(['verified', 'unreviewed'])}",
         b'id="result_list"'),
        ("claims list, searched (a word)", lambda r: f"/admin/claims/claim/?q={r.choice(SEARCH_WORDS)}",
         b'id="result_list"'),
        ("article page", lambda r: f"/admin/claims/article/{r.choice(articles)}/change/", b'id="article-text"'),
        (f"most quoted speaker's page ({picks['speaker_quotes']:,} quotes)",
         lambda r: f"/admin/claims/speaker/{picks['speaker']}/change/", b'id="statements"'),
        ("dashboard", lambda r: "/admin/claims/claimgroup/dashboard/", b'id="claims-by-state"'),
    ]
    try:
        for _, next_path, marker in pages:  # warm up: connections, prepared statements, caches
            _run(port, cookie, next_path, 2 * CLIENTS, marker)
        loadavg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"\nAdmin latency over {ROWS:,} claims, {REQUESTS} requests per line, {CLIENTS} signed-in reviewers,"
              f" granian ({bench_api.WORKERS} processes x {bench_api.THREADS} threads); {os.cpu_count()} CPUs,"
              f" load average {loadavg}")
        worst = []
        for label, next_path, marker in pages:
            p95 = _measure(pid, label, port, cookie, next_path, marker)
            if not label.startswith("baseline"):
                worst.append((p95, label))
        p95, label = max(worst)
        verdict = "met" if p95 <= TARGET_P95_MS else "NOT met"
        print(f"  target p95 <= {TARGET_P95_MS:.0f} ms at {CLIENTS} clients: {verdict} (worst: {label}, p95 {p95:.1f} ms)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
