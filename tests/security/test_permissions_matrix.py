"""Who may do what: every API endpoint and admin page, for each role, with the status each gets.

Roles are the real ones (`setup_roles`): an anonymous visitor, an API consumer (a token, no
admin login), a fact-checker and a reviewer (staff, in their groups) and an admin
(superuser). Actions are read, create, verdict and delete. The URL list comes from Django's
resolver and the OpenAPI schema, so a new endpoint or admin page fails
test_every_url_is_in_the_matrix until someone decides who may use it.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Review, ReviewStatus
from tests.factories import ArticleFactory, ClaimFactory, ClaimGroupFactory, QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "consumer", "fact_checker", "reviewer", "admin"]
ROLE_GROUPS = {"consumer": "api-consumers", "fact_checker": "fact-checkers", "reviewer": "reviewers"}

# --- the API's expectations -----------------------------------------------------------------
READ = dict(anonymous=401, consumer=200, fact_checker=200, reviewer=200, admin=200)
PUBLIC = dict.fromkeys(ROLES, 200)
NOT_ALLOWED = dict(anonymous=401, consumer=405, fact_checker=405, reviewer=405, admin=405)
SUBMIT_ARTICLE = dict(anonymous=401, consumer=403, fact_checker=202, reviewer=403, admin=202)
VERDICT = dict(anonymous=401, consumer=403, fact_checker=403, reviewer=201, admin=201)

# --- the admin's: what each staff role may do per model (v view, a add, c change, d delete) --
# The admin (superuser) may do everything except where a model admin forbids it for all.
RIGHTS = {
    "claims.outlet": dict(fact_checker="va", reviewer="v"),
    "claims.article": dict(fact_checker="vac", reviewer="v"),
    "claims.speaker": dict(fact_checker="vac", reviewer="v"),
    "claims.quote": dict(fact_checker="vcd", reviewer="v"),
    "claims.claim": dict(fact_checker="vcd", reviewer="v"),
    # Groups are the matcher's: nobody adds or edits one by hand; a verdict is a Review.
    "claims.claimgroup": dict(fact_checker="v", reviewer="v", admin="vd"),
    # Reviews are the record of who decided what: never added, edited or deleted by hand.
    "claims.review": dict(fact_checker="v", reviewer="v", admin="v"),
    "auth.user": {},
    "auth.group": {},
    "authtoken.tokenproxy": {},
}
HISTORY_MODELS = {"claims.article", "claims.speaker", "claims.quote", "claims.claim", "claims.claimgroup", "claims.review"}
VERDICT_MODELS = {"claims.quote", "claims.claim", "claims.claimgroup"}


def rights(model: str, role: str) -> str:
    return RIGHTS[model].get(role, "vacd" if role == "admin" else "")


def admin_page(model: str, need: str, ok: int = 200) -> dict[str, int]:
    """Expected status of an admin page needing one right: non-staff are sent to log in."""
    return {role: 302 if role in {"anonymous", "consumer"} else ok if need in rights(model, role) else 403 for role in ROLES}


def staff_page(ok: int = 200, **overrides: int) -> dict[str, int]:
    return {**{role: 302 if role in {"anonymous", "consumer"} else ok for role in ROLES}, **overrides}


@dataclass(frozen=True)
class Cell:
    name: str  # URL name, as the resolver knows it
    method: str
    action: str  # read / create / verdict / delete
    expect: dict[str, int]
    args: Callable[[dict], list] = lambda world: []
    data: Callable[[dict], dict] | None = None

    def label(self) -> str:
        return f"{self.method} {self.name} ({self.action})"


def _pk(key: str) -> Callable[[dict], list]:
    return lambda world: [world[key].pk]


def api_cells() -> list[Cell]:
    cells = [
        Cell("api:root", "GET", "read", READ),
        Cell("api-schema", "GET", "read", PUBLIC),
        Cell("api-docs", "GET", "read", PUBLIC),
        Cell("api-redoc", "GET", "read", PUBLIC),
        Cell("rest_framework:login", "GET", "read", PUBLIC),
        Cell("rest_framework:logout", "GET", "read", dict.fromkeys(ROLES, 405)),
        Cell("api:claim-export", "GET", "read", READ),
        Cell("api:claimreview-list", "GET", "read", READ),
        Cell("api:claimreview-list", "POST", "create", NOT_ALLOWED, data=lambda w: {}),
        Cell("api:article-list", "POST", "create", SUBMIT_ARTICLE, data=lambda w: {
            "text": f"The council approved $12 million for roads, Mayor Ann Lee said ({w['role']}).",
            "outlet": "Daily Courier"}),
        Cell("api:claim-claimreview", "GET", "read", READ, _pk("claim")),
        Cell("api:group-claimreview", "GET", "read", READ, _pk("group")),
        Cell("api:claim-verdicts", "POST", "verdict", VERDICT, _pk("claim"),
             data=lambda w: {"verdict": "verified", "note": "matches the minutes"}),
        Cell("api:group-verdicts", "POST", "verdict", VERDICT, _pk("group"),
             data=lambda w: {"verdict": "conflicting", "note": "sources disagree"}),
        Cell("api:claim-verdicts", "GET", "read", NOT_ALLOWED, _pk("claim")),
        Cell("api:group-verdicts", "GET", "read", NOT_ALLOWED, _pk("group")),
        Cell("api:claim-reviews", "GET", "read", READ, _pk("claim")),
        Cell("api:group-reviews", "GET", "read", READ, _pk("group")),
        Cell("api:claim-reviews", "POST", "create", NOT_ALLOWED, _pk("claim"), data=lambda w: {}),
    ]
    for kind, key in [("article", "article"), ("quote", "quote"), ("claim", "claim"), ("group", "group"),
                      ("speaker", "speaker"), ("review", "review")]:
        cells += [
            Cell(f"api:{kind}-list", "GET", "read", READ),
            Cell(f"api:{kind}-detail", "GET", "read", READ, _pk(key)),
            Cell(f"api:{kind}-detail", "DELETE", "delete", NOT_ALLOWED, _pk(key)),
            Cell(f"api:{kind}-detail", "PUT", "create", NOT_ALLOWED, _pk(key), data=lambda w: {}),
        ]
        if kind != "article":
            cells.append(Cell(f"api:{kind}-list", "POST", "create", NOT_ALLOWED, data=lambda w: {}))
    return cells


def admin_cells() -> list[Cell]:
    cells = [
        Cell("admin:index", "GET", "read", staff_page()),
        Cell("admin:login", "GET", "read", dict(anonymous=200, consumer=200, fact_checker=302, reviewer=302, admin=302)),
        Cell("admin:logout", "GET", "read", staff_page(405)),
        Cell("admin:password_change", "GET", "read", staff_page()),
        Cell("admin:password_change_done", "GET", "read", staff_page()),
        Cell("admin:jsi18n", "GET", "read", staff_page()),
        Cell("admin:autocomplete", "GET", "read", staff_page(403)),
        # Articles have no page of their own outside the admin and the API.
        Cell("admin:view_on_site", "GET", "read", staff_page(404), lambda w: [w["article_ct"], w["article"].pk]),
        Cell("admin:auth_user_password_change", "GET", "read", admin_page("auth.user", "c"), _pk("user")),
        Cell("admin:app_list", "GET", "read", staff_page(), lambda w: ["claims"]),
        Cell("admin:claims_conflict_queue", "GET", "read", admin_page("claims.claimgroup", "v")),
        Cell("admin:claims_dashboard", "GET", "read", admin_page("claims.claimgroup", "v")),
        Cell("admin:claims_article_add", "POST", "create", admin_page("claims.article", "a", ok=302), data=lambda w: {
            "outlet": "Daily Courier", "text": f"The council approved $12 million for roads ({w['role']}).",
            "url": "", "source_url": ""}),
    ]
    objects = {"claims.outlet": "outlet", "claims.article": "article", "claims.speaker": "speaker",
               "claims.quote": "quote", "claims.claim": "claim", "claims.claimgroup": "group",
               "claims.review": "review", "auth.user": "user", "auth.group": "role_group",
               "authtoken.tokenproxy": "token_user"}
    for model, key in objects.items():
        prefix = "admin:" + model.replace(".", "_")
        cells += [
            Cell(f"{prefix}_changelist", "GET", "read", admin_page(model, "v")),
            Cell(f"{prefix}_add", "GET", "create", admin_page(model, "a")),
            Cell(f"{prefix}_change", "GET", "read", admin_page(model, "v"), _pk(key)),
            Cell(f"{prefix}_history", "GET", "read", admin_page(model, "v"), _pk(key)),
            Cell(f"{prefix}_delete", "GET", "delete", admin_page(model, "d"), _pk(key)),
        ]
        if model in HISTORY_MODELS:
            cells.append(Cell(f"{prefix}_simple_history", "GET", "read", admin_page(model, "v"),
                              lambda w, key=key: [w[key].pk, w[key].history.first().history_id]))
        if model in VERDICT_MODELS:
            ok = staff_page(302, fact_checker=403)
            cells.append(Cell(f"{prefix}_verdict", "POST", "verdict", ok, _pk(key),
                              data=lambda w: {"verdict": "verified", "note": "checked", "evidence_url": ""}))
    # Who works on a group: reviewers take it or give it to another reviewer.
    cells.append(Cell("admin:claims_claimgroup_assign", "POST", "verdict", staff_page(302, fact_checker=403), _pk("group"),
                      data=lambda w: {"assignee": "me"}))
    # Deleting for real, on rows of their own, last.
    for model, key in {"claims.claim": "doomed_claim", "claims.quote": "doomed_quote",
                       "claims.article": "doomed_article"}.items():
        prefix = "admin:" + model.replace(".", "_")
        cells.append(Cell(f"{prefix}_delete", "POST", "delete", admin_page(model, "d", ok=302), _pk(key),
                          data=lambda w: {"post": "yes"}))
    return cells


CELLS = api_cells() + admin_cells()


@pytest.fixture
def world():
    """One of everything, and users in every role."""
    from django.contrib.contenttypes.models import ContentType

    call_command("setup_roles", stdout=io.StringIO())
    cache.clear()  # throttle counters
    User = get_user_model()
    users = {"anonymous": None}
    for role, group in ROLE_GROUPS.items():
        # No password (hashing one costs a second each): tokens and force_login need none.
        users[role] = User.objects.create_user(f"matrix-{role}", is_staff=role != "consumer")
        users[role].groups.add(Group.objects.get(name=group))
    users["admin"] = User.objects.create_superuser("matrix-admin", password=None)
    article = ArticleFactory()
    speaker = SpeakerFactory()
    # Verified, so that their ClaimReview exists.
    group = ClaimGroupFactory(verdict=ReviewStatus.VERIFIED)
    quote = QuoteFactory(article=article, speaker=speaker, group=group)
    claim = ClaimFactory(article=article, quote=quote, speaker=speaker, group=group, review_status=ReviewStatus.VERIFIED)
    review = Review.objects.create(reviewer=users["admin"], claim=claim, verdict=ReviewStatus.VERIFIED,
                                   target_text=claim.text)
    doomed_article = ArticleFactory()
    world = {
        "users": users, "article": article, "outlet": article.outlet, "speaker": speaker, "group": group,
        "quote": quote, "claim": claim, "review": review, "user": users["consumer"],
        "role_group": Group.objects.get(name="reviewers"),
        "token_user": Token.objects.create(user=users["consumer"]).user,
        "article_ct": ContentType.objects.get_for_model(article).pk,
        "doomed_article": doomed_article,
        "doomed_quote": QuoteFactory(article=doomed_article, speaker=speaker),
        "doomed_claim": ClaimFactory(article=doomed_article),
    }
    yield world
    cache.clear()


def clients_for(user) -> tuple[APIClient, Client]:
    api, browser = APIClient(), Client()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        browser.force_login(user)
    return api, browser


@pytest.mark.parametrize("role", ROLES)
def test_every_cell_of_the_matrix(role, world):
    api, browser = clients_for(world["users"][role])
    world["role"] = role
    wrong = []
    for cell in CELLS:
        url = reverse(cell.name, args=cell.args(world))
        client = api if url.startswith("/api/") else browser
        data = cell.data(world) if cell.data else None
        kwargs = {"format": "json"} if client is api and data is not None else {}
        response = getattr(client, cell.method.lower())(url, data, **kwargs) if data is not None else \
            getattr(client, cell.method.lower())(url)
        if response.status_code != cell.expect[role]:
            wrong.append(f"{cell.label()} {url}: expected {cell.expect[role]}, got {response.status_code}")
    assert wrong == []


def _named_urls(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_url_is_in_the_matrix():
    # Unnamed patterns are only redirects (admin's <id>/ to <id>/change/, / to /admin/) and
    # the admin's catch-all 404.
    assert _named_urls(get_resolver().url_patterns) - {cell.name for cell in CELLS} == set()


def test_every_operation_of_the_api_schema_is_in_the_matrix():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    cells = {(cell.name, cell.method) for cell in CELLS}
    missing = []
    for path, operations in schema["paths"].items():
        name = resolve(path.replace("{id}", "1")).view_name
        for method in operations:
            if method.upper() in {"GET", "POST", "PUT", "PATCH", "DELETE"} and (name, method.upper()) not in cells:
                missing.append(f"{method.upper()} {path}")
    assert missing == []
