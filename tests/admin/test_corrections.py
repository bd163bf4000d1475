"""The admin's deletions and speaker fixes go through the services that match again."""
import pytest
from django.urls import reverse

from claims.models import Article, ClaimGroup, Quote, Speaker
from claims.services.groups import groups_rebuild
from tests.factories import SpeakerFactory
from tests.services.test_articles import _story
from tests.services.test_speakers import SAID, SHORT, _credited

pytestmark = pytest.mark.django_db


def test_deleting_an_article_in_the_admin_takes_its_outlet_out_of_the_group(admin_client, django_capture_on_commit_callbacks):
    _, post = _story("Brussels Post")
    copy, _ = _story("Copy Desk", figure="$54 billion")
    _story("Third Desk", note="\nThis story was updated.")
    groups_rebuild()
    assert ClaimGroup.objects.get(claims=post).source_count == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:claims_article_delete", args=[copy.pk]), {"post": "yes"})

    assert response.status_code == 302
    group = ClaimGroup.objects.get(claims=post)
    assert (group.source_count, group.suggested_state) == (2, "consistent")
    assert "Copy Desk" not in group.reason


def test_deleting_selected_articles_in_the_admin_matches_their_groups_again(admin_client, django_capture_on_commit_callbacks):
    _, post = _story("Brussels Post")
    copy, _ = _story("Copy Desk", figure="$54 billion")
    _story("Third Desk", note="\nThis story was updated.")
    groups_rebuild()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:claims_article_changelist"),
                          {"action": "delete_selected", "_selected_action": [copy.pk], "post": "yes"})

    assert not Article.objects.filter(pk=copy.pk).exists()
    group = ClaimGroup.objects.get(claims=post)
    assert (group.source_count, group.suggested_state) == (2, "consistent")


def _speaker_form(speaker: Speaker, **changes) -> dict:
    form = {"name": speaker.name, "kind": speaker.kind, "roles": "\n".join(speaker.roles or []),
            "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0", "aliases-MIN_NUM_FORMS": "0",
            "aliases-MAX_NUM_FORMS": "1000"}
    return {**form, **changes}


def test_renaming_a_speaker_in_the_admin_rewrites_the_quotes_group(fact_checker_client, django_capture_on_commit_callbacks):
    nato = SpeakerFactory(name="NATO", kind="organisation")
    _credited(0, "London Daily", SAID, SpeakerFactory(name="Jens Stoltenberg"))
    _credited(2, "Fox", SHORT, nato)
    groups_rebuild()
    assert "NATO (Fox)" in ClaimGroup.objects.get(kind="quote").reason

    with django_capture_on_commit_callbacks(execute=True):
        response = fact_checker_client.post(
            reverse("admin:claims_speaker_change", args=[nato.pk]),
            _speaker_form(nato, name="North Atlantic Treaty Organization", roles="military alliance"),
        )

    assert response.status_code == 302
    nato.refresh_from_db()
    assert (nato.name, nato.roles) == ("North Atlantic Treaty Organization", ["military alliance"])
    assert "North Atlantic Treaty Organization (Fox)" in ClaimGroup.objects.get(kind="quote").reason


def test_merging_speakers_in_the_admin_makes_the_quote_agree(fact_checker_client, django_capture_on_commit_callbacks):
    stoltenberg, nato = SpeakerFactory(name="Jens Stoltenberg"), SpeakerFactory(name="NATO", kind="organisation")
    _credited(0, "London Daily", SAID, stoltenberg)
    fox = _credited(2, "Fox", SHORT, nato)
    groups_rebuild()

    with django_capture_on_commit_callbacks(execute=True):
        fact_checker_client.post(reverse("admin:claims_speaker_changelist"),
                                 {"action": "merge_speakers", "_selected_action": [stoltenberg.pk, nato.pk]})

    assert list(Speaker.objects.values_list("name", flat=True)) == ["Jens Stoltenberg"]
    assert Quote.objects.get(pk=fox.pk).speaker_id == stoltenberg.pk
    assert ClaimGroup.objects.get(kind="quote").suggested_state == "consistent"


def test_a_group_whose_sources_changed_since_its_verdict_says_so_and_is_filtered(reviewer_client):
    from tests.factories import ClaimGroupFactory

    changed = ClaimGroupFactory(label="aid to Ukraine (USD)", verdict="conflicting", sources_changed=True,
                                reason="Values disagree: $45 billion vs $46 billion.")
    ClaimGroupFactory(label="council budget (USD)", verdict="verified")

    page = reviewer_client.get(reverse("admin:claims_claimgroup_change", args=[changed.pk])).content.decode()
    assert "Sources changed since the reviewers' verdict." in page
    listed = reviewer_client.get(reverse("admin:claims_claimgroup_changelist") + "?sources_changed__exact=1")
    assert listed.status_code == 200
    assert "aid to Ukraine (USD)" in listed.content.decode()
    assert "council budget (USD)" not in listed.content.decode()
