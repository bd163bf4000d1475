"""Numbers in news against hand-made gold: recall and value+unit accuracy per kind.

    python bench/eval_numbers.py [--gold tests/gold/numbers.json] [--misses]

Gold: tests/gold/numbers.json (mentions with offsets into the raw files under
../shared/eval, read there, never copied). Each gold document is extracted as it is (its
raw text, so offsets hold) with its publication date: the ECB+ index's `date` line, or the
date in a PolNeAR file name. The same documents go through the current release's
`claims.extraction` in the same run (bench/baseline.py), and each figure is printed beside
the release's:

- found: gold mentions that a predicted claim overlaps (tests/gold/scoring.py, half the
  shorter span);
- right/all: mentions found with the kind, value and unit right, over all gold mentions;
- right/found: the same over the mentions found;
- precision: predicted claims of the kind that overlap a gold mention, over all predicted
  claims of the kind (the gold lists every numeric mention of its documents, or, where a
  document's entry names its ``kinds``, every mention of those kinds: predictions of
  other kinds there are not counted).

Quantities are compared after converting both sides with pint ("10 mile" is right against
a gold "16.09344 kilometer"); money and counts by value and unit; dates by the resolved
day, month or year and the precision (both unresolved counts as right).

Two halves are reported apart: ECB+ topics 1-11 with PolNeAR train (the half the
extractor is tuned on; --misses lists its wrong items) and ECB+ topics 12-22 with PolNeAR
dev (the check: its items are never listed, so nothing is tuned to them).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.baseline import release_tree, run_in, side_by_side  # noqa: E402
from tests.gold.scoring import match_spans  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
DRIVER = ROOT / "bench" / "numbers_driver.py"
KINDS = ("money", "quantity", "percent", "date", "count")
TARGET = {f"{k} right/all": ">= 0.95" for k in ("money", "quantity", "percent", "date")}
_POLNEAR_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


def document_path(doc: str) -> Path:
    """The raw file of a gold document: "ecbplus/1_10ecb.txt", "polnear/dev/<stem>.txt"."""
    direct = EVAL / doc
    if direct.is_file():
        return direct
    parts = Path(doc).parts
    if parts[0] == "polnear":
        name = parts[-1] if parts[-1].endswith(".txt") else parts[-1] + ".txt"
        for split in ("train", "dev"):
            path = EVAL / "polnear" / "data" / split / "text" / name
            if path.is_file():
                return path
    raise FileNotFoundError(doc)


def half_of(doc: str, path: Path) -> str:
    """"tune" (ECB+ topics 1-11, PolNeAR train) or "check" (topics 12-22, PolNeAR dev)."""
    if "polnear" in path.parts:
        return "tune" if "train" in path.parts else "check"
    return "tune" if int(path.name.split("_")[0]) <= 11 else "check"


def _date_line(text: str) -> date | None:
    """The day of an ECB+ date line ("PUBLISHED: 22:07 GMT, 7 July 2012", "6 / 6 / 2013")."""
    from dateutil import parser as dateparser

    cleaned = re.sub(r"\([^)]*\)|\b\d{3,4}\s+(?=GMT\b)", " ", text)  # "POSTED: 1052 GMT (1852 HKT), April 10, 2007"
    cleaned = re.sub(r"\s*/\s*", "/", cleaned)
    cleaned = re.sub(r"-(?=\d{1,2}:)", " ", cleaned)  # "August 8, 2012-4:43 pm"
    cleaned = re.sub(r"(?i)\b(?:published|updated|posted|first|last|on|at|hrs)\b:?", " ", cleaned)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # time zone names it does not know: only the day is used
        try:
            return dateparser.parse(cleaned, fuzzy=True).date()
        except (ValueError, OverflowError):
            return None


def published_dates() -> dict[str, date | None]:
    """ECB+ file name -> the day of its index entry's date line (None where it has none)."""
    dates: dict[str, date | None] = {}
    for line in (EVAL / "ecbplus" / "index.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        dates[item["file"]] = _date_line(item["date"]) if item.get("date") else None
    return dates


def published_of(path: Path, ecb_dates: dict[str, date | None]) -> date | None:
    if "polnear" in path.parts:
        m = _POLNEAR_DATE.search(path.name)
        return date.fromisoformat(m.group(1)) if m else None
    return ecb_dates.get(path.name)


_UREG = None


def _quantity(value: str, unit: str):
    global _UREG
    import pint

    if _UREG is None:
        _UREG = pint.UnitRegistry()
    try:
        return _UREG.Quantity(float(value), _UREG.parse_units(unit.replace(" ", "_")))
    except Exception:
        return None


def _decimal(text) -> Decimal | None:
    try:
        return None if text is None else Decimal(str(text))
    except InvalidOperation:
        return None


def value_right(gold: dict, predicted: dict) -> bool:
    if gold["kind"] != predicted["kind"]:
        return False
    if gold["kind"] == "date":
        if gold.get("value_end") is not None and gold["value_end"] != predicted.get("date_end"):
            return False
        return gold["unit"] == predicted["unit"] and gold["value"] == predicted["value"]
    if gold.get("value_end") is not None and _decimal(gold["value_end"]) != _decimal(predicted.get("value_end")):
        return False
    a, b = _decimal(gold["value"]), _decimal(predicted["value"])
    if a is None or b is None:
        return a is None and b is None
    if gold["unit"] == predicted["unit"]:
        return a == b
    if gold["kind"] == "quantity":
        g, p = _quantity(gold["value"], gold["unit"]), _quantity(predicted["value"], predicted["unit"])
        if g is None or p is None or g.dimensionality != p.dimensionality:
            return False
        try:
            converted = p.to(g.units).magnitude
        except Exception:
            return False
        return abs(converted - g.magnitude) <= 1e-6 * max(1.0, abs(g.magnitude))
    return False


def score(gold: list[dict], predictions: dict[str, list[dict]],
          kinds_of: dict[str, set[str]] | None = None) -> dict[str, dict[str, float]]:
    """Per kind: found, right/all, right/found; and the wrong or missed items. ``kinds_of``:
    the kinds annotated in a document where not all are (its predictions of other kinds
    are left out of precision)."""
    kinds_of = kinds_of or {}
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for m in gold:
        by_doc[m["doc"]].append(m)
    counts = {k: {"gold": 0, "found": 0, "right": 0, "predicted": 0, "paired": 0} for k in KINDS}
    wrong, extra = [], []
    for doc, mentions in by_doc.items():
        match = match_spans(mentions, predictions.get(doc, []))
        paired = {id(g): p for g, p in match.pairs}
        used = {id(p) for _, p in match.pairs}
        annotated = kinds_of.get(doc)
        for p in predictions.get(doc, []):
            if p["kind"] in counts and (annotated is None or p["kind"] in annotated):
                counts[p["kind"]]["predicted"] += 1
                counts[p["kind"]]["paired"] += id(p) in used
                if id(p) not in used:
                    extra.append((doc, p))
        for g in mentions:
            kind = counts.setdefault(g["kind"], {"gold": 0, "found": 0, "right": 0, "predicted": 0, "paired": 0})
            kind["gold"] += 1
            p = paired.get(id(g))
            if p is not None:
                kind["found"] += 1
                if value_right(g, p):
                    kind["right"] += 1
                    continue
            wrong.append((g, p))
    figures = {}
    for k, c in counts.items():
        if not c["gold"]:
            continue
        figures[k] = {
            "gold": c["gold"],
            "found": c["found"] / c["gold"],
            "right/all": c["right"] / c["gold"],
            "right/found": c["right"] / c["found"] if c["found"] else 0.0,
            "precision": c["paired"] / c["predicted"] if c["predicted"] else 1.0,
        }
    return {"figures": figures, "wrong": wrong, "extra": extra}


def load_documents(gold: dict) -> tuple[list[dict], dict[str, str]]:
    """The gold's documents as the driver reads them, and each one's half."""
    ecb_dates = published_dates()
    # Where the date line cannot be read ("Novemer 27, 2005"), the annotator's reading of it.
    gold_published = {d["doc"]: d.get("published") for d in gold.get("documents", [])}
    docs, halves = [], {}
    for doc in sorted({m["doc"] for m in gold["mentions"]} | {d["doc"] for d in gold.get("documents", [])}):
        path = document_path(doc)
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        published = published_of(path, ecb_dates)
        published = published.isoformat() if published else gold_published.get(doc)
        docs.append({"id": doc, "text": text, "published": published})
        halves[doc] = half_of(doc, path)
    return docs, halves


HALVES = (("tune", "ECB+ topics 1-11 + PolNeAR train (tuned on)"),
          ("check", "ECB+ topics 12-22 + PolNeAR dev (held out)"))


def evaluate(gold: dict, *, release: bool = True) -> dict[str, dict]:
    """Per half ("tune", "check"): its title, mention and document counts, and the scores
    of this tree ("now") and of the release ("release", None when skipped)."""
    docs, halves = load_documents(gold)
    kinds_of = {d["doc"]: set(d["kinds"]) for d in gold.get("documents", []) if d.get("kinds")}
    stdin = json.dumps(docs)
    now = run_in(ROOT, DRIVER, stdin=stdin)
    theirs = run_in(release_tree(), DRIVER, stdin=stdin) if release else None
    out = {}
    for half, title in HALVES:
        mentions = [m for m in gold["mentions"] if halves.get(m["doc"]) == half]
        if not mentions:
            continue
        out[half] = {
            "title": title,
            "mentions": len(mentions),
            "documents": len({m["doc"] for m in mentions}),
            "now": score(mentions, now, kinds_of),
            "release": score(mentions, theirs, kinds_of) if theirs is not None else None,
        }
    return out


def rows_of(part: dict, *, label: str = "") -> list[tuple[str, object, object]]:
    """Figure rows (name, now, release) of one half, per kind; names prefixed by label."""
    ours, theirs = part["now"]["figures"], (part["release"] or {"figures": {}})["figures"]
    rows = []
    for kind in KINDS:
        f = ours.get(kind)
        if f is None:
            continue
        r = theirs.get(kind, {})
        for name in ("found", "right/all", "right/found", "precision"):
            rows.append((f"{label}{kind} {name}", f[name], r.get(name)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "numbers.json")
    parser.add_argument("--misses", action="store_true", help="list the tuning half's wrong or missed items")
    parser.add_argument("--no-release", action="store_true", help="skip the release baseline (faster)")
    args = parser.parse_args()

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    for half, part in evaluate(gold, release=not args.no_release).items():
        ours = part["now"]
        counts = ", ".join(f"{k} {ours['figures'][k]['gold']}" for k in KINDS if k in ours["figures"])
        print(f"=== {part['title']}: {part['mentions']} mentions in {part['documents']} documents ({counts})")
        print(side_by_side(rows_of(part), target=TARGET))
        print()
        if args.misses and half == "tune":
            for g, p in ours["wrong"]:
                got = "MISSED" if p is None else f"{p['kind']} {p['value']} {p['unit']} [{p['text']}]"
                print(f"  {g['doc']}: {g['text']!r} {g['kind']} {g['value']} {g['unit']} -> {got}")
            for doc, p in ours["extra"]:
                print(f"  {doc}: EXTRA {p['kind']} {p['value']} {p['unit']} [{p['text']}]")
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
