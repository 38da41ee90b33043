"""Stored files follow their video: deleting a video deletes its source and its ladder."""

from django.db import transaction

from video import services


def delete_video_files(sender, instance, **kwargs) -> None:
    source, prefix = instance.source.name, instance.hls_prefix

    def delete() -> None:
        if source:
            instance.source.storage.delete(source)
        if prefix:
            services.delete_prefix(prefix)

    transaction.on_commit(delete)
