"""The production web server: granian serving the WSGI application.

    python -m factcheck.server --host 127.0.0.1 --port 8000     # what `make serve` runs

Granian reads and writes HTTP in Rust, outside the interpreter's lock; under 10 concurrent
API consumers (bench/bench_api.py) it cost the web processes about 0.5 ms less CPU per
request than gunicorn's threaded workers with the same processes and threads. Processes and
threads come from WEB_WORKERS (default 2) and WEB_THREADS (default 2, Python threads per
process); a process that dies is started again.
"""
from __future__ import annotations

import argparse
import os
import sys

from factcheck.env import env_int


def arguments(host: str, port: int, workers: int | None = None, threads: int | None = None) -> list[str]:
    """The interpreter's arguments that run the server (after `python`)."""
    workers = workers or env_int("WEB_WORKERS", 2, minimum=1)
    threads = threads or env_int("WEB_THREADS", 2, minimum=1)
    return [
        "-m", "granian", "--interface", "wsgi", "--host", host, "--port", str(port),
        "--workers", str(workers), "--blocking-threads", str(threads), "--respawn-failed-workers", "--no-ws",
        "factcheck.wsgi:application",
    ]


def command(host: str, port: int, workers: int | None = None, threads: int | None = None) -> list[str]:
    return [sys.executable, *arguments(host, port, workers, threads)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    argv = command(args.host, args.port)
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main()
