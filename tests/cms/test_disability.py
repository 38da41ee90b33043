"""The Washington Group questions: optional, on the person's own profile, kept with consent."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/id/profile/everyday-activities/"
EN_URL = "/en/profile/everyday-activities/"


def _answers(**extra):
    data = {"seeing": "1", "hearing": "1", "walking": "3", "remembering": "",
            "self_care": "", "communicating": "2"}  # fmt: skip
    data.update(extra)
    return data


def test_answers_are_kept_only_with_consent(client, participant):
    from cms.models import DisabilityAnswers

    client.force_login(participant)
    page = client.get(URL).content.decode()
    assert "Hanya Anda" in page or "Only you" in page
    response = client.post(URL, _answers())
    assert response.status_code == 200
    assert response.context["form"].errors["consent"]
    assert not DisabilityAnswers.objects.exists()

    response = client.post(URL, _answers(consent="on"))
    assert response.status_code == 302
    row = DisabilityAnswers.objects.get(user=participant)
    assert (row.walking, row.remembering, row.communicating) == (3, None, 2)
    assert row.consent_given_at is not None
    row.refresh_from_db()
    assert row.has_disability is True  # "a lot of difficulty" walking


@pytest.mark.parametrize(
    ("answers", "counts"),
    [
        ({"seeing": "2", "hearing": "2", "walking": "2"}, False),
        ({"self_care": "4"}, True),
        ({"communicating": "3"}, True),
        ({"seeing": "1"}, False),
    ],
)
def test_the_cut_off_is_a_lot_of_difficulty_in_any_domain(client, participant, answers, counts):
    from cms.models import DisabilityAnswers

    client.force_login(participant)
    blank = dict.fromkeys(_answers(), "")
    client.post(URL, {**blank, **answers, "consent": "on"})
    assert DisabilityAnswers.objects.get(user=participant).has_disability is counts


def test_the_person_can_remove_their_answers(client, participant):
    from cms.models import DisabilityAnswers

    client.force_login(participant)
    client.post(URL, _answers(consent="on"))
    client.post(URL, {"action": "remove"})
    assert not DisabilityAnswers.objects.exists()


def test_nothing_to_save_and_bad_answers_get_messages(client, participant):
    client.force_login(participant)
    response = client.post(URL, {"consent": "on"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    response = client.post(URL, _answers(seeing="9", consent="on"))
    assert response.status_code == 200 and response.context["form"].errors["seeing"]


def test_asked_in_english_too(client, participant):
    client.force_login(participant)
    page = client.get(EN_URL).content.decode()
    assert "Do you have difficulty seeing, even if wearing glasses?" in page


def test_answers_are_not_in_the_admin_user_pages(client, participant, manager):
    client.force_login(participant)
    client.post(URL, _answers(consent="on"))
    client.force_login(manager)
    page = client.get(f"/admin/users/{participant.pk}/").content.decode()
    assert "walking" not in page.lower() and "disabilit" not in page.lower()


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
