import pytest
from django.core.management import CommandError, call_command

from claims.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_ingest_folder_stores_and_extracts_the_five_seeds(seed_paths, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(seed_paths[0].parent))
    out = capsys.readouterr().out
    assert "5 ingested, 0 already stored, 0 failed" in out
    assert Article.objects.count() == 5
    assert set(Article.objects.values_list("status", flat=True)) == {"extracted"}


def test_ingesting_again_reports_and_creates_nothing(seed_paths, capsys):
    call_command("ingest", str(seed_paths[0]))
    call_command("ingest", str(seed_paths[0]))
    assert "already stored" in capsys.readouterr().out
    assert Article.objects.count() == 1


def test_bad_files_each_get_a_one_line_error_and_the_others_are_ingested(tmp_path, seed_paths, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Le maire a déclaré que le budget était prêt.".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    with pytest.raises(CommandError) as excinfo:
        call_command(
            "ingest",
            str(tmp_path / "empty.txt"),
            str(tmp_path / "photo.txt"),
            str(seed_paths[1]),
            str(tmp_path / "latin1.txt"),
            str(missing),
        )
    assert excinfo.value.returncode == 1
    err_lines = capsys.readouterr().err.strip().splitlines()
    assert err_lines == [
        f"error: {tmp_path / 'empty.txt'}: empty article: no text",
        f"error: {tmp_path / 'photo.txt'}: binary file (a PNG image), not article text",
        f"error: {tmp_path / 'latin1.txt'}: not valid UTF-8 text (byte 0xe9 at offset 12); save it as UTF-8",
        f"error: {missing}: no such file",
    ]
    assert list(Article.objects.values_list("source_name", flat=True)) == [seed_paths[1].name]


def test_outlet_option_names_the_outlet(seed_paths):
    call_command("ingest", str(seed_paths[2]), "--outlet", "Fox News")
    assert Article.objects.get().outlet.name == "Fox News"


def test_each_ingested_file_says_its_title_outlet_and_date(seed_paths, capsys):
    call_command("ingest", str(seed_paths[0]), str(seed_paths[1]))
    out = capsys.readouterr().out
    assert "“NATO vows to aid Ukraine ‘for as long as it takes’” (London Daily, date unknown)" in out
    # A long title is cut at a word, not inside one ("…has reaffir").
    assert "“U.S. Secretary of State Antony Blinken stated that every NATO member has…”" in out
