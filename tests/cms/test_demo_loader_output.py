"""What the demo loader says and does once: it names the languages it set up (not "1 locales"
for two languages), and makes each episode's data-saver file once, not once per publish."""

import collections

import pytest
from celery import current_app
from django.core.management import call_command

from podcasts.demo import EPISODES
from podcasts.services import data_saver as data_saver_module
from podcasts.tasks import make_data_saver_audio

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager_tasks():
    """Queued tasks run at once, as a worker would run them after the loader's commit."""
    before = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = before


def test_the_loader_reports_languages_and_builds_each_data_saver_once(
    monkeypatch, settings, tmp_path, capsys, eager_tasks, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    builds = collections.Counter()
    encode = data_saver_module.data_saver_encode

    def counting_encode(source, target, **kwargs):
        builds[source.name] += 1
        return encode(source, target, **kwargs)

    monkeypatch.setattr(data_saver_module, "data_saver_encode", counting_encode)
    queued = []
    monkeypatch.setattr(make_data_saver_audio, "delay", lambda name: queued.append(name))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_initial_data")
    out = capsys.readouterr().out
    assert "1 locales" not in out and " locales" not in out
    assert "2 languages (Bahasa Indonesia, English)" in out
    # ffmpeg ran once per episode (the loader makes the file itself), and no task was queued
    # to make again what the loader made (an episode and its translation share the file)
    assert sum(builds.values()) == len(EPISODES), builds
    assert queued == []
