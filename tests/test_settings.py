"""Settings come from the environment; a bad value stops start-up with a clear message."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "DEBUG", "SECRET_KEY"}}
    base.update({"FACTCHECK_VAR_DIR": str(tmp_path)}, **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


@pytest.mark.smoke
def test_a_bad_boolean_is_a_start_up_error(tmp_path):
    proc = run_manage("check", env={"DEBUG": "ture"}, tmp_path=tmp_path)
    assert proc.returncode != 0
    assert "DEBUG='ture' is not a boolean" in proc.stderr


def test_a_bad_integer_is_a_start_up_error(tmp_path):
    proc = run_manage("check", env={"FACTCHECK_MAX_ARTICLE_BYTES": "ten megabytes"}, tmp_path=tmp_path)
    assert proc.returncode != 0
    assert "FACTCHECK_MAX_ARTICLE_BYTES='ten megabytes' is not an integer" in proc.stderr


def test_nothing_set_means_sqlite_and_inline_tasks(tmp_path):
    code = (
        "from django.conf import settings; from factcheck.celery import app;"
        "print(settings.DATABASES['default']['ENGINE'], app.conf.task_always_eager)"
    )
    proc = run_manage("shell", "--no-imports", "-c", code, env={}, tmp_path=tmp_path)
    assert proc.stdout.split() == ["django.db.backends.sqlite3", "True"]


def test_service_urls_mean_postgresql_and_a_broker(tmp_path):
    code = (
        "from django.conf import settings; from factcheck.celery import app;"
        "print(settings.DATABASES['default']['ENGINE'], app.conf.task_always_eager, app.conf.broker_url)"
    )
    env = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test", "CELERY_BROKER_URL": "redis://127.0.0.1:6379/3"}
    proc = run_manage("shell", "--no-imports", "-c", code, env=env, tmp_path=tmp_path)
    assert proc.stdout.split() == ["django.db.backends.postgresql", "False", "redis://127.0.0.1:6379/3"]


def test_local_secret_key_is_generated_once_and_kept_private(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = run_manage("shell", "--no-imports", "-c", code, env={}, tmp_path=tmp_path).stdout.strip()
    second = run_manage("shell", "--no-imports", "-c", code, env={}, tmp_path=tmp_path).stdout.strip()
    assert len(first) >= 50 and first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_secure_mode_requires_a_secret_key(tmp_path):
    proc = run_manage("check", env={"DJANGO_SECURE": "true"}, tmp_path=tmp_path)
    assert proc.returncode != 0
    assert "SECRET_KEY must be set in the environment when DJANGO_SECURE is on" in proc.stderr


def test_postgresql_connections_prepare_statements_and_keep_generic_plans(tmp_path):
    code = "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS']; print(o)"
    env = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"}
    options = run_manage("shell", "--no-imports", "-c", code, env=env, tmp_path=tmp_path).stdout
    assert "'server_side_binding': True" in options and "'prepare_threshold': 5" in options
    assert "-c plan_cache_mode=force_generic_plan" in options
    off = run_manage("shell", "--no-imports", "-c", code, env={**env, "DB_SERVER_SIDE_BINDING": "false"}, tmp_path=tmp_path)
    assert "server_side_binding" not in off.stdout and "plan_cache_mode" not in off.stdout


def test_a_bad_plan_cache_mode_is_a_start_up_error(tmp_path):
    env = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test", "DB_PLAN_CACHE_MODE": "fastest"}
    proc = run_manage("check", env=env, tmp_path=tmp_path)
    assert proc.returncode != 0 and "DB_PLAN_CACHE_MODE='fastest'" in proc.stderr


def test_cache_url_means_a_shared_redis_cache_and_the_page_cache(tmp_path):
    code = ("from django.conf import settings;"
            "print(settings.CACHES['default']['BACKEND'], settings.API_PAGE_CACHE)")
    shared = run_manage("shell", "--no-imports", "-c", code, env={"CACHE_URL": "redis://127.0.0.1:6379/4"}, tmp_path=tmp_path)
    assert shared.stdout.split() == ["factcheck.cache.RedisCache", "True"]
    local = run_manage("shell", "--no-imports", "-c", code, env={}, tmp_path=tmp_path)
    assert local.stdout.split() == ["django.core.cache.backends.locmem.LocMemCache", "False"]
    bad = run_manage("check", env={"CACHE_URL": "memcached://127.0.0.1"}, tmp_path=tmp_path)
    assert bad.returncode != 0 and "is not a redis:// URL" in bad.stderr


def test_site_url_must_be_a_scheme_and_host(tmp_path):
    proc = run_manage("check", env={"SITE_URL": "factcheck.example/path"}, tmp_path=tmp_path)
    assert proc.returncode != 0
    assert "SITE_URL='factcheck.example/path' must be a scheme and host" in proc.stderr


def test_verdict_evidence_rule_is_one_of_the_known_ones(tmp_path):
    proc = run_manage("check", env={"FACTCHECK_VERDICT_EVIDENCE": "sometimes"}, tmp_path=tmp_path)
    assert proc.returncode != 0
    assert "FACTCHECK_VERDICT_EVIDENCE='sometimes' is not one of: note_or_link, link, none" in proc.stderr
