"""Make sure an admin login exists, and say how to log in.

The password is random, generated on first run and kept in var/admin-password (readable by
the owner only), so a second `make run` can print it again. Never a fixed password.
"""
from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the local admin user if missing and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("FACTCHECK_ADMIN_USER", "admin"))

    def handle(self, *args, username: str, **options):
        User = get_user_model()
        path = settings.VAR_DIR / "admin-password"
        user = User.objects.filter(username=username).first()
        if user is None:
            password = os.environ.get("FACTCHECK_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email="", password=password)
            settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(password + "\n")
            self.stdout.write(f"created admin user '{username}' with password: {password}")
        elif path.exists():
            self.stdout.write(f"admin user '{username}' exists; password: {path.read_text().strip()}")
        else:
            self.stdout.write(
                f"admin user '{username}' exists; to set a password: python manage.py changepassword {username}"
            )
        self.stdout.write(f"(the password is kept in {path})")
