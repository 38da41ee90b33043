"""Forms of the coaching screens. Times are typed in the expert's own zone and stored in UTC."""

import datetime as dt
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models.users import TIME_ZONE_LABELS
from cms.validators import SensibleDateField
from coaching.models import Audience, Expert, SessionMode, Topic
from coaching.services import SessionData

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _cohorts():
    from learning.models import Cohort

    return Cohort.objects.all()


class ClinicFilterForm(forms.Form):
    """Browse clinics by topic and date."""

    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(), required=False, empty_label=_("All topics"), label=_("Topic")
    )
    day = SensibleDateField(required=False, widget=DATE, label=_("Date"))
    bookable = forms.BooleanField(required=False, label=_("Only clinics I can book now"))


class SessionFieldsMixin(forms.Form):
    """The fields shared by one session and a series of slots."""

    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), label=_("Topic"))
    mode = forms.ChoiceField(
        choices=SessionMode.choices, widget=forms.RadioSelect, label=_("In person or online")
    )
    place = forms.CharField(
        max_length=200, required=False, label=_("Place"), help_text=_("For sessions in person.")
    )
    meeting_link = forms.URLField(
        required=False,
        label=_("Meeting link"),
        help_text=_("For online sessions; only participants with a seat see it."),
        assume_scheme="https",
    )
    audience = forms.ChoiceField(
        choices=Audience.choices, initial=Audience.MASTERY, label=_("Who may book")
    )
    cohort = forms.ModelChoiceField(queryset=None, required=False, label=_("Cohort"))
    notice_hours = forms.IntegerField(
        min_value=0,
        max_value=24 * 14,
        initial=12,
        label=_("Minimum notice (hours)"),
        help_text=_("Booking and cancelling close this many hours before the start."),
    )

    def __init__(self, *args, expert: Expert | None = None, experts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = _cohorts()
        self.expert = expert
        if experts is not None:  # a manager chooses the expert
            self.fields = {
                "expert": forms.ModelChoiceField(
                    queryset=experts, label=_("Expert"), required=True
                ),
                **self.fields,
            }

    @property
    def zone_label(self) -> str:
        return TIME_ZONE_LABELS.get(self.zone_name, "")

    @property
    def zone_name(self) -> str:
        return self.expert.user.time_zone if self.expert else "Asia/Jakarta"

    def chosen_expert(self) -> Expert:
        return self.cleaned_data.get("expert") or self.expert

    def clean(self):
        data = super().clean()
        mode = data.get("mode")
        if mode == SessionMode.ONLINE and not data.get("meeting_link"):
            self.add_error("meeting_link", _("An online session needs a meeting link."))
        if mode == SessionMode.IN_PERSON and not data.get("place"):
            self.add_error("place", _("A session in person needs a place."))
        if data.get("audience") == Audience.COHORT and not data.get("cohort"):
            self.add_error("cohort", _("Choose the cohort that may book."))
        return data

    def session_data(self, capacity: int) -> SessionData:
        d = self.cleaned_data
        return SessionData(
            topic=d["topic"],
            mode=d["mode"],
            capacity=capacity,
            place=d.get("place", ""),
            meeting_link=d.get("meeting_link", ""),
            audience=d["audience"],
            cohort=d.get("cohort"),
            notice_hours=d["notice_hours"],
            title=d.get("title", ""),
            description=d.get("description", ""),
        )

    def local(self, day: dt.date, time: dt.time) -> dt.datetime:
        expert = self.chosen_expert()
        zone = expert.user.time_zone if expert else self.zone_name
        return dt.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(zone))


class SessionForm(SessionFieldsMixin):
    """One session: a group clinic or a one-to-one slot."""

    title = forms.CharField(max_length=150, required=False, label=_("Title (optional)"))
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("What it is about")
    )
    day = SensibleDateField(widget=DATE, label=_("Date"))
    start = forms.TimeField(widget=TIME, label=_("Starts"))
    end = forms.TimeField(
        widget=TIME, label=_("Ends"), help_text=_("An end before the start means the next day.")
    )
    capacity = forms.IntegerField(
        min_value=1, max_value=500, initial=5, label=_("Seats"), help_text=_("1 for one-to-one.")
    )

    field_order = ["expert", "topic", "title", "day", "start", "end", "capacity"]

    def span(self) -> tuple[dt.datetime, dt.datetime]:
        d = self.cleaned_data
        starts = self.local(d["day"], d["start"])
        ends = self.local(d["day"], d["end"])
        if ends <= starts:
            ends += dt.timedelta(days=1)
        return starts.astimezone(dt.UTC), ends.astimezone(dt.UTC)


class SlotsForm(SessionFieldsMixin):
    """Repeating slots: e.g. every Tuesday 09:00–12:00 in 30-minute slots for four weeks."""

    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]
    first_day = SensibleDateField(widget=DATE, label=_("From"))
    weeks = forms.IntegerField(min_value=1, max_value=12, initial=4, label=_("For how many weeks"))
    weekdays = forms.TypedMultipleChoiceField(
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("On"),
        help_text=_("Leave empty for the weekday of the first day."),
    )
    day_start = forms.TimeField(widget=TIME, label=_("From (time)"))
    day_end = forms.TimeField(widget=TIME, label=_("Until (time)"))
    slot_minutes = forms.TypedChoiceField(
        choices=[(15, "15"), (20, "20"), (30, "30"), (45, "45"), (60, "60"), (90, "90")],
        coerce=int,
        initial=30,
        label=_("Minutes per slot"),
    )
    capacity = forms.IntegerField(
        min_value=1,
        max_value=500,
        initial=1,
        label=_("Seats per slot"),
        help_text=_("1 for one-to-one."),
    )

    field_order = ["expert", "topic", "first_day", "weeks", "weekdays", "day_start", "day_end"]

    def spans(self):
        from coaching.services import slot_spans

        d = self.cleaned_data
        expert = self.chosen_expert()
        return slot_spans(
            first_day=d["first_day"],
            weeks=d["weeks"],
            weekdays=d.get("weekdays") or None,
            day_start=d["day_start"],
            day_end=d["day_end"],
            slot_minutes=d["slot_minutes"],
            time_zone=expert.user.time_zone if expert else self.zone_name,
        )


class SessionEditForm(forms.Form):
    """Move or edit a session; booked people are told."""

    day = SensibleDateField(widget=DATE, label=_("Date"))
    start = forms.TimeField(widget=TIME, label=_("Starts"))
    end = forms.TimeField(
        widget=TIME, label=_("Ends"), help_text=_("An end before the start means the next day.")
    )
    mode = forms.ChoiceField(
        choices=SessionMode.choices, widget=forms.RadioSelect, label=_("In person or online")
    )
    place = forms.CharField(max_length=200, required=False, label=_("Place"))
    meeting_link = forms.URLField(required=False, label=_("Meeting link"), assume_scheme="https")
    capacity = forms.IntegerField(min_value=1, max_value=500, label=_("Seats"))
    notice_hours = forms.IntegerField(
        min_value=0, max_value=24 * 14, label=_("Minimum notice (hours)")
    )

    def __init__(self, *args, session, **kwargs):
        self.session = session
        tz = session.expert.user.zoneinfo
        starts = timezone.localtime(session.starts_at, tz)
        ends = timezone.localtime(session.ends_at, tz)
        kwargs.setdefault(
            "initial",
            {
                "day": starts.date(),
                "start": starts.time(),
                "end": ends.time(),
                "mode": session.mode,
                "place": session.place,
                "meeting_link": session.meeting_link,
                "capacity": session.capacity,
                "notice_hours": session.notice_hours,
            },
        )
        super().__init__(*args, **kwargs)

    def changes(self) -> dict:
        d = self.cleaned_data
        tz = self.session.expert.user.zoneinfo
        starts = dt.datetime.combine(d["day"], d["start"], tzinfo=tz)
        ends = dt.datetime.combine(d["day"], d["end"], tzinfo=tz)
        if ends <= starts:
            ends += dt.timedelta(days=1)
        return {
            "starts_at": starts.astimezone(dt.UTC),
            "ends_at": ends.astimezone(dt.UTC),
            "mode": d["mode"],
            "place": d.get("place", "") if d["mode"] == SessionMode.IN_PERSON else "",
            "meeting_link": d.get("meeting_link", "") if d["mode"] == SessionMode.ONLINE else "",
            "capacity": d["capacity"],
            "notice_hours": d["notice_hours"],
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=300, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2})
    )


class BookingCancelForm(forms.Form):
    """Cancelling a booking: the reason is optional, but bounded like any text."""

    reason = forms.CharField(max_length=300, required=False, label=_("Reason"))


class NoteForm(forms.Form):
    text = forms.CharField(
        max_length=5000,
        label=_("Session note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen by you, the participant and their facilitators."),
    )


class FollowUpForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Follow-up task"))
    instructions = forms.CharField(
        max_length=5000, label=_("Instructions"), widget=forms.Textarea(attrs={"rows": 4})
    )
    due_day = SensibleDateField(widget=DATE, label=_("Due date"))
    due_time = forms.TimeField(widget=TIME, label=_("Due time"), initial=dt.time(17, 0))

    def due_at(self, zone: str) -> dt.datetime:
        d = self.cleaned_data
        return dt.datetime.combine(d["due_day"], d["due_time"], tzinfo=zoneinfo.ZoneInfo(zone))
