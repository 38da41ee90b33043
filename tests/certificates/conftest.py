"""Fixtures for certificates: a certificate type over the shared programme, and a helper that
completes stages through learning's own services (as a participant would)."""

import pytest

from certificates.models import CertificateType


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def districts(db):
    """The official districts (a transactional test's flush elsewhere may have emptied them)."""
    from cms.models.districts import seed_districts

    seed_districts()


@pytest.fixture
def basic_type(programme):
    """Internalisation and Orientation complete."""
    kind = CertificateType.objects.create(
        name="Sertifikat Dasar", programme=programme["programme"], organisations="Yayasan A, LSM B"
    )
    kind.stages.set([programme["internalisation"], programme["orientation"]])
    return kind


def complete(programme, participant, *kinds):
    """Mark every lesson of the stages of ``kinds`` done, through the learning service."""
    from learning import services

    for kind in kinds:
        for lesson in programme["lessons"][kind]:
            services.lesson_mark_done(participant=participant, lesson=lesson)
