"""Listening state: where each signed-in listener stopped in an episode."""

from podcasts.models import EpisodePage, PlaybackPosition


def playback_position_save(*, user, episode: EpisodePage, seconds: float) -> None:
    """Remember where ``user`` stopped in ``episode`` (one row per person and episode)."""
    PlaybackPosition.objects.bulk_create(
        [PlaybackPosition(user=user, episode=episode, seconds=max(0.0, float(seconds)))],
        update_conflicts=True,
        unique_fields=["user", "episode"],
        update_fields=["seconds", "updated_at"],
    )
