"""Fit the matcher's same-fact model (claims.matching.facts.WEIGHTS) on labelled pairs.

    .venv/bin/python bench/fit_matching.py       # prints the weights and held-out figures

Examples are pairs of extracted claims in one story and block (the pairs the matcher
scores): the labelled ones from tests/gold/matching_pairs_*.json (same or discrepancy: one
fact; different: two facts), and, as the ordinary background, unlabelled pairs of the
articles annotators read in full (weighted low: most are different facts, a few are
unlabelled same facts). Fitted on ECB+ topics 1-11 and PolNeAR train; ECB+ topics 12-22 and
PolNeAR dev are held out to check. Logistic regression with a small L2 penalty, by Newton's
method in NumPy. Run bench/eval_matching.py first (it writes the extraction cache).
"""
from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import eval_matching as em  # noqa: E402

from claims import matching  # noqa: E402
from claims.matching import facts as F  # noqa: E402

BACKGROUND_WEIGHT = 0.3
L2 = 1.0


def held_out(doc: str) -> bool:
    if doc.startswith("ecbplus/"):
        return int(doc.split("/")[1].split("_")[0]) >= 12
    return doc.startswith("polnear/dev/")


def load():
    gold = [json.loads(p.read_text()) for p in em.GOLD]
    pairs = [p for g in gold for p in g["pairs"]]
    read = {d for g in gold for d in g.get("documents_read", [])}
    docs, _ = em.corpus(pairs, read)
    claims, articles = em.load_claims(docs)
    return pairs, read, docs, claims, articles


def examples():
    pairs, read, docs, claims, articles = load()
    index = matching.events.story_index(articles)
    story = index.story_of
    prepared = {p.fact.id: p for p in F.prepare(claims, story)}
    doc_of = {i: d["doc"] for i, d in enumerate(docs, 1)}
    by_doc = defaultdict(list)
    for c in claims:
        by_doc[doc_of[c.article_id]].append(c)

    def find(m):
        best, best_overlap = None, 0
        for c in by_doc[m["doc"]]:
            overlap = min(c.start + len(c.text), m["end"]) - max(c.start, m["start"])
            if overlap > best_overlap:
                best, best_overlap = c, overlap
        return best

    # IDF per (story, block), as the matcher computes it.
    members = defaultdict(list)
    for p in prepared.values():
        if not F.is_time_anchor(p.fact) and p.fact.qualifier != "vague":
            members[(p.story, p.block)].append(p)
    idfs = {key: F.rarity(Counter(w for p in ps for w in p.words), len(ps), Counter(p.figure for p in ps)) for key, ps in members.items()}
    for idf in idfs.values():
        idf.articles = index.alike
    rows, labelled = [], set()
    for pair in pairs:
        if pair["kind"] in ("quote", "event"):
            continue
        a, b = find(pair["a"]), find(pair["b"])
        if not a or not b or a.id == b.id:
            continue
        pa, pb = prepared[a.id], prepared[b.id]
        if pa.story != pb.story or F.is_time_anchor(a) or F.is_time_anchor(b):
            continue
        features = F.pair_features(pa, pb, idfs.get((pa.story, pa.block), lambda w: 1.0))
        if features is None:
            continue
        labelled.add(frozenset((a.id, b.id)))
        rows.append((features, float(pair["label"] != "different"), 1.0, held_out(pair["a"]["doc"]), pair["label"]))
    rng = random.Random(7)
    background = []
    for key, ps in members.items():
        for i, a in enumerate(ps):
            for b in ps[:i]:
                if a.fact.outlet_key == b.fact.outlet_key or frozenset((a.fact.id, b.fact.id)) in labelled:
                    continue
                if doc_of[a.fact.article_id] not in read or doc_of[b.fact.article_id] not in read:
                    continue
                features = F.pair_features(a, b, idfs[key])
                if features is not None:
                    background.append((features, 0.0, BACKGROUND_WEIGHT, held_out(doc_of[a.fact.article_id]), "background"))
    rng.shuffle(background)
    return rows + background[: 4 * len(rows)]


def fit(rows, names):
    X = np.array([[1.0] + [r[0][n] for n in names] for r in rows])
    y = np.array([r[1] for r in rows])
    w8 = np.array([r[2] for r in rows])
    beta = np.zeros(X.shape[1])
    penalty = np.eye(X.shape[1]) * L2
    penalty[0, 0] = 0
    for _ in range(50):
        p = 1 / (1 + np.exp(-X @ beta))
        gradient = X.T @ (w8 * (p - y)) + penalty @ beta
        hessian = X.T @ (X * (w8 * p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return dict(zip(["bias", *names], beta.round(3).tolist(), strict=True))


def report(rows, weights, title):
    def prob(f):
        z = weights["bias"] + sum(weights[n] * v for n, v in f.items())
        return 1 / (1 + math.exp(-z))

    gold = [r for r in rows if r[4] != "background"]
    for threshold in (F.SAME_FACT, F.CONFLICT):
        said = [r for r in gold if prob(r[0]) >= threshold]
        right = sum(r[1] for r in said)
        positives = sum(r[1] for r in gold)
        print(f"{title} at {threshold}: precision {right / max(1, len(said)):.3f} recall {right / max(1, positives):.3f} "
              f"({len(said)} said, {len(gold)} labelled)")
    disagree = [r for r in gold if r[0]["values agree"] == 0]
    said = [r for r in disagree if prob(r[0]) >= F.CONFLICT]
    print(f"{title} conflicts (values disagree) at {F.CONFLICT}: {sum(r[4] == 'discrepancy' for r in said)} of {len(said)} "
          f"are discrepancies; {sum(r[4] == 'discrepancy' for r in disagree)} discrepancies labelled")


def conflict_rows(rows):
    """Labelled pairs whose figures disagree: a discrepancy (1) or not (0: two facts, or one
    fact told within rounding the ranges missed)."""
    return [(f, float(label == "discrepancy"), 1.0, held, label) for f, _, _, held, label in rows
            if label != "background" and f["values agree"] == 0]


def conflict_report(rows, weights, title) -> None:
    def prob(f):
        z = weights["bias"] + sum(weights[n] * v for n, v in f.items())
        return 1 / (1 + math.exp(-z))

    scored = sorted(((prob(r[0]), r[1]) for r in rows), reverse=True)
    positives = sum(y for _, y in scored)
    line = []
    for threshold in (0.3, 0.5, 0.7, 0.8, 0.9):
        said = [y for p, y in scored if p >= threshold]
        line.append(f"{threshold}: {sum(said):.0f}/{len(said)}")
    print(f"{title}: discrepancies among pairs said, by threshold ({positives:.0f} labelled): " + ", ".join(line))


def main() -> None:
    rows = examples()
    names = [n for n in rows[0][0]]
    tune = [r for r in rows if not r[3]]
    check = [r for r in rows if r[3]]
    weights = fit(tune, names)
    print("WEIGHTS =", json.dumps(weights))
    report(tune, weights, "tune")
    report(check, weights, "check")
    report(check, F.WEIGHTS, "check, current weights")
    conflict_names = [n for n in names if n not in ("values agree", "distinct equal value")]
    conflicts = [({n: r[0][n] for n in conflict_names}, *r[1:]) for r in conflict_rows(rows)]
    conflict_weights = fit([r for r in conflicts if not r[3]], conflict_names)
    print("CONFLICT_WEIGHTS =", json.dumps(conflict_weights))
    conflict_report([r for r in conflicts if not r[3]], conflict_weights, "tune")
    conflict_report([r for r in conflicts if r[3]], conflict_weights, "check")


if __name__ == "__main__":
    main()
