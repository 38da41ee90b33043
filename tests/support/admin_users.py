"""Staff accounts made the way a programme manager makes them: the Wagtail admin's user form."""

from django.contrib.auth.models import Group
from django.urls import reverse

from cms.phone import normalise_mobile

PERSON = {
    "name": "Maya Admin-Made",
    "email": "",
    "sex": "female",
    "age_band": "35_44",
    "district": "wonosobo",
    "migrant_status": "",
    "preferred_language": "id",
    "time_zone": "Asia/Jakarta",
}


def admin_create_user(client, *, mobile: str, role: str, name: str = "Maya Admin-Made"):
    """POST the admin's "Add user" form with ``client`` (signed in as a superuser)."""
    from cms.models import User

    group = Group.objects.get(name=role)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            **PERSON,
            "name": name,
            "mobile": mobile,
            "password1": "Kopi-Hitam-2026",
            "password2": "Kopi-Hitam-2026",
            "groups": [group.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return User.objects.get(mobile=normalise_mobile(mobile))


def superuser_client(client):
    from cms.models import User

    root = User.objects.create_superuser("081399990000", "a-Strong-pass-123", name="Root")
    client.force_login(root)
    return client
