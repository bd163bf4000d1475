"""Who works on which group: a reviewer takes a group from the queue (or is given it), so
that two people do not judge the same one. The assignment is kept in the group's history
with who made it."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import ClaimGroup
from claims.services.roles import REVIEWERS

REVIEW_PERMISSION = "claims.add_review"


def reviewers() -> list:
    """The people a group can be given to: active members of reviewers, and superusers."""
    User = get_user_model()
    return list(
        User.objects.filter(Q(groups__name=REVIEWERS) | Q(is_superuser=True), is_active=True).distinct()
        .order_by(User.USERNAME_FIELD)[:500]
    )


def group_assign(*, group: ClaimGroup | int, assignee, by) -> ClaimGroup:
    """Give a group to `assignee` (None: nobody has it any more), as `by` decided.

    Raises ValidationError when the assignee may not give verdicts, or the group is gone.
    """
    if assignee is not None and (not assignee.is_active or not assignee.has_perm(REVIEW_PERMISSION)):
        raise ValidationError(f"{assignee} cannot give verdicts: give the group to a reviewer", code="assignee")
    pk = group if isinstance(group, int) else group.pk
    with transaction.atomic():
        found = ClaimGroup.objects.select_for_update().filter(pk=pk).first()
        if found is None:
            raise ValidationError(f"group {pk} no longer exists (matched again meanwhile?)", code="missing")
        if found.assigned_to_id == (assignee.pk if assignee else None):
            return found
        found.assigned_to = assignee
        found.assigned_at = timezone.now() if assignee is not None else None
        found._history_user = by
        found._change_reason = (
            "taken" if assignee is not None and assignee == by
            else f"assigned to {assignee}" if assignee is not None else "released: nobody has it"
        )
        found.save(update_fields=["assigned_to", "assigned_at", "updated_at"])
    return found
