"""Driver for bench/eval_numbers.py: numeric claims of the documents on stdin, as JSON.

Reads ``[{"id", "text", "published"}]`` and prints ``{id: [claim, ...]}``. Run by
bench/baseline.run_in() with either tree first on sys.path, so it may only use what both the
release's ClaimResult and this tree's have: newer fields are read with getattr.
"""
from __future__ import annotations

import json
import sys
from datetime import date


def _iso(day, unit: str) -> str | None:
    if day is None:
        return None
    return {"month": f"{day:%Y-%m}", "year": f"{day:%Y}"}.get(unit, day.isoformat())


def _decimal(value) -> str | None:
    return None if value is None else format(value, "f")


def claim_json(claim) -> dict:
    date_value = _iso(claim.date_value, claim.unit) if claim.kind == "date" else None
    return {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "value": date_value if claim.kind == "date" else _decimal(claim.value),
        "value_end": _decimal(getattr(claim, "value_end", None)),
        "date_end": _iso(getattr(claim, "date_end", None), claim.unit),
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "base_value": _decimal(getattr(claim, "base_value", None)),
        "base_unit": getattr(claim, "base_unit", ""),
        "confidence": getattr(claim, "confidence", None),
        "notes": list(getattr(claim, "notes", []) or []),
        "subject": claim.subject,
    }


def main() -> int:
    from claims.extraction import extract_many
    from claims.extraction.pipeline import default_pipeline

    docs = json.load(sys.stdin)
    items = [(d["text"], date.fromisoformat(d["published"]) if d["published"] else None) for d in docs]
    out = {}
    for doc, result in zip(docs, extract_many(items, nlp=default_pipeline(), errors=True), strict=True):
        out[doc["id"]] = [] if isinstance(result, Exception) else [claim_json(c) for c in result.claims]
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
