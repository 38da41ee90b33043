"""Messages about a person's account that cms cannot send itself (it sits below notifications).

- A sign-in code ("Lupa kata sandi?", ``cms.sign_in``): sent straight to the person's phone
  (WhatsApp or SMS), secret: never listed in the inbox, its text wiped once delivered.
"""

from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms import sign_in
from notifications import kinds, services

SIGN_IN_CODE = "sign_in_code"


def register_kinds() -> None:
    kinds.register(
        SIGN_IN_CODE,
        label=_("Sign-in codes"),
        title=_("Berdaya sign-in code"),
        body=_("Your code is %(code)s. It works for 10 minutes. Do not give it to anyone."),
        ttl=sign_in.CODE_LIFETIME,
        urgency="high",
        reach="direct",
        secret=True,
    )


@receiver(sign_in.sign_in_code_issued, dispatch_uid="notifications-sign-in-code")
def on_sign_in_code(sender, user, code: str, expires_at, **kwargs) -> None:
    with translation.override(user.preferred_language or "id"):
        url = reverse("accounts:password_reset_code")
    services.notify(
        recipient=user, kind=SIGN_IN_CODE, url=url, params={"code": code}, expires_at=expires_at
    )


register_kinds()
