"""Match predicted spans against gold spans by character overlap, for any kind of gold.

Generic: items are anything with ``start`` and ``end`` (dicts or objects). A prediction
matches the unmatched gold item it overlaps most, when the overlap covers at least
``threshold`` of the shorter of the two spans; each gold item is matched once. Callers
compare attributes of the matched pairs themselves (speaker, value, unit).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


def _bounds(item: Any) -> tuple[int, int]:
    if isinstance(item, dict):
        return int(item["start"]), int(item["end"])
    return int(item.start), int(item.end)


@dataclass
class SpanMatch:
    gold: int
    predicted: int
    pairs: list[tuple[Any, Any]] = field(default_factory=list)  # (gold item, predicted item)

    @property
    def precision(self) -> float:
        return len(self.pairs) / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return len(self.pairs) / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match_spans(gold: Sequence[Any], predicted: Sequence[Any], *, threshold: float = 0.5) -> SpanMatch:
    """Pair predictions with gold items by overlap (greedy, largest overlap first)."""
    candidates = []
    for gi, g in enumerate(gold):
        gs, ge = _bounds(g)
        for pi, p in enumerate(predicted):
            ps, pe = _bounds(p)
            overlap = min(ge, pe) - max(gs, ps)
            shorter = min(ge - gs, pe - ps)
            if overlap > 0 and shorter > 0 and overlap >= threshold * shorter:
                candidates.append((overlap, gi, pi))
    candidates.sort(key=lambda c: -c[0])
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    result = SpanMatch(gold=len(gold), predicted=len(predicted))
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        result.pairs.append((gold[gi], predicted[pi]))
    return result
