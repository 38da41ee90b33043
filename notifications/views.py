"""Views of the notifications app: the inbox, reminder settings, subscriptions, the worker.

Views parse input, call one service and render. Everything is the signed-in person's own:
other people's notifications and devices are simply not found.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.redirects import safe_next
from cms.validators import parse_id
from notifications import selectors, services
from notifications.forms import ReminderSettingsForm, SubscriptionForm
from notifications.models import Notification


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    items = list(selectors.inbox(user=request.user))
    return render(
        request,
        "notifications/inbox.html",
        {"notifications": items, "unread": sum(1 for n in items if not n.is_read)},
    )


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Opening a notification marks it read and goes to the page it is about."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    return redirect(safe_next(request, "/", value=notification.url))


@require_POST
@login_required
def mark_read(request: HttpRequest) -> HttpResponse:
    """Mark one (``id``) or all of the person's notifications read."""
    raw = request.POST.get("id")
    if raw is not None and parse_id(raw) is None:
        messages.error(request, _("That notification was not found."))
        return redirect("notifications:inbox")
    ids = [parse_id(raw)] if raw else None
    services.notifications_mark_read(user=request.user, ids=ids)
    return redirect("notifications:inbox")


@login_required
def reminder_settings(request: HttpRequest) -> HttpResponse:
    current = selectors.settings_for(user=request.user)
    if request.method == "POST":
        form = ReminderSettingsForm(request.POST, user=request.user)
        if form.is_valid():
            services.settings_update(
                user=request.user,
                quiet_start=form.cleaned_data["quiet_start"],
                quiet_end=form.cleaned_data["quiet_end"],
                muted_kinds=form.muted_kinds(),
                channel_order=form.channel_order(),
            )
            messages.success(request, _("Your reminder settings are saved."))
            return redirect("notifications:settings")
    else:
        form = ReminderSettingsForm(user=request.user, current=current)
    return render(
        request,
        "notifications/reminder_settings.html",
        {
            "form": form,
            "devices": selectors.subscriptions(user=request.user),
            "vapid_public_key": settings.WEBPUSH_VAPID_PUBLIC_KEY,
            # Safari on an iPhone or iPad shows web push only for a site added to the home
            # screen; the page says how (the server cannot tell whether it already was).
            "is_iphone": _is_iphone(request.headers.get("User-Agent", "")),
        },
    )


def _is_iphone(user_agent: str) -> bool:
    return "iPhone" in user_agent or "iPad" in user_agent


def _json_or_form(request: HttpRequest) -> dict:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return {}
        if not isinstance(data, dict):
            return {}
        keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
        return {
            "endpoint": data.get("endpoint", ""),
            "p256dh": keys.get("p256dh", data.get("p256dh", "")),
            "auth": keys.get("auth", data.get("auth", "")),
        }
    return request.POST.dict()


@require_POST
@login_required
def subscribe(request: HttpRequest) -> JsonResponse:
    form = SubscriptionForm(_json_or_form(request))
    if not form.is_valid():
        return JsonResponse(
            {"ok": False, "errors": {k: [str(e) for e in v] for k, v in form.errors.items()}},
            status=400,
        )
    try:
        subscription = services.subscription_save(
            user=request.user,
            user_agent=request.headers.get("User-Agent", ""),
            **form.cleaned_data,
        )
    except services.EndpointRefused as refused:
        return JsonResponse(
            {"ok": False, "errors": {"endpoint": [str(refused.message)]}}, status=400
        )
    return JsonResponse({"ok": True, "id": subscription.pk, "device": subscription.device_label})


@require_POST
@login_required
def unsubscribe(request: HttpRequest) -> HttpResponse:
    """Turn off a device: by id from the devices list, or by endpoint from the device itself."""
    data = _json_or_form(request) if request.content_type == "application/json" else request.POST
    raw = data.get("id") or request.POST.get("id")
    if raw:
        pk = parse_id(raw if isinstance(raw, int) else str(raw))
        if pk is None:
            raise Http404
        removed = services.subscription_delete(user=request.user, pk=pk)
    else:
        removed = services.subscription_delete(user=request.user, endpoint=data.get("endpoint"))
    if request.content_type == "application/json":
        return JsonResponse({"ok": True, "removed": removed})
    if removed:
        messages.success(request, _("Reminders are turned off on that device."))
    else:
        messages.error(request, _("That device was not found."))
    return redirect("notifications:settings")
