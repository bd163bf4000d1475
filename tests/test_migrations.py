"""Data migrations. 0004 replays the verdicts given before verdicts decided claims: a claim's
own verdict and a group verdict decide claims, but a "verified" on a group whose sources
disagree decides nothing (so no claim stays published as verified on a conflicting group's
word). 0013 turns the matcher's "sources changed" prefix on a group's reason into a flag."""
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = [("claims", "0003_matching_stories")], [("claims", "0004_verdict_decisions")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def latest_schema_after():
    """Each test leaves the database at an older migration: the tests after it need the latest."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    again = MigrationExecutor(connection)
    assert again.migration_plan(again.loader.graph.leaf_nodes()) == []


def test_old_verdicts_are_replayed_as_decisions():
    apps = _migrate(BEFORE)
    try:
        User = apps.get_model("auth", "User")
        Outlet, Article = apps.get_model("claims", "Outlet"), apps.get_model("claims", "Article")
        Claim, ClaimGroup, Review = (apps.get_model("claims", m) for m in ("Claim", "ClaimGroup", "Review"))
        rita = User.objects.create(username="rita")

        def claim(group, text, value, n):
            article = Article.objects.create(outlet=Outlet.objects.create(name=f"Outlet {n}"), body=text, raw=text,
                                             content_hash=f"h{n}", status="extracted")
            return Claim.objects.create(article=article, kind="money", text=text, start=0, end=len(text),
                                        value=Decimal(value), unit="USD", qualifier="approximate", group=group,
                                        fingerprint=f"f{n}")

        conflicting = ClaimGroup.objects.create(kind="money", unit="USD", key="aid", suggested_state="conflicting",
                                                verdict="verified", reason="Values disagree.")
        said_45, said_54 = claim(conflicting, "about $45 billion", 45e9, 1), claim(conflicting, "about $54 billion", 54e9, 2)
        agreeing = ClaimGroup.objects.create(kind="money", unit="USD", key="budget", suggested_state="consistent",
                                             verdict="verified")
        budget = [claim(agreeing, "about $12 million", 12e6, 3), claim(agreeing, "about $12 million", 12e6, 4)]
        Review.objects.create(reviewer=rita, group=conflicting, verdict="verified", target_text="aid")
        Review.objects.create(reviewer=rita, group=agreeing, verdict="verified", target_text="budget")
        own = Review.objects.create(reviewer=rita, claim=said_54, verdict="rejected", target_text="54")
        Claim.objects.filter(pk=said_54.pk).update(review_status="rejected")
    finally:
        apps = _migrate(AFTER)
    Claim, ClaimGroup = apps.get_model("claims", "Claim"), apps.get_model("claims", "ClaimGroup")
    states = dict(Claim.objects.values_list("text", "review_status").filter(group__key="aid"))
    assert states == {"about $45 billion": "unreviewed", "about $54 billion": "rejected"}
    assert Claim.objects.get(pk=said_54.pk).decided_by_id == own.pk
    assert set(Claim.objects.filter(pk__in=[c.pk for c in budget]).values_list("review_status", flat=True)) == {"verified"}
    assert ClaimGroup.objects.get(key="aid").reason.startswith("Verified before verdicts decided claims")
    assert apps.get_model("claims", "ReviewDecision").objects.filter(claim=said_45.pk).count() == 0


def test_the_sources_changed_prefix_becomes_the_flag_and_leaves_the_reason():
    prefix = "Sources changed since the reviewers' verdict. "
    apps = _migrate([("claims", "0012_queue_rank_outside_the_queue")])
    try:
        ClaimGroup = apps.get_model("claims", "ClaimGroup")
        ClaimGroup.objects.create(kind="money", unit="USD", key="aid", suggested_state="conflicting",
                                  verdict="conflicting", reason=prefix + "Values disagree: $45 billion vs $46 billion.")
        ClaimGroup.objects.create(kind="money", unit="USD", key="budget", suggested_state="consistent",
                                  verdict="verified", reason="The sources agree.")
    finally:
        apps = _migrate([("claims", "0013_group_sources_changed")])
    ClaimGroup = apps.get_model("claims", "ClaimGroup")
    groups = {g.key: (g.sources_changed, g.reason) for g in ClaimGroup.objects.all()}
    assert groups == {
        "aid": (True, "Values disagree: $45 billion vs $46 billion."),
        "budget": (False, "The sources agree."),
    }
