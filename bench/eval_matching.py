"""Cross-source matching on real news, beside the current release, in the same run.

    .venv/bin/python bench/eval_matching.py [--pool FILE]

Both the working tree's matcher and the release's (bench/baseline.py) extract and match
one corpus: every ECB+ article (../shared/eval/ecbplus: 22 topics, each with two different
real events told by several outlets) and the PolNeAR articles our annotators read
(../shared/eval/polnear). Figures, each per kind and overall:

- conflict precision: of the conflicts a matcher reports (two claims it says disagree),
  the share that annotators labelled a real discrepancy (pairs nobody labelled are
  counted as unjudged and listed with --pool for reading);
- consistent-group precision: of the consistent groups with two or more outlets, the
  share whose labelled cross-outlet pairs are all the same fact;
- same-fact pair recall: labelled same-fact pairs (agreeing or not) put in one group;
- discrepancy recall: labelled discrepancies reported as a conflict between those two;
  both recalls count the first-round labels only (matching_pairs_ecbplus/polnear.json,
  made by reading articles). Pooled labels (matching_pairs_pooled_*.json) judge pairs some
  matcher had grouped or flagged, so nearly every one was found by construction: they
  count for precision, and in the rows "..., with pooled labels" (the figure reported
  before 2026-12-03);
- ECB+ cross-event false merges: multi-outlet groups joining two different events
  (ECB+ subtopics), automatic, no labels needed.

--missed FILE writes every labelled same-fact pair the working tree left apart, with the
stage that dropped it (not extracted, a time anchor, other stories, low identity ...) and
a count per stage, to attack the largest losses first.

Labels: tests/gold/matching_pairs_*.json (annotations only: document, offsets, the
mention's words; never the corpus text).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from dateutil import parser as dateparser

sys.path.insert(0, str(Path(__file__).resolve().parent))
import baseline  # noqa: E402

ROOT = baseline.ROOT
EVAL = Path(__import__("os").environ.get("FACTCHECK_EVAL_DIR", ROOT.parent / "shared" / "eval"))
GOLD = sorted((ROOT / "tests" / "gold").glob("matching_pairs_*.json"))
DRIVER = ROOT / "bench" / "match_driver.py"
TARGETS = {"conflict precision": ">= 0.85", "consistent-group precision": ">= 0.90", "same-fact pair recall": ">= 0.75",
           "discrepancy recall": ">= 0.70", "ECB+ cross-event false merges": "<= 0.03"}
KINDS = ("count", "money", "percent", "quantity", "date", "quote", "event")


def _ecb_date(text: str) -> str | None:
    text = re.sub(r"(?i)\b(published|posted|updated)\b:?", "", text or "")
    if not re.search(r"\d{4}|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2}", text):
        return None
    try:
        return dateparser.parse(text.replace(" / ", "/"), fuzzy=True, ignoretz=True).date().isoformat()
    except (ValueError, OverflowError):
        return None


def corpus(pairs: list[dict], read: set[str]) -> tuple[list[dict], dict[str, str]]:
    docs, subtopic = [], {}
    for line in (EVAL / "ecbplus" / "index.jsonl").read_text().splitlines():
        row = json.loads(line)
        name = f"ecbplus/{row['file']}"
        subtopic[name] = row["subtopic"]
        docs.append({"doc": name, "path": str(EVAL / "ecbplus" / row["file"]), "outlet": row["outlet"], "published": _ecb_date(row["date"])})
    wanted = {m["doc"] for p in pairs for m in (p["a"], p["b"])} | read
    for name in sorted(d for d in wanted if d.startswith("polnear/")):
        _, split, file = name.split("/", 2)
        outlet, day = file.split("_")[:2]
        docs.append({"doc": name, "path": str(EVAL / "polnear" / "data" / split / "text" / file), "outlet": outlet, "published": day})
    return docs, subtopic


def _locate(groups: list[dict]) -> dict[str, list[tuple[int, int, str, int, int]]]:
    """doc -> (start, end, type, member id, group index) of every grouped item."""
    found = defaultdict(list)
    for gi, g in enumerate(groups):
        for doc, start, end, kind, mid in g["members"]:
            found[doc].append((start, end, kind, mid, gi))
    return found


def _item(located, mention: dict, kind: str):
    """The grouped item that best covers a labelled mention (or None)."""
    best, best_overlap = None, (0, 0)
    for start, end, itype, mid, gi in located.get(mention["doc"], ()):
        overlap = min(end, mention["end"]) - max(start, mention["start"])
        if overlap <= 0:
            continue
        # A quote label is a quote, a number label a claim; an event's place or date may be
        # the event report or the date claim placed in the event's group.
        if (kind == "quote") != (itype == "quote"):
            continue
        # The largest overlap; on a tie the item closest in size to the mention (a quote
        # nested in a longer quote of the same words is the one the label points at).
        fit = (overlap, -abs((end - start) - (mention["end"] - mention["start"])))
        if fit > best_overlap:
            best, best_overlap = (mid, gi), fit
    return best


def score(run: dict, pairs: list[dict], subtopic: dict[str, str]) -> tuple[dict, list[dict]]:
    groups = run["groups"]
    located = _locate(groups)
    extracted = _locate([{"members": run.get("items", [])}])
    labels: dict[frozenset, dict] = {}
    figures: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))

    def tally(figure: str, kind: str, hit: bool) -> None:
        for k in (kind, "all"):
            figures[figure][k][0] += int(hit)
            figures[figure][k][1] += 1

    for p in pairs:
        a, b = _item(located, p["a"], p["kind"]), _item(located, p["b"], p["kind"])
        together = bool(a and b and a[1] == b[1])
        if a and b:
            labels[frozenset((a[0], b[0]))] = p
        # Recall is measured on the labels made by reading articles (first round); pooled
        # labels judge what matchers grouped, so nearly all of them were found by one.
        pooled = p.get("pooled", False)
        if p["label"] in ("same", "discrepancy"):
            tally("same-fact pair recall, with pooled labels", p["kind"], together)
            if not pooled:
                tally("same-fact pair recall", p["kind"], together)
            found = _item(extracted, p["a"], p["kind"]) and _item(extracted, p["b"], p["kind"])
            tally("(both mentions extracted)", p["kind"], bool(found))
        if p["label"] == "discrepancy":
            flagged = together and any({a[0], b[0]} == set(c) for c in groups[a[1]]["conflicts"])
            tally("discrepancy recall, with pooled labels", p["kind"], flagged)
            if not pooled:
                tally("discrepancy recall", p["kind"], flagged)
    unjudged = []
    for g in groups:
        kind = g["kind"] if g["kind"] in KINDS else "event"
        members = {m[4]: m for m in g["members"]}
        for pair in g["conflicts"]:
            label = labels.get(frozenset(pair))
            if label is None:
                unjudged.append({"what": "conflict", "kind": kind, "a": members.get(pair[0]), "b": members.get(pair[1]), "reason": g["reason"]})
                figures["conflicts unjudged"][kind][1] += 1
                figures["conflicts unjudged"]["all"][1] += 1
                continue
            tally("conflict precision", label["kind"], label["label"] == "discrepancy")
        if g["state"] == "consistent":
            verdicts = [labels[frozenset((x[4], y[4]))]["label"] for i, x in enumerate(g["members"]) for y in g["members"][:i]
                        if frozenset((x[4], y[4])) in labels]
            if verdicts:
                tally("consistent-group precision", kind, all(v == "same" for v in verdicts))
            else:
                figures["consistent groups unjudged"][kind][1] += 1
                figures["consistent groups unjudged"]["all"][1] += 1
                ms = g["members"]
                unjudged.append({"what": "consistent group", "kind": kind, "a": ms[0], "b": ms[1], "reason": g["reason"]})
        events = {subtopic[m[0]] for m in g["members"] if m[0] in subtopic}
        if any(m[0] in subtopic for m in g["members"]):
            tally("ECB+ cross-event false merges", kind, len(events) > 1 or any(m[0] not in subtopic for m in g["members"]))
    return figures, unjudged


def load_claims(docs: list[dict]):
    """The working tree's claims and articles of the corpus, as bench/match_driver.py builds
    them from this tree's extraction cache: what bench/fit_matching.py fits on and --missed
    explains."""
    import match_driver
    import match_stages

    claims, _quotes, articles = match_stages._facts(docs, match_driver._extract(docs, baseline.OUT / "match-cache"))
    return list(claims.values()), articles


def explain_missed(run: dict, pairs: list[dict], docs: list[dict]) -> list[dict]:
    """Each labelled same-fact pair the run left apart, with the stage that dropped it."""
    from collections import Counter

    from claims.matching import events as E
    from claims.matching import facts as F

    claims, articles = load_claims(docs)
    index = E.story_index(articles)
    story = index.story_of
    doc_id = {d["doc"]: i for i, d in enumerate(docs, 1)}
    prepared = {p.fact.id: p for p in F.prepare([F.floating(c) for c in claims], story)}
    by_doc = defaultdict(list)
    for c in claims:
        by_doc[c.article_id].append(c)
    members = defaultdict(list)
    for p in prepared.values():
        if not F.is_time_anchor(p.fact) and p.fact.qualifier != "vague":
            members[(p.story, p.block)].append(p)
    idfs = {}

    def idf_of(key):
        if key not in idfs:
            ps = members.get(key, [])
            idf = F.rarity(Counter(w for p in ps for w in p.words), max(1, len(ps)), Counter(p.figure for p in ps))
            idf.articles = index.alike
            idfs[key] = idf
        return idfs[key]

    def find(m):
        best, best_overlap = None, 0
        for c in by_doc.get(doc_id.get(m["doc"]), ()):
            overlap = min(c.start + len(c.text), m["end"]) - max(c.start, m["start"])
            if overlap > best_overlap:
                best, best_overlap = c, overlap
        return best

    located = _locate(run["groups"])
    out = []
    for p in pairs:
        if p["label"] not in ("same", "discrepancy"):
            continue
        a, b = _item(located, p["a"], p["kind"]), _item(located, p["b"], p["kind"])
        if a and b and a[1] == b[1]:
            continue
        why = ""
        if p["kind"] in ("quote", "event"):
            why = f"{p['kind']} step"
        else:
            ca, cb = find(p["a"]), find(p["b"])
            if not ca or not cb:
                why = "not extracted"
            else:
                pa, pb = prepared[ca.id], prepared[cb.id]
                if pa.block != pb.block:
                    why = f"other blocks {pa.block} / {pb.block}"
                elif F.is_time_anchor(pa.fact) or F.is_time_anchor(pb.fact):
                    why = "time anchor"
                elif "vague" in (ca.qualifier, cb.qualifier):
                    why = "vague figure"
                elif pa.story != pb.story:
                    why = "other stories" + (" (related)" if index.related(ca.article_id, cb.article_id) else "")
                elif not F.nouns_agree(pa.noun, pb.noun):
                    why = f"counted nouns differ ({pa.noun} / {pb.noun})"
                else:
                    score, _, why = F.judge_pair(pa, pb, idf_of((pa.story, pa.block)), index.close, index.alike)
                    if score is not None:
                        why = "linked, but grouped apart" if (a and b) else "linked, but its group has one outlet"
            if a and b and not why.startswith(("linked", "not extracted")):
                why += " [both grouped elsewhere]"
        out.append({"why": why, "kind": p["kind"], "label": p["label"], "id": p.get("id"), "fact": p.get("fact", ""),
                    "a": p["a"].get("text"), "b": p["b"].get("text"), "docs": [p["a"]["doc"], p["b"]["doc"]]})
    counts = Counter(re.sub(r"\(.*|\[.*", "", o["why"]).strip() for o in out)
    print(f"\n{len(out)} labelled same-fact pairs left apart, by stage:")
    for why, n in counts.most_common():
        print(f"  {n:4d}  {why}")
    return out


def _rate(cell) -> float | None:
    hits, total = cell
    return hits / total if total else None


def report_misses(run: dict, pairs: list[dict], docs: list[dict]) -> None:
    """Print, per stage, the labelled discrepancies this tree missed (bench/match_stages.py);
    every one, with its stage, goes to bench/out/eval_matching_misses.json."""
    import match_stages

    stages = match_stages.miss_stages(run, pairs, docs, baseline.OUT / "match-cache", _locate, _item)
    match_stages.write(stages, baseline.OUT / "eval_matching_misses.json")
    print("\n" + match_stages.summary(stages))


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--pool", help="write the pairs no annotator labelled, for reading, to this file")
    args.add_argument("--missed", help="write the labelled same-fact pairs left apart, with why, to this file")
    args.add_argument("--no-release", action="store_true", help="skip the release's run (faster while iterating)")
    opts = args.parse_args()
    gold = [json.loads(p.read_text()) for p in GOLD]
    pairs = [dict(p, pooled="pooled" in path.name) for path, g in zip(GOLD, gold, strict=True) for p in g.get("pairs", [])]
    read = {d for g in gold for d in g.get("documents_read", [])}
    docs, subtopic = corpus(pairs, read)
    request = json.dumps({"docs": docs, "cache": str(baseline.OUT / "match-cache")})
    runs = {"now": baseline.run_in(ROOT, DRIVER, stdin=request)}
    if not opts.no_release:
        runs["release"] = baseline.run_in(baseline.release_tree(), DRIVER, stdin=request)
    for name, run in runs.items():
        (baseline.OUT / f"eval_matching_{name}.json").write_text(json.dumps(run))
    scored = {name: score(run, pairs, subtopic) for name, run in runs.items()}
    print(f"{len(pairs)} labelled pairs ({', '.join(p.name for p in GOLD)}), {len(docs)} articles")
    for name, run in runs.items():
        states = defaultdict(int)
        for g in run["groups"]:
            states[g["state"]] += 1
        print(f"{name}: {len(run['groups'])} multi-outlet groups {dict(states)}")
    figures = ["conflict precision", "consistent-group precision", "same-fact pair recall", "discrepancy recall",
               "ECB+ cross-event false merges", "(both mentions extracted)", "same-fact pair recall, with pooled labels",
               "discrepancy recall, with pooled labels"]
    for kind in ("all", *KINDS):
        rows = []
        for figure in figures:
            now = scored["now"][0][figure].get(kind, [0, 0])
            rel = scored["release"][0][figure].get(kind, [0, 0]) if "release" in scored else [0, 0]
            rows.append((f"{figure} ({now[1]}/{rel[1]})", _rate(now), _rate(rel)))
        for extra in ("conflicts unjudged", "consistent groups unjudged"):
            rows.append((extra, scored["now"][0][extra].get(kind, [0, 0])[1],
                         scored["release"][0][extra].get(kind, [0, 0])[1] if "release" in scored else None))
        print(f"\n== {kind}")
        print(baseline.side_by_side(rows, target={f"{f} ({scored['now'][0][f].get(kind, [0, 0])[1]}/"
                                                   f"{scored['release'][0][f].get(kind, [0, 0])[1] if 'release' in scored else 0})": t
                                                   for f, t in TARGETS.items()} if kind == "all" else None))
    if opts.missed:
        sys.path.insert(0, str(ROOT))
        missed = explain_missed(runs["now"], pairs, docs)
        Path(opts.missed).write_text(json.dumps(missed, indent=1))
    report_misses(runs["now"], pairs, docs)
    if opts.pool:
        pool = [dict(u, system=name) for name, (_, unjudged) in scored.items() for u in unjudged]
        Path(opts.pool).write_text(json.dumps(pool, indent=1))
        print(f"\n{len(pool)} unjudged items written to {opts.pool}")


if __name__ == "__main__":
    main()
