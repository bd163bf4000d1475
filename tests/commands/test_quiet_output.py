"""What people see from `make run` and the commands: a line per step, nothing that reads as
a failure when all went well, no 404 in the log for the browser's icon."""
import io
import logging

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_requeue_with_nothing_left_says_so_instead_of_zero_extracted(seed_paths, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _run("ingest", str(seed_paths[4]))
    assert _run("requeue", "--outdated", "--inline").strip() == "every article is extracted: nothing to do"


def test_setup_roles_prints_one_line():
    out = _run("setup_roles")
    assert out.count("\n") == 1 and "reviewers (" in out


def test_services_log_only_warnings_by_default():
    # The matcher's "article N matched: MatchSummary(...)" is for operators (LOG_LEVEL=INFO).
    assert logging.getLogger("claims.services.groups").getEffectiveLevel() == logging.WARNING


def test_the_browser_icon_is_served_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert client.get(response["Location"]).status_code == 200


def test_admin_pages_link_their_icon(admin_client):
    assert 'rel="icon"' in admin_client.get("/admin/").content.decode()
