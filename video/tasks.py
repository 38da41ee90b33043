"""Celery tasks for lesson videos: thin wrappers around ``video.services``."""

from celery import shared_task

from video import services


@shared_task(name="video.process", acks_late=True, ignore_result=True)
def process_video(video_id: int, attempt: int) -> str:
    """Make the HLS ladder of one video. A redelivered or outdated message is harmless."""
    return services.video_process(video_id=video_id, attempt=attempt)


@shared_task(name="video.delete_ladder", ignore_result=True)
def delete_ladder(prefix: str) -> None:
    """Delete a ladder that a re-run replaced (queued VIDEO_OLD_LADDER_GRACE_SECONDS later)."""
    services.delete_prefix(prefix)
