from django import template

register = template.Library()


@register.simple_tag
def cell_display(cell, exact=False):
    """A count as the reader may see it ("<5" / "x" unless ``exact``)."""
    return cell.display(exact=bool(exact))
