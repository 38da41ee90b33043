"""Who may book (Mastery, one cohort), attendance, notes, follow-ups that become assignments,
and people told in the app."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import ClinicSession
from coaching.services import CoachingError

pytestmark = pytest.mark.django_db


def _make_past(session):
    ClinicSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=2),
    )
    session.refresh_from_db()
    return session


class TestWhoMayBook:
    def test_mastery_sessions_need_the_mastery_stage(
        self, expert_profile, make_session, make_participant, manager
    ):
        from wagtail.models import Locale, Page

        from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage, StagePage
        from learning.services import stage_open_early

        # A small programme: Internalisation (one required lesson), then Mastery.
        locale = Locale.objects.get_or_create(language_code="id")[0]
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        home = root.add_child(instance=HomePage(title="Beranda", slug="beranda-uji", locale=locale))
        programme = home.add_child(instance=ProgrammePage(title="Program", slug="program"))
        first = programme.add_child(
            instance=StagePage(
                title="Internalisasi", slug="internalisasi", kind="internalisation", order=1
            )
        )
        module = first.add_child(instance=ModulePage(title="Modul", slug="modul"))
        module.add_child(
            instance=LessonPage(title="Pelajaran", slug="pelajaran", summary="x", required=True)
        )
        mastery = programme.add_child(
            instance=StagePage(title="Penguasaan", slug="penguasaan", kind="mastery", order=3)
        )

        session = make_session(expert_profile, audience="mastery")
        person = make_participant()
        with pytest.raises(CoachingError) as error:
            services.booking_create(participant=person, session=session)
        assert error.value.code == "eligibility"
        # A facilitator opens Mastery early for this person (learning's rule): now they may.
        stage_open_early(
            stage=mastery, participant=person, opened_by=manager, reason="Sudah punya usaha"
        )
        assert services.booking_create(participant=person, session=session).booking.is_confirmed

    def test_cohort_sessions_are_for_that_cohort(
        self, expert_profile, make_session, make_participant
    ):
        from learning.models import Cohort, Enrolment

        cohort = Cohort.objects.create(
            name="Lotim", district="lombok_timur", start_date="2026-01-01"
        )
        session = make_session(expert_profile, audience="cohort", cohort=cohort)
        member, outsider = make_participant(), make_participant()
        Enrolment.objects.create(cohort=cohort, participant=member)
        assert services.booking_create(participant=member, session=session).booking.is_confirmed
        with pytest.raises(CoachingError):
            services.booking_create(participant=outsider, session=session)


class TestAfterTheSession:
    def test_attendance_only_once_started_and_for_seats(
        self, expert_profile, make_session, make_participant
    ):
        session = make_session(expert_profile, capacity=1)
        seat = services.booking_create(participant=make_participant(), session=session).booking
        wait = services.booking_create(participant=make_participant(), session=session).booking
        with pytest.raises(CoachingError):
            services.attendance_mark(by=expert_profile.user, booking=seat, attendance="attended")
        _make_past(session)
        services.attendance_mark(by=expert_profile.user, booking=seat, attendance="no_show")
        seat.refresh_from_db()
        assert seat.attendance == "no_show" and seat.attendance_marked_by == expert_profile.user
        with pytest.raises(CoachingError):
            services.attendance_mark(by=expert_profile.user, booking=wait, attendance="attended")
        with pytest.raises(CoachingError):
            services.attendance_mark(by=expert_profile.user, booking=seat, attendance="maybe")

    def test_follow_up_becomes_the_participants_assignment(
        self, expert_profile, make_session, make_participant
    ):
        from learning.selectors import assignment_rows

        person = make_participant()
        session = make_session(expert_profile)
        booking = services.booking_create(participant=person, session=session).booking
        _make_past(session)
        note = services.note_add(by=expert_profile.user, booking=booking, text="Bagus sekali.")
        follow_up = services.follow_up_create(
            by=expert_profile.user,
            booking=booking,
            title="Buat daftar harga",
            instructions="Tulis harga pokok dan harga jual tiga produk.",
            due_at=timezone.now() + dt.timedelta(days=7),
        )
        assert note.text == "Bagus sekali."
        assert follow_up.assignment is not None
        assert follow_up.assignment.recipients.filter(pk=person.pk).exists()
        titles = [row.assignment.title for row in assignment_rows(participant=person)]
        assert "Buat daftar harga" in titles

    def test_other_experts_cannot_write_notes_or_follow_ups(
        self, expert_profile, other_expert_profile, make_session, make_participant
    ):
        session = make_session(expert_profile)
        booking = services.booking_create(participant=make_participant(), session=session).booking
        with pytest.raises(PermissionDenied):
            services.note_add(by=other_expert_profile.user, booking=booking, text="x")
        with pytest.raises(PermissionDenied):
            services.follow_up_create(
                by=other_expert_profile.user,
                booking=booking,
                title="x",
                instructions="y",
                due_at=timezone.now() + dt.timedelta(days=1),
            )

    def test_empty_note_is_refused(self, expert_profile, make_session, make_participant):
        session = make_session(expert_profile)
        booking = services.booking_create(participant=make_participant(), session=session).booking
        with pytest.raises(CoachingError):
            services.note_add(by=expert_profile.user, booking=booking, text="   ")


class TestToldInTheApp:
    def test_promotion_move_and_cancellation_reach_the_inbox_in_the_persons_language(
        self, expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
    ):
        from notifications.models import Notification

        session = make_session(expert_profile, capacity=1)
        holder = make_participant()
        waiting = make_participant(preferred_language="en")
        seat = services.booking_create(participant=holder, session=session).booking
        services.booking_create(participant=waiting, session=session)
        with django_capture_on_commit_callbacks(execute=True):
            services.booking_cancel(by=holder, booking=seat)
        promoted = Notification.objects.get(recipient=waiting, kind="clinic_waitlist_promoted")
        assert promoted.title == "You have a seat at a clinic"
        assert f"/en/coaching/{session.pk}/" == promoted.url

        with django_capture_on_commit_callbacks(execute=True):
            services.session_update(
                by=expert_profile.user,
                session=session,
                starts_at=session.starts_at + dt.timedelta(hours=1),
                ends_at=session.ends_at + dt.timedelta(hours=1),
            )
        assert Notification.objects.filter(recipient=waiting, kind="clinic_moved").count() == 1
        with django_capture_on_commit_callbacks(execute=True):
            services.session_cancel(by=expert_profile.user, session=session, reason="Banjir")
        cancelled = Notification.objects.get(recipient=waiting, kind="clinic_cancelled")
        assert "Banjir" in cancelled.body
        assert not Notification.objects.filter(recipient=holder, kind="clinic_cancelled").exists()


class TestFollowUpInputs:
    """A follow-up due in year 9999 used to be saved, then every page showing it answered 500,
    and the expert's retry saved it a second time."""

    def _booking(self, expert_profile, make_session, make_participant):
        session = make_session(expert_profile)
        return services.booking_create(participant=make_participant(), session=session).booking

    @pytest.mark.parametrize(
        "due_at",
        [
            dt.datetime(9999, 12, 31, 17, 0, tzinfo=dt.UTC),
            dt.datetime(2101, 1, 1, 9, 0, tzinfo=dt.UTC),
            dt.datetime(1, 1, 1, 17, 0, tzinfo=dt.UTC),
        ],
    )
    def test_a_due_date_outside_sense_is_refused_and_nothing_is_saved(
        self, expert_profile, make_session, make_participant, due_at
    ):
        from coaching.models import FollowUp
        from learning.models import Assignment

        booking = self._booking(expert_profile, make_session, make_participant)
        with pytest.raises(CoachingError) as error:
            services.follow_up_create(
                by=expert_profile.user,
                booking=booking,
                title="Buat daftar harga",
                instructions="Tulis harga tiga produk.",
                due_at=due_at,
            )
        assert "2000" in " ".join(error.value.messages)
        assert not FollowUp.objects.exists()
        assert not Assignment.objects.exists()

    def test_the_same_follow_up_sent_again_is_kept_once(
        self, expert_profile, make_session, make_participant
    ):
        from coaching.models import FollowUp
        from learning.models import Assignment

        booking = self._booking(expert_profile, make_session, make_participant)
        due_at = (timezone.now() + dt.timedelta(days=7)).replace(microsecond=0)
        fields = {"title": "Buat daftar harga", "instructions": "Tulis harga tiga produk."}
        first = services.follow_up_create(
            by=expert_profile.user, booking=booking, due_at=due_at, **fields
        )
        again = services.follow_up_create(
            by=expert_profile.user, booking=booking, due_at=due_at, **fields
        )
        assert again.pk == first.pk
        assert FollowUp.objects.count() == 1 and Assignment.objects.count() == 1
        # A different task for the same person is a new one.
        other = services.follow_up_create(
            by=expert_profile.user,
            booking=booking,
            due_at=due_at,
            title="Foto produk",
            instructions="Foto tiga produk.",
        )
        assert other.pk != first.pk and FollowUp.objects.count() == 2

    def test_the_expert_page_says_why_and_saves_nothing(
        self, client, expert_profile, make_session, make_participant
    ):
        from coaching.models import FollowUp

        booking = self._booking(expert_profile, make_session, make_participant)
        client.force_login(expert_profile.user)
        url = reverse("coaching:expert_booking", args=[booking.pk])
        form = {
            "action": "follow_up",
            "follow-title": "Buat daftar harga",
            "follow-instructions": "Tulis harga tiga produk.",
            "follow-due_day": "9999-12-31",
            "follow-due_time": "23:59",
        }
        for _attempt in range(2):  # the retry after an error saves nothing either
            response = client.post(url, form, follow=True)
            assert response.status_code == 200
            assert "2000" in response.content.decode()
        assert not FollowUp.objects.exists()
