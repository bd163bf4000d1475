"""ClaimGroup.sources_changed: the matcher's "sources changed since the verdict" note becomes
a field. It was a prefix on the group's reason, read back by the matcher and the review
service; groups that carry the prefix get the flag, and their reason loses the prefix."""

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Concat, Substr

# The prefix as the matcher wrote it before this migration.
PREFIX = "Sources changed since the reviewers' verdict. "


def prefix_to_flag(apps, schema_editor):
    ClaimGroup = apps.get_model("claims", "ClaimGroup")
    ClaimGroup.objects.filter(reason__startswith=PREFIX).update(
        sources_changed=True, reason=Substr("reason", len(PREFIX) + 1)
    )


def flag_to_prefix(apps, schema_editor):
    ClaimGroup = apps.get_model("claims", "ClaimGroup")
    ClaimGroup.objects.filter(sources_changed=True).update(reason=Concat(Value(PREFIX), "reason"))


class Migration(migrations.Migration):

    dependencies = [
        ("claims", "0012_queue_rank_outside_the_queue"),
    ]

    operations = [
        migrations.AddField(
            model_name="claimgroup",
            name="sources_changed",
            field=models.BooleanField(
                default=False,
                help_text="A source came or went after the reviewers' verdict: the verdict wants another look.",
                verbose_name="sources changed since the verdict",
            ),
        ),
        migrations.AddField(
            model_name="historicalclaimgroup",
            name="sources_changed",
            field=models.BooleanField(
                default=False,
                help_text="A source came or went after the reviewers' verdict: the verdict wants another look.",
                verbose_name="sources changed since the verdict",
            ),
        ),
        migrations.RunPython(prefix_to_flag, flag_to_prefix, elidable=False),
    ]
