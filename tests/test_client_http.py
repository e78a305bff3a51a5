"""Shared transport rules: URL safety, status and exception tables, Retry-After, redaction."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from app.core.clients.http import (
    HttpSession,
    InsecureURLError,
    check_base_url,
    id_text,
    load_json,
    parse_retry_after,
    snippet,
)
from app.core.outcome import OutcomeKind, RecordedRequest

SECRET = "s3cr3t-value-xyz"


@pytest.mark.parametrize(
    "url",
    [
        "https://developer.kakaclo.com",
        "https://nomad.samarkand-global.cn/envoy/",
        "http://127.0.0.1:8080",
        "http://127.3.4.5/envoy",
        "http://localhost:9000",
        "http://[::1]:9000/envoy",
    ],
)
def test_safe_base_urls_are_accepted_without_trailing_slash(url: str) -> None:
    assert check_base_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url",
    [
        "http://developer.kakaclo.com",
        "http://10.0.0.5:8080",
        "http://192.168.1.1",
        "http://localhost.example.com",
        "http://128.0.0.1",
    ],
)
def test_plain_http_to_another_machine_is_refused(url: str) -> None:
    with pytest.raises(InsecureURLError, match="plain http is only allowed"):
        check_base_url(url)


def test_refusal_happens_before_any_client_is_built() -> None:
    with pytest.raises(InsecureURLError):
        HttpSession("http://example.com", secrets=[])


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com", "example.com", "https://user:pw@example.com", "https://h/?a=1", ""],
)
def test_malformed_base_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="base URL"):
        check_base_url(url)


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(" 1.5 ") == 1.5
    later = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(later, now=now) == pytest.approx(30.0)
    past = format_datetime(now - timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(past, now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_snippet_is_short_single_line_tag_free_and_redacted() -> None:
    html = f"<html>\n<body><h1>502 Bad Gateway</h1>\x00 token {SECRET} {'x' * 500}</body></html>"
    shown = snippet(html, [SECRET])
    assert shown.startswith("502 Bad Gateway token ***")
    assert "<" not in shown and "\n" not in shown and "\x00" not in shown
    assert SECRET not in shown
    assert len(shown) <= 160


def test_ids_stay_exact_whatever_json_number_form() -> None:
    big = "123456789012345678901234567890"
    assert id_text(load_json(f'{{"data": {big}}}')["data"]) == big
    assert id_text(load_json('{"data": 1000000371651.0}', exact=True)["data"]) == "1000000371651"
    assert id_text(Decimal("42")) == "42"
    assert id_text(" abc ") == "abc"
    assert id_text(True) is None
    assert id_text(None) is None


def _session(handler) -> HttpSession:  # type: ignore[no-untyped-def]
    return HttpSession(
        "https://api.example.com/base",
        secrets=[SECRET],
        headers={"Authorization": f"Bearer {SECRET}", "X-Echo": f"k={SECRET}"},
        transport=httpx.MockTransport(handler),
    )


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, OutcomeKind.REJECTED),
        (401, OutcomeKind.REJECTED),
        (404, OutcomeKind.REJECTED),
        (408, OutcomeKind.RETRY),
        (429, OutcomeKind.RETRY),
        (500, OutcomeKind.UNKNOWN),
        (502, OutcomeKind.UNKNOWN),
        (503, OutcomeKind.RETRY),
        (504, OutcomeKind.UNKNOWN),
        (302, OutcomeKind.UNKNOWN),
    ],
)
def test_status_table(status: int, kind: OutcomeKind) -> None:
    session = _session(lambda request: httpx.Response(status, text="<p>nope</p>"))
    exchange = session.send("POST", "/base/x", content=b"{}")
    outcome = exchange.status_outcome()
    assert outcome.kind is kind
    assert outcome.http_status == status
    assert f"HTTP {status}" in outcome.message and "nope" in outcome.message


def test_retry_status_carries_retry_after() -> None:
    session = _session(lambda request: httpx.Response(429, headers={"Retry-After": "12"}))
    outcome = session.send("GET", "/base/x").status_outcome()
    assert outcome.kind is OutcomeKind.RETRY
    assert outcome.retry_after == 12.0


def _raiser(exc_type: type[httpx.HTTPError]):  # type: ignore[no-untyped-def]
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc_type("boom", request=request)

    return handler


@pytest.mark.parametrize(
    ("exc_type", "kind"),
    [
        (httpx.ConnectError, OutcomeKind.RETRY),
        (httpx.ConnectTimeout, OutcomeKind.RETRY),
        (httpx.PoolTimeout, OutcomeKind.RETRY),
        (httpx.ReadTimeout, OutcomeKind.UNKNOWN),
        (httpx.WriteTimeout, OutcomeKind.UNKNOWN),
        (httpx.ReadError, OutcomeKind.UNKNOWN),
        (httpx.WriteError, OutcomeKind.UNKNOWN),
        (httpx.RemoteProtocolError, OutcomeKind.UNKNOWN),
        (httpx.LocalProtocolError, OutcomeKind.REJECTED),
    ],
)
def test_transport_exception_table(exc_type: type[httpx.HTTPError], kind: OutcomeKind) -> None:
    exchange = _session(_raiser(exc_type)).send("POST", "/base/x", content=b"{}")
    assert exchange.response is None
    assert exchange.failure is not None
    assert exchange.failure.kind is kind
    assert exchange.failure.request is not None
    assert "boom" in exchange.failure.message


def test_connection_refused_on_real_loopback_is_retry() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on that port now: the connect fails before a byte is sent.
    session = HttpSession(f"http://127.0.0.1:{port}", secrets=[], timeout=5)
    exchange = session.send("POST", "/x", content=b"{}")
    session.close()
    assert exchange.failure is not None
    assert exchange.failure.kind is OutcomeKind.RETRY
    assert "nothing was sent" in exchange.failure.message


def test_recorded_request_and_outcome_never_hold_the_secret() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, text=f"bad token {SECRET}")

    session = _session(handler)
    exchange = session.send(
        "POST", "/base/x", params={"q": SECRET}, content=f'{{"t": "{SECRET}"}}'.encode()
    )
    outcome = exchange.status_outcome()
    recorded = outcome.request
    assert recorded is not None
    assert recorded.headers["authorization"] == "Bearer ***"
    assert recorded.url == "https://api.example.com/base/x?q=***"
    everything = repr(outcome)
    assert SECRET not in everything
    assert "***" in recorded.body and "***" in recorded.headers["x-echo"]
    assert outcome.duration_ms >= 0


def test_two_xx_body_that_is_not_json_is_unknown_with_a_snippet() -> None:
    session = _session(lambda request: httpx.Response(200, text="<html>Maintenance</html>"))
    outcome = session.send("POST", "/base/x", content=b"{}").unreadable_outcome()
    assert outcome.kind is OutcomeKind.UNKNOWN
    assert "Maintenance" in outcome.message and "look the order up" in outcome.message


@pytest.fixture
def untrusted_tls_port(tmp_path: Path) -> Iterator[int]:
    """A loopback TLS listener whose self-signed certificate no CA vouches for."""
    cert_path, key_path = _self_signed_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)

    def serve_one() -> None:
        with contextlib.suppress(OSError):  # the client hangs up when it rejects the cert
            connection, _ = listener.accept()
            with context.wrap_socket(connection, server_side=True):
                pass

    thread = threading.Thread(target=serve_one)
    thread.start()
    yield listener.getsockname()[1]
    thread.join()
    listener.close()


def _self_signed_certificate(directory: Path) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_path), str(key_path)


def test_tls_certificates_are_verified(untrusted_tls_port: int) -> None:
    session = HttpSession(f"https://127.0.0.1:{untrusted_tls_port}", secrets=[], timeout=10)
    exchange = session.send("POST", "/x", content=b"{}")
    session.close()
    assert exchange.failure is not None
    # The handshake failed, so no byte of the request went out: safe to retry once fixed.
    assert exchange.failure.kind is OutcomeKind.RETRY
    assert "CERTIFICATE_VERIFY_FAILED" in exchange.failure.message


def test_plain_http_to_this_machine_loads_no_trust_store_and_https_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded: list[object] = []
    load = ssl.SSLContext.load_verify_locations

    def counted(context: ssl.SSLContext, *args: object, **kwargs: object) -> None:
        loaded.append(context)
        load(context, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", counted)
    HttpSession("http://127.0.0.1:8080", secrets=[]).close()
    assert loaded == []
    HttpSession("https://127.0.0.1:8443", secrets=[]).close()
    assert loaded


def test_a_recorded_request_is_journaled_with_every_field_as_asdict_has_it() -> None:
    """`to_json` names the fields itself (asdict copied every header): one added later must not
    go missing from the journal."""
    import dataclasses
    import json

    values = {"method": "POST", "url": "https://api.example.test/orders",
              "headers": {"X-App-Key": "[redacted]", "Content-Type": "application/json"},
              "body": '{"customOrderId": "订单-1"}'}
    fields = [field.name for field in dataclasses.fields(RecordedRequest)]
    filled = {name: values.get(name, f"{name} value") for name in fields}
    request = RecordedRequest(**filled)  # type: ignore[arg-type]
    assert json.loads(request.to_json()) == dataclasses.asdict(request)
    assert request.to_json() == json.dumps(dataclasses.asdict(request), ensure_ascii=False)
