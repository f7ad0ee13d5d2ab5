"""Following things by e-mail without an account: ask, confirm (double opt-in), manage,
and unsubscribe in one click (RFC 8058: the mail client POSTs, no page, no token but the
alert's own)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from watching_brief.tracker.access.holders import visible_posts
from watching_brief.tracker.alerts import services
from watching_brief.tracker.alerts.models import Interest, Subscription
from watching_brief.tracker.api.throttling import client_address
from watching_brief.tracker.meetings.models import Body, Series, Topic
from watching_brief.tracker.participation import limits
from watching_brief.tracker.participation.services import network_of
from watching_brief.tracker.web.alert_forms import AlertForm, FrequencyForm
from watching_brief.tracker.web.forms import error_list

PUBLIC = AnonymousUser()
MAX_PHRASE = 200
TARGET_KEYS = ("body", "series", "topic", "post", "q")


def _target(request: HttpRequest) -> tuple[str, Any]:
    """What the visitor asked to follow, from the query string; 404 when it is unknown."""
    query = {key: request.POST.get(key) or request.GET.get(key, "") for key in TARGET_KEYS}
    if query.get("body"):
        return "body", get_object_or_404(Body, slug=query["body"])
    if query.get("series", "").isdigit():
        return "series", get_object_or_404(
            Series.objects.select_related("body"), pk=query["series"]
        )
    if query.get("topic"):
        return "topic", get_object_or_404(Topic, slug=query["topic"])
    if query.get("post", "").isdigit():
        return "post", get_object_or_404(visible_posts(PUBLIC), pk=query["post"])
    phrase = " ".join(query.get("q", "").split())[:MAX_PHRASE]
    if phrase:
        return "phrase", phrase
    raise Http404("Choose what to follow: a body, series, topic, post or search phrase.")


def _key(target: Any) -> str:
    return str(getattr(target, "slug", None) if isinstance(target, Body | Topic) else target.pk)


def _label(kind: str, target: Any) -> str:
    interest = Subscription(kind=kind, **services.target_fields(kind, target))
    return Interest.label(interest)


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    kind, target = _target(request)
    form = AlertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:  # a script filled the field people never see
            return redirect("web:alert_check")
        network = network_of(client_address(request))
        if not limits.allow(data["email"], network, scope="alerts"):
            refused = {"title": "Too many requests", "text": "Try again tomorrow."}
            return render(request, "web/alerts/message.html", refused, status=429)
        services.subscribe(data["email"], kind, target, data["frequency"])
        return redirect("web:alert_check")
    hidden = {"q": target} if kind == "phrase" else {kind: _key(target)}
    context: dict[str, Any] = {
        "form": form,
        "label": _label(kind, target),
        "hidden": hidden,
        "errors": error_list(form) if form.is_bound else [],
    }
    return render(request, "web/alerts/new.html", context)


def check(request: HttpRequest) -> HttpResponse:
    context = {
        "title": "Check your email",
        "text": "We have sent a link to confirm your alerts. Nothing is sent until you confirm.",
    }
    return render(request, "web/alerts/message.html", context)


def _subscription(token: str) -> Subscription:
    return get_object_or_404(
        Subscription.objects.select_related("body", "series__body", "topic", "post"),
        token=token,
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscription = _subscription(token)
    if request.method == "POST":
        services.confirm(subscription)
        return redirect("web:alert_manage", token=token)
    context = {
        "title": "Confirm your alerts",
        "text": f"Start e-mail alerts about {subscription.label()} to {subscription.email}.",
        "button": "Confirm",
    }
    return render(request, "web/alerts/message.html", context)


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """Every alert of the address that holds this token: how often, or stop."""
    subscription = _subscription(token)
    others = Subscription.objects.filter(email__iexact=subscription.email).select_related(
        "body", "series__body", "topic", "post"
    )
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        chosen = get_object_or_404(others, token=request.POST.get("alert", ""))
        if "stop" in request.POST:
            chosen.delete()
            if chosen.token == token:  # the alert this page was opened for
                return redirect("web:alert_stopped")
            return redirect("web:alert_manage", token=token)
        form = FrequencyForm(request.POST, prefix=request.POST.get("prefix", ""))
        if form.is_valid():
            chosen.frequency = form.cleaned_data["frequency"]
            chosen.save(update_fields=["frequency"])
            return redirect("web:alert_manage", token=token)
        errors = error_list(form)
    rows = [
        {"alert": one, "form": FrequencyForm(initial={"frequency": one.frequency}, prefix=f"a{i}")}
        for i, one in enumerate(others.order_by("created", "pk"))
    ]
    context = {"email": subscription.email, "rows": rows, "errors": errors}
    return render(request, "web/alerts/manage.html", context)


@csrf_exempt  # RFC 8058: the mail client POSTs with no page and no CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a link scanner must not unsubscribe anyone); POST stops the alert."""
    subscription = Subscription.objects.filter(token=token).first()
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return redirect("web:alert_stopped")
    if subscription is None:
        return redirect("web:alert_stopped")
    context = {
        "title": "Stop these alerts",
        "text": f"Stop e-mail alerts about {subscription.label()} to {subscription.email}.",
        "button": "Stop the alerts",
        "warning": True,
    }
    return render(request, "web/alerts/message.html", context)


def stopped(request: HttpRequest) -> HttpResponse:
    context = {"title": "Alerts stopped", "text": "You will get no more of these alerts."}
    return render(request, "web/alerts/message.html", context)
