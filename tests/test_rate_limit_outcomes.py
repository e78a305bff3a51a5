"""Rate limits and their outcomes: a batch paced for KA's documented limit stays under the server's
leaky bucket, and an order the server never takes (429/503 until its tries run out) is `not sent`
(nothing was created), never `unknown`, and the next submit of the same file sends it."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.cli import EXIT_NOT_SENT, EXIT_OK, EXIT_REJECTED, EXIT_UNKNOWN, EXIT_USAGE, main
from app.cli.common import CLI_STATUS, exit_code
from app.core.clients import make_client
from app.core.engine import OrderResult, ResultStatus, RetryPolicy, SubmissionEngine
from app.core.engine.lane import Lane
from app.core.journal import HistoryFilter, Journal, OrderState
from app.core.paths import journal_path
from app.core.secrets import SANDBOX_SECRETS
from app.core.settings import Profile, Settings, save_settings
from app.core.targets import Environment, Target
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.sandbox import ka_order

KA_TOKEN = SANDBOX_SECRETS["ka_token"]
# KA's documented limit (2 requests/s, burst 120), as its target spec states it.
KA_RATE_LIMIT, KA_BURST = Target.KA.spec.rate_limit or 0.0, Target.KA.spec.burst


def ka_profile(base_url: str, **changes: Any) -> Profile:
    """A KA profile for a server that is not the app's own simulator: KA's documented limit."""
    profile = Profile("Rate KA", Target.KA, Environment.TEST, base_url=base_url,
                      rate_limit=KA_RATE_LIMIT, burst=KA_BURST, lookup_settle_seconds=0.0)
    return replace(profile, **changes)


def http_statuses(journal: Journal) -> Counter[int | None]:
    return Counter(attempt.http_status for record in journal.page(None, 0, -1)
                   for attempt in journal.attempts(record.id))


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# -- pacing ------------------------------------------------------------------------------------


def test_the_lane_stays_a_little_under_the_profiles_limit() -> None:
    lane = Lane.open(ka_profile("http://127.0.0.1:1"), client=None)  # type: ignore[arg-type]
    assert lane.bucket.rate is not None
    assert 0.8 * KA_RATE_LIMIT <= lane.bucket.rate < KA_RATE_LIMIT
    assert 0.8 * KA_BURST <= lane.bucket.burst < KA_BURST
    unlimited = Lane.open(ka_profile("http://127.0.0.1:1", rate_limit=None, burst=1),
                          client=None)  # type: ignore[arg-type]
    assert unlimited.bucket.rate is None
    evenly = Lane.open(ka_profile("http://127.0.0.1:1", rate_limit=5.0, burst=1),
                       client=None)  # type: ignore[arg-type]
    assert evenly.bucket.burst == 1 and evenly.bucket.rate is not None
    assert evenly.bucket.rate < 5.0


def test_a_batch_paced_for_the_servers_limit_draws_no_429(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    # KA's bucket of 120, draining ten times faster than KA's 2/s so 300 orders take seconds;
    # the profile states the server's limit exactly, as a KA profile states KA's.
    server = sandbox_factory(SandboxConfig(ka_rate_limit=20.0, ka_burst=KA_BURST))
    profile = ka_profile(server.ka_base_url, rate_limit=20.0, burst=KA_BURST)
    references = [f"PACED-{n:03d}" for n in range(300)]
    with Journal(tmp_path / "journal.sqlite3") as journal:
        engine = SubmissionEngine(journal, lambda p: make_client(p, SANDBOX_SECRETS))
        try:
            report = engine.submit_batch([ka_order(ref) for ref in references], profile).wait(120)
        finally:
            engine.close()
        statuses = http_statuses(journal)
    assert Counter(r.status for r in report.results) == {ResultStatus.ACCEPTED: 300}
    assert statuses == {200: 300}, f"the server had to refuse some requests: {statuses}"
    assert len(server.orders(Target.KA)) == 300


@pytest.mark.slow
def test_300_orders_to_a_sandbox_with_kas_limit_by_url_are_all_accepted_with_few_429s(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reported case: `order-desk sandbox` (KA's 2/s, burst 120) and 300 orders submitted
    with --base-url, no rate-limit option: the documented limit applies; nothing ends unknown."""
    server = sandbox_factory()  # KA's documented limit
    monkeypatch.setenv("ORDER_DESK_KA_TOKEN", KA_TOKEN)
    orders = tmp_path / "orders.json"
    orders.write_text(json.dumps([ka_order(f"LOAD-{n:03d}") for n in range(300)]),
                      encoding="utf-8")
    code = main(["submit", str(orders), "--target", "ka", "--base-url", server.ka_base_url,
                 "--json"])
    lines = json_lines(capsys.readouterr().out)
    assert Counter(line["status"] for line in lines) == {"accepted": 300}
    assert code == EXIT_OK
    with Journal(journal_path()) as journal:
        refused = http_statuses(journal)[429]
    assert refused <= 6, f"{refused} answers of 429 for 300 orders"


# -- outcomes ----------------------------------------------------------------------------------


class ThrottlingProxy:
    """A loopback server in front of the sandbox that answers 429 (Retry-After: 0, so tests do
    not wait) to every request while `refusing`, and forwards requests otherwise."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.refusing = True
        self.refused = 0
        self._client = httpx.Client(timeout=10)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _relay(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                if proxy.refusing:
                    proxy.refused += 1
                    status, headers = 429, {"Retry-After": "0",
                                            "Content-Type": "application/json"}
                    content = b'{"code": 429, "message": "Too Many Requests"}'
                else:
                    answer = proxy._client.request(
                        self.command, proxy.upstream + self.path, content=body,
                        headers={k: v for k, v in self.headers.items()
                                 if k.lower() not in ("host", "content-length")})
                    status, content = answer.status_code, answer.content
                    headers = {"Content-Type": answer.headers.get("content-type", "")}
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def do_GET(self) -> None:
                self._relay()

            def do_POST(self) -> None:
                self._relay()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._client.close()


@pytest.fixture
def throttled(sandbox: SandboxServer) -> Iterator[ThrottlingProxy]:
    proxy = ThrottlingProxy(sandbox.ka_base_url)
    yield proxy
    proxy.close()


def test_an_order_the_server_never_takes_is_not_sent_and_the_next_submit_sends_it(
    tmp_path: Path, sandbox: SandboxServer, throttled: ThrottlingProxy,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = Settings()
    settings.add(ka_profile(throttled.url))
    save_settings(settings)
    monkeypatch.setenv("ORDER_DESK_KA_TOKEN", KA_TOKEN)
    orders = tmp_path / "orders.json"
    orders.write_text(json.dumps([ka_order("BUSY-1")]), encoding="utf-8")
    submit = ["submit", str(orders), "--target", "ka", "--profile", "Rate KA", "--json"]

    assert main(submit) == EXIT_NOT_SENT
    out = capsys.readouterr()
    [line] = json_lines(out.out)
    assert (line["ref"], line["status"], line["remote_id"]) == ("BUSY-1", "not_sent", None)
    assert "nothing was created" in line["message"]
    assert "again" in line["message"] and "reconcile" not in line["message"]
    assert "reconcile" not in out.err and "unknown" not in out.err
    assert "1 not_sent" in out.err
    assert throttled.refused >= 2, "it was tried more than once"
    assert sandbox.orders(Target.KA) == []

    with Journal(journal_path()) as journal:
        [record] = journal.page(HistoryFilter(reference="BUSY-1"), 0, -1)
        assert record.state is OrderState.NOT_SENT
        assert "nothing was created" in record.message
    assert main(["history", "--json"]) == EXIT_OK
    [row] = json_lines(capsys.readouterr().out)
    assert (row["ref"], row["state"]) == ("BUSY-1", "not_sent")
    assert main(["history", "--state", "not_sent"]) == EXIT_OK
    assert "BUSY-1" in capsys.readouterr().out

    # Nothing to look up: it was never created, and the next submit of its file sends it.
    assert main(["reconcile", "--json"]) == EXIT_OK
    out = capsys.readouterr()
    assert out.out == ""
    assert "1 order(s) were never created" in out.err and "submit" in out.err
    assert throttled.refused and sandbox.orders(Target.KA) == []

    throttled.refusing = False
    assert main(submit) == EXIT_OK
    [line] = json_lines(capsys.readouterr().out)
    assert (line["ref"], line["status"]) == ("BUSY-1", "accepted") and line["remote_id"]
    assert sandbox.count_by_reference(Target.KA, "BUSY-1") == 1
    with Journal(journal_path()) as journal:
        [record] = journal.page(HistoryFilter(reference="BUSY-1"), 0, -1)
        assert record.state is OrderState.ACCEPTED


@pytest.mark.parametrize("answer", [429, 503])
def test_the_engine_leaves_a_refused_order_not_sent_never_unknown(
    answer: int, tmp_path: Path, sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server = sandbox_factory()
    proxy = ThrottlingProxy(server.ka_base_url) if answer == 429 else None
    if answer == 503:
        server.set_faults(error_rate=1.0)  # 503 before anything is processed
    url = proxy.url if proxy else server.ka_base_url
    profile = ka_profile(url, rate_limit=None, burst=1)
    policy = RetryPolicy(max_send_attempts=3, backoff_base=0.01, backoff_cap=0.05)
    try:
        with Journal(tmp_path / "journal.sqlite3") as journal:
            engine = SubmissionEngine(journal, lambda p: make_client(p, SANDBOX_SECRETS),
                                      policy=policy)
            try:
                [result] = engine.submit_batch([ka_order("REFUSED-1")], profile).wait(30).results
                assert result.status is ResultStatus.NOT_SENT
                assert "nothing was created" in result.message
                assert "reconcile" not in result.message
                record = journal.get(result.order_id or 0)
                assert record.state is OrderState.NOT_SENT
                assert record.attempt_count == 3
                assert {a.http_status for a in journal.attempts(record.id)} == {answer}

                # A new batch does not send it behind the operator's back...
                engine.submit_batch([ka_order("OTHER-1")], profile).wait(30)
                assert journal.get(record.id).state is OrderState.NOT_SENT
                # ...the same order submitted again does, once the server takes it.
                if proxy:
                    proxy.refusing = False
                server.set_faults(error_rate=0.0)
                [again] = engine.submit_batch([ka_order("REFUSED-1")], profile).wait(30).results
            finally:
                engine.close()
            assert again.status is ResultStatus.ACCEPTED and not again.previously
            assert journal.get(record.id).state is OrderState.ACCEPTED
        assert server.count_by_reference(Target.KA, "REFUSED-1") == 1
    finally:
        if proxy:
            proxy.close()


# -- command line statuses and exit codes ------------------------------------------------------


def _result(status: ResultStatus) -> OrderResult:
    return OrderResult(0, "R-1", status)


def test_not_sent_has_its_own_status_and_exit_code() -> None:
    assert set(CLI_STATUS) == set(ResultStatus)  # each of the engine's statuses is reported
    assert CLI_STATUS[ResultStatus.NOT_SENT] == "not_sent"
    assert CLI_STATUS[ResultStatus.CANCELLED] == "not_sent"  # withdrawn before it was sent
    assert CLI_STATUS[ResultStatus.UNKNOWN] == "unknown"
    assert EXIT_NOT_SENT not in (EXIT_OK, EXIT_REJECTED, EXIT_UNKNOWN, EXIT_USAGE)
    codes = {
        (ResultStatus.ACCEPTED,): EXIT_OK,
        (ResultStatus.ACCEPTED, ResultStatus.NOT_SENT): EXIT_NOT_SENT,
        (ResultStatus.CANCELLED,): EXIT_NOT_SENT,
        (ResultStatus.REJECTED, ResultStatus.NOT_SENT): EXIT_NOT_SENT,
        (ResultStatus.UNKNOWN, ResultStatus.NOT_SENT): EXIT_UNKNOWN,
        (ResultStatus.INVALID, ResultStatus.ACCEPTED): EXIT_REJECTED,
    }
    for statuses, code in codes.items():
        assert exit_code([_result(s) for s in statuses]) == code, statuses


def test_two_profiles_of_one_account_share_its_limit(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    # Two desks' profiles for one account, sending at once: the server counts the account's
    # requests together, so the client must too (two limiters would each fill the bucket).
    server = sandbox_factory(SandboxConfig(ka_rate_limit=20.0, ka_burst=30))
    first = ka_profile(server.ka_base_url, name="Desk A", rate_limit=20.0, burst=30)
    second = ka_profile(server.ka_base_url + "/", name="Desk B", rate_limit=20.0, burst=30)
    with Journal(tmp_path / "journal.sqlite3") as journal:
        engine = SubmissionEngine(journal, lambda p: make_client(p, SANDBOX_SECRETS))
        try:
            batches = [engine.submit_batch([ka_order(f"{tag}-{n:03d}") for n in range(45)],
                                           profile)
                       for tag, profile in (("A", first), ("B", second))]
            results = [r for batch in batches for r in batch.wait(120).results]
        finally:
            engine.close()
        statuses = http_statuses(journal)
    assert Counter(r.status for r in results) == {ResultStatus.ACCEPTED: 90}
    assert statuses == {200: 90}, f"the server had to refuse some requests: {statuses}"
