"""Renaming and merging speakers: the quotes' groups are matched again under the new name."""
import pytest

from claims.models import Claim, ClaimGroup, Quote, Speaker, SpeakerAlias
from claims.services.groups import groups_rebuild
from claims.services.speakers import speaker_rename, speakers_merge
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, QuoteFactory, SpeakerFactory
from tests.matching.conftest import seed_text, sentence_of

pytestmark = pytest.mark.django_db

SAID = "NATO will continue to stand with Ukraine for as long as it takes. We will not back down,"
SHORT = "as long as it takes"


def _credited(number: int, outlet: str, text: str, speaker: Speaker) -> Quote:
    article = ArticleFactory(body=seed_text(number), outlet=OutletFactory(name=outlet))
    at = article.body.index(text)
    return QuoteFactory(article=article, text=text, start=at, end=at + len(text), speaker=speaker,
                        speaker_mention=speaker.name)


@pytest.fixture
def credited_twice():
    """One quote two outlets carry, credited to Jens Stoltenberg by one and to "NATO" by the other."""
    stoltenberg = SpeakerFactory(name="Jens Stoltenberg")
    nato = SpeakerFactory(name="NATO", kind="organisation")
    london = _credited(0, "London Daily", SAID, stoltenberg)
    fox = _credited(2, "Fox", SHORT, nato)
    groups_rebuild()
    group = ClaimGroup.objects.get(kind="quote")
    assert group.suggested_state == "conflicting" and "NATO (Fox)" in group.reason
    return stoltenberg, nato, london, fox, group


def test_merging_the_two_credited_speakers_makes_the_quote_agree(credited_twice, django_capture_on_commit_callbacks):
    stoltenberg, nato, london, fox, group = credited_twice

    with django_capture_on_commit_callbacks(execute=True):
        assert speakers_merge(into=stoltenberg, others=[nato]) == 1

    assert not Speaker.objects.filter(pk=nato.pk).exists()
    assert Quote.objects.get(pk=fox.pk).speaker_id == stoltenberg.pk
    assert set(SpeakerAlias.objects.filter(speaker=stoltenberg).values_list("text", flat=True)) >= {"NATO"}
    group.refresh_from_db()
    assert group.suggested_state == "consistent"
    assert "NATO (Fox)" not in group.reason
    assert Quote.objects.get(pk=fox.pk).history.first().history_change_reason == "speaker merged into Jens Stoltenberg"


def test_renaming_a_credited_speaker_rewrites_the_groups_reason(credited_twice, django_capture_on_commit_callbacks):
    _, nato, _, _, group = credited_twice

    with django_capture_on_commit_callbacks(execute=True):
        renamed = speaker_rename(speaker=nato, name="North Atlantic Treaty Organization")

    assert (renamed.name, renamed.key) == ("North Atlantic Treaty Organization", "nato")
    assert list(SpeakerAlias.objects.filter(speaker=nato).values_list("text", flat=True)) == ["NATO"]
    group.refresh_from_db()
    assert "North Atlantic Treaty Organization (Fox)" in group.reason
    assert "NATO (Fox)" not in group.reason


def test_renaming_to_the_same_name_writes_nothing(credited_twice, django_capture_on_commit_callbacks):
    stoltenberg, *_ = credited_twice
    before = stoltenberg.history.count()
    with django_capture_on_commit_callbacks() as queued:
        speaker_rename(speaker=stoltenberg, name="  Jens   Stoltenberg ")
    assert stoltenberg.history.count() == before
    assert queued == []


def test_merging_moves_claims_too(credited_twice):
    stoltenberg, nato, london, _, _ = credited_twice
    body = london.article.body
    sentence, at = sentence_of(body, "30-nation")
    claim = ClaimFactory(article=london.article, speaker=nato, kind="count", text="30-nation", start=at, end=at + 9,
                         value=30, unit="nation", sentence=sentence)
    assert speakers_merge(into=stoltenberg, others=[nato, stoltenberg]) == 2
    assert Claim.objects.get(pk=claim.pk).speaker_id == stoltenberg.pk
