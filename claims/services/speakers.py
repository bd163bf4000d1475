"""Speaker rows: found or created for an extraction's speakers, renamed and merged by reviewers.

One person or organisation is one row across articles, found by its name key; the rules that
join "Stoltenberg" to "Jens Stoltenberg" and "NATO" to "North Atlantic Treaty Organization"
live here, and so do the reviewers' rename and merge, which re-match the groups of the
speakers' quotes.
"""
from __future__ import annotations

from claims.extraction.types import SpeakerRef
from claims.models import Speaker, SpeakerAlias


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
