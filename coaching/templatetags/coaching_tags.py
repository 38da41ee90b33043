"""Template helpers of the coaching screens: times in the viewer's zone, with its label."""

from django import template

from coaching import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def clinic_time(context, session) -> str:
    """ "Sel, 25 Nov 2026 · 11.00–12.00 WITA" in the signed-in person's zone."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return str(selectors.session_span_for(session=session, user=user))


@register.simple_tag
def clinic_time_in(session, time_zone: str) -> str:
    """The same, in a given zone (the expert's zone on their screens)."""
    return str(
        selectors.local_span(
            starts_at=session.starts_at, ends_at=session.ends_at, time_zone=time_zone
        )
    )
