"""The queue's rank is empty for groups outside the queue, and its index covers every group
(see ClaimGroup.queue_rank): a generated column's expression cannot be altered in place, so
the column is made again."""
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("claims", "0011_desk_help_texts")]

    operations = [
        migrations.RemoveIndex(model_name="claimgroup", name="group_queue_order"),
        migrations.RemoveField(model_name="claimgroup", name="queue_rank"),
        migrations.AddField(
            model_name="claimgroup",
            name="queue_rank",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(
                        models.Q(("source_count__lt", 2), models.Q(("suggested_state", "conflicting"), _negated=True)),
                        then=models.Value(None),
                    ),
                    models.When(models.Q(("suggested_state", "conflicting"), ("verdict", "unreviewed")), then=models.Value(0)),
                    models.When(
                        models.Q(("suggested_state", "conflicting"), ("verdict", "conflicting"), _connector="OR"),
                        then=models.Value(1),
                    ),
                    models.When(then=models.Value(2), verdict="unreviewed"),
                    default=models.Value(3),
                    output_field=models.SmallIntegerField(null=True),
                ),
                output_field=models.SmallIntegerField(null=True),
            ),
        ),
        migrations.AddIndex(
            model_name="claimgroup",
            index=models.Index(fields=["queue_rank", "-confidence", "-source_count", "-id"], name="group_queue_in_order"),
        ),
    ]
