"""The clinic list: a day's one-to-one slots of an expert are one card; "only clinics I can
book now" leaves out full, closed, booked and not-for-me clinics."""

import datetime as dt

import pytest
from django.urls import reverse

from coaching import selectors, services

pytestmark = pytest.mark.django_db


def test_slots_of_a_day_are_one_card_and_the_filter_keeps_what_one_can_book(
    client, programme, expert_profile, make_session, make_participant
):
    base = dt.timedelta(days=3)
    slots = [
        make_session(
            expert_profile, start_in=base + dt.timedelta(minutes=30 * i), minutes=30, capacity=1
        )
        for i in range(3)
    ]
    group = make_session(expert_profile, start_in=dt.timedelta(days=5), capacity=4)
    closed = make_session(expert_profile, start_in=dt.timedelta(hours=2), capacity=4)
    mastery_only = make_session(
        expert_profile, start_in=dt.timedelta(days=6), capacity=4, audience="mastery"
    )
    person = make_participant(time_zone="Asia/Jakarta")
    other = make_participant()
    services.booking_create(participant=other, session=slots[0])  # taken by someone else
    services.booking_create(participant=person, session=group)  # already mine

    items = selectors.clinic_list(participant=person)
    slot_cards = [item for item in items if item.slots]
    assert len(slot_cards) == 1
    assert [choice.session for choice in slot_cards[0].slots] == slots
    assert slot_cards[0].free_count == 2

    bookable = selectors.clinic_list(participant=person, bookable_only=True)
    shown = {choice.session.pk for item in bookable for choice in item.slots or []} | {
        item.session.pk for item in bookable if item.session
    }
    assert shown == {slots[1].pk, slots[2].pk}
    assert not {group.pk, closed.pk, mastery_only.pk, slots[0].pk} & shown

    client.force_login(person)
    page = client.get(reverse("coaching:list"), {"bookable": "on"})
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/coaching/{slots[1].pk}/" in html and f"/coaching/{group.pk}/" not in html
    html = client.get(reverse("coaching:list")).content.decode()
    assert html.count('class="card clinic slots"') == 1
    assert f"/coaching/{group.pk}/" in html and f"/coaching/{slots[0].pk}/" in html
