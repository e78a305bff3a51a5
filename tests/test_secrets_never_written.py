"""Credentials never reach the disk or the output: journal (SQLite file and WAL), logs, settings,
crash reports, exports, `history --json`, `credentials status`.

End to end: orders go through `order-desk submit` to a sandbox that expects distinctive
credentials (from the environment or the keyring), including a Nomad gateway refusal that echoes
the app key in its string to sign; then every byte written is searched for them.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import keyring
import pytest

from app import crash
from app.cli import EXIT_OK, EXIT_REJECTED, main
from app.core.clients.ka import KaClient
from app.core.clients.nomad import NomadClient
from app.core.importing import write_results
from app.core.importing.export import OrderResult
from app.core.journal import HistoryFilter, Journal
from app.core.paths import data_dir, journal_path
from app.core.secrets import SERVICE
from app.sandbox import SandboxConfig
from tests.fixtures.sandbox import NOMAD_STORE, SandboxFactory, ka_order, nomad_order

KA_TOKEN = "ka-token-7QX2-distinct"
APP_KEY = "nomad-key-5WD9-distinct"
APP_SECRET = "nomad-secret-3HV8-distinct"
SECRETS = {"ka_token": KA_TOKEN, "nomad_app_key": APP_KEY, "nomad_app_secret": APP_SECRET}
ENV_VARS = {
    "ka_token": "ORDER_DESK_KA_TOKEN",
    "nomad_app_key": "ORDER_DESK_NOMAD_APP_KEY",
    "nomad_app_secret": "ORDER_DESK_NOMAD_APP_SECRET",
}


def _forms(secret: str) -> list[bytes]:
    """The ways a secret (or a truncated copy of it) could sit in a file."""
    forms = []
    for text in (secret, secret[:12]):
        forms += [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]
    return forms


def assert_no_secret(data: bytes | str, where: str) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    for name, secret in SECRETS.items():
        for form in _forms(secret):
            assert form not in raw, f"{name} found in {where}"


def assert_no_secret_in_tree(root: Path) -> list[Path]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    for path in files:
        assert_no_secret(path.read_bytes(), str(path.relative_to(root)))
    return files


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def file_log() -> Iterator[Path]:
    """The window's rotating log file in the data folder, at debug level, for this test."""
    from app.gui.error_sink import configure_file_logging

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.DEBUG)
    handler = configure_file_logging(data_dir(), logging.DEBUG)
    yield data_dir() / "order-desk.log"
    root.removeHandler(handler)
    handler.close()
    root.setLevel(level)


@pytest.fixture
def recent_log_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Crash reports carry the recent log lines of this test only."""
    monkeypatch.setattr(crash, "_recent", crash.deque(maxlen=crash.RECENT_LINES))
    monkeypatch.setattr(crash, "_known_secrets", set())
    crash.install()


@pytest.mark.parametrize("source", ["environment", "keyring"])
def test_no_credential_is_written_anywhere_after_submitting_to_both_apis(
    source: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    sandbox_factory: SandboxFactory,
    file_log: Path,
    recent_log_lines: None,
) -> None:
    if source == "environment":
        for name, value in SECRETS.items():
            monkeypatch.setenv(ENV_VARS[name], value)
    else:  # the (in-memory) keyring, as `credentials set` stores them
        for profile, names in (("Sandbox KA", ["ka_token"]),
                               ("Sandbox Nomad", ["nomad_app_key", "nomad_app_secret"])):
            for name in names:
                keyring.set_password(SERVICE, f"{profile}:{name}", SECRETS[name])
    ka_file = tmp_path / "ka.json"
    ka_file.write_text(json.dumps([ka_order("SEC-KA-1"), ka_order("SEC-KA-2")]), "utf-8")
    nomad_file = tmp_path / "nomad.json"
    nomad_file.write_text(json.dumps([nomad_order("SEC-NM-1"), nomad_order("SEC-NM-2")]), "utf-8")

    # The built-in sandbox, started with the credentials the profiles present.
    assert main(["-v", "submit", str(ka_file), "--target", "ka", "--json"]) == EXIT_OK
    assert main(["-v", "submit", str(nomad_file), "--target", "nomad", "--json"]) == EXIT_OK
    # A gateway that knows the app key but not this secret: "Invalid Signature", echoing its
    # string to sign (x-ca-key:<app key>...) in X-Ca-Error-Message.
    gateway = sandbox_factory(SandboxConfig(nomad_app_key=APP_KEY, nomad_app_secret="other-one"))
    refused = tmp_path / "refused.json"
    refused.write_text(json.dumps([nomad_order("SEC-NM-SIG")]), "utf-8")
    code = main(["-v", "submit", str(refused), "--target", "nomad", "--json", "--base-url",
                 gateway.nomad_base_url, "--store", NOMAD_STORE, "--stage", "TEST"])
    assert code == EXIT_REJECTED
    submitted = capsys.readouterr()
    results = json_lines(submitted.out)
    assert [r["status"] for r in results].count("accepted") == 4
    [signature] = [r for r in results if r["ref"] == "SEC-NM-SIG"]
    assert "Invalid Signature" in signature["message"] and "x-ca-key:***" in signature["message"]
    assert_no_secret(submitted.out + submitted.err, "submit output")

    # The journal keeps every request, redacted, and the signature error as it was shown.
    with Journal(journal_path()) as journal:
        records = journal.page(HistoryFilter(), 0, -1)
        assert len(records) == 5
        requests = [a.request_json for r in records for a in journal.attempts(r.id)]
    stored = [json.loads(text) for text in requests if text]
    assert len(stored) >= 5  # one send each, at least
    for request in stored:
        headers = {name.lower(): value for name, value in request["headers"].items()}
        if "x-ca-key" in headers:
            assert headers["x-ca-key"] == "***" and headers["x-ca-signature"] == "***"
            assert headers["x-ca-nonce"] and headers["x-ca-timestamp"]  # kept to diagnose
        else:
            assert headers["authorization"] == "Bearer ***"

    # history --json, credentials status, and the two CSV exports.
    assert main(["history", "--json", "--limit", "0"]) == EXIT_OK
    assert main(["credentials", "status"]) == EXIT_OK
    assert main(["credentials", "status", "--json"]) == EXIT_OK
    listed = capsys.readouterr()
    assert "SEC-NM-SIG" in listed.out and "nomad_app_key" in listed.out
    assert_no_secret(listed.out + listed.err, "history / credentials status output")
    from app.gui.history_view import HistoryView

    exported = tmp_path / "history.csv"
    HistoryView.export_csv(exported, records)
    assert "SEC-NM-SIG" in exported.read_text("utf-8-sig")
    results_sheet = tmp_path / "results.csv"
    write_results(results_sheet, [
        OrderResult(r.reference, (n,), r.state.value, r.remote_id or "", r.message)
        for n, r in enumerate(records, 1)
    ])
    assert_no_secret(exported.read_bytes(), "history export")
    assert_no_secret(results_sheet.read_bytes(), "results export")

    # A crash now: its report carries the recent log lines and the exception's text (a bug
    # that puts a credential in an exception must not put it on disk).
    try:
        raise RuntimeError(f"boom {KA_TOKEN} {APP_KEY} {APP_SECRET}")
    except RuntimeError as exc:
        report = crash.write_report(type(exc), exc, exc.__traceback__)
    assert "boom *** *** ***" in report.read_text("utf-8")

    # Every byte of the data folder: journal (+ WAL), settings, log file, crash reports,
    # the sandbox's own store.
    files = assert_no_secret_in_tree(data_dir())
    names = {p.name for p in files}
    assert {"order-desk.log", report.name}.issubset(names)
    assert any(name.startswith(journal_path().name) for name in names)
    assert file_log.stat().st_size > 0


def test_a_log_line_that_names_a_credential_is_redacted_in_the_log_file(
    monkeypatch: pytest.MonkeyPatch, file_log: Path
) -> None:
    """Defence in depth: whatever a careless log call passes, the file gets no known secret
    (from the environment or a client this process built)."""
    monkeypatch.setenv("ORDER_DESK_NOMAD_APP_KEY", APP_KEY)
    with closing(KaClient("https://ka.example.com", KA_TOKEN)):
        logging.getLogger("app.test").warning("headers: %s", {"x-ca-key": APP_KEY,
                                                               "authorization": KA_TOKEN})
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = file_log.read_text("utf-8")
    assert "headers: {'x-ca-key': '***', 'authorization': '***'}" in text
    assert_no_secret(text, "log file")


def test_command_line_log_output_is_redacted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line's own log handler (stderr, often redirected to a file by a scheduler)."""
    from app.cli import log_handler

    monkeypatch.setenv("ORDER_DESK_KA_TOKEN", KA_TOKEN)
    handler = log_handler(sys.stderr)
    record = logging.LogRecord("app.test", logging.WARNING, __file__, 1, "token %s", (KA_TOKEN,),
                               None)
    handler.handle(record)
    assert capsys.readouterr().err.strip().endswith("token ***")


# -- the HTTP layer --------------------------------------------------------------------------


def _echoing_gateway(request: httpx.Request) -> httpx.Response:
    """An Alibaba gateway refusing the signature and echoing everything it was sent, in the
    header (as documented) and in the body (as a debug-mode gateway or a proxy might)."""
    string_to_sign = (
        f"POST application/json x-ca-key:{request.headers['x-ca-key']}"
        f"x-ca-nonce:{request.headers['x-ca-nonce']}/envoy/order/s"
    )
    echoed = {name: value for name, value in request.headers.items()}
    return httpx.Response(
        400,
        headers={
            "X-Ca-Error-Message": f"Invalid Signature, Server StringToSign:{string_to_sign}",
            "X-Ca-Request-Id": "REQ-1",
        },
        json={"echo": echoed, "stringToSign": string_to_sign},
    )


def test_a_gateway_signature_error_echoing_the_key_is_kept_redacted() -> None:
    client = NomadClient("https://nomad.example.com/envoy", "s", APP_KEY, APP_SECRET, "TEST",
                         transport=httpx.MockTransport(_echoing_gateway))
    with closing(client):
        outcome = client.create_order(nomad_order("SIG-1"))
    assert outcome.http_status == 400 and "Invalid Signature" in outcome.message
    assert "x-ca-key:***" in outcome.message
    assert outcome.response_body and "x-ca-key:***" in outcome.response_body
    assert outcome.request is not None
    assert outcome.request.headers["x-ca-key"] == "***"
    assert outcome.request.headers["x-ca-signature"] == "***"
    assert outcome.request.headers["x-ca-nonce"]  # not a credential: kept to diagnose
    signature = json.loads(outcome.response_body or "{}")["echo"]["x-ca-signature"]
    assert signature == "***"  # whatever the request carried as a credential is redacted
    assert_no_secret(repr(outcome), "outcome")


def test_a_ka_answer_echoing_the_token_is_kept_redacted() -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"code": 401, "message": "bad token",
                                         "received": request.headers["authorization"]})

    client = KaClient("https://ka.example.com", KA_TOKEN, transport=httpx.MockTransport(echo))
    with closing(client):
        outcome = client.create_order(ka_order("KA-SEC"))
    assert outcome.http_status == 401
    assert outcome.request is not None and outcome.request.headers["authorization"] == "Bearer ***"
    assert outcome.response_body and "Bearer ***" in outcome.response_body
    assert_no_secret(repr(outcome), "outcome")


def test_credential_headers_are_redacted_even_when_the_session_was_not_told_the_value() -> None:
    from app.core.clients.http import HttpSession

    session = HttpSession("https://api.example.com", secrets=[])
    with closing(session):
        request = session._client.build_request(
            "GET", "https://api.example.com/x",
            headers={"X-Ca-Key": APP_KEY, "X-Ca-Signature": "c2lnbmF0dXJl", "Authorization":
                     f"Bearer {KA_TOKEN}", "X-Ca-Nonce": "n-1"},
        )
        recorded = session.record(request)
    assert recorded.headers["x-ca-key"] == "***"
    assert recorded.headers["x-ca-signature"] == "***"
    assert recorded.headers["authorization"] == "Bearer ***"
    assert recorded.headers["x-ca-nonce"] == "n-1"
    assert_no_secret(repr(recorded), "recorded request")


def test_an_attempt_journaled_before_the_fix_can_be_scrubbed() -> None:
    """For the journal migration: a stored request with the app key and signature in clear, and
    the gateway's echo of the key in the message and the answer."""
    from app.core.redaction import scrub_stored_attempt

    request = {"method": "POST", "url": "https://n.example.com/envoy/order/s",
               "headers": {"x-ca-key": APP_KEY, "x-ca-signature": "c2lnbmF0dXJlLXZhbHVl",
                           "x-ca-nonce": "n-1", "x-ca-signature-headers": "x-ca-key,x-ca-nonce"},
               "body": "{}"}
    echo = f"Invalid Signature, Server StringToSign:POSTx-ca-key:{APP_KEY}x-ca-nonce:n-1"
    scrubbed, body, message = scrub_stored_attempt(json.dumps(request), echo, f"refused: {echo}")
    assert scrubbed is not None
    headers = json.loads(scrubbed)["headers"]
    assert headers == {"x-ca-key": "***", "x-ca-signature": "***", "x-ca-nonce": "n-1",
                       "x-ca-signature-headers": "x-ca-key,x-ca-nonce"}
    assert body is not None and "x-ca-key:***x-ca-nonce" in body
    assert message.startswith("refused: ") and "x-ca-key:***" in message
    assert_no_secret(f"{scrubbed}{body}{message}", "scrubbed attempt")

    ka = {"method": "POST", "url": "u", "headers": {"Authorization": f"Bearer {KA_TOKEN}"},
          "body": ""}
    assert json.loads(scrub_stored_attempt(json.dumps(ka), None, "")[0] or "")["headers"] == {
        "Authorization": "Bearer ***"}
    already = json.dumps({"headers": {"x-ca-key": "***"}, "url": "u", "body": ""})
    assert scrub_stored_attempt(already, "b", "m") == (already, "b", "m")
    assert scrub_stored_attempt(None, "x", "m") == (None, "x", "m")
    assert scrub_stored_attempt("not json", None, "m") == ("not json", None, "m")
