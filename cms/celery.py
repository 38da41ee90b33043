"""The project's one Celery app. Tasks live in each app's tasks.py and are autodiscovered."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

# Like cms/wsgi.py: a worker or beat started without DJANGO_SETTINGS_MODULE runs the production
# settings, so it refuses to start without its secrets instead of quietly running the debug
# settings against the embedded broker. `make run` and the tests name their settings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_queue_folders(sender: Celery, **kwargs) -> None:
    """The embedded broker keeps messages in folders that must exist before anyone sends, and
    beat keeps its schedule in a file whose folder must exist (with any broker)."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            os.makedirs(options[key], exist_ok=True)
    schedule = sender.conf.beat_schedule_filename
    if schedule and os.path.dirname(schedule):
        os.makedirs(os.path.dirname(schedule), exist_ok=True)


@task_prerun.connect
@task_postrun.connect
def _close_old_connections(**kwargs) -> None:
    """What Django does around each request, around each task: close a connection that is past
    DB_CONN_MAX_AGE or broken, keep a healthy one. With the default of 0 each task gets a new one.

    Celery's own handling (``CELERY_DB_REUSE_MAX``) would keep even a broken connection.
    """
    task = kwargs.get("task")
    if task is not None and task.request.is_eager:
        return  # an eager task runs inside the caller's request or transaction
    from django.db import close_old_connections

    close_old_connections()
