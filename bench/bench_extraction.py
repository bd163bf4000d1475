"""Extraction speed beside bare spaCy, measured in the same run over the same texts.

    python bench/bench_extraction.py [--repeat N] [--polnear-limit N]

Texts: the five seed articles (cleaned as ingest cleans them) repeated, plus PolNeAR dev
articles when ../shared/eval is present (read where they are, never copied). Prints:

1. bare `nlp.pipe` wall time (the baseline) beside `extract_many` (parse + quotes +
   claims) over the same texts, and their ratio (target <= 1.15x);
2. documents per second with 1 and 2 worker processes, each process loading the
   pipeline once and extracting its share of the texts, as Celery prefork workers do.

Each timing is the best of ``--rounds`` rounds (default 3); in a round every batch of
texts goes through the baseline and through extraction back to back, the two taking turns
to go first, so that a neighbour's load on the machine weighs on both alike. CPU time (this
process's) is printed beside wall time because it moves less with that load, and the
spread of the rounds' own ratios beside the best.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction.cleaning import clean_plain_text  # noqa: E402
from claims.extraction.nlp import load_pipeline  # noqa: E402
from claims.extraction.pipeline import DEFAULT_MODEL, extract_many  # noqa: E402

POLNEAR_DEV = ROOT.parent / "shared" / "eval" / "polnear" / "data" / "dev" / "text"
BATCH_SIZE = 16


def _model_name() -> str:
    return os.environ.get("FACTCHECK_SPACY_MODEL") or DEFAULT_MODEL


def load_texts(repeat: int, polnear_limit: int) -> tuple[list[str], str]:
    seeds = [clean_plain_text(p.read_text(encoding="utf-8")).body for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts = seeds * repeat
    what = f"{len(seeds)} seeds x{repeat}"
    if POLNEAR_DEV.is_dir() and polnear_limit:
        dev = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR_DEV.glob("*.txt"))[:polnear_limit]]
        texts += dev
        what += f" + {len(dev)} PolNeAR dev articles"
    return texts, what


def _bare(nlp, texts: list[str]) -> tuple[float, float]:
    """(wall, cpu) seconds of the bare pipeline over the texts."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def _extract(nlp, texts: list[str]) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    for _ in extract_many(((t, None) for t in texts), nlp=nlp, batch_size=BATCH_SIZE):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def _round(nlp, texts: list[str], extract_first: bool) -> tuple[tuple[float, float], tuple[float, float]]:
    """(wall, cpu) totals of the bare pipeline and of extraction over the texts, each batch
    going through both back to back (taking turns to go first), so that a neighbour's load
    on a shared machine, which changes from minute to minute, weighs on both alike."""
    bare = full = (0.0, 0.0)
    for k, i in enumerate(range(0, len(texts), BATCH_SIZE)):
        batch = texts[i : i + BATCH_SIZE]
        if (k % 2 == 0) == extract_first:
            one_full = _extract(nlp, batch)
            one_bare = _bare(nlp, batch)
        else:
            one_bare = _bare(nlp, batch)
            one_full = _extract(nlp, batch)
        bare = (bare[0] + one_bare[0], bare[1] + one_bare[1])
        full = (full[0] + one_full[0], full[1] + one_full[1])
    return bare, full


def _worker(texts: list[str]) -> int:
    nlp = load_pipeline(_model_name())  # once per worker process, as in a Celery child
    return sum(1 for _ in extract_many(((t, None) for t in texts), nlp=nlp, batch_size=BATCH_SIZE))


def _with_processes(texts: list[str], processes: int) -> float:
    shares = [texts[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    start = time.perf_counter()
    # Each worker loads the model once (the initializer); the load is counted, as a worker
    # that starts pays it too.
    with context.Pool(processes, initializer=load_pipeline, initargs=(_model_name(),)) as pool:
        done = sum(pool.map(_worker, shares))
    assert done == len(texts)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=6, help="times the seeds are repeated")
    parser.add_argument("--polnear-limit", type=int, default=40, help="PolNeAR dev articles to add (0: none)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of baseline and extraction (best taken)")
    parser.add_argument("--no-workers", action="store_true", help="skip the 1- and 2-process throughput")
    args = parser.parse_args()

    nlp = load_pipeline(_model_name())
    texts, what = load_texts(args.repeat, args.polnear_limit)
    chars = sum(len(t) for t in texts)
    print(f"model {_model_name()}; {len(texts)} texts ({what}), {chars / 1000:.0f}k characters; cpus {os.cpu_count()}")
    _extract(nlp, texts[:5])  # warm up

    rounds = [_round(nlp, texts, extract_first=bool(k % 2)) for k in range(args.rounds)]
    bare, full = min(r[0][0] for r in rounds), min(r[1][0] for r in rounds)
    bare_cpu, full_cpu = min(r[0][1] for r in rounds), min(r[1][1] for r in rounds)
    print(f"bare nlp.pipe (baseline): {bare:7.2f} s wall {bare_cpu:7.2f} s cpu  {len(texts) / bare:6.1f} docs/s")
    print(f"extract_many:             {full:7.2f} s wall {full_cpu:7.2f} s cpu  {len(texts) / full:6.1f} docs/s")
    ratio = full / bare
    print(f"extraction / bare nlp.pipe = {ratio:.2f}x wall, {full_cpu / bare_cpu:.2f}x cpu (target <= 1.15x)"
          f"{'' if ratio <= 1.15 else '  ABOVE TARGET on wall time (see the load average below)'}")
    walls = sorted(r[1][0] / r[0][0] for r in rounds)
    cpus = sorted(r[1][1] / r[0][1] for r in rounds)
    print(f"each round's ratio: wall {walls[0]:.2f}-{walls[-1]:.2f} (median {walls[len(walls) // 2]:.2f}), "
          f"cpu {cpus[0]:.2f}-{cpus[-1]:.2f} (median {cpus[len(cpus) // 2]:.2f}) over {len(rounds)} rounds")
    if args.no_workers:
        return 0

    one = _with_processes(texts, 1)
    two = _with_processes(texts, 2)
    print(f"1 worker process:  {len(texts) / one:6.1f} docs/s ({one:.2f} s, model load included)")
    print(f"2 worker processes: {len(texts) / two:6.1f} docs/s ({two:.2f} s) = {one / two:.2f}x of 1 process")
    if hasattr(os, "getloadavg"):
        # Two processes only help when two cores are free: read the figure beside the load.
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cpus")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
