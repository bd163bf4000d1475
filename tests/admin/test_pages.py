from decimal import Decimal

import pytest
from django.urls import reverse

from claims.models import ClaimGroup
from claims.services.groups import groups_rebuild
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, QuoteFactory, SpeakerFactory
from tests.matching.conftest import seed_text, sentence_of

pytestmark = pytest.mark.django_db

HOSTILE = 'The mayor said "<script>alert(1)</script> we spent $12 million" on <b>roads</b>.'


@pytest.fixture
def hostile_article():
    article = ArticleFactory(body=HOSTILE, title="<img src=x onerror=alert(2)>")
    quote_text = "<script>alert(1)</script> we spent $12 million"
    start = HOSTILE.index(quote_text)
    speaker = SpeakerFactory(name="Mayor <i>Ann</i>")
    QuoteFactory(article=article, text=quote_text, start=start, end=start + len(quote_text), speaker=speaker)
    at = HOSTILE.index("$12 million")
    ClaimFactory(article=article, text="$12 million", start=at, end=at + 11, sentence=HOSTILE, speaker=speaker)
    return article


@pytest.fixture
def aid_groups():
    original = ArticleFactory(body=seed_text(3), outlet=OutletFactory(name="Brussels Post"))
    copy = ArticleFactory(body=seed_text(3).replace("$45 billion", "$54 billion"), outlet=OutletFactory(name="Copy Desk"))
    for article, text, value in ((original, "about $45 billion", 45e9), (copy, "about $54 billion", 54e9)):
        sentence, at = sentence_of(article.body, text)
        ClaimFactory(article=article, text=text, start=at, end=at + len(text), value=Decimal(str(value)), unit="USD",
                     subject="arms and military aid", qualifier="approximate", sentence=sentence)
        sentence, at = sentence_of(article.body, "$53 million")
        ClaimFactory(article=article, text="$53 million", start=at, end=at + 11, value=Decimal(53e6), unit="USD",
                     subject="power grid equipment", sentence=sentence)
    groups_rebuild()
    return ClaimGroup.objects.get(suggested_state="conflicting"), ClaimGroup.objects.get(suggested_state="consistent")


@pytest.mark.smoke
def test_article_page_shows_markup_in_the_text_as_text(reviewer_client, hostile_article):
    page = reviewer_client.get(reverse("admin:claims_article_change", args=[hostile_article.pk])).content.decode()
    assert "<script>alert(1)" not in page and "<b>roads</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;roads&lt;/b&gt;" in page
    assert "<img src=x" not in page and "Mayor <i>Ann</i>" not in page


def test_article_page_highlights_quotes_and_claims_with_speaker_and_value(reviewer_client, hostile_article):
    page = reviewer_client.get(reverse("admin:claims_article_change", args=[hostile_article.pk])).content.decode()
    assert 'class="fc-claim fc-quote"' in page
    assert "Quote (direct) by Mayor &lt;i&gt;Ann&lt;/i&gt;" in page
    assert "Claim (money) $12 million: US$12 million [stored: 12000000 USD]" in page


def test_group_page_shows_every_source_side_by_side(reviewer_client, aid_groups):
    conflict, _ = aid_groups
    page = reviewer_client.get(reverse("admin:claims_claimgroup_change", args=[conflict.pk])).content.decode()
    assert page.count('class="fc-source"') == 2
    assert "Brussels Post" in page and "Copy Desk" in page
    assert "about $45 billion" in page and "about $54 billion" in page
    assert 'name="give_verdict"' in page


def test_conflict_queue_lists_conflicting_groups_first(reviewer_client, aid_groups):
    conflict, consistent = aid_groups
    page = reviewer_client.get(reverse("admin:claims_conflict_queue")).content.decode()
    conflict_at = page.index(reverse("admin:claims_claimgroup_change", args=[conflict.pk]))
    consistent_at = page.index(reverse("admin:claims_claimgroup_change", args=[consistent.pk]))
    assert conflict_at < consistent_at


def test_conflict_queue_names_the_outlets(reviewer_client, aid_groups):
    page = reviewer_client.get(reverse("admin:claims_conflict_queue")).content.decode()
    assert "Brussels Post, Copy Desk" in page


def test_dashboard_counts_conflicts_by_outlet(reviewer_client, aid_groups):
    response = reviewer_client.get(reverse("admin:claims_dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="conflicts-by-outlet"' in page and 'aria-label="Copy Desk: 1"' in page
    assert 'aria-label="unreviewed: 4"' in page


def test_speaker_page_lists_what_they_are_quoted_as_saying(reviewer_client):
    speaker = SpeakerFactory(name="Jens Stoltenberg")
    QuoteFactory(speaker=speaker, text="The specific decisions on specific systems are national decisions")
    QuoteFactory(speaker=SpeakerFactory(name="Andrzej Duda"), text="But the decision rests with the German side.")
    page = reviewer_client.get(reverse("admin:claims_speaker_change", args=[speaker.pk])).content.decode()
    assert "The specific decisions on specific systems" in page
    assert "rests with the German side" not in page


def test_index_links_to_the_queue_and_dashboard(reviewer_client):
    page = reviewer_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:claims_conflict_queue") in page and reverse("admin:claims_dashboard") in page


def test_claim_list_shows_and_filters_low_confidence_claims(reviewer_client):
    unsure = ClaimFactory(text="200 pounds", kind="quantity", value=200, unit="pound", confidence=0.4,
                          notes=["pounds: weight (nothing in the sentence speaks of money)"])
    sure = ClaimFactory(text="$45 billion", confidence=0.95)
    url = reverse("admin:claims_claim_changelist")
    page = reviewer_client.get(url).content.decode()
    assert '<span class="low-confidence" title="pounds: weight (nothing in the sentence speaks of money)">low 0.40</span>' in page
    assert "0.95" in page
    low = reviewer_client.get(url, {"confidence": "low"}).context["cl"].result_list
    assert [c.id for c in low] == [unsure.id]
    high = reviewer_client.get(url, {"confidence": "high"}).context["cl"].result_list
    assert [c.id for c in high] == [sure.id]


def test_quote_list_marks_low_confidence_quotes_and_filters_them(reviewer_client):
    sure = QuoteFactory(text="We kept every library open", confidence=0.9)
    unsure = QuoteFactory(text="It was a mess at the clinic", speaker=None, speaker_mention="", confidence=0.36)
    url = reverse("admin:claims_quote_changelist")
    page = reviewer_client.get(url).content.decode()
    assert page.count('class="fc-badge fc-low"') == 1
    assert "check 0.36" in page and "0.90" in page
    low = reviewer_client.get(url, {"confidence": "low"}).content.decode()
    assert unsure.text in low and sure.text not in low


def test_article_page_marks_a_low_confidence_quote_in_the_text_and_the_table(reviewer_client):
    article = ArticleFactory(body="Mayor Ann Lee spoke. “It was a mess,” she said. “We kept every library open,” Lee said.")
    QuoteFactory(article=article, text="“It was a mess,”", start=21, end=37, confidence=0.45)
    QuoteFactory(article=article, text="“We kept every library open,”", start=48, end=77, confidence=0.9)
    page = reviewer_client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    assert page.count('class="fc-low fc-quote"') == 1
    assert "low confidence (0.45): check" in page
    assert "check 0.45" in page


def test_quote_page_explains_a_low_confidence_quote(reviewer_client):
    quote = QuoteFactory(confidence=0.4)
    page = reviewer_client.get(reverse("admin:claims_quote_change", args=[quote.pk])).content.decode()
    assert "check 0.40" in page and "Low confidence" in page
    sure = QuoteFactory(confidence=0.9)
    page = reviewer_client.get(reverse("admin:claims_quote_change", args=[sure.pk])).content.decode()
    assert "Low confidence" not in page


def test_claim_list_shows_values_as_people_read_them_with_the_stored_value_on_hover(reviewer_client):
    ClaimFactory(text="about $45 billion", value=Decimal("45000000000"), unit="USD", qualifier="approximate")
    page = reviewer_client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert 'title="stored: 45000000000 USD">about US$45 billion</span>' in page
    assert "45000000000.000000" not in page


def test_article_page_names_its_source_and_where_its_date_came_from(reviewer_client):
    from datetime import UTC, datetime

    article = ArticleFactory(url="https://courier.example/2022/11/25/nato", published_at=datetime(2022, 11, 25, 12, tzinfo=UTC),
                             published_from="url")
    page = reviewer_client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    assert 'href="https://courier.example/2022/11/25/nato"' in page
    assert "25 November 2022 <span class=\"fc-muted\">(from the date in the page&#x27;s address)" in page


def test_article_page_lists_the_other_outlets_that_ran_the_same_text(reviewer_client):
    first = ArticleFactory(outlet=OutletFactory(name="Wire Copy"))
    ArticleFactory(body=first.body, outlet=OutletFactory(name="Metro Herald"))
    page = reviewer_client.get(reverse("admin:claims_article_change", args=[first.pk])).content.decode()
    assert 'id="appearances"' in page and "Metro Herald" in page
