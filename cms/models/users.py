"""People: one user model for participants, facilitators, experts and programme managers.

A person's demographic facts live here, on the user, because every app needs them: cohorts
and reports group by sex, age band and district; coaching shows times in the person's zone;
reminders speak the person's language. What a person *does* lives in the apps below.
"""

import zoneinfo

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.phone import display_mobile, normalise_mobile

from .districts import DistrictField


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class AgeBand(models.TextChoices):
    UNDER_25 = "under_25", _("Under 25")
    AGE_25_34 = "25_34", _("25–34")
    AGE_35_44 = "35_44", _("35–44")
    AGE_45_54 = "45_54", _("45–54")
    AGE_55_UP = "55_up", _("55 or older")


class TimeZoneChoice(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (UTC+7)")
    WITA = "Asia/Makassar", _("WITA (UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (UTC+9)")


TIME_ZONE_LABELS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


class MigrantStatus(models.TextChoices):
    RETURNEE = "returnee", _("Returning migrant worker")
    FAMILY = "family", _("Family member of a migrant worker")


class Role(models.TextChoices):
    """The Django groups that carry roles (created by a data migration)."""

    PARTICIPANT = "participants", _("Participants")
    FACILITATOR = "facilitators", _("Facilitators")
    EXPERT = "experts", _("Experts")
    MANAGER = "programme managers", _("Programme managers")


# The role groups that make an account staff (the one definition; see User.is_staff_member).
STAFF_ROLES = (Role.FACILITATOR, Role.EXPERT, Role.MANAGER)


class UserManager(DjangoUserManager):
    use_in_migrations = True

    def _create_user(self, mobile, password, **extra_fields):
        mobile = normalise_mobile(mobile)
        user = self.model(mobile=mobile, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, mobile, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(mobile, password, **extra_fields)

    def create_superuser(self, mobile, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(mobile, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their mobile number."""

    mobile = models.CharField(
        _("mobile number"),
        max_length=16,
        unique=True,
        help_text=_("Stored as +62…; people may type 0812…, +62812… or 62812…."),
        error_messages={"unique": _("This mobile number is already registered.")},
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    district = DistrictField(_("district"), blank=True, db_index=True)
    migrant_status = models.CharField(
        _("returning migrant or family"),
        max_length=10,
        choices=MigrantStatus.choices,
        blank=True,
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
        default="id",
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=32,
        choices=TimeZoneChoice.choices,
        default=TimeZoneChoice.WIB,
        help_text=_("Set from the district at sign-up; the person can change it."),
    )
    data_saver = models.CharField(
        _("data saver"),
        max_length=4,
        choices=[
            ("auto", _("Automatic: on when the phone asks to save data or the signal is slow")),
            ("on", _("On: smaller audio, video and images")),
            ("off", _("Off: full quality")),
        ],
        default="auto",
        help_text=_("Applies to podcast audio, lesson videos and images."),
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Can sign in to the Wagtail admin."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    profile_asked_at = models.DateTimeField(
        _("profile details asked at"),
        null=True,
        blank=True,
        help_text=_(
            "When the person was asked (once, after signing in) for the details a facilitator "
            "did not give: sex, age band, district."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "mobile"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.mobile

    # Wagtail's admin reads these.
    @property
    def first_name(self) -> str:
        return self.name.split(" ", 1)[0] if self.name else ""

    @property
    def last_name(self) -> str:
        return self.name.split(" ", 1)[1] if " " in self.name else ""

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def mobile_display(self) -> str:
        return display_mobile(self.mobile)

    @property
    def zoneinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or "Asia/Jakarta")

    @property
    def time_zone_label(self) -> str:
        return TIME_ZONE_LABELS.get(self.time_zone, self.time_zone)

    def has_role(self, role: str) -> bool:
        """True when the person is in the role's group (cached per request on the instance)."""
        cache = getattr(self, "_role_cache", None)
        if cache is None:
            cache = set(self.groups.values_list("name", flat=True))
            self._role_cache = cache
        return role in cache

    @property
    def is_participant(self) -> bool:
        return self.has_role(Role.PARTICIPANT)

    @property
    def is_facilitator(self) -> bool:
        return self.has_role(Role.FACILITATOR)

    @property
    def is_expert(self) -> bool:
        return self.has_role(Role.EXPERT)

    @property
    def is_manager(self) -> bool:
        return self.is_superuser or self.has_role(Role.MANAGER)

    @property
    def is_staff_member(self) -> bool:
        """Staff are decided by role group (or superuser), never by ``is_staff`` alone.

        A facilitator, expert or programme manager is staff however the account was made;
        ``is_staff`` is kept in step with the groups by the admin's user forms.
        """
        return self.is_superuser or any(self.has_role(role) for role in STAFF_ROLES)
