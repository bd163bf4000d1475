"""Real processes for the fault tests: a private Redis the test may stop, Celery workers it
may kill, and the test database they all share.

Every worker runs with its connections named WORKER_APP_NAME, so that a test drops exactly
those connections (to the test database) and nothing else on the shared server.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis

from tests.conftest import need
from tests.workers import database_url_for, wait_for  # noqa: F401  (re-exported for the tests here)

ROOT = Path(__file__).resolve().parents[2]
WORKER_APP_NAME = "factcheck-test-worker"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PrivateRedis:
    """A redis-server of the test's own, on a free port, that the test may stop and start."""

    workdir: Path
    port: int = field(default_factory=_free_port)
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        assert wait_for(lambda: self._pings(client), timeout=10), "private redis-server did not start"

    @staticmethod
    def _pings(client) -> bool:
        try:
            return client.ping()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)  # a frozen server must wake to exit
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None

    def freeze(self) -> None:
        """The host hangs: connections are accepted by the kernel but nothing answers."""
        self.proc.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.proc.send_signal(signal.SIGCONT)


@pytest.fixture
def private_redis(tmp_path):
    need(shutil.which("redis-server") is not None, "needs redis-server on PATH")
    server = PrivateRedis(workdir=tmp_path)
    server.start()
    yield server
    server.stop()


@dataclass
class Worker:
    """A `celery worker` subprocess in a process group of its own (SIGKILL takes all of it)."""

    name: str
    proc: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def ready(self) -> bool:
        return " ready." in self.log()

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        # At the end of a test nothing needs a graceful shutdown (which would wait out a
        # task held by the test hook); what the worker left in Redis is flushed.
        if self.proc.poll() is None:
            self.kill()


@pytest.fixture
def service_env(postgres, tmp_path):
    """Environment for a subprocess (worker, beat, manage.py) on the test database."""
    return {
        **os.environ,
        "DATABASE_URL": database_url_for(postgres, application_name=WORKER_APP_NAME),
        "FACTCHECK_VAR_DIR": str(tmp_path),
        "FACTCHECK_TEST_EXTRACTION_DELAY": "0",
    }


@pytest.fixture
def start_worker(service_env, tmp_path):
    """Start workers: start_worker(broker_url, name=..., concurrency=..., **env)."""
    workers: list[Worker] = []

    def start(broker_url: str, *, name: str = "w1", concurrency: int = 1, **env: str) -> Worker:
        log_path = tmp_path / f"worker-{name}.log"
        log = open(log_path, "w")  # noqa: SIM115 - the worker writes to it until it stops
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "factcheck", "worker", f"--concurrency={concurrency}",
             f"--hostname={name}@%h", "--loglevel=INFO", "--without-gossip", "--without-mingle",
             "--without-heartbeat"],
            cwd=ROOT, env={**service_env, "CELERY_BROKER_URL": broker_url, **env},
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        log.close()
        worker = Worker(name=name, proc=proc, log_path=log_path)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
        print(f"--- worker {worker.name} log (tail)\n{worker.log()[-2500:]}")


@pytest.fixture
def test_broker(broker_url):
    """The suite's Redis database, emptied, with this process publishing to it for real."""
    from factcheck.celery import app

    redis.Redis.from_url(broker_url).flushdb()
    before = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield broker_url
    app.conf.task_always_eager = before
    redis.Redis.from_url(broker_url).flushdb()


def manage(*args: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run manage.py in a subprocess, as an operator would."""
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def extraction_snapshot(article_id: int) -> tuple[list, list]:
    """An article's stored quotes and claims, as comparable, sorted rows (duplicates kept)."""
    from claims.models import Claim, Quote

    quotes = sorted(Quote.objects.filter(article_id=article_id).values_list("start", "end", "kind", "text"))
    claims = sorted(Claim.objects.filter(article_id=article_id).values_list("start", "end", "kind", "text"))
    return quotes, claims


def clean_extraction_snapshots(article_ids: list[int], timeout: float = 120) -> dict[int, tuple[list, list]]:
    """What one undisturbed extraction of each article stores, done again by the running
    workers (the same code that stored the first one), forced, through the broker.

    Re-extraction replaces an article's rows by fingerprint: any duplicate or half-written
    row the first one left would be gone, so the snapshots would differ.
    """
    from claims.models import Article
    from claims.tasks import extract_article

    before = dict(Article.objects.filter(id__in=article_ids).values_list("id", "extracted_at"))
    for article_id in article_ids:
        extract_article.delay(article_id, force=True)

    def redone() -> bool:
        now = Article.objects.filter(id__in=article_ids, status=Article.Status.EXTRACTED).values_list("id", "extracted_at")
        return sum(at != before[article_id] for article_id, at in now) == len(article_ids)

    assert wait_for(redone, timeout=timeout), "not every article was extracted again"
    return {article_id: extraction_snapshot(article_id) for article_id in article_ids}


class DatabaseProxy:
    """A TCP relay in front of PostgreSQL, which the test may take down and bring back.

    Down, it drops every relayed connection and refuses new ones: what clients see while
    the server restarts, without touching the shared server.
    """

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.port = _free_port()
        self.lock = threading.Lock()
        self.sockets: list[socket.socket] = []
        self.listener: socket.socket | None = None

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
            except OSError:
                pass
            listener.close()
        with self.lock:
            doomed, self.sockets = self.sockets, []
        for sock in doomed:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._relay, args=(source, sink), daemon=True).start()

    @staticmethod
    def _relay(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


@pytest.fixture
def database_proxy(postgres):
    s = postgres.settings_dict
    proxy = DatabaseProxy(s.get("HOST") or "127.0.0.1", int(s.get("PORT") or 5432))
    proxy.up()
    yield proxy
    proxy.down()


@pytest.fixture
def web_server(service_env, tmp_path):
    """Start the production web server (granian, one process, two threads) on the test
    database: web_server(**env) -> its base URL."""
    from factcheck.server import command

    servers: list[subprocess.Popen] = []

    def start(**env: str) -> str:
        port = _free_port()
        with open(tmp_path / f"web-{port}.log", "w") as log:
            proc = subprocess.Popen(command("127.0.0.1", port, workers=1, threads=2), cwd=ROOT,
                                    env={**service_env, **env}, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        servers.append(proc)

        def listening() -> bool:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return True
            except OSError:
                return False

        assert wait_for(listening, timeout=60), (tmp_path / f"web-{port}.log").read_text()
        return f"http://127.0.0.1:{port}"

    yield start
    for proc in servers:
        proc.terminate()
        proc.wait(timeout=20)
