"""Every column and field the admin shows for coaching and notifications has a translated
label: a field without ``verbose_name`` shows its code name ("Confirmed count") in every
language."""

import pytest
from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

# The apps whose admin screens were read through; add an app once its labels are all words.
CHECKED_APPS = {"coaching", "notifications"}


def _model_viewsets():
    reverse("wagtailadmin_home")  # the admin's URLs register the viewsets

    def walk(viewset):
        if isinstance(viewset, ViewSetGroup):
            for inner in viewset.viewsets:
                yield from walk(inner)
        elif isinstance(viewset, ModelViewSet):
            yield viewset

    for viewset in viewsets.viewsets:
        yield from walk(viewset)


@pytest.mark.django_db
def test_admin_fields_have_translated_labels():
    checked, untranslated = set(), []
    for viewset in _model_viewsets():
        model = viewset.model
        if model._meta.app_label not in CHECKED_APPS:
            continue
        checked.add(model._meta.label)
        for field in model._meta.concrete_fields:
            if isinstance(field, models.AutoField | models.BigAutoField):
                continue
            if not isinstance(field.verbose_name, Promise):
                untranslated.append(f"{model._meta.label}.{field.name}")
    assert {"coaching.ClinicSession", "coaching.Booking", "notifications.Notification"} <= checked
    assert untranslated == []
