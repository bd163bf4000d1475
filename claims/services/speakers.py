"""Speaker rows: found or created for an extraction's speakers, renamed and merged by reviewers.

One person or organisation is one row across articles, found by its name key; the rules that
join "Stoltenberg" to "Jens Stoltenberg" and "NATO" to "North Atlantic Treaty Organization"
live here, and so do the reviewers' rename and merge, which re-match the groups of the
speakers' quotes.
"""
from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from claims.extraction.types import SpeakerRef
from claims.models import Claim, Quote, Speaker, SpeakerAlias


def speaker_rows_for_refs(refs: list[SpeakerRef]) -> dict[int, Speaker]:
    """The Speaker row for each SpeakerRef (by id()), merged across articles.

    A full name and a bare surname of one person are one row: "Stoltenberg" joins an
    existing "Jens Stoltenberg" when he is the only Stoltenberg known, and a row first made
    from the surname alone takes the full name when it turns up. Rows are locked in key
    order, so two workers storing articles with the same speakers cannot deadlock.
    """
    from claims.extraction.speakers import speaker_key

    by_key: dict[str, list[SpeakerRef]] = {}
    # Within the article first: a surname joins the one full name ending with it.
    full_names = {speaker_key(r.name) for r in refs}
    for ref in refs:
        key = speaker_key(ref.name)[:300]
        if not key:
            continue
        longer = [k for k in full_names if k != key and k.endswith(" " + key)]
        by_key.setdefault(longer[0] if len(longer) == 1 else key, []).append(ref)

    rows: dict[int, Speaker] = {}
    for key in sorted(by_key):
        group = by_key[key]
        best = max(group, key=lambda r: (len(speaker_key(r.name)), r.kind != "unknown"))
        speaker = _speaker_for_key(key=key, name=best.name, kind=best.kind)
        roles = list(speaker.roles or [])
        new_roles = [role[:200] for r in group for role in r.roles if role and role[:200] not in roles]
        changed = False
        for role in new_roles:
            if role not in roles:
                roles.append(role)
                changed = True
        if speaker.kind == Speaker.Kind.UNKNOWN and best.kind in (Speaker.Kind.PERSON, Speaker.Kind.ORGANISATION):
            speaker.kind = best.kind
            changed = True
        if changed:
            speaker.roles = roles
            speaker.save(update_fields=["roles", "kind", "updated_at"])
        aliases = {a[:300] for r in group for a in [r.name, *r.aliases] if a and a.strip()}
        SpeakerAlias.objects.bulk_create(
            [SpeakerAlias(speaker=speaker, text=a) for a in sorted(aliases)], ignore_conflicts=True
        )
        for ref in group:
            rows[id(ref)] = speaker
    return rows


_ACRONYM_SKIP = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "&"}


def _acronym(key: str) -> str:
    """"north atlantic treaty organization" -> "nato"."""
    return "".join(word[0] for word in key.split() if word not in _ACRONYM_SKIP)


def _speaker_for_key(*, key: str, name: str, kind: str) -> Speaker:
    """The locked Speaker row for a key, found or created (safe against a concurrent create)."""
    speaker = Speaker.objects.select_for_update().filter(key=key).first()
    if speaker is not None:
        return speaker
    words = key.split()
    if kind == Speaker.Kind.PERSON and len(words) == 1:
        # "Stoltenberg": the one known person whose name ends with it, if only one.
        known = list(
            Speaker.objects.filter(key__endswith=" " + key, kind=kind).values_list("id", flat=True)[:2]
        )
        if len(known) == 1:
            return Speaker.objects.select_for_update().get(id=known[0])
    elif kind == Speaker.Kind.PERSON:
        # "Jens Stoltenberg" after a row made from "Stoltenberg" alone: that row grows the name.
        surname = Speaker.objects.select_for_update().filter(key=words[-1], kind=kind).first()
        if surname is not None and not Speaker.objects.filter(key__endswith=" " + words[-1]).exists():
            surname.key, surname.name = key, name[:300]
            surname.save(update_fields=["key", "name", "updated_at"])
            return surname
    elif kind == Speaker.Kind.ORGANISATION and len(words) >= 2 and len(_acronym(key)) >= 2:
        # "North Atlantic Treaty Organization" where "NATO" is known: one organisation.
        known = Speaker.objects.select_for_update().filter(key=_acronym(key), kind=kind).first()
        if known is not None:
            return known
    elif kind == Speaker.Kind.ORGANISATION and len(words) == 1 and len(key) >= 2:
        # "NATO" where "North Atlantic Treaty Organization" is known.
        spelled = [
            s.id
            for s in Speaker.objects.filter(kind=kind, key__startswith=key[0], key__contains=" ").only("id", "key")
            if _acronym(s.key) == key
        ]
        if len(spelled) == 1:
            return Speaker.objects.select_for_update().get(id=spelled[0])
    # get_or_create retries the read when another worker's insert of the same key wins the
    # race (the unique index raises IntegrityError inside its savepoint).
    speaker, _ = Speaker.objects.get_or_create(key=key, defaults={"name": name[:300], "kind": kind})
    return Speaker.objects.select_for_update().get(id=speaker.id)


def speaker_rename(*, speaker: Speaker, name: str, user=None) -> Speaker:
    """Give a speaker the name a fact-checker knows is right ("Jens Stoltenberg" for
    "Jens Stoltenbreg"). The old name stays as another name, the key (what extraction finds
    the row by) is kept, and the groups of the speaker's quotes and claims are matched again:
    the matcher compares who is credited with a quote by name."""
    name = " ".join(name.split())[:300]
    with transaction.atomic():
        speaker = Speaker.objects.select_for_update().get(pk=speaker.pk)
        if not name or name == speaker.name:
            return speaker
        old = speaker.name
        speaker.name = name
        speaker._history_user = user
        speaker._change_reason = f"renamed from {old}"[:100]
        speaker.save(update_fields=["name", "updated_at"])
        SpeakerAlias.objects.bulk_create([SpeakerAlias(speaker=speaker, text=old[:300])], ignore_conflicts=True)
        _rematch_groups_of([speaker.pk])
    return speaker


def speakers_merge(*, into: Speaker, others: list[Speaker], user=None) -> int:
    """Make several speakers one ("NATO chief" and "Jens Stoltenberg"): the others' quotes,
    claims, names and roles move to `into` and the others are deleted; the groups of the
    quotes and claims are matched again. Returns how many quotes and claims moved."""
    other_ids = sorted({s.pk for s in others} - {into.pk})
    if not other_ids:
        return 0
    with transaction.atomic():
        # Locked in id order, as extraction locks speaker rows (no deadlock with a worker).
        locked = {s.pk: s for s in Speaker.objects.select_for_update().filter(pk__in=[into.pk, *other_ids]).order_by("pk")}
        into = locked[into.pk]
        merged = [locked[pk] for pk in other_ids if pk in locked]
        reason = f"speaker merged into {into.name}"[:100]
        moved = 0
        for model in (Quote, Claim):
            rows = list(model.objects.filter(speaker_id__in=other_ids))
            now = timezone.now()
            for row in rows:
                row.speaker = into
                row.updated_at = now  # bulk_update skips auto_now
            if rows:
                bulk_update_with_history(rows, model, ["speaker", "updated_at"], batch_size=500, default_user=user,
                                         default_change_reason=reason)
            moved += len(rows)
        names = {a.text for a in SpeakerAlias.objects.filter(speaker_id__in=other_ids)} | {s.name for s in merged}
        SpeakerAlias.objects.bulk_create(
            [SpeakerAlias(speaker=into, text=text[:300]) for text in sorted(names) if text], ignore_conflicts=True
        )
        roles = list(into.roles or [])
        roles += [role for s in merged for role in (s.roles or []) if role not in roles]
        into.roles = roles
        into._history_user = user
        into._change_reason = reason
        into.save(update_fields=["roles", "updated_at"])
        for speaker in merged:
            speaker._history_user = user
            speaker._change_reason = reason
            speaker.delete()
        _rematch_groups_of([into.pk])
    return moved


def _rematch_groups_of(speaker_ids: list[int]) -> None:
    """Queue, after commit, the matching of one article of each group holding a quote or a
    claim of these speakers (matching an article rewrites every group its members are in)."""
    from claims.services.groups import article_queue_matching

    articles: set[int] = set()
    for model in (Quote, Claim):
        rows = model.objects.filter(speaker_id__in=speaker_ids, group__isnull=False).values("group_id")
        articles.update(rows.annotate(first=Min("article_id")).values_list("first", flat=True))
    for article_id in sorted(articles):
        transaction.on_commit(partial(article_queue_matching, article_id=article_id))
