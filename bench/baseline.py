"""The current release as a baseline for the bench/eval_* scripts, in the same run.

An accuracy figure means little without the same figure for the code users have today, on
the same data, on the same machine. `release_tree()` writes the tree of the release commit
(`FACTCHECK_BASELINE_REF`, by default the last commit that landed before this round's work)
into bench/out/ once, with `git archive`; `run_in()` runs a driver script of this tree with
that older tree first on `sys.path`, so the driver imports the release's `claims.extraction`
or `claims.matching` instead of the working copy's. Drivers speak JSON on stdout.

The pure parts (extraction, matching) never import Django, so the older tree needs no
database and no settings of its own.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
# c76f66a: the last commit of stop 9, the release users have while this round is worked on.
RELEASE_REF = os.environ.get("FACTCHECK_BASELINE_REF", "c76f66a")


def release_tree(ref: str = RELEASE_REF) -> Path:
    """The release's files under bench/out/release-<sha>/ (written once, then reused)."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short=12", f"{ref}^{{commit}}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    tree = OUT / f"release-{sha}"
    if not (tree / "claims").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha, "claims"], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def run_in(tree: Path, driver: Path, *args: str, stdin: str | None = None) -> dict:
    """Run `driver` (a script of this tree) importing `claims` from `tree`; its JSON output."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree), str(ROOT)])}
    done = subprocess.run(
        [sys.executable, str(driver), *args], env=env, input=stdin, capture_output=True, text=True, cwd=str(tree)
    )
    if done.returncode != 0:
        raise RuntimeError(f"{driver.name} in {tree} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)


def side_by_side(rows: list[tuple[str, object, object]], *, target: dict[str, str] | None = None) -> str:
    """A table: figure, this tree, the release, and the target where one is set."""
    target = target or {}
    width = max([len(r[0]) for r in rows] + [6])
    lines = [f"{'figure':<{width}}  {'now':>8}  {'release':>8}  target"]
    for name, now, release in rows:
        lines.append(f"{name:<{width}}  {_fmt(now):>8}  {_fmt(release):>8}  {target.get(name, '')}")
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "-" if value is None else str(value)
