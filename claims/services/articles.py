"""A fact-checker's changes to stored articles: a corrected date or outlet, a deletion.

Each change that alters who the sources of a fact are, or what they said, is matched again,
so that no group keeps a deleted outlet in its source count or its reason.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import partial

from django.db import transaction

from claims.models import Article, Claim, ClaimGroup, Quote
from claims.services.groups import article_queue_matching, groups_release


def article_correction_save(*, article: Article, changed: list[str]) -> None:
    """A fact-checker's fix to an article. A new publication date is theirs ("given") and
    its relative dates are resolved again from it (extraction again); a new outlet changes
    who the sources are (matching again)."""
    if "published_at" in changed:
        article.published_from = Article.PublishedFrom.GIVEN if article.published_at else Article.PublishedFrom.UNKNOWN
    article.save()
    if "published_at" in changed:
        from claims.services.ingest import article_queue_extraction

        transaction.on_commit(partial(article_queue_extraction, article_id=article.pk, force=True))
    elif "outlet" in changed:
        transaction.on_commit(partial(article_queue_matching, article_id=article.pk))


def articles_delete(*, article_ids: Iterable[int]) -> int:
    """Delete articles (their quotes and claims go with them) and match again every group
    they were a source of. Returns how many articles were deleted.

    A group another article still tells is matched again from one such article once the
    deletion is committed (its count, state and reason then leave the deleted outlet out);
    a group no article is left to tell is released at once, as the matcher releases it:
    deleted, or kept empty when reviewers gave it a verdict.
    """
    with transaction.atomic():
        ids = set(Article.objects.filter(id__in=list(article_ids)).values_list("id", flat=True))
        if not ids:
            return 0
        touched = _groups_told_by(ids)
        remaining = _one_other_article(touched, gone=ids)
        Article.objects.filter(id__in=ids).delete()
        if touched - remaining.keys():
            groups_release(group_ids=touched - remaining.keys())
        for article_id in sorted(set(remaining.values())):
            transaction.on_commit(partial(article_queue_matching, article_id=article_id))
    return len(ids)


def _groups_told_by(article_ids: set[int]) -> set[int]:
    """The groups with a claim, a quote or an event report of these articles."""
    groups: set[int] = set()
    for model in (Claim, Quote):
        groups.update(
            model.objects.filter(article_id__in=article_ids, group__isnull=False).values_list("group_id", flat=True)
        )
    stories = Article.objects.filter(id__in=article_ids, story__isnull=False).values_list("story", flat=True)
    for group in ClaimGroup.objects.filter(kind="event", story__in=stories).only("id", "details"):
        if any(m.article_id in article_ids for m in group.mentions()):
            groups.add(group.id)
    return groups


def _one_other_article(group_ids: set[int], *, gone: set[int]) -> dict[int, int]:
    """For each group still told by an article not in `gone`, one such article (the first)."""
    others: dict[int, set[int]] = defaultdict(set)
    for model in (Claim, Quote):
        rows = model.objects.filter(group_id__in=group_ids).exclude(article_id__in=gone)
        for group_id, article_id in rows.values_list("group_id", "article_id").distinct():
            others[group_id].add(article_id)
    for group in ClaimGroup.objects.filter(id__in=group_ids, kind="event").only("id", "details"):
        others[group.id].update(m.article_id for m in group.mentions() if m.article_id not in gone)
    stored = set(Article.objects.filter(id__in=set().union(*others.values())).values_list("id", flat=True))
    return {group_id: min(ids & stored) for group_id, ids in others.items() if ids & stored}
