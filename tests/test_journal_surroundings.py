"""The journal is where the run started: a file emptied, foreign, deleted or replaced under a run,
or a data folder that cannot be written, is said plainly and never silently re-initialised."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.cli import EXIT_OK, EXIT_UNKNOWN, EXIT_USAGE, main
from app.core.journal import Journal, JournalError, JournalGone
from app.core.paths import journal_path
from app.core.secrets import SANDBOX_SECRETS
from app.core.targets import Target
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.sandbox import ka_order

ROOT = Path(__file__).resolve().parent.parent


def write_orders(path: Path, count: int, prefix: str) -> Path:
    path.write_text(json.dumps([ka_order(f"{prefix}-{n:03d}") for n in range(count)]),
                    encoding="utf-8")
    return path


def test_an_empty_journal_file_is_refused_not_started_afresh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal_path().write_bytes(b"")
    orders = write_orders(tmp_path / "orders.json", 1, "EMPTY")
    assert main(["submit", str(orders), "--target", "ka"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "is empty (0 bytes)" in err and "move it away" in err
    assert journal_path().stat().st_size == 0  # left as it was
    assert main(["history"]) == EXIT_USAGE


def test_another_program_s_database_is_not_made_a_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(journal_path())
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = journal_path().read_bytes()
    orders = write_orders(tmp_path / "orders.json", 1, "FOREIGN")
    assert main(["submit", str(orders), "--target", "ka"]) == EXIT_USAGE
    assert "not an Order Desk journal" in capsys.readouterr().err
    assert journal_path().read_bytes() == before


def test_many_processes_creating_a_journal_meet_one_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    code = ("import sys; from app.core.journal import Journal; "
            "j = Journal(sys.argv[1]); print(j.count()); j.close()")
    children = [subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(6)]
    outcomes = [child.communicate() for child in children]
    assert [child.returncode for child in children] == [0] * 6, outcomes
    assert not list(tmp_path.glob(".new.sqlite3-*"))  # no drafts left behind


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_journal_gone_under_a_running_journal_stops_every_write(tmp_path: Path,
                                                                   how: str) -> None:
    path = tmp_path / "journal.sqlite3"
    journal = Journal(path)
    try:
        journal.add_order(Target.KA, "a", "R-1", "{}", "fp", generated=False, batch_id=None)
        path.unlink()
        for name in ("journal.sqlite3-wal", "journal.sqlite3-shm"):
            (tmp_path / name).unlink(missing_ok=True)
        if how == "replaced":
            Journal(path).close()  # a new, empty journal at the same place
        with pytest.raises(JournalGone, match=how if how == "replaced" else "deleted or moved"):
            journal.add_order(Target.KA, "a", "R-2", "{}", "fp", generated=False,
                              batch_id=None)
    finally:
        journal.close()


def test_a_journal_replaced_while_a_claim_waits_for_the_write_lock_stops_the_send(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is looked at before the write lock is waited for (cheaper there): one replaced
    during that wait is caught once the claim has committed, before its request may go out."""
    path = tmp_path / "journal.sqlite3"
    journal = Journal(path)
    try:
        order = journal.add_order(Target.KA, "a", "R-1", "{}", "fp", generated=False,
                                  batch_id=None)
        database = journal.database
        lock = database.write_lock()

        class ReplacedWhileWaiting:
            def __enter__(self) -> object:
                path.unlink()
                for name in ("journal.sqlite3-wal", "journal.sqlite3-shm"):
                    (tmp_path / name).unlink(missing_ok=True)
                Journal(path).close()  # another desk's fresh journal, at the same place
                monkeypatch.setattr(database, "write_lock", lambda: lock)  # once is enough
                return lock.__enter__()

            def __exit__(self, *exc: object) -> None:
                lock.__exit__(*exc)

        monkeypatch.setattr(database, "write_lock", ReplacedWhileWaiting)
        with pytest.raises(JournalGone, match="replaced"):
            journal.claim_for_send(order.id)
    finally:
        journal.close()


@pytest.mark.usefixtures("sandbox_credentials")
def test_a_batch_whose_data_folder_is_deleted_stops_and_never_exits_0(
    tmp_path: Path, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    server = sandbox_factory(SandboxConfig(latency=0.05, ka_rate_limit=None))
    orders = write_orders(tmp_path / "orders.json", 200, "GONE")
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
               ORDER_DESK_KA_TOKEN=SANDBOX_SECRETS["ka_token"])
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "submit", str(orders), "--target", "ka", "--json",
         "--base-url", server.ka_base_url, "--concurrency", "2"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    for _ in range(5):  # some orders are through: the run is under way
        assert json.loads(child.stdout.readline())["status"] == "accepted"
    shutil.rmtree(journal_path().parent)
    _, err = child.communicate(timeout=120)
    assert child.returncode in (EXIT_USAGE, EXIT_UNKNOWN), err
    assert "deleted or moved" in err
    # It stopped: far fewer than all were created.
    assert len(server.orders(Target.KA)) < 100


@pytest.fixture
def read_only_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A data folder with a journal and settings, which the commands below cannot write."""
    home = tmp_path / "ro-home"
    monkeypatch.setenv("ORDER_DESK_HOME", str(home))
    assert main(["profile", "add", "Shop", "--target", "ka", "--environment", "test",
                 "--base-url", "https://shop.example.test"]) == EXIT_OK
    with Journal(journal_path()) as journal:
        journal.add_order(Target.KA, "https://shop.example.test", "RO-1", "{}", "fp",
                          generated=False, batch_id=None, profile="Shop")
    if os.geteuid() != 0:
        for path in (home, *home.rglob("*")):
            path.chmod(0o555 if path.is_dir() else 0o444)
        yield home
        for path in (home, *home.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        return
    # Root may write anything: the folder is mounted read-only for the command instead.
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind -o ro {home} {home}"],
                           capture_output=True, text=True) if shutil.which("unshare") else None
    if probe is None or probe.returncode != 0:
        pytest.skip("running as root without a way to make a read-only folder (unshare -m and "
                    f"a bind mount): {probe.stderr.strip() if probe else 'no unshare'}")
    yield home


def run_read_only(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    command = [sys.executable, "-m", "app", *args]
    if os.geteuid() == 0:
        command = ["unshare", "-m", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"',
                   str(home), *command]
    return subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=True,
                          timeout=60)


def test_a_read_only_data_folder_gives_one_clear_line_and_history_still_reads(
    read_only_home: Path
) -> None:
    history = run_read_only(read_only_home, "history", "--json")
    assert history.returncode == EXIT_OK, history.stderr
    assert [json.loads(line)["ref"] for line in history.stdout.splitlines()] == ["RO-1"]
    assert "Traceback" not in history.stderr

    added = run_read_only(read_only_home, "profile", "add", "Other", "--target", "ka",
                          "--environment", "test", "--base-url", "https://other.example.test")
    assert added.returncode == EXIT_USAGE
    assert "Traceback" not in added.stderr and len(added.stderr.strip().splitlines()) == 1
    assert "could not be saved" in added.stderr or "read-only" in added.stderr

    orders = write_orders(read_only_home.parent / "orders.json", 1, "RO")
    submitted = run_read_only(read_only_home, "submit", str(orders), "--target", "ka")
    assert submitted.returncode == EXIT_USAGE
    assert "Traceback" not in submitted.stderr and "read-only" in submitted.stderr


def test_an_unreadable_journal_is_named(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="no journal"):
        Journal(tmp_path / "missing.sqlite3", read_only=True)
