"""A storage backend with no local paths, like S3: the pipeline must use the storage API only."""

from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class NoLocalPathStorage(FileSystemStorage):
    """Files on disk, but ``path()`` is refused, as remote storages refuse it."""

    def path(self, name):
        raise NotImplementedError("This backend doesn't support absolute paths.")

    @cached_property
    def _disk(self) -> FileSystemStorage:
        return FileSystemStorage(location=self.location, base_url=self.base_url)

    def _open(self, name, mode="rb"):
        return self._disk._open(name, mode)

    def _save(self, name, content):
        return self._disk._save(name, content)

    def delete(self, name):
        return self._disk.delete(name)

    def exists(self, name):
        return self._disk.exists(name)

    def listdir(self, path):
        return self._disk.listdir(path)

    def size(self, name):
        return self._disk.size(name)
