"""The permission matrix: every coaching page and action, for every role.

A participant never sees another's booking or notes, an expert only their own sessions, a
meeting link only the booked; facilitators read their own participants' clinic notes.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from coaching import services
from coaching.models import Booking, SessionNote

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/rahasia-42"
NOTE = "Catatan pribadi untuk Ani: mulai pembukuan."


@pytest.fixture
def world(expert_profile, other_expert_profile, make_session, make_participant, make_user):
    """One session with Ani booked (and a past one with a note); everyone else around it."""
    from learning.models import Cohort, Enrolment

    owner = make_participant(name="Ani Owner")
    waiting = make_participant(name="Wati Waiting")
    stranger = make_participant(name="Sri Stranger")
    facilitator = make_user("facilitators", "081311112001", name="Fajar Fac", is_staff=True)
    other_facilitator = make_user("facilitators", "081311112002", name="Oki Fac", is_staff=True)
    manager = make_user("programme managers", "081311112003", name="Maya Man", is_staff=True)
    cohort = Cohort.objects.create(name="Lotim 1", district="lombok_timur", start_date="2026-01-05")
    cohort.facilitators.add(facilitator)
    other_cohort = Cohort.objects.create(name="Wsb 1", district="wonosobo", start_date="2026-01-05")
    other_cohort.facilitators.add(other_facilitator)
    Enrolment.objects.create(cohort=cohort, participant=owner)
    Enrolment.objects.create(cohort=other_cohort, participant=stranger)

    session = make_session(expert_profile, capacity=1, meeting_link=LINK)
    booking = services.booking_create(participant=owner, session=session).booking
    waitlisted = services.booking_create(participant=waiting, session=session).booking
    past = make_session(expert_profile, start_in=dt.timedelta(days=4))
    past_booking = services.booking_create(participant=owner, session=past).booking
    past.__class__.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=1),
    )
    SessionNote.objects.create(booking=past_booking, author=expert_profile.user, text=NOTE)
    return {
        "visitor": None,
        "owner": owner,
        "waiting": waiting,
        "stranger": stranger,
        "expert": expert_profile.user,
        "other_expert": other_expert_profile.user,
        "facilitator": facilitator,
        "other_facilitator": other_facilitator,
        "manager": manager,
        "session": session,
        "booking": booking,
        "waitlisted": waitlisted,
        "past_booking": past_booking,
    }


ROLES = [
    "visitor",
    "owner",
    "waiting",
    "stranger",
    "expert",
    "other_expert",
    "facilitator",
    "other_facilitator",
    "manager",
]


def _client(client, world, role):
    if world[role] is not None:
        client.force_login(world[role])
    return client


def _status(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


# (page, expected status per role)
PAGES = {
    "list": (
        lambda w: reverse("coaching:list"),
        {"visitor": "login", **{r: 200 for r in ROLES if r != "visitor"}},
    ),
    "detail": (
        lambda w: reverse("coaching:session", args=[w["session"].pk]),
        {"visitor": "login", **{r: 200 for r in ROLES if r != "visitor"}},
    ),
    "my_bookings": (
        lambda w: reverse("coaching:my_bookings"),
        {"visitor": "login", **{r: 200 for r in ROLES if r != "visitor"}},
    ),
    "ics": (
        lambda w: reverse("coaching:booking_ics", args=[w["booking"].uid]),
        {"visitor": "login", "owner": 200, **dict.fromkeys(ROLES[2:], 404)},
    ),
    "ics_waitlisted": (
        lambda w: reverse("coaching:booking_ics", args=[w["waitlisted"].uid]),
        {"visitor": "login", **dict.fromkeys(ROLES[1:], 404)},
    ),
    "expert_home": (
        lambda w: reverse("coaching:expert_home"),
        {
            "visitor": "login",
            "owner": 403,
            "waiting": 403,
            "stranger": 403,
            "expert": 200,
            "other_expert": 200,
            "facilitator": 403,
            "other_facilitator": 403,
            "manager": 200,
        },
    ),
    "new_session": (
        lambda w: reverse("coaching:session_new"),
        {
            "visitor": "login",
            "owner": 403,
            "waiting": 403,
            "stranger": 403,
            "expert": 200,
            "other_expert": 200,
            "facilitator": 403,
            "other_facilitator": 403,
            "manager": 200,
        },
    ),
    "slots": (
        lambda w: reverse("coaching:slots_new"),
        {
            "visitor": "login",
            "owner": 403,
            "waiting": 403,
            "stranger": 403,
            "expert": 200,
            "other_expert": 200,
            "facilitator": 403,
            "other_facilitator": 403,
            "manager": 200,
        },
    ),
    **{
        name: (
            (lambda n: lambda w: reverse(n, args=[w["session"].pk]))(url),
            {
                "visitor": "login",
                "owner": 404,
                "waiting": 404,
                "stranger": 404,
                "expert": 200,
                "other_expert": 404,
                "facilitator": 404,
                "other_facilitator": 404,
                "manager": 200,
            },
        )
        for name, url in [
            ("roster", "coaching:expert_session"),
            ("edit", "coaching:session_edit"),
            ("cancel_session", "coaching:session_cancel"),
        ]
    },
    "expert_booking": (
        lambda w: reverse("coaching:expert_booking", args=[w["past_booking"].pk]),
        {
            "visitor": "login",
            "owner": 404,
            "waiting": 404,
            "stranger": 404,
            "expert": 200,
            "other_expert": 404,
            "facilitator": 404,
            "other_facilitator": 404,
            "manager": 200,
        },
    ),
    "participant_clinics": (
        lambda w: reverse("coaching:participant_clinics", args=[w["owner"].pk]),
        {
            "visitor": "login",
            "owner": 200,
            "waiting": 404,
            "stranger": 404,
            "expert": 404,
            "other_expert": 404,
            "facilitator": 200,
            "other_facilitator": 404,
            "manager": 200,
        },
    ),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_pages(client, world, page):
    url_for, expected = PAGES[page]
    url = url_for(world)
    got = {}
    for role in ROLES:
        client.logout()
        got[role] = _status(_client(client, world, role).get(url))
    assert got == expected


def test_meeting_link_only_for_the_booked(client, world):
    url = reverse("coaching:session", args=[world["session"].pk])
    shown = {}
    for role in ROLES[1:]:
        client.logout()
        shown[role] = LINK in _client(client, world, role).get(url).content.decode()
    assert shown == {
        "owner": True,
        "waiting": False,  # on the waitlist: no seat, no link
        "stranger": False,
        "expert": True,
        "other_expert": False,
        "facilitator": False,
        "other_facilitator": False,
        "manager": True,
    }


def test_notes_only_for_participant_expert_facilitators_and_managers(client, world):
    pages = {
        "owner": reverse("coaching:my_bookings"),
        "facilitator": reverse("coaching:participant_clinics", args=[world["owner"].pk]),
        "manager": reverse("coaching:participant_clinics", args=[world["owner"].pk]),
        "expert": reverse("coaching:expert_booking", args=[world["past_booking"].pk]),
    }
    for role, url in pages.items():
        client.logout()
        assert NOTE in _client(client, world, role).get(url).content.decode(), role
    for role in ("waiting", "stranger", "other_facilitator", "other_expert"):
        client.logout()
        c = _client(client, world, role)
        for url in [*pages.values(), reverse("coaching:list")]:
            response = c.get(url)
            assert NOTE not in response.content.decode(), (role, url)


def test_my_bookings_show_only_ones_own(client, world):
    client.force_login(world["stranger"])
    page = client.get(reverse("coaching:my_bookings")).content.decode()
    assert world["session"].display_title not in page or "no clinics" in page.lower()
    assert str(world["booking"].uid) not in page
    client.force_login(world["owner"])
    assert str(world["booking"].uid) in client.get(reverse("coaching:my_bookings")).content.decode()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("owner", True),
        ("stranger", False),
        ("other_expert", False),
        ("facilitator", False),
        ("expert", True),
        ("manager", True),
    ],
)
def test_cancel_a_booking(client, world, role, allowed):
    client.force_login(world[role])
    response = client.post(
        reverse("coaching:booking_cancel", args=[world["booking"].pk]), {"reason": "Sakit"}
    )
    world["booking"].refresh_from_db()
    assert world["booking"].is_cancelled is allowed
    if not allowed:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ["expert", "other_expert", "facilitator", "manager"])
def test_only_participants_book(client, world, role):
    client.force_login(world[role])
    response = client.post(reverse("coaching:book", args=[world["session"].pk]), follow=True)
    assert response.status_code == 200
    with translation.override("id"):
        expected = translation.gettext("Only participants can book clinics.")
    assert expected != "Only participants can book clinics."  # the Indonesian page says so
    assert expected in response.content.decode()
    assert not Booking.objects.filter(participant=world[role]).exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("expert", True), ("manager", True), ("other_expert", False), ("owner", False)],
)
def test_attendance_and_notes_only_by_the_sessions_expert(client, world, role, allowed):
    client.force_login(world[role])
    past = world["past_booking"]
    client.post(
        reverse("coaching:expert_booking", args=[past.pk]),
        {"action": "note", "note-text": "Tambah catatan"},
    )
    client.post(
        reverse("coaching:expert_session", args=[past.session_id]),
        {f"attendance-{past.pk}": "attended"},
    )
    past.refresh_from_db()
    assert past.notes.filter(text="Tambah catatan").exists() is allowed
    assert (past.attendance == "attended") is allowed


def test_bad_input_gets_a_message_not_a_500(client, world):
    client.force_login(world["owner"])
    assert client.post(reverse("coaching:book", args=[999999])).status_code == 404
    response = client.post(
        reverse("coaching:book", args=[world["session"].pk]), {"key": "not-a-uuid"}, follow=True
    )
    assert response.status_code == 200
    assert (
        client.get(reverse("coaching:list"), {"day": "31-31-2026", "topic": "x"}).status_code == 200
    )
    client.force_login(world["expert"])
    response = client.post(
        reverse("coaching:session_new"),
        {"topic": "", "day": "kemarin", "start": "25:00", "mode": "online", "capacity": 0},
    )
    assert response.status_code == 200
    assert b"error" in response.content


def test_managers_have_the_coaching_admin(client, world):
    client.force_login(world["manager"])
    for name in ("sessions", "bookings", "experts", "topics"):
        response = client.get(f"/admin/coaching/{name}/")
        assert response.status_code == 200, name
    response = client.get("/admin/coaching/bookings/", {"status": "waitlisted"})
    assert response.status_code == 200
    assert "Wati Waiting" in response.content.decode()
    session = world["session"]
    for url, params in [
        ("/admin/coaching/sessions/", {"status": "scheduled", "topic": session.topic_id}),
        ("/admin/coaching/sessions/", {"expert": session.expert_id, "mode": "online"}),
        ("/admin/coaching/bookings/", {"session__expert": session.expert_id}),
        (f"/admin/coaching/sessions/inspect/{session.pk}/", {}),
        (f"/admin/coaching/bookings/inspect/{world['booking'].pk}/", {}),
        (f"/admin/coaching/sessions/edit/{session.pk}/", {}),
    ]:
        assert client.get(url, params).status_code == 200, url
    assert client.get("/admin/coaching/sessions/new/").status_code in (302, 403)
    client.force_login(world["expert"])
    assert client.get("/admin/coaching/bookings/").status_code in (302, 403)
    client.force_login(world["owner"])
    assert client.get("/admin/coaching/bookings/").status_code == 302


def test_a_facilitator_reads_only_clinics_booked_since_the_person_joined_their_cohort(
    client, world, expert_profile, make_session
):
    """The second account-takeover route: joining one more cohort must not open the person's
    earlier clinic notes to that cohort's facilitator."""
    from coaching import selectors
    from learning.models import Cohort, Enrolment

    owner, other_facilitator = world["owner"], world["other_facilitator"]
    other_cohort = Cohort.objects.get(facilitators=other_facilitator)
    Enrolment.objects.create(cohort=other_cohort, participant=owner)  # joins today
    url = reverse("coaching:participant_clinics", args=[owner.pk])

    c = _client(client, world, "other_facilitator")
    html = c.get(url).content.decode()
    assert NOTE not in html
    assert not selectors.user_can_read_notes(user=other_facilitator, booking=world["past_booking"])
    # the facilitator of the cohort the clinic was booked in still reads it
    assert selectors.user_can_read_notes(user=world["facilitator"], booking=world["past_booking"])

    # what the person books from now on, the new facilitator sees
    later = make_session(expert_profile, start_in=dt.timedelta(days=6), title="Klinik setelah")
    services.booking_create(participant=owner, session=later)
    assert "Klinik setelah" in c.get(url).content.decode()
