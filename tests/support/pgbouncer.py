"""A real PgBouncer (Debian's ``pgbouncer``) in transaction pooling, in front of the local
PostgreSQL, on a free port of 127.0.0.1: for the pooler test and the scale benchmark.

``PgBouncer(server=connection.settings_dict).start()``; ``url(dbname)`` is what a
process puts in DATABASE_URL; ``restart()`` is what an operator's restart does (SIGTERM:
immediate shutdown, every client cut off), then the same port again.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

EXECUTABLE = shutil.which("pgbouncer") or (
    "/usr/sbin/pgbouncer" if os.path.exists("/usr/sbin/pgbouncer") else None
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgBouncer:
    """One pgbouncer process; ``pool_size`` server connections per database and user."""

    def __init__(self, *, server: dict, pool_size: int = 20, max_clients: int = 400):
        # Its own folder in the system's temporary folder: pgbouncer refuses to run as root and
        # then drops to nobody, who cannot enter pytest's private temporary folders.
        self.folder = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
        self.user = server.get("USER") or "postgres"
        self.password = server.get("PASSWORD") or ""
        self.server_host = server.get("HOST") or "127.0.0.1"
        self.server_port = int(server.get("PORT") or 5432)
        self.pool_size = pool_size
        self.max_clients = max_clients
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, dbname: str) -> str:
        secret = f":{self.password}" if self.password else ""
        return f"postgres://{self.user}{secret}@127.0.0.1:{self.port}/{dbname}"

    def _write_config(self) -> Path:
        users = self.folder / "users.txt"
        users.write_text(f'"{self.user}" "{self.password}"\n')
        config = self.folder / "pgbouncer.ini"
        config.write_text(
            "[databases]\n"
            f"* = host={self.server_host} port={self.server_port}\n"
            "[pgbouncer]\n"
            "listen_addr = 127.0.0.1\n"
            f"listen_port = {self.port}\n"
            "unix_socket_dir =\n"
            # With a password the file's plain text lets pgbouncer log in to the server too.
            f"auth_type = {'md5' if self.password else 'trust'}\n"
            f"auth_file = {users}\n"
            "pool_mode = transaction\n"
            f"default_pool_size = {self.pool_size}\n"
            f"max_client_conn = {self.max_clients}\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
            f"logfile = {self.folder / 'pgbouncer.log'}\n"
            f"admin_users = {self.user}\n"
            f"stats_users = {self.user}\n"
        )
        # pgbouncer refuses to run as root: then it drops to nobody, who must read these.
        for path in (self.folder, users, config):
            path.chmod(0o755 if path.is_dir() else 0o644)
        (self.folder / "pgbouncer.log").touch()
        (self.folder / "pgbouncer.log").chmod(0o666)
        return config

    def start(self) -> PgBouncer:
        config = self._write_config()
        command = [EXECUTABLE, str(config)]
        if os.geteuid() == 0:
            command[1:1] = ["-u", "nobody"]
        with open(self.folder / "stderr.log", "ab") as stderr:
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pgbouncer exited:\n{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"pgbouncer did not listen:\n{self.log()}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log(self) -> str:
        paths = (self.folder / "stderr.log", self.folder / "pgbouncer.log")
        return "".join(p.read_text(errors="replace") for p in paths if p.exists())
