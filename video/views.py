"""The one participant-facing endpoint of video: saving the data-saver choice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from video import services
from video.models import DataSaver


@login_required
@require_POST
def data_saver(request):
    """Remember how this person wants videos to play (from a fetch or a plain form post)."""
    mode = request.POST.get("mode", "")
    wants_json = "application/json" in request.headers.get("Accept", "")
    if mode not in DataSaver.values:
        if wants_json:
            return JsonResponse({"error": _("Choose one of the options.")}, status=400)
        messages.error(request, _("Choose one of the options."))
    else:
        services.data_saver_set(user=request.user, mode=mode)
        if wants_json:
            return JsonResponse({"mode": mode})
        messages.success(request, _("Your video choice is saved."))
    return redirect(_same_site_path(request, request.POST.get("next", "")))


def _same_site_path(request, target: str) -> str:
    """``target`` if it is a path on this site, else "/".

    The same rule as ``cms.redirects.safe_next``, repeated because video depends on none of the
    project's apps: one leading "/", no control characters or backslashes, this host only.
    """
    if (
        target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and all(ord(c) >= 32 and ord(c) != 127 for c in target)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return "/"
