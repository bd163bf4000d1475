"""What ingest reads off a plain-text news page, beside the current release in the same run.

    .venv/bin/python bench/eval_ingest.py [--misses]

Every ECB+ article (../shared/eval/ecbplus) is cleaned as `manage.py ingest` cleans a .txt
page (claims.extraction.cleaning), by this tree and by the release (bench/baseline.py).
The corpus says, for each file, what a reader sees at its top, so no labels are needed:

- story date: of the articles whose page prints a date line with a day, month and year
  (the index's `date`, read here with dateutil, month first), the share whose publication
  date ingest finds and gets right. Relative dates in the story ("on Friday") and the
  matcher's events hang on it;
- headline: of the ECB+ (2013) half, whose files open with the headline, the share whose
  title is that line (the older half has no headline; its first sentence is not counted).

--misses lists the wrong ones of this tree (file, what the page says, what ingest read).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import baseline  # noqa: E402

EVAL = baseline.ROOT.parent / "shared" / "eval" / "ecbplus"


def _index_date(text: str) -> str | None:
    from dateutil import parser as dateparser

    text = re.sub(r"(?i)\b(originally|first|published|posted|updated)\b:?", "", text or "").replace(" / ", "/")
    if not re.search(r"\d{4}", text):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return dateparser.parse(text, fuzzy=True, ignoretz=True).date().isoformat()
    except (ValueError, OverflowError):
        return None


def drive() -> None:
    """Run under baseline.run_in: clean every article with whichever tree is first on the path."""
    from claims.extraction.cleaning import clean_plain_text

    out = {}
    for line in (EVAL / "index.jsonl").read_text().splitlines():
        row = json.loads(line)
        clean = clean_plain_text((EVAL / row["file"]).read_text(encoding="utf-8"))
        out[row["file"]] = {"title": clean.title, "published": clean.published.isoformat() if clean.published else None}
    print(json.dumps(out))


def score(run: dict) -> tuple[dict, list[str]]:
    dated = titled = dates_right = titles_right = 0
    misses = []
    for line in (EVAL / "index.jsonl").read_text().splitlines():
        row = json.loads(line)
        got = run[row["file"]]
        if want := _index_date(row["date"]):
            dated += 1
            dates_right += got["published"] == want
            if got["published"] != want:
                misses.append(f"date      {row['file']}: page says {row['date']!r}, ingest read {got['published']}")
        if row["file"].endswith("ecbplus.txt"):
            headline = (EVAL / row["file"]).read_text(encoding="utf-8").strip().split("\n")[0].strip()
            if _index_date(headline) is None:  # a few open with their date line instead
                titled += 1
                titles_right += got["title"] == headline
                if got["title"] != headline:
                    misses.append(f"headline  {row['file']}: {headline[:60]!r}, ingest read {got['title'][:60]!r}")
    return {"story date right": dates_right / dated, "headline right": titles_right / titled,
            "pages with a date line": dated, "pages with a headline": titled}, misses


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--misses", action="store_true", help="list this tree's wrong dates and headlines")
    args.add_argument("--driver", action="store_true", help=argparse.SUPPRESS)
    opts = args.parse_args()
    if opts.driver:
        return drive()
    if not EVAL.is_dir():
        print(f"eval_ingest: no corpus at {EVAL}; nothing to measure")
        return
    me = Path(__file__).resolve()
    now, misses = score(baseline.run_in(baseline.ROOT, me, "--driver"))
    release, _ = score(baseline.run_in(baseline.release_tree(), me, "--driver"))
    print(baseline.side_by_side([(name, now[name], release[name]) for name in now]))
    if opts.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
