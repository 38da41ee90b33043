"""One definition of staff: the role groups. ``is_staff`` follows them whatever path changes
the groups: the Wagtail admin's user forms, ``user.groups``, ``group.user_set``."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.models import Role, User
from tests.support.admin_users import PERSON, admin_create_user, superuser_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    return superuser_client(client)


def admin_create(admin_client, mobile: str, role: str) -> User:
    return admin_create_user(admin_client, mobile=mobile, role=role)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.FACILITATOR, Role.EXPERT])
def test_staff_made_in_the_admin_are_staff(admin_client, role):
    user = admin_create(admin_client, "0813 5555 0101", role)
    assert user.is_staff and user.is_staff_member and not user.is_participant


def test_the_edit_form_keeps_is_staff_with_the_groups(admin_client):
    user = admin_create(admin_client, "0813 5555 0102", Role.FACILITATOR)
    participants = Group.objects.get(name=Role.PARTICIPANT)
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {**PERSON, "mobile": user.mobile, "is_active": "on", "groups": [participants.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    assert not user.is_staff and user.is_participant and not user.is_staff_member


def test_every_path_that_changes_groups_keeps_is_staff(make_user):
    person = make_user(Role.PARTICIPANT, "081355550103", name="Ani")
    assert not person.is_staff
    experts = Group.objects.get(name=Role.EXPERT)
    person.groups.add(experts)
    assert person.is_staff and person.is_expert
    person.refresh_from_db()
    assert person.is_staff
    person.groups.remove(experts)
    person.refresh_from_db()
    assert not person.is_staff

    # from the group's side
    experts.user_set.add(person)
    person.refresh_from_db()
    assert person.is_staff
    experts.user_set.clear()
    person.refresh_from_db()
    assert not person.is_staff
    person.groups.set([experts])
    person.refresh_from_db()
    assert person.is_staff
    person.groups.clear()
    person.refresh_from_db()
    assert not person.is_staff
