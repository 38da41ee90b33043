"""Tasks of the site shell."""

from importlib import import_module
from pathlib import Path

from celery import shared_task
from django.conf import settings


@shared_task
def write_heartbeat(path: str, text: str) -> None:
    """Write a file: lets an operator (and a test) see that the worker runs queued work."""
    Path(path).write_text(text)


@shared_task(name="cms.prune_sessions", ignore_result=True)
def prune_sessions() -> None:
    """Delete expired sessions (what `manage.py clearsessions` does; a no-op for sessions kept
    in the cache, which expire by themselves)."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@shared_task(name="cms.sign_in_codes_forget")
def sign_in_codes_forget() -> int:
    """Delete sign-in codes older than a day (idempotent)."""
    from cms.sign_in import sign_in_codes_forget as forget

    return forget()
