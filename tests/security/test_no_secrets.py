"""No secret is committed: no assigned SECRET_KEY, private key, token or password in any
tracked file, and the local secrets kept in var/ are ignored by git."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import need
from tests.reliability.conftest import ROOT

# Built from pieces so that this file does not match itself.
PATTERNS = {
    "an assigned SECRET_KEY": re.compile(r"SECRET_KEY\s*[=:]\s*['\"][^'\"\s]{16,}['\"]"),
    "a private key": re.compile("-----BEGIN (?:RSA |EC |OPENSSH |DSA |ENCRYPTED )?" + "PRIVATE KEY-----"),
    "an AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "a GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    # Stand-ins everyone knows are fake (a test checks that errors do not leak them) pass.
    "a password in a URL": re.compile(
        r"\b(?:postgres|postgresql|redis|amqp|mysql)://[^:/@\s]+:(?!(?:hunter2|password|secret|changeme)@)[^@\s{}$<>]+@"
    ),
    "a DRF token literal": re.compile(r"Authorization['\"]?\s*[:=]\s*['\"]Token [0-9a-f]{40}['\"]"),
}


def tracked_files() -> list[str]:
    need(shutil.which("git") is not None and (ROOT / ".git").exists(), "needs a git checkout")
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [name for name in out.decode().split("\0") if name]


def test_no_tracked_file_holds_a_secret():
    found = []
    for name in tracked_files():
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        text = path.read_text(errors="replace")
        found += [f"{name}: {what}" for what, pattern in PATTERNS.items() if pattern.search(text)]
    assert found == []


@pytest.mark.parametrize("local_secret", ["var/secret_key", "var/admin-password", "var/factcheck.sqlite3"])
def test_local_secrets_are_ignored_by_git(local_secret):
    tracked_files()  # skips without git
    run = subprocess.run(["git", "check-ignore", "-q", local_secret], cwd=ROOT)
    assert run.returncode == 0, f"{local_secret} is not ignored by git"
