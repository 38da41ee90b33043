"""A participant's own answers to the Washington Group Short Set on functioning (WG-SS).

Optional, asked on the person's own profile with the reason, stored only with their consent
(and when it was given). Reports count people by ``has_disability`` and never show anyone's
answers; the answers are shown to nobody but the person.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Difficulty(models.IntegerChoices):
    NONE = 1, _("No difficulty")
    SOME = 2, _("Some difficulty")
    A_LOT = 3, _("A lot of difficulty")
    CANNOT = 4, _("Cannot do at all")


# The six domains, in the order the questions are asked: (field, question).
DOMAINS = [
    ("seeing", _("Do you have difficulty seeing, even if wearing glasses?")),
    ("hearing", _("Do you have difficulty hearing, even if using a hearing aid?")),
    ("walking", _("Do you have difficulty walking or climbing steps?")),
    ("remembering", _("Do you have difficulty remembering or concentrating?")),
    (
        "self_care",
        _("Do you have difficulty with self-care, such as washing all over or dressing?"),
    ),
    (
        "communicating",
        _(
            "Using your usual language, do you have difficulty communicating, for example "
            "understanding or being understood?"
        ),
    ),
]

# The WG-SS cut-off: "a lot of difficulty" or "cannot do at all" in at least one domain.
DISABILITY_CUTOFF = Difficulty.A_LOT


def _answer_field(label):
    return models.PositiveSmallIntegerField(
        label, choices=Difficulty.choices, null=True, blank=True
    )


class DisabilityAnswers(models.Model):
    """One person's WG-SS answers; the row exists only while they consent to keeping it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="disability_answers"
    )
    seeing = _answer_field(_("seeing"))
    hearing = _answer_field(_("hearing"))
    walking = _answer_field(_("walking"))
    remembering = _answer_field(_("remembering"))
    self_care = _answer_field(_("self-care"))
    communicating = _answer_field(_("communicating"))
    # Kept by the database from the answers, so reports count it in SQL without reading them.
    has_disability = models.GeneratedField(
        expression=models.Case(
            models.When(
                Q(seeing__gte=DISABILITY_CUTOFF)
                | Q(hearing__gte=DISABILITY_CUTOFF)
                | Q(walking__gte=DISABILITY_CUTOFF)
                | Q(remembering__gte=DISABILITY_CUTOFF)
                | Q(self_care__gte=DISABILITY_CUTOFF)
                | Q(communicating__gte=DISABILITY_CUTOFF),
                then=models.Value(True),
            ),
            default=models.Value(False),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    consent_given_at = models.DateTimeField(_("consent given at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("disability questions (WG-SS)")
        verbose_name_plural = _("disability questions (WG-SS)")
        default_permissions = ()

    def __str__(self) -> str:
        return f"WG-SS #{self.pk}"
