"""Load on the services mode: API readers, article posts and verdicts at once, beside the same
reads alone; then every posted article and every verdict counted in the database.

    python bench/bench_load.py

Runs the app as in production, on loopback: PostgreSQL (a database of its own,
`factcheck_bench_load`, made afresh each run; BENCH_LOAD_PG_URL names the server, default
postgres://postgres@127.0.0.1:5432/postgres), Redis (BENCH_LOAD_BROKER_URL, default
redis://127.0.0.1:6379/13, emptied first), TWO `celery worker` processes and the threaded
granian (factcheck.server: 2 processes x 2 threads, as in production). With either service unreachable it says so and exits 0.

Two phases, each bounded by time and by a request cap, stopping by themselves:

  baseline  READERS threads reading lists and single rows, nothing else running;
  mixed     the same readers, plus one client posting articles (a fact-checker's token)
            and one giving verdicts on claims and groups (a reviewer's token), while the two
            workers extract what is posted.

It prints requests per second and p50/p95 latency per kind, the error count (target 0), and
after waiting for the workers: articles posted vs stored vs extracted, verdicts answered 201
vs Review rows. Then the backlog phase: BENCH_LOAD_BACKLOG (500) more articles posted as fast
as the API takes them, the time the two workers take to extract and match them all, and for
one article posted after them, the time from its POST to its claims being grouped (matched:
`matched_at` set), target <= 30 s. It exits 1 if a posted article or a verdict is missing. API throttling is
raised for the run: the point is the server's capacity, not the per-token budget.
"""
from __future__ import annotations

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_URL = os.environ.get("BENCH_LOAD_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BROKER_URL = os.environ.get("BENCH_LOAD_BROKER_URL", "redis://127.0.0.1:6379/13")
DB_NAME = "factcheck_bench_load"
PORT = int(os.environ.get("BENCH_LOAD_PORT", "8791"))
READERS = int(os.environ.get("BENCH_LOAD_READERS", "4"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "20"))
REQUEST_CAP = int(os.environ.get("BENCH_LOAD_REQUEST_CAP", "4000"))  # per phase
POST_CAP = int(os.environ.get("BENCH_LOAD_POSTS", "40"))
BACKLOG = int(os.environ.get("BENCH_LOAD_BACKLOG", "500"))
GROUPED_TARGET_S = 30.0
VERDICT_CAP = int(os.environ.get("BENCH_LOAD_VERDICTS", "200"))
EXTRACTION_WAIT = 180.0

NAMES = ["Ann Lee", "Omar Haddad", "Grace Obi", "Lena Fischer", "Tomas Novak", "Priya Raman"]
ROLES = ["Mayor", "Finance Minister", "Council leader", "Health Secretary", "Police Chief"]
TOPICS = ["road repairs", "school meals", "flood defences", "bus lanes", "library hours", "housing grants"]


def article_text(n: int) -> str:
    """A short, distinct story with a quote, a speaker and a few numbers."""
    rng = random.Random(n)
    name, role, topic = rng.choice(NAMES), rng.choice(ROLES), rng.choice(TOPICS)
    money, percent, count = rng.randint(2, 90), rng.randint(2, 40), rng.randint(20, 900)
    return (
        f"City plans more {topic} (story {n})\n\n"
        f"The city council approved ${money} million for {topic} on Tuesday, {role} {name} said. "
        f'"We will finish the work within {rng.randint(2, 11)} months," {name} told reporters. '
        f"Officials said {count} families would benefit and costs had risen {percent} percent since last year.\n"
    )


def _service_urls_reachable() -> str:
    """'' when PostgreSQL and Redis answer, else why not."""
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3):
            pass
    except Exception as exc:  # any failure means: not here
        return f"PostgreSQL not reachable at {PG_URL}: {exc}"
    try:
        import redis

        redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).ping()
    except Exception as exc:
        return f"Redis not reachable at {BROKER_URL}: {exc}"
    return ""


def fresh_database() -> str:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    parts = urlsplit(PG_URL)
    return urlunsplit(parts._replace(path=f"/{DB_NAME}"))


class Services:
    """The web server and two workers, as subprocesses sharing one environment."""

    def __init__(self, env: dict, logdir: Path):
        self.env, self.logdir, self.procs = env, logdir, []

    def start(self, name: str, argv: list[str]) -> None:
        log = open(self.logdir / f"{name}.log", "w")  # noqa: SIM115 - the child writes to it
        self.procs.append(subprocess.Popen([sys.executable, *argv], cwd=ROOT, env=self.env, stdout=log,
                                           stderr=subprocess.STDOUT))
        log.close()

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()

    def alive(self) -> bool:
        return all(proc.poll() is None for proc in self.procs)


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.count = 0
        self.created: dict[str, list[int]] = defaultdict(list)

    def take_slot(self, cap: int) -> bool:
        with self.lock:
            if self.count >= cap:
                return False
            self.count += 1
            return True

    def record(self, kind: str, seconds: float, error: str = "", created: int | None = None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors[kind].append(error)
            if created is not None:
                self.created[kind].append(created)


def request(method: str, path: str, token: str, body: dict | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def run_phase(*, seconds: float, cap: int, readers: int, tokens: dict, ids: dict, writes: bool) -> tuple[Tally, float]:
    tally = Tally()
    deadline = time.monotonic() + seconds
    read_paths = [
        "/api/claims/", "/api/claims/?verified=true", "/api/articles/", "/api/groups/", "/api/quotes/",
        "/api/speakers/", *[f"/api/claims/{i}/" for i in ids["claims"][:20]],
        *[f"/api/articles/{i}/" for i in ids["articles"][:5]],
    ]

    def timed(kind: str, method: str, path: str, token: str, body=None, ok=(200,)) -> None:
        started = time.perf_counter()
        try:
            status, data = request(method, path, token, body)
        except OSError as exc:
            tally.record(kind, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
            return
        elapsed = time.perf_counter() - started
        if status not in ok:
            tally.record(kind, elapsed, f"{status} {method} {path}: {data[:200]!r}")
        elif kind in {"post", "verdict"}:
            tally.record(kind, elapsed, created=json.loads(data)["id"] if status in (201, 202) else None)
        else:
            tally.record(kind, elapsed)

    def reader(n: int) -> None:
        rng = random.Random(n)
        while time.monotonic() < deadline and tally.take_slot(cap):
            timed("read", "GET", rng.choice(read_paths), tokens["reader"])

    def poster() -> None:
        n = 0
        while time.monotonic() < deadline and n < POST_CAP and tally.take_slot(cap):
            body = {"text": article_text(10_000 + n), "outlet": random.choice(["Daily Courier", "Metro Herald"])}
            timed("post", "POST", "/api/articles/", tokens["fact_checker"], body, ok=(202,))
            n += 1
            time.sleep(0.2)  # a newsroom's feed, not a flood: the workers must keep up

    def verdicter() -> None:
        rng = random.Random(7)
        n = 0
        while time.monotonic() < deadline and n < VERDICT_CAP and tally.take_slot(cap):
            verdict = rng.choice(["verified", "rejected", "consistent", "conflicting"])
            if n % 3 == 2 and ids["groups"]:
                # "verified" on a group whose sources disagree needs the correct claim picked
                # (a 400 otherwise): the load gives groups the verdicts that need no choice.
                verdict = verdict if verdict != "verified" else "consistent"
                path = f"/api/groups/{rng.choice(ids['groups'])}/verdicts/"
            else:
                path = f"/api/claims/{rng.choice(ids['claims'])}/verdicts/"
            timed("verdict", "POST", path, tokens["reviewer"], {"verdict": verdict, "note": f"load test {n}"}, ok=(201,))
            n += 1

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
    if writes:
        threads += [threading.Thread(target=poster), threading.Thread(target=verdicter)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.monotonic() - started


def summary(tally: Tally, elapsed: float, kind: str) -> str:
    lat = sorted(tally.latencies.get(kind, []))
    if not lat:
        return f"{kind:8} no requests"
    p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))]
    return (f"{kind:8} {len(lat):6d} requests  {len(lat) / elapsed:7.1f} req/s  p50 {statistics.median(lat) * 1000:6.1f} ms"
            f"  p95 {p95 * 1000:6.1f} ms  errors {len(tally.errors.get(kind, []))}")


def main() -> int:
    why_not = _service_urls_reachable()
    if why_not:
        print(f"bench_load: skipped ({why_not})")
        return 0
    import redis

    redis.Redis.from_url(BROKER_URL).flushdb()
    database_url = fresh_database()
    var_dir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    env = {
        **os.environ, "DATABASE_URL": database_url, "CELERY_BROKER_URL": BROKER_URL, "FACTCHECK_VAR_DIR": str(var_dir),
        "DEBUG": "false", "LOG_LEVEL": "WARNING", "API_THROTTLE_RATE": "1000000/hour",
        "API_SUBMIT_THROTTLE_RATE": "1000000/hour", "DJANGO_SETTINGS_MODULE": "factcheck.settings",
    }
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "CELERY_BROKER_URL", "FACTCHECK_VAR_DIR", "DJANGO_SETTINGS_MODULE")})
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "setup_roles"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from claims.models import Article, Claim, ClaimGroup, Review

    tokens = {}
    for role, group in (("reader", "api-consumers"), ("fact_checker", "fact-checkers"), ("reviewer", "reviewers")):
        user = get_user_model().objects.create_user(f"load-{role}")
        user.groups.add(Group.objects.get(name=group))
        tokens[role] = Token.objects.create(user=user).key

    services = Services(env, var_dir)
    print(f"bench_load: database {DB_NAME}, broker {BROKER_URL}, 2 workers, granian on 127.0.0.1:{PORT}; logs in {var_dir}")
    try:
        for n in (1, 2):
            services.start(f"worker{n}", ["-m", "celery", "-A", "factcheck", "worker", "--concurrency=1",
                                          f"--hostname=load{n}@%h", "--loglevel=WARNING", "--without-gossip",
                                          "--without-mingle", "--without-heartbeat"])
        from factcheck.server import arguments as web_server

        services.start("web", web_server("127.0.0.1", PORT))
        # Seed what the readers read and the reviewers judge: the five sample stories, extracted.
        subprocess.run([sys.executable, "manage.py", "ingest", "seeds/"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        if not wait(lambda: Article.objects.exclude(status="extracted").count() == 0, EXTRACTION_WAIT):
            print("bench_load: the seeds were not extracted in time; see the worker logs")
            return 1
        wait(lambda: _server_up(tokens["reader"]), 30)
        ids = {
            "claims": list(Claim.objects.order_by("id").values_list("id", flat=True)),
            "articles": list(Article.objects.order_by("id").values_list("id", flat=True)),
            "groups": list(ClaimGroup.objects.order_by("id").values_list("id", flat=True)[:50]),
        }
        reviews_before = Review.objects.count()

        base, base_s = run_phase(seconds=SECONDS * 0.75, cap=REQUEST_CAP, readers=READERS, tokens=tokens, ids=ids,
                                 writes=False)
        mixed, mixed_s = run_phase(seconds=SECONDS, cap=REQUEST_CAP, readers=READERS, tokens=tokens, ids=ids, writes=True)

        posted = mixed.created.get("post", [])
        wait(lambda: Article.objects.filter(id__in=posted).exclude(status__in=["extracted", "failed"]).count() == 0,
             EXTRACTION_WAIT)
        stored = Article.objects.filter(id__in=posted)
        extracted = stored.filter(status="extracted").count()
        failed = list(stored.filter(status="failed").values_list("id", "error"))
        verdicts = mixed.created.get("verdict", [])
        reviews = Review.objects.filter(id__in=verdicts).count()
        backlog = post_backlog(tokens["fact_checker"], Article)
        alive = services.alive()
    finally:
        services.stop()

    total_base = sum(len(v) for v in base.latencies.values())
    total_mixed = sum(len(v) for v in mixed.latencies.values())
    errors = sum(len(v) for v in mixed.errors.values()) + sum(len(v) for v in base.errors.values())
    print(f"\nbaseline: reads alone, {READERS} readers, {base_s:.1f} s, {total_base} requests = {total_base / base_s:.1f} req/s")
    print("  " + summary(base, base_s, "read"))
    print(f"mixed: {READERS} readers + 1 poster + 1 reviewer, {mixed_s:.1f} s, {total_mixed} requests = "
          f"{total_mixed / mixed_s:.1f} req/s")
    for kind in ("read", "post", "verdict"):
        print("  " + summary(mixed, mixed_s, kind))
    read_rate = len(mixed.latencies.get("read", [])) / mixed_s
    print(f"  reads under writes: {read_rate:.1f} req/s vs {len(base.latencies['read']) / base_s:.1f} req/s alone")
    print(f"errors: {errors} (target 0)")
    for kind, messages in {**base.errors, **mixed.errors}.items():
        for message in messages[:3]:
            print(f"  {kind}: {message}")
    print(f"articles: {len(posted)} posted (202), {stored.count()} stored, {extracted} extracted, {len(failed)} failed")
    for article_id, error in failed[:5]:
        print(f"  failed {article_id}: {error[:150]}")
    print(f"verdicts: {len(verdicts)} answered 201, {reviews} Review rows ({Review.objects.count() - reviews_before} new)")
    print(f"backlog: {backlog['posted']} more articles posted in {backlog['posting_s']:.0f} s; all extracted and "
          f"matched {backlog['drained_s']:.0f} s after the first post ({backlog['drained']})")
    print(f"post to grouped, one article posted after the backlog: {backlog['grouped_s']:.1f} s "
          f"(target <= {GROUPED_TARGET_S:.0f} s)")
    print(f"workers and web server alive at the end: {alive}")
    lost = stored.count() != len(posted) or reviews != len(verdicts) or extracted + len(failed) != len(posted)
    if lost:
        print("bench_load: LOST WORK (see the counts above)")
    return 1 if lost or not alive else 0


def post_backlog(token: str, article_model) -> dict:
    """Post BACKLOG articles, wait until the workers have extracted and matched them all,
    then time one more from its POST to its matching having run."""
    started = time.monotonic()
    ids = []
    for n in range(BACKLOG):
        status, body = request("POST", "/api/articles/", token, {"text": article_text(10_000 + n), "outlet": f"Backlog {n % 7}"})
        if status in (200, 202):
            ids.append(json.loads(body)["id"])
    posting_s = time.monotonic() - started

    def drained() -> bool:
        pending = article_model.objects.filter(id__in=ids).exclude(status="failed")
        return not pending.exclude(status="extracted").exists() and not pending.filter(matched_at__isnull=True).exists()

    done = wait(drained, EXTRACTION_WAIT * 5)
    drained_s = time.monotonic() - started
    posted_at = time.monotonic()
    status, body = request("POST", "/api/articles/", token, {"text": article_text(99_999), "outlet": "Latecomer"})
    latest = json.loads(body)["id"] if status in (200, 202) else None
    grouped = latest is not None and wait(
        lambda: article_model.objects.filter(id=latest, matched_at__isnull=False).exists(), EXTRACTION_WAIT
    )
    return {
        "posted": len(ids), "posting_s": posting_s, "drained_s": drained_s,
        "drained": "all" if done else "NOT all in time",
        "grouped_s": time.monotonic() - posted_at if grouped else float("inf"),
    }


def _server_up(token: str) -> bool:
    try:
        return request("GET", "/api/", token)[0] == 200
    except OSError:
        return False


def wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return predicate()


if __name__ == "__main__":
    sys.exit(main())
