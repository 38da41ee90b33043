"""Progress and stage gates: "mark as done", complete stages, attendance, early opening."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning import selectors, services
from learning.models import LearnerState, LessonCompletion, StageOpening

pytestmark = pytest.mark.django_db


def complete(participant, lessons):
    for lesson in lessons:
        services.lesson_mark_done(participant=participant, lesson=lesson)


def open_for(user, stage):
    user.__dict__.pop("_learning_progress", None)
    return selectors.stage_is_open(user=user, stage=stage)


class TestMarkAsDone:
    def test_records_once(self, programme, member):
        lesson = programme["lessons"]["internalisation"][0]
        _c, created = services.lesson_mark_done(participant=member, lesson=lesson)
        _c, again = services.lesson_mark_done(participant=member, lesson=lesson)
        assert (created, again) == (True, False)
        assert LessonCompletion.objects.filter(participant=member).count() == 1

    def test_remembers_the_last_lesson(self, programme, member):
        lesson = programme["lessons"]["internalisation"][1]
        services.lesson_mark_done(participant=member, lesson=lesson)
        state = LearnerState.objects.get(participant=member)
        assert state.last_lesson_id == lesson.pk
        assert state.last_active_at is not None

    def test_refused_in_a_locked_stage(self, programme, member):
        with pytest.raises(PermissionDenied):
            services.lesson_mark_done(
                participant=member, lesson=programme["lessons"]["orientation"][0]
            )
        assert not LessonCompletion.objects.exists()

    def test_progress_counts_per_stage_and_module(self, programme, member):
        services.lesson_mark_done(
            participant=member, lesson=programme["lessons"]["internalisation"][0]
        )
        progress = selectors.learner_progress(user=member, programme=programme["programme"])
        first = progress.stages[0]
        assert (first.done, first.total) == (1, 2)
        assert (first.modules[0].done, first.modules[0].total) == (1, 2)
        assert (progress.done, progress.total) == (1, 6)


class TestStageGates:
    def test_first_stage_is_open_and_the_next_locked(self, programme, member):
        assert open_for(member, programme["internalisation"])
        assert not open_for(member, programme["orientation"])
        assert not open_for(member, programme["mastery"])

    def test_next_stage_opens_when_required_lessons_are_done(self, programme, member):
        complete(member, programme["lessons"]["internalisation"])
        assert open_for(member, programme["orientation"])
        assert not open_for(member, programme["mastery"])

    def test_optional_lessons_are_not_needed(self, programme, member):
        first, second = programme["lessons"]["internalisation"]
        second.required = False
        second.save_revision().publish()
        complete(member, [first])
        assert open_for(member, programme["orientation"])

    def test_sessions_of_the_stage_must_be_attended(self, programme, member, cohort, facilitator):
        complete(member, programme["lessons"]["internalisation"])
        day1, day2 = (
            services.session_create(
                cohort=cohort,
                created_by=facilitator,
                title=f"Day {n}",
                stage=programme["orientation"],
                starts_at=timezone.now() + dt.timedelta(days=n),
            )
            for n in (1, 2)
        )
        complete(member, programme["lessons"]["orientation"])
        assert not open_for(member, programme["mastery"])
        progress = selectors.learner_progress(user=member, programme=programme["programme"])
        assert [s.pk for s in progress.stages[1].missing_sessions] == [day1.pk, day2.pk]

        services.attendance_mark(
            session=day1, participant=member, present=True, marked_by=facilitator
        )
        services.attendance_mark(
            session=day2, participant=member, present=False, marked_by=facilitator
        )
        assert not open_for(member, programme["mastery"]), "absent on day 2"
        services.attendance_mark(
            session=day2, participant=member, present=True, marked_by=facilitator
        )
        assert open_for(member, programme["mastery"])
        assert selectors.has_reached_stage(user=member, kind="mastery")

    def test_sessions_of_another_cohort_do_not_count(self, programme, member, other_cohort):
        services.session_create(
            cohort=other_cohort,
            created_by=other_cohort.facilitators.get(),
            title="Elsewhere",
            stage=programme["internalisation"],
            starts_at=timezone.now(),
        )
        complete(member, programme["lessons"]["internalisation"])
        assert open_for(member, programme["orientation"])

    def test_facilitator_opens_early_with_a_reason(self, programme, member, facilitator):
        assert not selectors.has_reached_stage(user=member, kind="orientation")
        opening = services.stage_open_early(
            stage=programme["orientation"],
            participant=member,
            opened_by=facilitator,
            reason="Attended last year's workshop.",
        )
        assert open_for(member, programme["orientation"])
        assert not open_for(member, programme["mastery"])
        assert opening.reason == "Attended last year's workshop."
        assert opening.opened_by == facilitator
        services.lesson_mark_done(participant=member, lesson=programme["lessons"]["orientation"][0])

    def test_early_opening_needs_a_reason(self, programme, member, facilitator):
        with pytest.raises(ValidationError):
            services.stage_open_early(
                stage=programme["orientation"],
                participant=member,
                opened_by=facilitator,
                reason=" ",
            )
        assert not StageOpening.objects.exists()

    def test_only_their_facilitators_may_open_early(
        self, programme, member, other_cohort, make_participant
    ):
        with pytest.raises(PermissionDenied):
            services.stage_open_early(
                stage=programme["orientation"],
                participant=member,
                opened_by=other_cohort.facilitators.get(),
                reason="Nope",
            )
        with pytest.raises(PermissionDenied):
            services.stage_open_early(
                stage=programme["orientation"],
                participant=member,
                opened_by=make_participant(),
                reason="Nope",
            )

    def test_staff_are_not_gated(self, programme, facilitator, expert, manager):
        for user in (facilitator, expert, manager):
            assert open_for(user, programme["mastery"])

    def test_locked_stage_page_says_what_is_missing(self, client, programme, member):
        client.force_login(member)
        response = client.get(programme["orientation"].url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "tag-locked" in html
        for lesson in programme["lessons"]["internalisation"]:
            assert lesson.title in html

    def test_locked_lesson_hides_its_body_and_offers_no_button(self, client, programme, member):
        client.force_login(member)
        lesson = programme["lessons"]["orientation"][0]
        html = client.get(lesson.url).content.decode()
        assert "tag-locked" in html
        assert "Why?" not in html
        assert f"lessons/{lesson.pk}/done" not in html


class TestReflections:
    def test_saved_per_participant_and_updated(self, programme, member, make_participant):
        lesson = programme["lessons"]["internalisation"][0]
        services.reflection_save(
            participant=member, lesson=lesson, position=0, question="Why?", answer="First"
        )
        services.reflection_save(
            participant=member, lesson=lesson, position=0, question="Why?", answer="Second"
        )
        other = make_participant()
        assert selectors.reflections_for(participant=member, lesson=lesson)[0].answer == "Second"
        assert selectors.reflections_for(participant=other, lesson=lesson) == {}

    def test_lesson_page_shows_own_answer_and_mark_as_done(self, client, programme, member):
        lesson = programme["lessons"]["internalisation"][0]
        services.reflection_save(
            participant=member, lesson=lesson, position=0, question="Why?", answer="My own answer"
        )
        client.force_login(member)
        html = client.get(lesson.url).content.decode()
        assert "My own answer" in html
        assert f"lessons/{lesson.pk}/done" in html

    def test_mark_done_by_post_then_home_offers_continue(self, client, programme, member):
        lesson = programme["lessons"]["internalisation"][0]
        client.force_login(member)
        response = client.post(f"/id/learning/lessons/{lesson.pk}/done/")
        assert response.status_code == 302
        client.post(f"/id/learning/lessons/{lesson.pk}/done/")
        assert LessonCompletion.objects.filter(participant=member).count() == 1
        html = client.get(lesson.url).content.decode()
        assert "done-tick" in html
        home = client.get("/id/").content.decode()
        assert lesson.title in home  # "continue where you left off"
        assert 'value="1"' in home  # a progress bar with one lesson done


def test_stage_page_shows_session_times_in_the_participants_zone(
    client, programme, member, cohort, facilitator
):
    import datetime as dt

    services.session_create(
        cohort=cohort,
        created_by=facilitator,
        title="Kick-off",
        stage=programme["internalisation"],
        starts_at=dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC),
    )
    assert member.time_zone == "Asia/Makassar"
    client.force_login(member)
    html = client.get(programme["internalisation"].url).content.decode()
    # 01:00 UTC is 09:00 WITA, with its zone as clinic times show it
    assert "Kick-off</strong> · Sen, 2 Mar 2026 · 09:00 WITA" in html


def test_only_participants_join_with_a_code(client, cohort, facilitator):
    client.force_login(facilitator)
    response = client.post("/en/learning/join/", {"code": "SELONG"})
    assert "Only participants join cohorts" in response.content.decode()
    assert not cohort.enrolments.exists()
