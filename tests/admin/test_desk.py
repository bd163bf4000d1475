"""The desk a newsroom works through: the queue's order, filters, counts and search; taking
groups; "next" after a verdict; the group page without internals; history in words."""
from decimal import Decimal

import pytest
from django.urls import reverse

from claims import search
from claims.models import ClaimGroup
from claims.services.groups import group_outlets_refresh, groups_rebuild
from tests.factories import ArticleFactory, ClaimFactory, ClaimGroupFactory, OutletFactory, QuoteFactory, SpeakerFactory
from tests.matching.conftest import seed_text, sentence_of

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:claims_conflict_queue")


def _group(label: str, *, state="conflicting", confidence=0.5, outlets=("Brussels Post", "Copy Desk"), kind="money", **extra):
    group = ClaimGroupFactory(label=label, subject=label, suggested_state=state, confidence=confidence,
                              source_count=len(outlets), kind=kind, **extra)
    for name in outlets:
        ClaimFactory(group=group, article=ArticleFactory(outlet=OutletFactory(name=name)))
    group_outlets_refresh({group.pk})  # as the matcher does when it writes a group
    return group


def _order(page: str, groups) -> list:
    found = sorted((page.index(reverse("admin:claims_claimgroup_change", args=[g.pk])), g) for g in groups
                   if reverse("admin:claims_claimgroup_change", args=[g.pk]) in page)
    return [g for _, g in found]


def test_queue_puts_disagreements_first_then_the_matchers_certainty(reviewer_client):
    agree = _group("power grid aid", state="consistent", confidence=0.99)
    unsure = _group("arms aid", confidence=0.55)
    sure = _group("troop numbers", confidence=0.95)
    page = reviewer_client.get(QUEUE).content.decode()
    assert _order(page, [agree, unsure, sure]) == [sure, unsure, agree]
    assert "the matcher is almost certain (95%)" in page and "the matcher is unsure (55%)" in page


def test_queue_filters_by_kind_outlet_and_state(reviewer_client):
    money = _group("arms aid")
    quote = _group("as long as it takes", kind="quote", outlets=("London Daily", "Copy Desk"))
    reviewed = _group("troop numbers", verdict="conflicting")
    assert _order(reviewer_client.get(QUEUE, {"kind": "quote"}).content.decode(), [money, quote, reviewed]) == [quote]
    assert _order(reviewer_client.get(QUEUE, {"outlet": "london daily"}).content.decode(), [money, quote, reviewed]) == [quote]
    assert _order(reviewer_client.get(QUEUE, {"state": "reviewed"}).content.decode(), [money, quote, reviewed]) == [reviewed]


@pytest.mark.smoke  # the embedded default (SQLite) searches word by word, not by index
def test_queue_search_finds_a_fact_by_a_word_and_the_start_of_another(reviewer_client):
    arms = _group("arms and military aid to Ukraine")
    grid = _group("power grid equipment")
    page = reviewer_client.get(QUEUE, {"q": "military ukr"}).content.decode()
    assert _order(page, [arms, grid]) == [arms]


def test_queue_counts_each_tab_and_stops_counting_at_the_cap(reviewer_client, monkeypatch):
    for n in range(3):
        _group(f"fact {n}")
    _group("agreed", state="consistent")
    page = reviewer_client.get(QUEUE).content.decode()
    assert "Needs a verdict\n       <span class=\"fc-count\">(4)</span>" in page
    assert "Sources disagree\n       <span class=\"fc-count\">(3)</span>" in page
    monkeypatch.setattr(search, "COUNT_CAP", 2)
    assert "(more than 2)" in reviewer_client.get(QUEUE).content.decode()


def test_reviewer_takes_a_group_and_finds_it_under_assigned_to_me(reviewer_client, reviewer):
    mine, other = _group("arms aid"), _group("troop numbers")
    response = reviewer_client.post(reverse("admin:claims_claimgroup_assign", args=[mine.pk]), {"assignee": "me"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.assigned_to == reviewer
    page = reviewer_client.get(QUEUE, {"assigned": "me"}).content.decode()
    assert _order(page, [mine, other]) == [mine]
    history = reviewer_client.get(reverse("admin:claims_claimgroup_history", args=[mine.pk])).content.decode()
    assert "changed: taken" in history and ">rev</a>" in history


def test_a_group_can_be_given_only_to_someone_who_gives_verdicts(reviewer_client, fact_checker):
    group = _group("arms aid")
    reviewer_client.post(reverse("admin:claims_claimgroup_assign", args=[group.pk]), {"assignee": fact_checker.pk},
                         follow=True)
    group.refresh_from_db()
    assert group.assigned_to is None


def test_fact_checker_cannot_assign_groups(fact_checker_client):
    group = _group("arms aid")
    response = fact_checker_client.post(reverse("admin:claims_claimgroup_assign", args=[group.pk]), {"assignee": "me"})
    assert response.status_code == 403


def test_a_verdict_from_the_queue_goes_on_to_the_next_group(reviewer_client):
    first, second = _group("troop numbers", confidence=0.9), _group("arms aid", confidence=0.6)
    page = reviewer_client.get(QUEUE, {"kind": "money"}).content.decode()
    opened = reverse("admin:claims_claimgroup_change", args=[first.pk]) + "?queue=kind%3Dmoney"
    assert opened in page
    group_page = reviewer_client.get(opened).content.decode()
    verdict_action = reverse("admin:claims_claimgroup_verdict", args=[first.pk]) + "?queue=kind%3Dmoney"
    assert f'action="{verdict_action}"' in group_page
    response = reviewer_client.post(verdict_action, {"verdict": "conflicting", "note": "45 is right"})
    assert response["Location"] == reverse("admin:claims_claimgroup_change", args=[second.pk]) + "?queue=kind%3Dmoney"


def test_a_verdict_on_a_group_not_opened_from_the_queue_stays_on_it(reviewer_client):
    group = _group("arms aid")
    response = reviewer_client.post(reverse("admin:claims_claimgroup_verdict", args=[group.pk]), {"verdict": "conflicting"})
    assert response["Location"] == reverse("admin:claims_claimgroup_change", args=[group.pk])


def test_group_page_links_the_next_group_and_lists_its_keys(reviewer_client):
    first, second = _group("troop numbers", confidence=0.9), _group("arms aid", confidence=0.6)
    page = reviewer_client.get(reverse("admin:claims_claimgroup_change", args=[first.pk]) + "?queue=").content.decode()
    assert f'href="{reverse("admin:claims_claimgroup_change", args=[second.pk])}?queue="' in page
    assert 'id="keyboard-shortcuts"' in page and "<kbd>n</kbd> next group" in page


@pytest.fixture
def aid_conflict():
    original = ArticleFactory(body=seed_text(3), outlet=OutletFactory(name="Brussels Post"),
                              url="https://brusselspost.example/2023/12/aid")
    copy = ArticleFactory(body=seed_text(3).replace("$45 billion", "$54 billion"), outlet=OutletFactory(name="Copy Desk"))
    for article, text, value in ((original, "about $45 billion", 45e9), (copy, "about $54 billion", 54e9)):
        sentence, at = sentence_of(article.body, text)
        ClaimFactory(article=article, text=text, start=at, end=at + len(text), value=Decimal(str(value)), unit="USD",
                     subject="arms and military aid", qualifier="approximate", sentence=sentence)
    groups_rebuild()
    return ClaimGroup.objects.get(suggested_state="conflicting")


def test_group_page_shows_values_sources_and_disagreements_not_internals(reviewer_client, aid_conflict):
    page = reviewer_client.get(reverse("admin:claims_claimgroup_change", args=[aid_conflict.pk])).content.decode()
    assert 'title="stored: 45000000000 USD">about US$45 billion</span>' in page
    assert 'href="https://brusselspost.example/2023/12/aid"' in page and "no source link" in page
    assert page.count('data-conflicting="true"') == 2 and "disagrees with Copy Desk" in page
    assert aid_conflict.key not in page and "Blocking key" not in page and "Claim kind, &#x27;quote&#x27;" not in page
    assert "a money figure (USD)" in page


def test_group_history_names_the_matcher_and_hides_its_details(reviewer_client, aid_conflict):
    ClaimGroup.objects.filter(pk=aid_conflict.pk).update(reason="stale")
    groups_rebuild()  # the matcher rewrites the reason: a change with no person behind it
    page = reviewer_client.get(reverse("admin:claims_claimgroup_history", args=[aid_conflict.pk])).content.decode()
    assert '<span class="fc-system">matcher</span>' in page
    assert "None" not in page.split('id="change-history"')[1].split("</table>")[0]
    assert "Details" not in page and "{&#x27;" not in page


def test_claim_list_search_uses_words_and_a_prefix(reviewer_client):
    ClaimFactory(sentence="NATO Secretary-General Jens Stoltenberg said the alliance would give $45 billion.")
    ClaimFactory(sentence="The council approved $12 million for libraries.")
    page = reviewer_client.get(reverse("admin:claims_claim_changelist"), {"q": "Stolt"}).content.decode()
    assert "1 result" in page


def test_claim_list_count_stops_at_the_cap(reviewer_client, monkeypatch):
    ClaimFactory.create_batch(4)
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    page = reviewer_client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert "more than 3 claims: narrow them with a filter or a search" in page


def test_claim_list_filters_by_a_typed_outlet(reviewer_client):
    ClaimFactory(text="$1 million", article=ArticleFactory(outlet=OutletFactory(name="Metro Herald")))
    ClaimFactory(text="$2 million", article=ArticleFactory(outlet=OutletFactory(name="Copy Desk")))
    page = reviewer_client.get(reverse("admin:claims_claim_changelist"), {"outlet": "metro herald"}).content.decode()
    assert "1 claim" in page and 'value="metro herald"' in page


def test_a_claims_speaker_is_picked_by_name_not_by_id(fact_checker_client):
    claim = ClaimFactory(speaker=SpeakerFactory(name="Jens Stoltenberg"))
    page = fact_checker_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert 'class="admin-autocomplete' in page and "vForeignKeyRawIdAdminField" not in page


def test_speaker_roles_are_edited_one_per_line(fact_checker_client):
    speaker = SpeakerFactory(name="Jens Stoltenberg", roles=["NATO Secretary-General", "former Norwegian prime minister"])
    page = fact_checker_client.get(reverse("admin:claims_speaker_change", args=[speaker.pk])).content.decode()
    assert "NATO Secretary-General\nformer Norwegian prime minister</textarea>" in page
    assert "Other names" in page and "aliass" not in page.lower()


def test_speaker_page_shows_the_latest_fifty_quotes_and_the_total(reviewer_client):
    speaker = SpeakerFactory(name="Jens Stoltenberg")
    QuoteFactory.create_batch(52, speaker=speaker)
    page = reviewer_client.get(reverse("admin:claims_speaker_change", args=[speaker.pk])).content.decode()
    assert "quoted as saying (52)" in page and "The latest 50" in page
    assert page.count(reverse("admin:claims_quote_changelist") + f"?speaker__id__exact={speaker.pk}") == 1


def test_dashboard_keeps_its_counts_a_minute_and_says_when_it_counted(reviewer_client, settings):
    ClaimFactory()
    first = reviewer_client.get(reverse("admin:claims_dashboard")).content.decode()
    assert 'aria-label="unreviewed: 1"' in first and 'id="counted-at"' in first
    ClaimFactory()
    assert 'aria-label="unreviewed: 1"' in reviewer_client.get(reverse("admin:claims_dashboard")).content.decode()
    settings.FACTCHECK_DASHBOARD_SECONDS = 0
    assert 'aria-label="unreviewed: 2"' in reviewer_client.get(reverse("admin:claims_dashboard")).content.decode()


def test_dashboard_counts_outlets_by_name(reviewer_client, aid_conflict):
    page = reviewer_client.get(reverse("admin:claims_dashboard")).content.decode()
    assert 'aria-label="Brussels Post: 1"' in page and 'aria-label="Copy Desk: 1"' in page
    assert "2 outlets" in page


def test_claim_page_hides_offsets_and_fingerprints(fact_checker_client):
    claim = ClaimFactory()
    page = fact_checker_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert "Fingerprint" not in page and "field-start" not in page and claim.fingerprint not in page


def test_claim_history_shows_a_fixed_value_as_a_number_and_who_fixed_it(fact_checker_client, fact_checker):
    claim = ClaimFactory()
    data = {"kind": claim.kind, "value": "13000000", "unit": claim.unit, "qualifier": claim.qualifier,
            "date_value": "", "subject": claim.subject, "speaker": "", "quote": ""}
    fact_checker_client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data)
    page = fact_checker_client.get(reverse("admin:claims_claim_history", args=[claim.pk])).content.decode()
    assert "12,000,000 &rarr; 13,000,000" in page
    assert '<span class="fc-system">extraction</span>' not in page.split("changed")[0][-400:]


def test_a_group_of_one_source_is_outside_the_queue_and_a_flagged_one_is_in_it():
    single = ClaimGroupFactory(source_count=1, suggested_state="single_source")
    flagged = ClaimGroupFactory(source_count=1, suggested_state="conflicting")
    agreed = ClaimGroupFactory(source_count=3, suggested_state="consistent", verdict="verified")
    ranks = dict(ClaimGroup.objects.values_list("pk", "queue_rank"))
    assert (ranks[single.pk], ranks[flagged.pk], ranks[agreed.pk]) == (None, 0, 3)


def test_the_queue_by_outlet_finds_groups_through_quotes_too(reviewer_client):
    quote_group = ClaimGroupFactory(label="as long as it takes", kind="quote", suggested_state="conflicting", source_count=2)
    for name in ("London Daily", "Copy Desk"):
        QuoteFactory(group=quote_group, article=ArticleFactory(outlet=OutletFactory(name=name)))
    group_outlets_refresh({quote_group.pk})
    other = _group("arms aid", outlets=("Brussels Post", "Metro Herald"))
    page = reviewer_client.get(QUEUE, {"outlet": "London Daily"}).content.decode()
    assert _order(page, [quote_group, other]) == [quote_group]
    assert "No group matches these filters." in reviewer_client.get(QUEUE, {"outlet": "Nobody Times"}).content.decode()


def test_the_matcher_keeps_each_groups_outlets_for_the_queues_outlet_filter(reviewer_client):
    """Two outlets report the same aid package; the queue filtered by either finds the group,
    and once one outlet's article is gone and the story is matched again, that outlet has no
    group left."""
    from claims.models import GroupOutlet

    sentence = "The European Union has pledged $54 billion in aid to Ukraine, officials said on Monday."
    first = ArticleFactory(outlet=OutletFactory(name="Brussels Post"), body=sentence)
    second = ArticleFactory(outlet=OutletFactory(name="Copy Desk"), body=sentence)
    for article in (first, second):
        ClaimFactory(article=article, text="$54 billion", kind="money", value=Decimal("54000000000"), unit="USD",
                     subject="aid", sentence=sentence, start=sentence.index("$54"), end=sentence.index("$54") + 11)
    groups_rebuild()
    group = ClaimGroup.objects.get(claims__article=first)
    assert set(GroupOutlet.objects.filter(group=group).values_list("outlet__name", flat=True)) == {"Brussels Post", "Copy Desk"}
    assert _order(reviewer_client.get(QUEUE, {"outlet": "copy desk", "state": "all"}).content.decode(), [group]) == [group]

    second.delete()
    groups_rebuild()
    assert not GroupOutlet.objects.filter(outlet__name="Copy Desk").exists()
    assert _order(reviewer_client.get(QUEUE, {"outlet": "copy desk", "state": "all"}).content.decode(), [group]) == []
