"""A throwaway PostgreSQL cluster for tests and benchmarks: initdb, start on a free port, stop.

The server binaries come from ``pg_config --bindir`` or ``/usr/lib/postgresql/*/bin`` (Debian's
``postgresql`` package, installed by ``scripts/install_postgres.sh``). initdb refuses to run as
root, so as root the cluster is made and run by the ``postgres`` system user (``runuser``).
The cluster listens on 127.0.0.1 only, on a port free at start, with its data in a new
temporary directory that is deleted on stop; authentication is ``trust`` (local tests only).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "sitroom"
START_ATTEMPTS = 3
TIMEOUT_S = 60
# Durability is pointless for a throwaway cluster; these make tests several times faster.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server binaries are missing or the cluster could not be started."""


def find_bindir() -> Path:
    """Return the directory holding initdb and pg_ctl; PostgresUnavailable if there is none."""
    candidates: list[str] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(found.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if candidate and all((Path(candidate) / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(candidate)
    raise PostgresUnavailable(
        "PostgreSQL server binaries not found (pg_config --bindir, /usr/lib/postgresql/*/bin); "
        "run `bash scripts/install_postgres.sh` (Debian's postgresql package)"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class TemporaryCluster:
    """A running throwaway cluster; ``url(database)`` names one of its databases."""

    bindir: Path
    directory: Path
    port: int
    run_as: str | None

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        full = ["runuser", "-u", self.run_as, "--", *command] if self.run_as else list(command)
        return subprocess.run(full, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (a fresh name unless given); return its URL."""
        import psycopg

        name = name or f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop the database ``url`` names (closing its leftover connections)."""
        import psycopg

        name = url.rsplit("/", 1)[-1]
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its directory."""
        self._run(str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data), "-m", "fast", "-w")
        shutil.rmtree(self.directory, ignore_errors=True)


def start_cluster() -> TemporaryCluster:
    """initdb a cluster in a new temporary directory and start it on a free 127.0.0.1 port."""
    bindir = find_bindir()
    run_as = "postgres" if os.geteuid() == 0 else None
    directory = Path(tempfile.mkdtemp(prefix="sitroom-pg-"))
    if run_as:
        user = pwd.getpwnam(run_as)
        os.chown(directory, user.pw_uid, user.pw_gid)
    cluster = TemporaryCluster(bindir, directory, 0, run_as)
    made = cluster._run(str(bindir / "initdb"), "-D", str(cluster.data), "-U", SUPERUSER, "--auth=trust",
                        "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
    if made.returncode != 0:
        shutil.rmtree(directory, ignore_errors=True)
        raise PostgresUnavailable(f"initdb failed: {made.stderr.strip() or made.stdout.strip()}")
    for _ in range(START_ATTEMPTS):  # the free port may be taken between the probe and the start
        cluster.port = _free_port()
        options = " ".join([f"-p {cluster.port}", "-c listen_addresses=127.0.0.1", f"-k {cluster.data}",
                            *(f"-c {setting}" for setting in FAST_SETTINGS)])  # fmt: skip
        started = cluster._run(str(bindir / "pg_ctl"), "start", "-D", str(cluster.data), "-w",
                               "-l", str(cluster.directory / "server.log"), "-o", options)  # fmt: skip
        if started.returncode == 0:
            return cluster
    log = (cluster.directory / "server.log").read_text(errors="replace")[-2000:] if (cluster.directory / "server.log").exists() else ""
    shutil.rmtree(directory, ignore_errors=True)
    raise PostgresUnavailable(f"PostgreSQL did not start: {started.stderr.strip()} {log}")
