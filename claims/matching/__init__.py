"""Cross-source matching: which claims, quotes and event reports state the same fact, and
whether the outlets agree. Pure Python (no Django); the service in
claims/services/groups.py reads rows into the dataclasses of `types`, calls `match`, and
writes ClaimGroup rows from the plans.

    events.py   which articles report the same event (stories); where and when events were
    facts.py    a numeric fact's identity (what, whose, where, when, whose figure) and grouping
    values.py   whether two statements of a figure can both be true
    quotes.py   the same words in several outlets, and who they are credited to
    places.py   the gazetteer
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from claims.matching.events import DATE_RE, event_group_plan, event_mentions, group_events, stories, story_index
from claims.matching.facts import claim_block, claim_group_plan, group_claims
from claims.matching.quotes import group_quotes, quote_group_plan
from claims.matching.types import (
    CONFLICTING,
    CONSISTENT,
    SINGLE_SOURCE,
    ArticleText,
    ClaimFact,
    Conflict,
    EventMention,
    GroupMention,
    GroupPlan,
    QuoteFact,
    group_mentions,
)
from claims.matching.values import values_compatible

__all__ = [
    "CONFLICTING", "CONSISTENT", "SINGLE_SOURCE", "ArticleText", "ClaimFact", "Conflict", "EventMention", "GroupMention",
    "GroupPlan", "QuoteFact", "claim_block", "claim_group_plan", "event_group_plan", "event_mentions", "group_claims", "group_events",
    "group_mentions", "group_quotes", "match", "quote_group_plan", "reports", "stories", "values_compatible",
]

# Two outlets' articles sharing this share of their 8-word runs are one text (a wire story).
SYNDICATED_SHARE = 0.5
SKETCH = 16


def _runs(body: str) -> set[int]:
    words = body.lower().split()
    return {hash(" ".join(words[i : i + 8])) for i in range(0, max(0, len(words) - 7))}


def reports(articles: Iterable[ArticleText], story_of: dict[int, int]) -> dict[int, int]:
    """Article id -> report id: articles of one story that are one text under several
    outlets share a report (the id of the first of them).

    Candidates share one of each other's SKETCH smallest 8-word-run hashes (a bottom-k
    sketch: two texts sharing half their runs almost surely share one of them), so a long
    story is not compared article by article."""
    report: dict[int, int] = {}
    runs: dict[int, set[int]] = {}
    holders: dict[tuple[int, int], list[int]] = defaultdict(list)
    for a in sorted(articles, key=lambda a: a.id):
        report[a.id] = a.id
        mine = runs[a.id] = _runs(a.body)
        story = story_of.get(a.id, a.id)
        sketch = sorted(mine)[:SKETCH]
        candidates = sorted({other for h in sketch for other in holders.get((story, h), ())})
        for other in candidates:
            theirs = runs[other]
            if len(mine & theirs) >= SYNDICATED_SHARE * min(len(mine), len(theirs)):
                report[a.id] = report[other]
                break
        for h in sketch:
            holders[(story, h)].append(a.id)
    return report


def match(
    *,
    claims: Iterable[ClaimFact] = (),
    quotes: Iterable[QuoteFact] = (),
    articles: Iterable[ArticleText] = (),
    story_of: dict[int, int] | None = None,
) -> list[GroupPlan]:
    """Every group of two or more outlets the matcher proposes for these claims, quotes and
    articles. `story_of` (article id -> story) is computed from the articles when not given;
    claims of articles in no known story are compared as one story."""
    articles = list(articles)
    index = story_index(articles, story_of)
    story_of = {**index.story_of, **(story_of or {})}
    report_of = reports(articles, story_of)
    mentions = [m for a in articles for m in event_mentions(a)]
    event_plans = [event_group_plan(g) for g in group_events(mentions, story_of, index.related if articles else None)]
    spans: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for gi, plan in enumerate(event_plans):
        for m in group_mentions(plan.details):
            spans[m.article_id].append((m.start, m.end, gi))
    claims = list(claims)
    in_event: set[int] = set()
    for c in claims:
        # Only calendar dates ("Nov 29-30") say when an event was; "next week" does not.
        if c.kind != "date" or not DATE_RE.search(c.text):
            continue
        for start, end, gi in spans.get(c.article_id, ()):
            if start <= c.start < end:
                event_plans[gi].claim_ids.append(c.id)
                in_event.add(c.id)
                break
    plans = list(event_plans)
    plans.extend(
        claim_group_plan(members, conflicts, confidence)
        for members, conflicts, confidence in group_claims(
            (c for c in claims if c.id not in in_event), story_of, index.related if articles else None,
            index.close if articles else None, index.alike if articles else None, index.published if articles else None,
        )
    )
    bodies = {a.id: a.body for a in articles}
    plans.extend(quote_group_plan(g, bodies) for g in group_quotes(quotes, story_of))
    for plan in plans:
        plan.independent_reports = min(len(plan.outlets), len({report_of.get(a, a) for a in plan.article_ids}))
        first = min(plan.article_ids)
        plan.story = story_of.get(first, first)
    return plans
