"""Cross-source matching speed on synthetic claims, beside two baselines from the same run.

    python bench/bench_matching.py [--sizes 10000,30000,100000]

Synthetic corpus: facts (a subject, a unit, a place) told by 1-4 outlets each, in money
(four currencies), counts and percentages, with reworded subjects, rounding, qualifiers and
some changed figures, so that the matcher does the work it does on real articles. Facts
come in stories of about 30 facts (the articles reporting one event); `--one-story` puts
every claim in one story, the worst case for the matcher's index.

Prints, for each size, the matcher's time (`group_claims` plus a plan per group) beside:
  - the bare preparation pass (each claim's block, words, names, places, anchors and
    sources: the linear floor the matcher pays before comparing anything), and
  - an all-pairs comparison (the same-fact model on every pair of a block), timed on a
    small n and extrapolated quadratically: what matching without stories and an index
    would cost.
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

from claims.matching import ClaimFact, claim_group_plan, group_claims  # noqa: E402
from claims.matching.facts import identity, prepare, rarity  # noqa: E402

SYLLABLES = ["ba", "ko", "ri", "ta", "len", "mor", "si", "du", "ver", "na", "pol", "gra", "ti", "fe", "lo", "zan"]
CURRENCIES = ["USD", "EUR", "GBP", "AUD"]
COUNT_UNITS = ["person", "school", "bed", "home", "job", "vehicle"]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))))
    return sorted(words)


def synthetic_claims(n: int, seed: int = 7, story_size: int = 30) -> tuple[list[ClaimFact], dict[int, int]]:
    """About n claims: facts told by 1-4 sources, each source wording the subject a little
    differently (a word swapped 30% of the time), rounding or qualifying the figure (15%),
    or changing it (10%: a conflict)."""
    rng = random.Random(seed)
    words = vocabulary(rng, 4000)
    places = [w.capitalize() + rng.choice(["ton", "burg", "ville", "ford"]) for w in vocabulary(rng, 300)]
    claims: list[ClaimFact] = []
    story_of: dict[int, int] = {}
    article = 0
    facts = 0
    while len(claims) < n:
        facts += 1
        story = facts // story_size
        subject_words = rng.sample(words, 3)
        place = rng.choice(places)
        kind = rng.choice(["money", "money", "count", "percent"])
        unit = rng.choice(CURRENCIES) if kind == "money" else rng.choice(COUNT_UNITS) if kind == "count" else "percent"
        base = Decimal(rng.randint(2, 900)) * (Decimal(10) ** (6 if kind == "money" else 0))
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
            article += 1
            story_of[article] = story
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
                    id=len(claims) + 1, article_id=article, source=f"outlet {article % 97}", outlet=f"o{article % 97}",
                    kind=kind, text=text,
                    value=value, unit=unit, subject=subject, sentence=sentence, qualifier=qualifier,
                    start=sentence.index(text), fingerprint=f"f{len(claims)}",
                )
            )
    return claims[:n], story_of


def time_matcher(claims: list[ClaimFact], story_of: dict[int, int]) -> tuple[float, float, int, int]:
    """Wall and CPU seconds: on a shared machine (CI, other jobs) wall time includes waiting
    for a core, CPU time is the matcher's own work."""
    start, cpu = time.perf_counter(), time.process_time()
    groups = group_claims(claims, story_of)
    plans = [claim_group_plan(members, conflicts, confidence) for members, conflicts, confidence in groups]
    return (time.perf_counter() - start, time.process_time() - cpu, len(groups),
            sum(1 for p in plans if p.state == "conflicting"))


def time_preparing(claims: list[ClaimFact], story_of: dict[int, int]) -> float:
    start = time.perf_counter()
    prepare(claims, story_of)
    return time.perf_counter() - start


def time_all_pairs(claims: list[ClaimFact]) -> float:
    items = prepare(claims, {})
    idf = rarity(__import__("collections").Counter(w for p in items for w in p.words), len(items))
    start = time.perf_counter()
    for i, a in enumerate(items):
        for b in items[:i]:
            identity(a, b, idf)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--pairs-n", type=int, default=600, help="n for the timed all-pairs baseline")
    parser.add_argument("--one-story", action="store_true", help="every claim in one story (the index's worst case)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    pairs_n = args.pairs_n
    pairs_time = time_all_pairs(synthetic_claims(pairs_n)[0])
    print(f"all-pairs baseline: {pairs_n} claims in {pairs_time:.2f} s (the same-fact model on {pairs_n * (pairs_n - 1) // 2:,} pairs)")
    print()
    print(f"{'claims':>8} {'matcher s':>10} {'cpu s':>7} {'cpu us/claim':>13} {'preparing s':>12} "
          f"{'matcher/preparing':>18} {'all-pairs s (extrapolated)':>27} {'groups':>7} {'conflicting':>11}")
    worst = 0.0
    for n in sizes:
        claims, story_of = synthetic_claims(n)
        if args.one_story:
            story_of = {}
        blocking = time_preparing(claims, story_of)
        matcher, cpu, groups, conflicting = time_matcher(claims, story_of)
        all_pairs = pairs_time * (n / pairs_n) ** 2
        worst = max(worst, cpu if n >= 100_000 else 0.0)
        print(f"{n:>8} {matcher:>10.2f} {cpu:>7.2f} {cpu / n * 1e6:>13.1f} {blocking:>12.2f} "
              f"{matcher / blocking:>17.1f}x {all_pairs:>27.0f} {groups:>7} {conflicting:>11}")
    if len(sizes) >= 2:
        first, last = sizes[0], sizes[-1]
        print(f"\nnear-linear check: {last // first}x the claims; cpu us/claim above stays flat when linear.")
    if worst > 20:
        print(f"FAIL: 100k claims took {worst:.1f} s of CPU (> 20 s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
