"""Precision and recall of numeric claims against hand-made gold.

A predicted claim matches a gold claim of the same kind whose span it overlaps (each
used once, nearest start first); "strict" also asks for the exact span. Of the matched
pairs, value_accuracy is the share whose value and unit both agree (dates: the resolved
day, or both unresolved).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ClaimScore:
    gold: int
    predicted: int
    matched: int
    exact_spans: int
    right_values: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_f1(self) -> float:
        p = self.exact_spans / self.predicted if self.predicted else 1.0
        r = self.exact_spans / self.gold if self.gold else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.right_values / self.matched if self.matched else 1.0

    def __add__(self, other: ClaimScore) -> ClaimScore:
        return ClaimScore(*(getattr(self, f) + getattr(other, f) for f in
                            ("gold", "predicted", "matched", "exact_spans", "right_values")))

    def line(self) -> str:
        return (f"gold={self.gold} predicted={self.predicted} matched={self.matched} "
                f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} strict_F1={self.strict_f1:.3f} "
                f"value_acc={self.value_accuracy:.3f}")


def _same_value(gold: dict, predicted: dict) -> bool:
    if gold["unit"] != predicted["unit"]:
        return False
    a, b = gold["value"], predicted["value"]
    if a is None or b is None:
        return a is None and b is None
    if gold["kind"] == "date":
        return a == b
    return Decimal(a) == Decimal(b)


def score_claims(gold: list[dict], predicted: list[dict]) -> ClaimScore:
    """Score dicts with text, start, end, kind, value (str or None), unit."""
    unused = list(range(len(predicted)))
    matched = exact = right = 0
    for g in gold:
        candidates = [
            i for i in unused
            if predicted[i]["kind"] == g["kind"] and predicted[i]["start"] < g["end"] and g["start"] < predicted[i]["end"]
        ]
        if not candidates:
            continue
        best = min(candidates, key=lambda i: abs(predicted[i]["start"] - g["start"]))
        unused.remove(best)
        p = predicted[best]
        matched += 1
        exact += (p["start"], p["end"]) == (g["start"], g["end"])
        right += _same_value(g, p)
    return ClaimScore(len(gold), len(predicted), matched, exact, right)
