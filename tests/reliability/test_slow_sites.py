"""Slow sites cannot take the web server: a URL submission answers at once and a worker
fetches the page within one deadline.

Real processes: granian serving the app (one process, two threads: fewer threads than the
submissions), a Celery worker, the suite's Redis and the test database, and a local site
whose pages drip one byte every half second (each read well within any per-read timeout).
When the web request did the fetching, four such submissions held both threads and an
unrelated read waited for them.
"""
from __future__ import annotations

import io
import json
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from claims.models import Article
from tests.reliability.conftest import wait_for

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SUBMISSIONS = 4
DEADLINE = 3


@pytest.fixture
def dripping_site():
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                while not stop.is_set():
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    stop.set()
    server.shutdown()
    server.server_close()


def _token() -> str:
    call_command("setup_roles", stdout=io.StringIO())
    user = get_user_model().objects.create_user("slow-site-checker")
    user.groups.add(Group.objects.get(name="fact-checkers"))
    return Token.objects.create(user=user).key


def _call(url: str, key: str, body: dict | None = None) -> tuple[int, float, dict]:
    started = time.monotonic()
    request = urllib.request.Request(
        url, data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Token {key}", "Content-Type": "application/json", "Accept": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status, time.monotonic() - started, json.loads(response.read())


def test_slow_sites_hold_no_web_thread_and_are_cut_at_the_deadline(web_server, dripping_site, test_broker,
                                                                  start_worker):
    web_server = web_server(CELERY_BROKER_URL=test_broker)
    worker = start_worker(test_broker, concurrency=2, FACTCHECK_FETCH_DEADLINE=str(DEADLINE))
    key = _token()
    assert wait_for(worker.ready, timeout=90), worker.log()
    with ThreadPoolExecutor(SUBMISSIONS) as pool:
        posted = list(pool.map(
            lambda n: _call(f"{web_server}/api/articles/", key, {"url": f"{dripping_site}/story-{n}"}),
            range(SUBMISSIONS),
        ))
    assert [status for status, _, _ in posted] == [202] * SUBMISSIONS
    assert max(seconds for _, seconds, _ in posted) < 5, [seconds for _, seconds, _ in posted]
    assert {body["status"] for _, _, body in posted} == {"fetching"}

    status, seconds, _ = _call(f"{web_server}/api/claims/", key)
    assert status == 200 and seconds < 3

    ids = [body["id"] for _, _, body in posted]

    def all_failed() -> bool:
        return Article.objects.filter(id__in=ids, status=Article.Status.FAILED).count() == SUBMISSIONS

    started = time.monotonic()
    assert wait_for(all_failed, timeout=60), list(Article.objects.filter(id__in=ids).values("status", "error"))
    # Two worker processes, four fetches of DEADLINE seconds each: about two deadlines.
    assert time.monotonic() - started < 4 * DEADLINE + 10
    for error in Article.objects.filter(id__in=ids).values_list("error", flat=True):
        assert f"no complete answer within {DEADLINE} s (FACTCHECK_FETCH_DEADLINE)" in error
    assert worker.alive()
