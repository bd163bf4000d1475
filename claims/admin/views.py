"""The reviewers' pages beyond plain change lists: the conflict queue, the dashboard, the
verdict form, the add-article form and the highlighted article text.

Every piece of article text reaches the page through django.utils.html.escape or
format_html: an article containing markup shows it as text.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from claims import search, selectors
from claims.models import Article, Claim, ClaimGroup, Quote
from claims.readable import claim_exact_text, claim_value_text, confidence_text, date_resolution_note
from claims.services.assignment import group_assign, reviewers
from claims.services.ingest import IngestError, article_ingest, article_submit_url
from claims.services.review import VERDICTS, group_disagreements, review_submit

REVIEW_PERMISSION = "claims.add_review"


# --- the verdict form ----------------------------------------------------------------------


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(choices=[(v.value, v.label) for v in VERDICTS], widget=forms.RadioSelect)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), required=False, max_length=10_000)
    evidence_url = forms.URLField(
        required=False, max_length=2000, assume_scheme="https", label="Evidence link",
        widget=forms.URLInput(attrs={"size": 60, "placeholder": "https://"}),
    )


class GroupVerdictForm(VerdictForm):
    """A group's verdict decides each member claim: when the sources disagree, "verified"
    says which is right, by the claims picked as correct or the established value."""

    correct_claims = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label="Correct claim(s)",
    )
    established_value = forms.CharField(
        required=False, max_length=60, label="Or the established value",
        help_text="In the group's unit (45000000000), or YYYY-MM-DD for a date.",
        widget=forms.TextInput(attrs={"size": 24}),
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["correct_claims"].choices = [(c.pk, _member_label(c)) for c in members]


def _member_label(claim: Claim) -> str:
    outlet = claim.article.outlet.name if claim.article.outlet_id else (claim.article.title[:50] or "no outlet")
    return f"{outlet}: {claim.text}"


def group_verdict_context(*, group: ClaimGroup, data=None) -> dict:
    """The group page's verdict form, and why its sources disagree (if they do)."""
    members = list(Claim.objects.filter(group=group).select_related("article__outlet").order_by("article_id", "start"))
    return {
        "verdict_form": GroupVerdictForm(data, members=members),
        "disagreements": group_disagreements(group=group, members=members),
    }


def verdict_submit_view(request, *, model_admin, object_id: str, target: str):
    """POST a verdict on one claim, quote or group; back to its page with a message."""
    if request.method != "POST":
        return HttpResponseRedirect(reverse(f"admin:claims_{target_model_name(target)}_change", args=[object_id]))
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied
    # get_object answers None for an id the primary key cannot hold ("abc"), as for a missing row.
    obj = model_admin.get_object(request, object_id)
    if obj is None:
        raise Http404(f"no {target} {object_id}")
    back = reverse(f"admin:claims_{target_model_name(target)}_change", args=[obj.pk])
    if target == "group":
        form = group_verdict_context(group=obj, data=request.POST)["verdict_form"]
    else:
        form = VerdictForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{field.replace('_', ' ')}: {error}")
        return HttpResponseRedirect(back)
    try:
        review = review_submit(reviewer=request.user, **form.cleaned_data, **{target: obj})
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, f"Verdict not recorded: {error}")
        return HttpResponseRedirect(back)
    decided = Counter(d.status for d in review.decisions.all())
    summary = ", ".join(f"{n} claim{'s' if n > 1 else ''} {status}" for status, n in sorted(decided.items()))
    messages.success(request, f"Verdict recorded: {form.cleaned_data['verdict']} on {obj}." + (f" Decided: {summary}." if summary else ""))
    return HttpResponseRedirect(after_verdict_url(request, target=target, obj=obj) or back)


def after_verdict_url(request, *, target: str, obj) -> str | None:
    """Where a reviewer goes after a verdict on a group opened from the queue: the queue's
    next group (None: stay on the page; the queue is done or was not where they came from).
    `obj` is the group as it was before the verdict: its place in the queue."""
    if target != "group" or "queue" not in request.GET:
        return None
    following = next_group_url(request, group=obj)
    if following is None:
        messages.info(request, "That was the last group of this queue.")
    return following


def target_model_name(target: str) -> str:
    return {"claim": "claim", "quote": "quote", "group": "claimgroup"}[target]


# --- the conflict queue and the dashboard -----------------------------------------------------


def conflict_queue_view(request, *, model_admin):
    """The desk's queue: groups to judge in order, narrowed by search and filters, with how
    many each tab holds, who has each group, and the matcher's reason and certainty."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    filters = selectors.queue_filters_resolved(selectors.QueueFilters.from_query(request.GET))
    groups = selectors.conflict_queue(filters=filters, user=request.user)
    counts = selectors.queue_counts(filters=filters, user=request.user)
    paginator = search.CappedPaginator(groups, 50)
    tab = {("open", ""): "open", ("conflicting", ""): "conflicting", ("open", "me"): "mine"}.get(
        (filters.state, filters.assigned)
    )
    if tab is not None:
        paginator.count = counts[tab]  # the page's own tab was just counted
    page = paginator.get_page(request.GET.get("p"))
    rows = list(page.object_list)
    outlets = selectors.group_outlets(groups=rows)
    queue = filters.query()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Conflict queue",
        "opts": model_admin.model._meta,
        "rows": [
            {"group": g, "outlets": outlets.get(g.id, []), "confidence": confidence_text(g.confidence),
             "url": _group_url(g.pk, queue)}
            for g in rows
        ],
        "page": page,
        "filters": filters,
        "cap": search.COUNT_CAP,
        "tabs": _queue_tabs(filters, counts),
        "kinds": selectors.QUEUE_KINDS,
        "found_choices": [(k, label) for k, (label, _) in selectors.QUEUE_FOUND.items()],
        "queue": queue,
        "can_review": request.user.has_perm(REVIEW_PERMISSION),
    }
    return TemplateResponse(request, "admin/claims/conflict_queue.html", context)


def _queue_tabs(filters: selectors.QueueFilters, counts: dict[str, int]) -> list[dict]:
    tabs = [("Needs a verdict", "open", "", "open"), ("Sources disagree", "conflicting", "", "conflicting"),
            ("Assigned to me", "open", "me", "mine"), ("Verdict given", "reviewed", "", None), ("All", "all", "", None)]
    return [
        {"label": label, "href": "?" + filters.query(state=state, assigned=assigned),
         "current": (filters.state, filters.assigned) == (state, assigned), "count": counts.get(key) if key else None}
        for label, state, assigned, key in tabs
    ]


def _group_url(pk: int, queue: str | None) -> str:
    """A group's page, carrying the queue's filters so that "next" follows the same queue."""
    from urllib.parse import urlencode

    url = reverse("admin:claims_claimgroup_change", args=[pk])
    return f"{url}?{urlencode({'queue': queue})}" if queue is not None else url


def queue_filters_of(request) -> selectors.QueueFilters:
    """The queue a group page was opened from (its ?queue=... parameter)."""
    from django.http import QueryDict

    return selectors.queue_filters_resolved(selectors.QueueFilters.from_query(QueryDict(request.GET.get("queue", ""))))


def next_group_url(request, *, group: ClaimGroup) -> str | None:
    """The next group of the queue this page came from (None: the queue is done)."""
    filters = queue_filters_of(request)
    following = selectors.queue_neighbour(group=group, filters=filters, user=request.user)
    return _group_url(following.pk, filters.query()) if following is not None else None


def group_desk_context(request, *, group: ClaimGroup) -> dict:
    """The group page's desk: its place in the queue, the next group, who has it, and the
    matcher's certainty in words."""
    from urllib.parse import urlencode

    filters = queue_filters_of(request)
    queue = filters.query()
    from_queue = "queue" in request.GET
    verdict_action = reverse("admin:claims_claimgroup_verdict", args=[group.pk])
    return {
        "queue_url": reverse("admin:claims_conflict_queue") + (f"?{queue}" if queue else ""),
        "from_queue": from_queue,
        "queue_param": queue,
        # The verdict goes on to the queue's next group when the page came from the queue.
        "verdict_action": f"{verdict_action}?{urlencode({'queue': queue})}" if from_queue else verdict_action,
        "next_url": next_group_url(request, group=group),
        "confidence": confidence_text(group.confidence),
        "reviewers": reviewers() if request.user.has_perm(REVIEW_PERMISSION) else [],
        "can_review": request.user.has_perm(REVIEW_PERMISSION),
    }


def group_assign_view(request, *, model_admin, object_id: str):
    """POST assignee=me | <user id> | "" (nobody): who works on the group. Back to its page."""
    from django.contrib.auth import get_user_model

    group = get_object_or_404(model_admin.get_queryset(request), pk=object_id)
    back = _group_url(group.pk, request.POST.get("queue"))
    if request.method != "POST":
        return HttpResponseRedirect(back)
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied
    choice = request.POST.get("assignee", "")
    if choice == "me":
        assignee = request.user
    elif choice:
        assignee = get_user_model().objects.filter(pk=choice if choice.isdigit() else None).first()
        if assignee is None:
            messages.error(request, "No such reviewer.")
            return HttpResponseRedirect(back)
    else:
        assignee = None
    try:
        group_assign(group=group, assignee=assignee, by=request.user)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return HttpResponseRedirect(back)
    if assignee is None:
        messages.success(request, "Nobody has this group now.")
    else:
        messages.success(request, "You have this group." if assignee == request.user else f"{assignee} has this group.")
    return HttpResponseRedirect(back)


def _bars(counts: dict[str, int] | list[tuple[str, int]]) -> list[dict]:
    items = list(counts.items()) if isinstance(counts, dict) else list(counts)
    top = max((n for _, n in items), default=0) or 1
    return [{"label": label, "count": n, "percent": round(100 * n / top)} for label, n in items]


def dashboard_view(request, *, model_admin):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    kept = selectors.dashboard_counts_kept(max_age=settings.FACTCHECK_DASHBOARD_SECONDS)
    counts = kept["counts"]
    context = {
        "counted_at": kept["at"],
        "max_age": settings.FACTCHECK_DASHBOARD_SECONDS,
        **model_admin.admin_site.each_context(request),
        "title": "Dashboard",
        "opts": model_admin.model._meta,
        "totals": counts["totals"],
        "claims_by_state": _bars(counts["claims_by_state"]),
        "groups_by_state": _bars(counts["groups_by_state"]),
        "articles_by_status": _bars(counts["articles_by_status"]),
        "conflicts_by_outlet": _bars(counts["conflicts_by_outlet"]),
    }
    return TemplateResponse(request, "admin/claims/dashboard.html", context)


# --- the article text with its quotes and claims highlighted ------------------------------------


def confidence_badge(quote: Quote) -> SafeString:
    """The quote's confidence, marked "check" when extraction was unsure of it."""
    value = f"{quote.confidence:.2f}"
    if quote.low_confidence:
        return format_html('<span class="fc-badge fc-low" title="{}">check {}</span>',
                           "Low confidence: the quote or its speaker was inferred; check it", value)
    return format_html("{}", value)


def _describe_quote(q: Quote) -> str:
    who = q.speaker.name if q.speaker_id else (q.speaker_mention or "unknown speaker")
    group = f"; group: {q.group.suggested_state}" if q.group_id else ""
    low = f"; low confidence ({q.confidence:.2f}): check" if q.low_confidence else ""
    return f"Quote ({q.kind}) by {who}{group}{low}"


def _describe_claim(c: Claim, published: date | None = None) -> str:
    value = claim_value_text(c) or "no date"
    note = date_resolution_note(c, published)
    who = f"; speaker: {c.speaker.name}" if c.speaker_id else ""
    group = f"; group: {c.group.get_suggested_state_display()}" if c.group_id else ""
    return (
        f"Claim ({c.kind}) {c.text}: {value}" + (f" ({note})" if note else "")
        + f" [stored: {claim_exact_text(c)}]{who}; state: {c.get_review_status_display()}{group}"
    )


def highlighted_body(*, article: Article, quotes: list[Quote], claims: list[Claim]) -> SafeString:
    """The article body with each quote and claim wrapped in a span (title: speaker, value,
    state; data-ref: the rows to show on click). Spans may nest and overlap, so the text is
    cut at every span boundary and each piece carries all the spans covering it."""
    body = article.body
    spans = [(q.start, q.end, f"q{q.id}", "fc-quote fc-low" if q.low_confidence else "fc-quote", _describe_quote(q))
             for q in quotes]
    published = timezone.localdate(article.published_at) if article.published_at else None
    spans += [(c.start, c.end, f"c{c.id}", "fc-claim", _describe_claim(c, published)) for c in claims]
    spans = [s for s in spans if 0 <= s[0] < s[1] <= len(body)]
    cuts = sorted({0, len(body), *(s[0] for s in spans), *(s[1] for s in spans)})
    pieces: list[SafeString] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        text = body[start:end]
        covering = [s for s in spans if s[0] <= start and end <= s[1]]
        if not covering:
            pieces.append(escape(text))
            continue
        classes = " ".join(sorted({c for s in covering for c in s[3].split()}))
        title = "\n".join(s[4] for s in covering)
        refs = " ".join(s[2] for s in covering)
        pieces.append(
            format_html('<span class="{}" title="{}" data-ref="{}" tabindex="0">{}</span>', classes, title, refs, text)
        )
    return format_html_join("", "{}", ((p,) for p in pieces))


# --- adding an article ------------------------------------------------------------------------


class ArticleIngestForm(forms.Form):
    outlet = forms.CharField(
        max_length=200, required=False,
        help_text="The outlet that published it, e.g. London Daily. Left empty: the masthead, the page's "
        "metadata or the URL's site names it.",
    )
    title = forms.CharField(
        max_length=500, required=False, widget=forms.TextInput(attrs={"size": 90}),
        help_text="The story's headline. Left empty: the headline found in the text (or its first sentence).",
    )
    published_on = forms.DateField(
        label="Published on", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The day the story ran, if you know it. Relative dates in it (“on Friday”, “next week”) are "
        "counted from this day; without it, and without a date in the story's byline, dateline or address, "
        "they stay unresolved.",
    )
    text = forms.CharField(
        label="Paste the article", required=False, widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        help_text="Plain text or the page's HTML.",
    )
    file = forms.FileField(label="Or upload a file", required=False, help_text=".txt or .html, UTF-8")
    url = forms.URLField(label="Or fetch a URL", required=False, assume_scheme="https", max_length=2000)
    source_url = forms.URLField(
        label="Its address (URL)", required=False, assume_scheme="https", max_length=2000,
        help_text="Optional, for pasted text or an upload: where the story was published. It names the outlet's "
        "site when no outlet is given, and a date in it (/2022/11/25/) dates the story.",
    )

    def clean(self):
        data = super().clean()
        given = [name for name in ("text", "file", "url") if data.get(name)]
        if len(given) != 1:
            raise ValidationError("Give the article one way: paste it, upload a file, or a URL.")
        return data


def published_at_noon(day: date | None) -> datetime | None:
    """A publication day as the instant stored: noon in the site's time zone, so that the
    day reads the same in every time zone near it."""
    if day is None:
        return None
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12), timezone.get_default_timezone())


def article_add_view(request, *, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = ArticleIngestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        field = "url" if data["url"] else "file" if data["file"] else "text"
        given = {"title": data["title"], "published_at": published_at_noon(data["published_on"])}
        try:
            if data["url"]:
                result = article_submit_url(url=data["url"], outlet_name=data["outlet"])
            elif data["file"]:
                upload = data["file"]
                limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
                content = upload.read(limit + 1)
                html = True if upload.name.lower().endswith((".html", ".htm")) else None
                result = article_ingest(
                    content=content, outlet_name=data["outlet"], url=data["source_url"], source_name=upload.name,
                    html=html, **given,
                )
            else:
                result = article_ingest(
                    content=data["text"], outlet_name=data["outlet"], url=data["source_url"], **given
                )
        except IngestError as exc:
            for message in exc.messages:
                form.add_error(field, message)
        else:
            article = result.article
            if result.created and data["url"]:
                messages.success(request, f"Fetching {article.url}; its quotes and claims are extracted once it is here.")
            elif result.created:
                messages.success(request, f"Stored “{article}”; its quotes and claims are being extracted.")
            else:
                messages.warning(request, f"This story is already stored as “{article}”.")
            return HttpResponseRedirect(reverse("admin:claims_article_change", args=[article.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Add an article",
        "opts": model_admin.model._meta,
        "form": form,
        "has_view_permission": model_admin.has_view_permission(request),
    }
    return TemplateResponse(request, "admin/claims/article/add_article.html", context)
