"""Cross-source matching speed on synthetic claims, beside two baselines from the same run.

    python bench/bench_matching.py [--sizes 10000,30000,100000]

Synthetic corpus: facts (a subject, a unit, a place) told by 1-4 sources each, in money
(four currencies), counts and percentages, with reworded subjects, rounding, qualifiers and
some changed figures, so that the matcher does the work it does on real articles.

Prints, for each size, the matcher's time (`group_claims` plus a plan per group) beside:
  - the bare blocking pass (block key and subject signature for every claim: the
    linear floor any blocked matcher pays), and
  - an all-pairs comparison (rapidfuzz on every pair of subjects), timed on a small n and
    extrapolated quadratically: what matching without blocking would cost.
The matcher's time per claim should stay roughly flat as n grows (near-linear), and the
100k run must finish within 20 s.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from claims.matching import ClaimFact, claim_block, claim_group_plan, claim_signature, group_claims  # noqa: E402

SYLLABLES = ["ba", "ko", "ri", "ta", "len", "mor", "si", "du", "ver", "na", "pol", "gra", "ti", "fe", "lo", "zan"]
CURRENCIES = ["USD", "EUR", "GBP", "AUD"]
COUNT_UNITS = ["person", "school", "bed", "home", "job", "vehicle"]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))))
    return sorted(words)


def synthetic_claims(n: int, seed: int = 7) -> list[ClaimFact]:
    """About n claims: facts told by 1-4 sources, each source wording the subject a little
    differently (a word swapped 30% of the time), rounding or qualifying the figure (15%),
    or changing it (10%: a conflict)."""
    rng = random.Random(seed)
    words = vocabulary(rng, 4000)
    places = [w.capitalize() + rng.choice(["ton", "burg", "ville", "ford"]) for w in vocabulary(rng, 300)]
    claims: list[ClaimFact] = []
    article = 0
    while len(claims) < n:
        subject_words = rng.sample(words, 3)
        place = rng.choice(places)
        kind = rng.choice(["money", "money", "count", "percent"])
        unit = rng.choice(CURRENCIES) if kind == "money" else rng.choice(COUNT_UNITS) if kind == "count" else "percent"
        base = Decimal(rng.randint(2, 900)) * (Decimal(10) ** (6 if kind == "money" else 0))
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
            article += 1
            value, qualifier = base, "exact"
            roll = rng.random()
            if roll < 0.1:
                value = base * Decimal("1.2")
            elif roll < 0.25:
                qualifier = "approximate"
            told = subject_words if rng.random() < 0.7 else [*subject_words[:2], rng.choice(words)]
            subject = " ".join(told)
            text = f"{value} {unit}"
            sentence = f"Officials in {place} said the {subject} reached {text} this year, according to the report."
            claims.append(
                ClaimFact(
                    id=len(claims) + 1, article_id=article, source=f"outlet {article % 97}", kind=kind, text=text,
                    value=value, unit=unit, subject=subject, sentence=sentence, qualifier=qualifier,
                    start=sentence.index(text), fingerprint=f"f{len(claims)}",
                )
            )
    return claims[:n]


def time_matcher(claims: list[ClaimFact]) -> tuple[float, float, int, int]:
    """Wall and CPU seconds: on a shared machine (CI, other jobs) wall time includes waiting
    for a core, CPU time is the matcher's own work."""
    start, cpu = time.perf_counter(), time.process_time()
    groups = group_claims(claims)
    plans = [claim_group_plan(g) for g in groups]
    return (time.perf_counter() - start, time.process_time() - cpu, len(groups),
            sum(1 for p in plans if p.state == "conflicting"))


def time_blocking(claims: list[ClaimFact]) -> float:
    start = time.perf_counter()
    blocks: dict = {}
    for c in claims:
        blocks.setdefault(claim_block(c), []).append(claim_signature(c))
    return time.perf_counter() - start


def time_all_pairs(claims: list[ClaimFact]) -> float:
    subjects = [" ".join(claim_signature(c)) for c in claims]
    start = time.perf_counter()
    for i, a in enumerate(subjects):
        for b in subjects[i + 1 :]:
            fuzz.token_set_ratio(a, b)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--pairs-n", type=int, default=1500, help="n for the timed all-pairs baseline")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    pairs_n = args.pairs_n
    pairs_time = time_all_pairs(synthetic_claims(pairs_n))
    print(f"all-pairs baseline: {pairs_n} claims in {pairs_time:.2f} s (rapidfuzz on {pairs_n * (pairs_n - 1) // 2:,} pairs)")
    print()
    print(f"{'claims':>8} {'matcher s':>10} {'cpu s':>7} {'cpu us/claim':>13} {'blocking s':>11} "
          f"{'matcher/blocking':>17} {'all-pairs s (extrapolated)':>27} {'groups':>7} {'conflicting':>11}")
    worst = 0.0
    for n in sizes:
        claims = synthetic_claims(n)
        blocking = time_blocking(claims)
        matcher, cpu, groups, conflicting = time_matcher(claims)
        all_pairs = pairs_time * (n / pairs_n) ** 2
        worst = max(worst, cpu if n >= 100_000 else 0.0)
        print(f"{n:>8} {matcher:>10.2f} {cpu:>7.2f} {cpu / n * 1e6:>13.1f} {blocking:>11.2f} "
              f"{matcher / blocking:>16.1f}x {all_pairs:>27.0f} {groups:>7} {conflicting:>11}")
    if len(sizes) >= 2:
        first, last = sizes[0], sizes[-1]
        print(f"\nnear-linear check: {last // first}x the claims; cpu us/claim above stays flat when linear.")
    if worst > 20:
        print(f"FAIL: 100k claims took {worst:.1f} s of CPU (> 20 s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
