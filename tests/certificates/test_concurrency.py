"""Issuing once when several triggers commit at the same moment: real threads, each with its
own PostgreSQL connection, released together."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from certificates import services
from certificates.models import Certificate, CertificateType
from cms.models import User
from tests.certificates.conftest import complete

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 8


def race(fn, n=THREADS):
    barrier = threading.Barrier(n)
    results, errors = [None] * n, [None] * n

    def run(i):
        try:
            barrier.wait(timeout=10)
            results[i] = fn(i)
        except Exception as error:
            errors[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def _type_after_the_lessons(programme, member):
    # Lessons first, the certificate type after: here (autocommit) each lesson's own trigger
    # runs at once, and would issue the certificate before the race.
    complete(programme, member, "internalisation", "orientation")
    assert not Certificate.objects.exists()
    kind = CertificateType.objects.create(name="Sertifikat Dasar", programme=programme["programme"])
    kind.stages.set([programme["internalisation"], programme["orientation"]])
    return kind


def test_concurrent_triggers_issue_one_certificate(programme, member):
    _type_after_the_lessons(programme, member)

    def trigger(i):
        return len(services.certificate_issue_if_earned(participant=User.objects.get(pk=member.pk)))

    results, errors = race(trigger)
    assert errors == [None] * THREADS
    assert sum(results) == 1
    assert Certificate.objects.filter(participant=member).count() == 1


def test_one_valid_certificate_is_a_database_constraint(programme, member):
    basic_type = _type_after_the_lessons(programme, member)
    [first] = services.certificate_issue_if_earned(participant=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(participant=member, certificate_type=basic_type, name=first.name)
