"""Production settings pass `manage.py check --deploy`, run as an operator runs it."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys

from tests.reliability.conftest import ROOT


def deploy_check(tmp_path, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env={**base, "FACTCHECK_VAR_DIR": str(tmp_path), **env}, capture_output=True, text=True, timeout=120,
    )


PRODUCTION = {
    "DJANGO_SECURE": "true", "DEBUG": "false", "ALLOWED_HOSTS": "factcheck.example.org",
    "FACTCHECK_ORG_URL": "https://factcheck.example.org/",
}


def test_production_settings_pass_the_deploy_check(tmp_path):
    run = deploy_check(tmp_path, **PRODUCTION, SECRET_KEY=secrets.token_urlsafe(64))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


def test_production_without_a_secret_key_refuses_to_start(tmp_path):
    run = deploy_check(tmp_path, **PRODUCTION)
    assert run.returncode != 0
    assert "SECRET_KEY must be set in the environment" in run.stderr


def test_production_with_a_weak_secret_key_refuses_to_start(tmp_path):
    run = deploy_check(tmp_path, **PRODUCTION, SECRET_KEY="changeme")
    assert run.returncode != 0
    assert "SECRET_KEY must be at least 50 characters" in run.stderr


def test_debug_on_in_production_fails_the_deploy_check(tmp_path):
    run = deploy_check(tmp_path, **{**PRODUCTION, "DEBUG": "true"}, SECRET_KEY=secrets.token_urlsafe(64))
    assert run.returncode != 0
    assert "security.W018" in run.stdout + run.stderr


def test_production_without_the_organisation_url_refuses_to_start(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "FACTCHECK_ORG_URL"}
    run = deploy_check(tmp_path, **env, SECRET_KEY=secrets.token_urlsafe(64))
    assert run.returncode != 0
    assert "FACTCHECK_ORG_URL must be set with DJANGO_SECURE on" in run.stderr
