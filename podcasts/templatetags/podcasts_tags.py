"""Template filters for podcast pages."""

from django import template

register = template.Library()


@register.filter
def clock(seconds) -> str:
    """12:34 or 1:02:03 for a number of seconds."""
    try:
        total = int(round(float(seconds)))
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
