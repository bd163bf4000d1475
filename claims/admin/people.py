"""People on the admin's Users page: a new user is added with their role, and the page says
what a role gives (fact-checkers and reviewers sign in to the admin; API consumers use a
token). Membership of an admin role sets staff status by itself (claims.signals), so nobody
has to know to tick it."""
from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group

from claims.services.roles import ADMIN_ROLES, API_CONSUMERS, ROLES, user_staff_sync

ROLES_HELP = (
    f"Fact-checkers add articles and fix extraction; reviewers give verdicts. Both sign in to this admin "
    f"(staff status is set for them). {API_CONSUMERS.capitalize()} read the API with a token only."
)


class UserCreationWithRoleForm(AdminUserCreationForm):
    roles = forms.ModelMultipleChoiceField(
        queryset=Group.objects.filter(name__in=ROLES).order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=ROLES_HELP,
    )

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.groups.add(*self.cleaned_data.get("roles", ()))


class PeopleAdmin(UserAdmin):
    add_form = UserCreationWithRoleForm
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2", "roles")}),
    )
    list_display = ("username", "email", "roles", "is_staff", "is_active", "last_login")
    list_filter = ("groups", "is_staff", "is_superuser", "is_active")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="roles")
    def roles(self, obj):
        return ", ".join(g.name for g in obj.groups.all()) or "-"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":
            field.label = "Roles"
            field.help_text = ROLES_HELP
        return field

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Roles decide who signs in, even when the form's staff box said otherwise and the
        # roles themselves did not change (then no membership signal fires).
        user_staff_sync(user=form.instance)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "is_staff" in form.base_fields:
            form.base_fields["is_staff"].help_text = (
                f"May sign in to this admin. Set by itself for members of {' and '.join(ADMIN_ROLES)}."
            )
        return form


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PeopleAdmin)
