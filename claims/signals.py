"""Signal receivers, connected in ClaimsConfig.ready()."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from claims.services.roles import user_staff_sync


def role_membership_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """A user joined or left a group (either side of User.groups): let members of the admin
    roles sign in, whoever made the change and however."""
    if action == "pre_clear" and isinstance(instance, Group):
        # group.user_set.clear() names no users afterwards: note who they were.
        instance._members_before_clear = list(instance.user_set.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Group):
        if action == "post_clear":
            pk_set = getattr(instance, "_members_before_clear", ())
        users = get_user_model().objects.filter(pk__in=pk_set or ())
    else:
        users = [instance]
    for user in users:
        user_staff_sync(user=user)
