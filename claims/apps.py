from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = "Fact tracking"

    def ready(self):
        from django.db.backends.signals import connection_created

        from claims.api.cache import watch_writes

        # Every statement writing the claims' tables, from any code path, retires the API's
        # cached pages (claims.api.cache).
        connection_created.connect(watch_writes, dispatch_uid="claims.api.cache.watch_writes")
        # And every write outside Django, through PostgreSQL triggers (claims.api.outside_writes).
        from django.db.models.signals import post_migrate

        from claims.api.outside_writes import triggers_after_migrate

        post_migrate.connect(triggers_after_migrate, sender=self, dispatch_uid="claims.api.outside_writes")

        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from claims.signals import role_membership_changed

        m2m_changed.connect(
            role_membership_changed, sender=get_user_model().groups.through, dispatch_uid="claims.role_membership"
        )
