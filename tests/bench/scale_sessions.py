"""Signed-in sessions for the scale benchmark's participants, made by the servers' own session
engine (``python -m tests.bench.scale_sessions < ids``, with the servers' settings): the load
starts signed in, without a password hash per person (hundreds of PBKDF2 runs would take
minutes). Prints ``{user id: session key}`` as JSON."""

import json
import sys

import django


def main() -> None:
    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from cms.models import User

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = {}
    for user in User.objects.filter(pk__in=json.load(sys.stdin)):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys[user.pk] = session.session_key
    json.dump({"cookie": settings.SESSION_COOKIE_NAME, "keys": keys}, sys.stdout)


if __name__ == "__main__":
    main()
