"""Driver for bench/eval_matching.py: extract and match a corpus with whichever `claims`
package is first on sys.path (this tree's, or the release's: see bench/baseline.py).

stdin: {"docs": [{"doc", "path", "outlet", "published"}], "cache": dir}; stdout: JSON with
every group of two or more outlets: its kind, state, confidence, members (document and
span) and the pairs it reports as conflicting. Extraction results are cached per tree.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path


def _tree_hash() -> str:
    import claims.extraction

    root = Path(claims.extraction.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _extract(docs: list[dict], cache_dir: Path) -> dict[str, dict]:
    from claims.extraction import extract_many
    from claims.extraction.pipeline import default_pipeline

    cache_file = cache_dir / f"extract-{_tree_hash()}.json"
    cached = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    todo = [d for d in docs if d["doc"] not in cached]
    if todo:
        texts = [(Path(d["path"]).read_text(encoding="utf-8"), date.fromisoformat(d["published"]) if d["published"] else None) for d in todo]
        for d, result in zip(todo, extract_many(texts, nlp=default_pipeline()), strict=True):
            if isinstance(result, Exception):
                cached[d["doc"]] = {"claims": [], "quotes": []}
                continue
            cached[d["doc"]] = {
                "claims": [
                    {
                        **{k: getattr(c, k) for k in ("text", "start", "end", "kind", "unit", "subject", "sentence", "qualifier")},
                        "value": None if c.value is None else str(c.value),
                        "date_value": c.date_value.isoformat() if c.date_value else None,
                        "speaker": c.speaker.name if c.speaker else "",
                        "base_value": None if getattr(c, "base_value", None) is None else str(c.base_value),
                        "base_unit": getattr(c, "base_unit", "") or "",
                        "date_end": c.date_end.isoformat() if getattr(c, "date_end", None) else None,
                    }
                    for c in result.claims
                ],
                "quotes": [
                    {"text": q.text, "start": q.start, "end": q.end, "speaker": q.speaker.name if q.speaker else "",
                     "speaker_kind": q.speaker.kind if q.speaker else ""}
                    for q in result.quotes
                ],
            }
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cached))
    return cached


def _build(cls, **values):
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in names})


def main() -> None:
    request = json.load(sys.stdin)
    docs = request["docs"]
    extracted = _extract(docs, Path(request["cache"]))
    from claims import matching

    claims, quotes, articles, where = [], [], [], {}
    for article_id, d in enumerate(docs, start=1):
        body = Path(d["path"]).read_text(encoding="utf-8")
        published = date.fromisoformat(d["published"]) if d["published"] else None
        articles.append(_build(matching.ArticleText, id=article_id, source=d["outlet"], body=body, published=published, outlet=d["outlet"]))
        for c in extracted[d["doc"]]["claims"]:
            cid = len(where) + 1
            where[cid] = (d["doc"], c["start"], c["end"], "claim")
            claims.append(_build(
                matching.ClaimFact, id=cid, article_id=article_id, source=d["outlet"], outlet=d["outlet"], kind=c["kind"],
                text=c["text"], value=None if c["value"] is None else Decimal(c["value"]), unit=c["unit"], subject=c["subject"],
                sentence=c["sentence"], qualifier=c["qualifier"], speaker=c["speaker"],
                date_value=date.fromisoformat(c["date_value"]) if c["date_value"] else None, start=c["start"],
                base_value=None if c["base_value"] is None else Decimal(c["base_value"]), base_unit=c["base_unit"],
                date_end=date.fromisoformat(c["date_end"]) if c["date_end"] else None,
            ))
        for q in extracted[d["doc"]]["quotes"]:
            qid = len(where) + 1
            where[qid] = (d["doc"], q["start"], q["end"], "quote")
            quotes.append(_build(matching.QuoteFact, id=qid, article_id=article_id, source=d["outlet"], outlet=d["outlet"],
                                 text=q["text"], speaker=q["speaker"], speaker_kind=q.get("speaker_kind", ""), start=q["start"]))
    plans = matching.match(claims=claims, quotes=quotes, articles=articles)
    doc_of = {i: d["doc"] for i, d in enumerate(docs, start=1)}
    by_id = {c.id: c for c in [*claims, *quotes]}
    out = []
    event_ids = 0  # event reports are numbered -1, -2 ... across all groups: one id, one report
    for plan in plans:
        members = [list(where[i]) + [i] for i in [*plan.claim_ids, *plan.quote_ids]]
        first_event = event_ids
        for m in plan.details.get("mentions", ()):
            event_ids += 1
            members.append([doc_of[m["article_id"]], m["start"], m["end"], "event", -event_ids])
        outlets = {docs[a - 1]["outlet"] for a in plan.article_ids}
        if len(outlets) < 2:
            continue
        conflicts = getattr(plan, "conflicts", None)
        if conflicts is not None:
            pairs = [[c.a, c.b] for c in conflicts]
        else:
            pairs = _release_conflicts(plan, by_id, matching, first_event)
        out.append({"kind": plan.kind, "state": plan.state, "confidence": getattr(plan, "confidence", None),
                    "members": members, "conflicts": pairs, "reason": plan.reason[:300]})
    items = [[doc, start, end, kind, i] for i, (doc, start, end, kind) in where.items()]
    json.dump({"groups": out, "items": items}, sys.stdout)


def _release_conflicts(plan, by_id, matching, first_event: int = 0) -> list[list[int]]:
    """The release's groups say only "conflicting": its conflict pairs are the members of
    different articles whose values it finds incompatible (or, for quotes, whose speakers
    differ; for events, every pair of reports)."""
    if plan.state != matching.CONFLICTING:
        return []
    pairs = []
    if plan.kind == "event":
        mentions = plan.details.get("mentions", [])
        return [[-1 - first_event - i, -1 - first_event - j] for i in range(len(mentions)) for j in range(i)
                if mentions[i]["article_id"] != mentions[j]["article_id"]]
    if plan.kind == "quote":
        qs = [by_id[i] for i in plan.quote_ids]
        wording = "negation differs" in plan.reason or "numbers differ" in plan.reason
        return [[a.id, b.id] for i, a in enumerate(qs) for b in qs[:i]
                if a.article_id != b.article_id and (wording or (a.speaker and b.speaker and a.speaker != b.speaker))]
    members = [by_id[i] for i in plan.claim_ids]
    for i, a in enumerate(members):
        for b in members[:i]:
            if a.article_id != b.article_id and not matching.values_compatible(a, b)[0]:
                pairs.append([a.id, b.id])
    return pairs


if __name__ == "__main__":
    main()
