"""A throwaway PostgreSQL server for the store tests: real server, loopback only.

``postgres_server`` (session scope) finds ``initdb`` and ``pg_ctl`` under
``/usr/lib/postgresql/*/bin`` (Debian package ``postgresql``) or on ``PATH``, creates a cluster in
a temporary folder, starts it on a free port of 127.0.0.1 (its unix socket in that folder, so it
never meets a system server) and stops it at the end of the session. PostgreSQL refuses to run as
root: when the tests run as root (CI on a fresh Debian machine), the server runs as the
``postgres`` system user, owner of the temporary folder.

Without the binaries the tests using it are skipped, with the reason, unless
``ITINERANT_REQUIRE_POSTGRES=1`` is set: then they fail.

Use it from a test module with ``from tests.pg import postgres_server`` and ask for a fresh
database per test with :meth:`PostgresServer.create_database`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import psycopg
import pytest

__all__ = ["PostgresServer", "find_postgres_bin", "postgres_server"]

logger = logging.getLogger(__name__)

SUPERUSER = "postgres"
_START_ATTEMPTS = 3


def _version_key(path: Path) -> tuple[int, ...]:
    version = path.parent.name
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def find_postgres_bin() -> Path | None:
    """Folder holding ``initdb`` and ``pg_ctl`` (newest Debian version first), or ``None``."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("ITINERANT_REQUIRE_POSTGRES", "").strip() == "1":
        pytest.fail(f"PostgreSQL required (ITINERANT_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway server, reached by TCP on 127.0.0.1 as a trusted superuser."""

    port: int
    root: Path

    def url(self, database: str) -> str:
        """SQLAlchemy URL of ``database`` (psycopg 3 driver)."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def conninfo(self, database: str) -> str:
        """libpq connection string of ``database`` (for psycopg directly)."""
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname={database}"

    def create_database(self) -> str:
        """Create a new empty database; returns its name."""
        name = f"itinerant_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.conninfo("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        """Drop ``name``, ending any session still connected to it."""
        with psycopg.connect(self.conninfo("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(command: list[str], *, user: str | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    if user is not None:
        command = ["runuser", "-u", user, "--", *command]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start a PostgreSQL server for the session (skipped or failed if impossible, see above)."""
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        _unavailable(
            "no initdb/pg_ctl under /usr/lib/postgresql/*/bin nor on PATH "
            "(install the Debian package 'postgresql', as 'scripts/setup.sh --test' does)"
        )
    user: str | None = None
    owner: pwd.struct_passwd | None = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam(SUPERUSER)
        except KeyError:
            _unavailable("the tests run as root and there is no 'postgres' system user")
        if shutil.which("runuser") is None:
            _unavailable("the tests run as root and 'runuser' is missing")
        user = SUPERUSER
    root = Path(tempfile.mkdtemp(prefix="itinerant-pg-"))
    data = root / "data"
    started = False
    try:
        if owner is not None:
            os.chown(root, owner.pw_uid, owner.pw_gid)
        initdb = [
            str(bin_dir / "initdb"),
            f"--pgdata={data}",
            f"--username={SUPERUSER}",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        ]
        done = _run(initdb, user=user, cwd=root)
        if done.returncode != 0:
            _unavailable(f"initdb failed:\n{done.stdout}\n{done.stderr}")
        log = root / "server.log"
        for _ in range(_START_ATTEMPTS):
            port = _free_port()
            options = " ".join(
                shlex.quote(option)
                for option in (
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    f"port={port}",
                    "-c",
                    f"unix_socket_directories={root}",
                    "-c",
                    "fsync=off",  # a throwaway server: no need to survive a power cut
                    "-c",
                    "max_connections=50",
                )
            )
            start = [
                str(bin_dir / "pg_ctl"),
                "start",
                f"--pgdata={data}",
                f"--log={log}",
                "--wait",
                "--timeout=60",
                f"--options={options}",
            ]
            done = _run(start, user=user, cwd=root)
            if done.returncode == 0:
                started = True
                break
        if not started:
            server_log = log.read_text(errors="replace") if log.exists() else ""
            pytest.fail(f"PostgreSQL did not start:\n{done.stdout}\n{done.stderr}\n{server_log}")
        logger.info("PostgreSQL test server on 127.0.0.1:%d (%s)", port, root)
        yield PostgresServer(port=port, root=root)
    finally:
        if started:
            stop = [str(bin_dir / "pg_ctl"), "stop", f"--pgdata={data}", "--mode=fast", "--wait"]
            with contextlib.suppress(OSError):
                _run(stop, user=user, cwd=root)
        shutil.rmtree(root, ignore_errors=True)
