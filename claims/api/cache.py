"""The read API's page cache: a list's JSON answer, kept until the claims' data next changes.

Consumers syncing the verified feed ask for the same pages again and again; a cached page
costs the token check and one cache read instead of filtering, a six-table query and 50
rows' serialization.

Staleness is ruled out by a data version rather than by a short lifetime:

- Every SQL statement that writes to one of this app's tables (`claims_*`: an insert,
  update or delete by the ORM, a bulk update, raw SQL, the admin, a Celery worker) is seen
  by an execute wrapper on the database connection, which replaces the version token once
  the transaction commits (at once in autocommit).
- A page is stored with the version read *before* its query ran, and served only while
  that is still the current version. A write committed while the page was being built
  makes it unservable, never wrongly served.
- Pages also expire after API_PAGE_CACHE_SECONDS, and the cache being down only means
  no caching: the request is answered from the database.

Web processes and Celery workers must share the cache (CACHE_URL, which turns
API_PAGE_CACHE on): a worker that cannot reach it cannot retire the pages its extraction
changed, and they would be served until they expire.

Only 200 JSON answers are kept, keyed by the view, the scheme, host and path (the answer's
links are absolute), the query's parameters sorted, and the media type. A list refuses
(400) a parameter it does not read, so that made-up parameters (`?junk=N`) can neither make
new entries nor hide a misspelt filter. Memory is bounded twice: a page larger than
API_PAGE_CACHE_MAX_PAGE_BYTES is not kept, and the bytes kept within each
API_PAGE_CACHE_SECONDS are counted in the cache (factcheck.budget) and stop at half of
API_PAGE_CACHE_MAX_BYTES; since a page lives at most that long, the live pages never hold
more than API_PAGE_CACHE_MAX_BYTES, whatever a token asks for. Browsable-API (HTML) answers are never
kept: they hold the user's name and a CSRF token. A client that must bypass the cache sends
`Cache-Control: no-cache`. Every reader sees the same data, so pages are shared among tokens;
authentication, permissions and throttling run before the cache is consulted.
"""
from __future__ import annotations

import hashlib
import logging
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from claims.api.outside_writes import ensure_listening
from factcheck.budget import window_count

log = logging.getLogger(__name__)

VERSION_KEY = "api:data-version"
_WRITE = re.compile(r'\s*(INSERT|UPDATE|DELETE|TRUNCATE)\b[^;]*?"claims_', re.IGNORECASE)
_CACHEABLE_MEDIA = ("application/json", "application/ld+json")


# --- the data version ------------------------------------------------------------------


def bump_data_version() -> None:
    """Make every cached page unservable. Never fails the write that caused it."""
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # the cache is down: pages in it cannot be read either
        log.warning("api page cache: could not record a data change", exc_info=True)


def note_writes(execute, sql, params, many, context):
    """Connection execute wrapper: a statement writing a `claims_*` table bumps the data
    version when its transaction commits."""
    result = execute(sql, params, many, context)
    if settings.API_PAGE_CACHE and _WRITE.match(sql):
        connection = context["connection"]
        if not connection.in_atomic_block:
            bump_data_version()
        elif not any(entry[1] is bump_data_version for entry in connection.run_on_commit):
            transaction.on_commit(bump_data_version, using=connection.alias, robust=True)
    return result


def watch_writes(sender, connection, **kwargs) -> None:
    """connection_created receiver: wrap each new connection's statements once."""
    if note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(note_writes)


# --- pages -------------------------------------------------------------------------------


def known_parameters(view) -> frozenset[str]:
    """The query parameters a list reads: its filters, `ordering`, its paginator's and `format`."""
    names = {"format"}
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is not None:
        names |= set(filterset_class.base_filters)
    if any(issubclass(backend, OrderingFilter) for backend in getattr(view, "filter_backends", ())):
        names.add("ordering")
    paginator = getattr(view, "paginator", None)
    for attr in ("page_query_param", "page_size_query_param", "cursor_query_param"):
        name = getattr(paginator, attr, None)
        if name:
            names.add(name)
    return frozenset(names)


def refuse_unknown_parameters(request, view) -> None:
    unknown = sorted(set(request.query_params) - known_parameters(view))
    if unknown:
        known = ", ".join(sorted(known_parameters(view)))
        raise ValidationError({name[:100]: [f"unknown parameter; this list reads: {known}"] for name in unknown[:20]})


def _page_key(request, view) -> str | None:
    media_type = getattr(request, "accepted_media_type", "") or ""
    if not media_type.startswith(_CACHEABLE_MEDIA):
        return None
    params = getattr(request, "query_params", request.GET)
    query = sorted((name, value) for name, values in params.lists() for value in values)
    where = f"{view.basename}|{view.action}|{request.scheme}://{request.get_host()}{request.path}|{query}|{media_type}"
    return "api:page:" + hashlib.sha256(where.encode()).hexdigest()


def cached_page(request, view) -> tuple[HttpResponse | None, dict]:
    """(the cached answer or None, what store_page needs to keep a fresh one)."""
    if not settings.API_PAGE_CACHE or request.method != "GET":
        return None, {}
    ensure_listening()
    key = _page_key(request, view)
    if key is None:
        return None, {}
    bypass = "no-cache" in request.META.get("HTTP_CACHE_CONTROL", "")
    try:
        # Asked past the cache, only the version is read (for keeping the fresh answer).
        found = cache.get_many([VERSION_KEY] if bypass else [key, VERSION_KEY])
    except Exception:
        log.warning("api page cache unavailable: answering from the database", exc_info=True)
        return None, {}
    version = found.get(VERSION_KEY)
    if version is None:  # first use, or evicted: start a version, keep nothing older
        version = uuid.uuid4().hex
        try:
            if not cache.add(VERSION_KEY, version, None):
                version = cache.get(VERSION_KEY)
        except Exception:
            return None, {}
    page = found.get(key)
    if page is not None and page[0] == version:
        response = HttpResponse(page[1], content_type=page[2])
        response["X-Cache"] = "hit"
        return response, {}
    return None, {"key": key, "version": version}


def store_page(response, key: str, version: str) -> None:
    """Keep a rendered 200 answer under the version read before it was built."""
    if response.status_code != 200 or response.streaming:
        return
    size = len(response.content)
    if size > settings.API_PAGE_CACHE_MAX_PAGE_BYTES:
        return
    seconds = settings.API_PAGE_CACHE_SECONDS
    kept, _ = window_count("api-page-bytes", seconds=seconds, add=size)
    if kept > settings.API_PAGE_CACHE_MAX_BYTES // 2:
        log.info("api page cache: %s bytes kept in %s s, at its budget; page not kept", kept, seconds)
        return
    try:
        cache.set(key, (version, response.content, response["Content-Type"]), seconds)
    except Exception:
        log.warning("api page cache: could not keep a page", exc_info=True)


class PageCacheMixin:
    """For a read viewset: lists are answered from the page cache when it holds them."""

    def list(self, request, *args, **kwargs):
        refuse_unknown_parameters(request, self)
        hit, slot = cached_page(request, self)
        if hit is not None:
            return hit
        response = super().list(request, *args, **kwargs)
        if slot:
            response["X-Cache"] = "miss"
            response.add_post_render_callback(lambda rendered: store_page(rendered, **slot))
        return response
