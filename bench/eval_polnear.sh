#!/usr/bin/env bash
# Quote extraction on PolNeAR dev: the project's extractor beside bench/polnear_baseline.py,
# both scored by ../shared/eval/score.py in the same run. Prints each scorer's final line
#   f1_speech=… precision=… recall_speech=… recall_direct=… speaker_acc=…
# Not part of `make bench` (its files are named bench_*.py): it parses the dev split twice
# (about a minute each) and needs the PolNeAR data, which stays in ../shared/eval and is never
# copied into this repository.
#
#   bench/eval_polnear.sh            # dev split
#   SPLIT=train bench/eval_polnear.sh
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL="${POLNEAR_EVAL:-../shared/eval}"
SPLIT="${SPLIT:-dev}"
PY="${PYTHON:-.venv/bin/python}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

"$PY" "$EVAL/make_input.py" "$SPLIT" > "$OUT/in.jsonl"
"$PY" bench/polnear_baseline.py < "$OUT/in.jsonl" > "$OUT/baseline.jsonl"
if [ -n "${EXTRACTOR:-}" ]; then
    # e.g. EXTRACTOR="python my_runner.py": any command honouring the --jsonl contract.
    $EXTRACTOR < "$OUT/in.jsonl" > "$OUT/project.jsonl"
else
    "$PY" manage.py extract --jsonl < "$OUT/in.jsonl" > "$OUT/project.jsonl"
fi
"$PY" "$EVAL/score.py" "$SPLIT" "$OUT/baseline.jsonl" > "$OUT/baseline.txt"
"$PY" "$EVAL/score.py" "$SPLIT" "$OUT/project.jsonl" > "$OUT/project.txt"
echo "=== baseline (bench/polnear_baseline.py)"
cat "$OUT/baseline.txt"
echo "=== project (manage.py extract --jsonl)"
cat "$OUT/project.txt"
echo
echo "baseline: $(tail -n 1 "$OUT/baseline.txt")"
echo "project:  $(tail -n 1 "$OUT/project.txt")"
