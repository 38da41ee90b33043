"""Settings for the Celery worker the video tests start: storage without local paths, and the
size and duration limits taken from the environment so a test can lower them."""

import os

from cms.settings.test import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {"BACKEND": "tests.video.storage.NoLocalPathStorage"},
}
if "VIDEO_MAX_UPLOAD_BYTES" in os.environ:
    VIDEO_MAX_UPLOAD_BYTES = int(os.environ["VIDEO_MAX_UPLOAD_BYTES"])
if "VIDEO_MAX_DURATION_SECONDS" in os.environ:
    VIDEO_MAX_DURATION_SECONDS = float(os.environ["VIDEO_MAX_DURATION_SECONDS"])
