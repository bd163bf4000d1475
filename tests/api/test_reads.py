"""GET quotes, groups, speakers and articles: nested data, filters, pages, query counts."""
import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Article, Claim, ClaimGroup, Outlet, Quote, ReviewStatus, Speaker, SpeakerAlias

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


# --- quotes -------------------------------------------------------------------------------

def test_quote_carries_speaker_article_outlet_and_claim_ids(api, story):
    Claim.objects.filter(pk=story["budget_a"].pk).update(quote=story["quote"])
    row = api.get(f"/api/quotes/{story['quote'].pk}/").json()
    assert row["text"] == "We kept every library open" and row["kind"] == "direct" and row["cue"] == "said"
    assert row["speaker"]["name"] == "Ann Lee"
    assert row["article"]["outlet"]["domain"] == "courier.example"
    assert row["claims"] == [story["budget_a"].pk]


def test_quote_filters(api, story):
    pk = story["quote"].pk
    assert _ids(api.get("/api/quotes/?kind=direct")) == [pk]
    assert _ids(api.get("/api/quotes/?kind=indirect")) == []
    assert _ids(api.get(f"/api/quotes/?speaker={story['lee'].pk}")) == [pk]
    assert _ids(api.get("/api/quotes/?speaker_name=lee")) == [pk]
    assert _ids(api.get("/api/quotes/?outlet=Daily Courier")) == [pk]
    assert _ids(api.get(f"/api/quotes/?article={story['article_b'].pk}")) == []
    assert _ids(api.get("/api/quotes/?q=library")) == [pk]
    assert _ids(api.get("/api/quotes/?min_confidence=0.95")) == []
    assert _ids(api.get("/api/quotes/?published_after=2024-03-05&published_before=2024-03-06")) == [pk]
    assert _ids(api.get("/api/quotes/?verified=true")) == []
    Quote.objects.filter(pk=pk).update(group=story["group"])
    ClaimGroup.objects.filter(pk=story["group"].pk).update(verdict=ReviewStatus.VERIFIED)
    assert _ids(api.get("/api/quotes/?verified=true")) == [pk]
    assert _ids(api.get("/api/quotes/?group_verdict=verified")) == [pk]


def test_quote_filter_updated_since(api, story):
    assert _ids(api.get("/api/quotes/", {"updated_since": (timezone.now() + timedelta(minutes=1)).isoformat()})) == []


def _many_quotes(n: int) -> None:
    for i in range(n):
        outlet = Outlet.objects.create(name=f"Tribune {i}")
        body = f'"We will open {i + 2} clinics," Dr. Rosa Diaz {i} said.'
        article = Article.objects.create(outlet=outlet, body=body, raw=body, content_hash=hashlib.sha256(body.encode()).hexdigest())
        speaker = Speaker.objects.create(name=f"Rosa Diaz {i}", key=f"rosa diaz {i}")
        group = ClaimGroup.objects.create(kind="quote", key=f"quote|clinics|{i}")
        quote = Quote.objects.create(article=article, speaker=speaker, group=group, text=body[1:-20], start=1, end=20,
                                     kind="direct", fingerprint=f"clinic-{i}")
        Claim.objects.create(article=article, quote=quote, kind="count", text=f"{i + 2} clinics", start=14, end=22,
                             value=i + 2, unit="clinic", fingerprint=f"clinic-claim-{i}")


# Token with its user and permissions, the page with its joins, the claim ids.
QUOTE_PAGE_QUERIES = 3


@pytest.mark.parametrize("page_size", [1, 50])
def test_quote_page_costs_a_fixed_number_of_queries(api, django_assert_num_queries, page_size):
    _many_quotes(50)
    with django_assert_num_queries(QUOTE_PAGE_QUERIES):
        response = api.get(f"/api/quotes/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size


# --- groups -------------------------------------------------------------------------------

def test_group_lists_every_sources_claim_with_outlet_and_speaker(api, story):
    row = api.get(f"/api/groups/{story['group'].pk}/").json()
    assert row["label"] == "City budget (USD)" and row["suggested_state"] == "consistent"
    assert [c["article"]["outlet"]["name"] for c in row["claims"]] == ["Daily Courier", "Metro Herald"]
    assert [c["speaker"] and c["speaker"]["name"] for c in row["claims"]] == [None, "Ann Lee"]
    assert row["claimreview"] is None


def test_group_says_when_its_sources_changed_since_the_verdict_in_list_and_detail(api, story, settings):
    pk = story["group"].pk
    assert api.get(f"/api/groups/{pk}/").json()["sources_changed"] is False
    ClaimGroup.objects.filter(pk=pk).update(verdict=ReviewStatus.VERIFIED, sources_changed=True)
    for fast in (True, False):
        settings.FACTCHECK_API_FAST_PATHS = fast
        listed = [row for row in api.get("/api/groups/").json()["results"] if row["id"] == pk]
        assert len(listed) == 1 and listed[0]["sources_changed"] is True
        assert api.get(f"/api/groups/{pk}/").json()["sources_changed"] is True


def test_group_filters(api, story):
    pk = story["group"].pk
    other = ClaimGroup.objects.create(kind="percent", unit="percent", subject="unemployment", key="percent|unemployment",
                                      suggested_state=ClaimGroup.Suggestion.SINGLE_SOURCE, source_count=1,
                                      verdict=ReviewStatus.REJECTED)
    Claim.objects.filter(pk=story["jobless"].pk).update(group=other)
    assert _ids(api.get("/api/groups/?state=consistent")) == [pk]
    assert _ids(api.get("/api/groups/?verdict=rejected")) == [other.pk]
    assert _ids(api.get("/api/groups/?verified=false&ordering=id")) == [pk, other.pk]
    assert _ids(api.get("/api/groups/?kind=money")) == [pk]
    assert _ids(api.get("/api/groups/?unit=percent")) == [other.pk]
    assert _ids(api.get("/api/groups/?subject=budget")) == [pk]
    assert _ids(api.get("/api/groups/?min_sources=2")) == [pk]
    assert _ids(api.get(f"/api/groups/?speaker={story['lee'].pk}")) == [pk]
    assert _ids(api.get(f"/api/groups/?speaker={story['bureau'].pk}")) == [other.pk]
    assert _ids(api.get("/api/groups/?outlet=courier.example")) == [pk]
    assert _ids(api.get(f"/api/groups/?article={story['article_b'].pk}&ordering=id")) == [pk, other.pk]
    assert _ids(api.get("/api/groups/?q=city budget")) == [pk]


def test_group_membership_filter_returns_each_group_once(api, story):
    # Once both of the group's claims are by Ann Lee, the group must still come back once.
    Claim.objects.filter(pk=story["budget_a"].pk).update(speaker=story["lee"])
    assert _ids(api.get(f"/api/groups/?speaker={story['lee'].pk}")) == [story["group"].pk]


def test_group_list_is_page_numbered_with_a_count(api, story):
    body = api.get("/api/groups/?page_size=1").json()
    assert body["count"] == 1 and body["next"] is None


def test_group_page_past_the_end_is_a_404(api, story):
    assert api.get("/api/groups/?page=9").status_code == 404


def _many_groups(n: int) -> None:
    for i in range(n):
        outlet = Outlet.objects.create(name=f"Ledger {i}")
        body = f"Turnout reached {40 + i} percent in ward {i}."
        article = Article.objects.create(outlet=outlet, body=body, raw=body, content_hash=hashlib.sha256(body.encode()).hexdigest())
        speaker = Speaker.objects.create(name=f"Clerk {i}", key=f"clerk {i}")
        group = ClaimGroup.objects.create(kind="percent", unit="percent", subject="turnout", key=f"turnout|{i}")
        for j in range(2):
            Claim.objects.create(article=article, speaker=speaker, group=group, kind="percent", text=f"{40 + i} percent",
                                 start=16 + j, end=26 + j, value=40 + i, unit="percent", fingerprint=f"turnout-{i}-{j}")


# Token with its user and permissions, COUNT for the page numbers, the page, its claims with joins.
GROUP_PAGE_QUERIES = 4


@pytest.mark.parametrize("page_size", [1, 50])
def test_group_page_costs_a_fixed_number_of_queries(api, django_assert_num_queries, page_size):
    _many_groups(50)
    with django_assert_num_queries(GROUP_PAGE_QUERIES):
        response = api.get(f"/api/groups/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size


# --- speakers -----------------------------------------------------------------------------

def test_speaker_shows_roles_aliases_and_links_to_their_claims(api, story):
    row = api.get(f"/api/speakers/{story['lee'].pk}/").json()
    assert row["roles"] == ["Mayor"] and row["aliases"] == ["the mayor"]
    claims = api.get(row["claims"]).json()["results"]
    assert [c["id"] for c in claims] == [story["budget_b"].pk]
    quotes = api.get(row["quotes"]).json()["results"]
    assert [q["id"] for q in quotes] == [story["quote"].pk]


def test_speaker_filters(api, story):
    assert _ids(api.get("/api/speakers/?kind=organisation")) == [story["bureau"].pk]
    assert _ids(api.get("/api/speakers/?q=the mayor")) == [story["lee"].pk]
    assert _ids(api.get("/api/speakers/?q=ann")) == [story["lee"].pk]
    assert _ids(api.get("/api/speakers/")) == [story["lee"].pk, story["bureau"].pk]  # by name


def _many_speakers(n: int) -> None:
    for i in range(n):
        speaker = Speaker.objects.create(name=f"Officer {i:02d}", key=f"officer {i}", roles=["Police spokesperson"])
        SpeakerAlias.objects.create(speaker=speaker, text=f"the spokesperson {i}")


# Token with its user and permissions, COUNT, the page, the aliases.
SPEAKER_PAGE_QUERIES = 4


@pytest.mark.parametrize("page_size", [1, 50])
def test_speaker_page_costs_a_fixed_number_of_queries(api, django_assert_num_queries, page_size):
    _many_speakers(50)
    with django_assert_num_queries(SPEAKER_PAGE_QUERIES):
        response = api.get(f"/api/speakers/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size


# --- articles -----------------------------------------------------------------------------

def test_article_list_leaves_out_the_body_and_detail_has_it(api, story):
    listed = api.get("/api/articles/").json()["results"]
    assert [a["id"] for a in listed] == [story["article_b"].pk, story["article_a"].pk]  # newest first
    assert "body" not in listed[0]
    detail = api.get(f"/api/articles/{story['article_a'].pk}/").json()
    assert detail["body"].startswith("The council approved a budget of $12 million")
    assert detail["status"] == "extracted" and detail["outlet"]["name"] == "Daily Courier"


def test_article_filters(api, story):
    a, b = story["article_a"].pk, story["article_b"].pk
    assert _ids(api.get("/api/articles/?outlet=herald.example")) == [b]
    assert _ids(api.get("/api/articles/?status=extracted&ordering=id")) == [a, b]
    assert _ids(api.get("/api/articles/?status=failed")) == []
    assert _ids(api.get("/api/articles/?published_before=2024-03-06")) == [a]
    assert _ids(api.get("/api/articles/?published_after=2024-03-06")) == [b]
    assert _ids(api.get("/api/articles/?source_url=https://courier.example/budget")) == [a]
    assert _ids(api.get("/api/articles/?q=spend")) == [b]


def test_article_links_list_its_claims(api, story):
    row = api.get(f"/api/articles/{story['article_b'].pk}/").json()
    ids = [c["id"] for c in api.get(row["claims"]).json()["results"]]
    assert ids == [story["budget_b"].pk, story["jobless"].pk]


def _many_articles(n: int) -> None:
    for i in range(n):
        outlet = Outlet.objects.create(name=f"Observer {i}")
        body = f"The bridge reopened after {i + 3} months of repairs."
        Article.objects.create(outlet=outlet, title=f"Bridge reopens ({i})", body=body, raw=body,
                               content_hash=hashlib.sha256(body.encode()).hexdigest())


# Token with its user and permissions, COUNT, the page joined to outlets.
ARTICLE_PAGE_QUERIES = 3


@pytest.mark.parametrize("page_size", [1, 50])
def test_article_page_costs_a_fixed_number_of_queries(api, django_assert_num_queries, page_size):
    _many_articles(50)
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        response = api.get(f"/api/articles/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size
