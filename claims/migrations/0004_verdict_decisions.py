"""Verdicts decide claims: ReviewDecision rows, Claim.decided_by, a review's established value.

The data step replays the verdicts given so far, oldest first, under the new rule: a verdict
on a claim decides it; a verdict on a group decides each member it holds, except a
"verified" on a group whose members disagree, which names no correct value and so decides
nothing (the group is noted for a new verdict). Each claim's state becomes its latest
decision, so that no claim is published as verified on a conflicting group's word.
"""
import django.db.models.deletion
from django.db import migrations, models

_VERIFIED, _UNREVIEWED = "verified", "unreviewed"
_NOTE = "Verified before verdicts decided claims, but its sources disagree: give the verdict again, choosing the correct claim(s). "


def _replay_verdicts(apps, schema_editor):
    from claims.agreement import StatedValue, disagreements

    Review = apps.get_model("claims", "Review")
    ReviewDecision = apps.get_model("claims", "ReviewDecision")
    Claim = apps.get_model("claims", "Claim")
    ClaimGroup = apps.get_model("claims", "ClaimGroup")

    members: dict[int, list] = {}
    latest: dict[int, tuple[int, str]] = {}
    undecided_groups: set[int] = set()
    for review in Review.objects.order_by("created_at", "id").iterator():
        if review.claim_id:
            decided = [(review.claim_id, "claim", review.target_text[:500])]
        elif review.group_id:
            group_members = members.get(review.group_id)
            if group_members is None:
                group_members = members[review.group_id] = list(
                    Claim.objects.filter(group_id=review.group_id).values(
                        "id", "kind", "unit", "value", "date_value", "qualifier", "text"
                    )
                )
            group = ClaimGroup.objects.get(pk=review.group_id)
            stated = [StatedValue(kind=c["kind"], unit=c["unit"], value=c["value"], date_value=c["date_value"],
                                  qualifier=c["qualifier"], text=c["text"]) for c in group_members]
            if review.verdict == _VERIFIED and (disagreements(stated) or group.suggested_state == "conflicting"):
                undecided_groups.add(review.group_id)
                continue
            undecided_groups.discard(review.group_id)
            decided = [(c["id"], "group", c["text"][:500]) for c in group_members]
        else:
            continue
        for claim_id, basis, text in decided:
            ReviewDecision.objects.create(review=review, claim_id=claim_id, status=review.verdict, basis=basis,
                                          claim_text=text)
            latest[claim_id] = (review.id, review.verdict)
    for claim_id, (review_id, status) in latest.items():
        Claim.objects.filter(pk=claim_id).update(review_status=status, decided_by_id=review_id)
    # Claims whose only "verified" came from a conflicting group's word are not verified.
    for group in ClaimGroup.objects.filter(pk__in=undecided_groups, verdict=_VERIFIED):
        Claim.objects.filter(group=group, decided_by__isnull=True).update(review_status=_UNREVIEWED)
        if not group.reason.startswith(_NOTE):
            ClaimGroup.objects.filter(pk=group.pk).update(reason=_NOTE + group.reason)


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0003_matching_stories'),
    ]

    operations = [
        migrations.AddField(
            model_name='claim',
            name='decided_by',
            field=models.ForeignKey(blank=True, help_text='The verdict whose decision for this claim stands.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='claims.review'),
        ),
        migrations.AddField(
            model_name='historicalclaim',
            name='decided_by',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The verdict whose decision for this claim stands.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.review'),
        ),
        migrations.AddField(
            model_name='historicalreview',
            name='established_date',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicalreview',
            name='established_value',
            field=models.DecimalField(blank=True, decimal_places=6, max_digits=28, null=True),
        ),
        migrations.AddField(
            model_name='review',
            name='established_date',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='review',
            name='established_value',
            field=models.DecimalField(blank=True, decimal_places=6, max_digits=28, null=True),
        ),
        migrations.AlterField(
            model_name='claim',
            name='review_status',
            field=models.CharField(choices=[('unreviewed', 'Unreviewed'), ('consistent', 'Consistent'), ('conflicting', 'Conflicting'), ('verified', 'Verified'), ('rejected', 'Rejected')], default='unreviewed', help_text="The claim's state: what the latest verdict deciding it (on the claim or its group) decided.", max_length=12),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='review_status',
            field=models.CharField(choices=[('unreviewed', 'Unreviewed'), ('consistent', 'Consistent'), ('conflicting', 'Conflicting'), ('verified', 'Verified'), ('rejected', 'Rejected')], default='unreviewed', help_text="The claim's state: what the latest verdict deciding it (on the claim or its group) decided.", max_length=12),
        ),
        migrations.CreateModel(
            name='ReviewDecision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('unreviewed', 'Unreviewed'), ('consistent', 'Consistent'), ('conflicting', 'Conflicting'), ('verified', 'Verified'), ('rejected', 'Rejected')], max_length=12)),
                ('basis', models.CharField(choices=[('claim', 'verdict on the claim itself'), ('group', 'verdict on its group, for every member'), ('chosen', 'picked by the reviewer as correct'), ('agrees', 'agrees with the established value'), ('disagrees', 'disagrees with the established value')], max_length=10)),
                ('claim_text', models.CharField(blank=True, max_length=500)),
                ('claim', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to='claims.claim')),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='claims.review')),
            ],
            options={
                'ordering': ['review_id', 'id'],
                'constraints': [models.UniqueConstraint(fields=('review', 'claim'), name='decision_once_per_review')],
            },
        ),
        migrations.RunPython(_replay_verdicts, migrations.RunPython.noop),
    ]
