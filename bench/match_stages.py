"""Where each missed labelled discrepancy was lost, for bench/eval_matching.py.

For every labelled discrepancy the working tree's matcher did not report as a conflict
between those two claims, the stage that lost it, replayed with the matcher's own functions
(claims.matching.facts) in this process:

    not extracted        a mention is no claim or quote of the extractor (not matching's)
    dropped              a claim the grouping never compares (a time anchor, a vague figure)
    not compared         same outlet, another story, block or counted noun, articles not
                         close in time or not alike enough, or never a candidate pair
    values agree         the two figures' ranges meet: judged one value
    refused              the figures differ but `could_conflict` refuses (it says why)
    below the bar        identity (as if agreeing) under CONFLICT
    linked, not kept     a conflict link the grouping left out (one article, two figures)
    quote                quotes: not grouped, or grouped with no conflict between the two

The replay mirrors `group_claims`; if that changes, this report may drift from it (the
figures of eval_matching.py are always the matcher's own).
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path


def _facts(docs: list[dict], extracted: dict[str, dict]):
    """The driver's claims, quotes and articles, with the same ids (bench/match_driver.py)."""
    from claims import matching

    claims, quotes, articles, n = {}, {}, [], 0
    for article_id, d in enumerate(docs, start=1):
        published = date.fromisoformat(d["published"]) if d["published"] else None
        articles.append(matching.ArticleText(id=article_id, source=d["outlet"], body=Path(d["path"]).read_text(encoding="utf-8"),
                                             published=published, outlet=d["outlet"]))
        for c in extracted[d["doc"]]["claims"]:
            n += 1
            claims[n] = matching.ClaimFact(
                id=n, article_id=article_id, source=d["outlet"], outlet=d["outlet"], kind=c["kind"], text=c["text"],
                value=None if c["value"] is None else Decimal(c["value"]), unit=c["unit"], subject=c["subject"],
                sentence=c["sentence"], qualifier=c["qualifier"], speaker=c["speaker"],
                date_value=date.fromisoformat(c["date_value"]) if c["date_value"] else None, start=c["start"],
                base_value=None if c["base_value"] is None else Decimal(c["base_value"]), base_unit=c["base_unit"],
                date_end=date.fromisoformat(c["date_end"]) if c["date_end"] else None,
            )
        for q in extracted[d["doc"]]["quotes"]:
            n += 1
            quotes[n] = matching.QuoteFact(id=n, article_id=article_id, source=d["outlet"], outlet=d["outlet"], text=q["text"],
                                           speaker=q["speaker"], speaker_kind=q.get("speaker_kind", ""), start=q["start"])
    return claims, quotes, articles


def _claim_stage(ia: int, ib: int, items, index, story_of) -> str:
    from claims.matching import facts as F
    from claims.matching.values import ranges_meet

    try:
        from claims.matching.values import figures_meet
    except ImportError:
        figures_meet = None

    a, b = items[ia], items[ib]
    if a.fact.outlet_key == b.fact.outlet_key:
        return "not compared: same outlet"
    if a.story != b.story:
        return "not compared: another story"
    if a.block != b.block:
        return f"not compared: another block {a.block} / {b.block}"
    if not F.nouns_agree(a.noun, b.noun):
        return f"not compared: counted nouns {a.noun!r} / {b.noun!r}"
    if not index.close(a.fact.article_id, b.fact.article_id):
        return "not compared: articles not close in time"
    members = [i for i, p in enumerate(items) if (p.story, p.block) == (a.story, a.block)]
    idf = F.rarity(Counter(w for i in members for w in items[i].words), len(members), Counter(items[i].range for i in members))
    idf.articles = index.alike
    pair = (max(ia, ib), min(ia, ib))
    if len(members) > F.ALL_PAIRS_UP_TO and pair not in set(F._candidate_pairs(items, members, idf)):
        return "not compared: never a candidate pair"
    meet = figures_meet(a.fact, b.fact, a.range, b.range) if figures_meet else ranges_meet(a.range, b.range)
    if meet is None:
        return "not compared: a value unreadable"
    alike = index.alike(a.fact.article_id, b.fact.article_id)
    if meet:
        score = F.identity(a, b, idf)
        return f"values agree ({_show(a.range)} / {_show(b.range)}), identity {score:.2f}"
    if alike < F.CONFLICT_ARTICLES:
        return f"not compared: articles alike {alike:.2f} < {F.CONFLICT_ARTICLES}"
    said = F.sentence_figures(items) if hasattr(F, "sentence_figures") else None
    refusal = F.conflict_refusal(a, b, said) if said is not None else ("refused" if not F.could_conflict(a, b) else "")
    score, bar = F.conflict_score(a, b, idf, said) if hasattr(F, "conflict_score") else (F.identity(a, b, idf, as_if_agreeing=True), F.CONFLICT)
    if refusal:
        return f"refused: {refusal} (identity as if agreeing {score:.2f})"
    if score < bar:
        return f"below the bar: identity {score:.2f} < {bar}"
    return f"linked, not kept: identity {score:.2f}"


def _show(r) -> str:
    if r is None:
        return "?"
    lo, hi = r
    return str(lo) if lo == hi else f"{lo}..{hi}"


def miss_stages(run: dict, pairs: list[dict], docs: list[dict], cache: Path, locate, item) -> list[dict]:
    """Every labelled discrepancy (not events) with the stage that lost it, or "flagged"."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this tree's claims
    import match_driver

    extracted = match_driver._extract(docs, cache)
    claims, quotes, articles = _facts(docs, extracted)
    from claims.matching import facts as F
    from claims.matching.events import story_index

    index = story_index(articles)
    story_of = index.story_of
    ordered = sorted((F.floating(f) for f in claims.values()), key=lambda f: (f.article_id, f.start, f.id))
    prepared = F.prepare(ordered, story_of)
    position = {p.fact.id: i for i, p in enumerate(prepared)}
    kept = [p for p in prepared if not F.is_time_anchor(p.fact) and p.fact.qualifier != "vague"]
    kept_at = {p.fact.id: i for i, p in enumerate(kept)}
    grouped = locate(run["groups"])
    extracted_items = locate([{"members": run.get("items", [])}])
    out = []
    for p in pairs:
        if p["label"] != "discrepancy" or p["kind"] == "event":
            continue
        a, b = item(extracted_items, p["a"], p["kind"]), item(extracted_items, p["b"], p["kind"])
        ga, gb = item(grouped, p["a"], p["kind"]), item(grouped, p["b"], p["kind"])
        together = bool(ga and gb and ga[1] == gb[1])
        flagged = together and any({ga[0], gb[0]} == set(c) for c in run["groups"][ga[1]]["conflicts"])
        if flagged:
            stage = "flagged"
        elif not (a and b):
            stage = "not extracted: " + ("both" if not (a or b) else "a" if not a else "b")
        elif p["kind"] == "quote":
            stage = "quote: grouped, no conflict between the two" if together else "quote: not grouped"
        else:
            fa, fb = claims[a[0]], claims[b[0]]
            dropped = [f"{side} {'vague' if prepared[position[f.id]].fact.qualifier == 'vague' else 'time anchor'}"
                       for side, f in (("a", fa), ("b", fb)) if f.id not in kept_at]
            if dropped:
                stage = "dropped: " + ", ".join(dropped)
            else:
                stage = _claim_stage(kept_at[fa.id], kept_at[fb.id], kept, index, story_of)
            if together:
                stage = "grouped (consistent or through the group); " + stage
        out.append({"id": p["id"], "kind": p["kind"], "stage": stage, "a": p["a"]["text"], "b": p["b"]["text"],
                    "fact": p.get("fact", "")})
    return out


def _head(stage: str) -> str:
    """A stage without its figures: "refused: sentences alike", "grouped; values agree"."""
    parts = stage.split("; ")
    name, _, rest = parts[-1].partition(": ")
    name = name.split(" (")[0]
    if name in ("not compared", "refused", "not extracted", "dropped"):
        name += ": " + re.split(r"[\d'(<]", rest)[0].strip()
    return ("grouped; " if len(parts) > 1 else "") + name


def summary(stages: list[dict]) -> str:
    counts: dict[str, Counter] = defaultdict(Counter)
    for s in stages:
        counts[_head(s["stage"])][s["kind"]] += 1
    lines = [f"labelled discrepancies by the stage that lost them ({len(stages)}, events left out; "
             "each in bench/out/eval_matching_misses.json):"]
    for head, kinds in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        lines.append(f"  {sum(kinds.values()):4d}  {head}: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    return "\n".join(lines)


def write(stages: list[dict], path: Path) -> None:
    path.write_text(json.dumps(stages, indent=1))
