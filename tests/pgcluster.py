"""A throw-away PostgreSQL cluster for tests: initdb in a temp dir, a loopback port, trust auth.

Debian's server binaries (``/usr/lib/postgresql/*/bin``, installed by ``scripts/setup_postgres.sh``)
are used; initdb refuses to run as root, so as root the cluster is made and run by the
``postgres`` user (created by Debian's package). :func:`find_bin_dir` returns None, and the tests
skip saying so, only where no server binaries are installed.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "claimweave"


def find_bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found and Path(found).resolve().with_name("initdb").exists():
        return Path(found).resolve().parent
    for cand in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(cand).parent
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    bin_dir: Path
    data: Path
    port: int
    run_as: str | None

    @property
    def url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def _cmd(self, *args: str) -> list[str]:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        return ["runuser", "-u", self.run_as, "--", *cmd] if self.run_as else cmd

    def new_database(self) -> str:
        """A new empty database; its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(self._cmd("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"),
                       capture_output=True, check=False, timeout=60)
        shutil.rmtree(self.data.parent, ignore_errors=True)


def start(bin_dir: Path) -> Cluster:
    run_as = None
    root = Path(tempfile.mkdtemp(prefix="claimweave-pg-"))
    if os.geteuid() == 0:
        run_as = "postgres"
        try:
            pw = pwd.getpwnam(run_as)
        except KeyError as exc:
            raise RuntimeError("running as root and there is no 'postgres' user to run initdb") from exc
        os.chown(root, pw.pw_uid, pw.pw_gid)
    data = root / "data"
    cluster = Cluster(bin_dir, data, _free_port(), run_as)
    subprocess.run(cluster._cmd("initdb", "-D", str(data), "-U", SUPERUSER, "-A", "trust",
                                "-E", "UTF8", "--locale=C", "--no-sync"),
                   capture_output=True, check=True, timeout=120)
    opts = (f"-p {cluster.port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
    subprocess.run(cluster._cmd("pg_ctl", "-D", str(data), "-o", opts, "-l", str(data / "log"),
                                "-w", "-t", "60", "start"),
                   capture_output=True, check=True, timeout=90)
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", cluster.port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return cluster
