"""Transport helpers shared by the KA and Nomad clients.

Two jobs: refuse base URLs that would send secrets in the clear, and turn whatever happened on the
wire into the `SendOutcome` kind that tells the engine what is safe to do next.

Transport failures (httpx exceptions):

=====================================================  =========  ================================
What happened                                          Kind       Why
=====================================================  =========  ================================
ConnectError, ConnectTimeout, PoolTimeout              RETRY      no byte of the request was sent
UnsupportedProtocol, LocalProtocolError, InvalidURL    REJECTED   we could not build the request;
                                                                  resending the same one won't help
ReadTimeout, WriteTimeout, ReadError, WriteError,      UNKNOWN    the server may have received and
RemoteProtocolError, anything else                                processed it
=====================================================  =========  ================================

HTTP answers (before any API-specific reading of the body):

=======================  =========  ======================================================
Status                   Kind       Why
=======================  =========  ======================================================
2xx                      (body)     the client reads the API envelope; a body that is not
                                    JSON is UNKNOWN, since the server may have created it
408                      RETRY      the server gave up before it had read the request
429                      RETRY      rate limited before processing; honour Retry-After
503                      RETRY      service unavailable: not processed; honour Retry-After
other 4xx                REJECTED   the API refused it; resending it as is will fail again
502, 504                 UNKNOWN    a gateway may already have forwarded it to the backend
500 and other 5xx        UNKNOWN    the backend failed somewhere, perhaps after creating it
1xx, 3xx                 UNKNOWN    unexpected (redirects are not followed); check the URL
=======================  =========  ======================================================
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
import ssl
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from app.core import phrases
from app.core.outcome import FieldError, OutcomeKind, RecordedRequest, SendOutcome
from app.core.phrases import fill
from app.core.redaction import (
    CREDENTIAL_HEADERS,
    credential_values,
    longest_first,
    redacted_header,
    remember_secrets,
)
from app.core.secrets import redact

log = logging.getLogger(__name__)

SNIPPET_LENGTH = 160
# Bodies kept on an outcome (journal, history view): enough to diagnose, never megabytes.
MAX_KEPT_BODY = 64 * 1024

_NOTHING_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_NOT_BUILDABLE = (httpx.UnsupportedProtocol, httpx.LocalProtocolError, httpx.InvalidURL)
_RETRY_STATUSES = frozenset({408, 429, 503})
_TAG = re.compile(r"<[^>]*>")
# How APIs word "this reference is taken" (neither documents it; the sandbox says "already
# exists"). Chinese backends often answer in Chinese: 重复 "repeated", 已存在 "already exists".
_EXISTS_WORDING = re.compile(r"already\s+exist|duplicat|repeated|重复|已存在", re.IGNORECASE)
# What refusals say when the account itself cannot take orders now, not this order. KA documents
# no error codes, so its words are matched (English and Chinese); the Nomad gateway's are its
# documented messages (../shared api notes): a bad app key or secret, quota, arrears.
_ACCOUNT_BLOCKED_WORDING = re.compile(
    r"insufficient\s+(account\s+)?balance|balance\s+(is\s+)?(not\s+enough|insufficient)"
    r"|not\s+enough\s+balance|余额不足|欠费|arrears|quota\s+(exhausted|expired)"
    r"|account\s+(is\s+)?(suspended|disabled|frozen|locked|blocked)|账户(已)?(冻结|禁用|停用)"
    r"|invalid\s+app\s?(key|secret)|app secret is wrong|token (was refused|expired|is invalid)",
    re.IGNORECASE,
)
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class InsecureURLError(ValueError):
    """A base URL that would send credentials unencrypted to another machine."""


def is_loopback_host(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(url: str) -> str:
    """The base URL without a trailing slash, or an error that says what is wrong with it.

    TLS (verified) is required, except to this machine's own loopback addresses, where the
    built-in sandbox listens on plain http.
    """
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError(f"base URL {url!r}: expected https://host[:port][/path]")
    if parts.username or parts.password:
        raise ValueError("base URL: must not contain a user name or password")
    if parts.query or parts.fragment:
        raise ValueError(f"base URL {url!r}: must not contain a query or fragment")
    if parts.scheme == "http" and not is_loopback_host(host):
        raise InsecureURLError(
            f"base URL {url!r}: plain http is only allowed to this computer (127.0.0.1, ::1, "
            "localhost); use https:// so credentials and orders are encrypted"
        )
    return url.strip().rstrip("/")


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def snippet(text: str, secrets: Sequence[str | None] = (), limit: int = SNIPPET_LENGTH) -> str:
    """A short, single-line, tag-free excerpt of a body that is safe to show an operator."""
    flat = " ".join(_UNPRINTABLE.sub(" ", _TAG.sub(" ", text)).split())
    flat = redact(flat, tuple(secrets))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def says_reference_exists(message: str, reference: object, field_name: str) -> bool:
    """Whether a refusal says an order with this reference already exists: it must use words
    for "exists" and name the reference (or its field), so "duplicate SKU" does not count."""
    if not isinstance(reference, str) or not reference or not _EXISTS_WORDING.search(message):
        return False
    return reference in message or field_name.lower() in message.lower()


def flag_account_blocked(outcome: SendOutcome) -> SendOutcome:
    """Mark a refusal that says the account cannot take orders now (the credential was refused:
    HTTP 401/403 other than throttling; or words saying so), which every further order would
    meet as well."""
    if outcome.kind is not OutcomeKind.REJECTED:
        return outcome
    refused = outcome.http_status in (401, 403) and "throttl" not in outcome.message.lower()
    if refused or _ACCOUNT_BLOCKED_WORDING.search(outcome.message):
        return replace(outcome, blocks_account=True)
    return outcome


def load_json(text: str, *, exact: bool = False) -> Any:
    """Parse JSON; integers are always exact, and ``exact`` keeps decimals as `Decimal` too
    (ids sent as JSON numbers must not pass through a float)."""
    return json.loads(text, parse_float=Decimal if exact else float)


def id_text(value: object) -> str | None:
    """An id from a JSON value as text: 1000000371651 -> "1000000371651", never "1.0e12"."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal | float) and value == int(value):
        return str(int(value))
    text = str(value).strip()
    return text or None


@dataclass(frozen=True)
class ApiFailure:
    """Why a query call (not an order submission) produced no result."""

    kind: OutcomeKind
    message: str
    http_status: int | None = None
    retry_after: float | None = None
    field_errors: tuple[FieldError, ...] = ()

    @classmethod
    def from_outcome(cls, outcome: SendOutcome) -> ApiFailure:
        return cls(
            outcome.kind,
            outcome.message,
            outcome.http_status,
            outcome.retry_after,
            outcome.field_errors,
        )

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Exchange:
    """One request and what came back: a response, or the outcome of a transport failure."""

    request: RecordedRequest
    response: httpx.Response | None
    failure: SendOutcome | None
    duration_ms: float
    secrets: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.response.text if self.response is not None else ""

    def snippet(self) -> str:
        return snippet(self.text, self.secrets)

    def outcome(self, kind: OutcomeKind, message: str, **extra: Any) -> SendOutcome:
        """A `SendOutcome` carrying this exchange's request, status, body and timing."""
        response = self.response
        body = redact(self.text[:MAX_KEPT_BODY], self.secrets) if response is not None else None
        return SendOutcome(
            kind=kind,
            message=redact(message, self.secrets),
            http_status=response.status_code if response is not None else None,
            response_body=body,
            request=self.request,
            duration_ms=self.duration_ms,
            **extra,
        )

    def status_outcome(self, detail: str = "") -> SendOutcome:
        """The outcome for a non-2xx answer, by the table in this module's docstring."""
        assert self.response is not None
        status = self.response.status_code
        if status in _RETRY_STATUSES:
            kind = OutcomeKind.RETRY
        elif 400 <= status < 500:
            kind = OutcomeKind.REJECTED
        else:
            kind = OutcomeKind.UNKNOWN
        reason = self.response.reason_phrase or ""
        message = f"HTTP {status} {reason}".rstrip()
        shown = detail or self.snippet()
        if shown and shown.lower() != reason.lower():
            message += f": {shown}"
        if kind is OutcomeKind.UNKNOWN:
            message += f" ({phrases.MAY_HAVE_PROCESSED})"
        if 300 <= status < 400:
            location = self.response.headers.get("location", "")
            message += "; " + fill(phrases.REDIRECTED, repr(location))
        retry_after = None
        if kind is OutcomeKind.RETRY:
            retry_after = parse_retry_after(self.response.headers.get("retry-after"))
        return self.outcome(kind, message, retry_after=retry_after)

    def unreadable_outcome(self, problem: str = phrases.NOT_JSON) -> SendOutcome:
        """A 2xx whose body we cannot read: the server may well have created the order."""
        status = self.response.status_code if self.response is not None else "?"
        return self.outcome(
            OutcomeKind.UNKNOWN,
            fill(phrases.UNREADABLE_BODY, status, problem, repr(self.snippet())),
        )


def _transport_failure_kind(exc: httpx.HTTPError) -> OutcomeKind:
    if isinstance(exc, _NOTHING_SENT):
        return OutcomeKind.RETRY
    if isinstance(exc, _NOT_BUILDABLE):
        return OutcomeKind.REJECTED
    return OutcomeKind.UNKNOWN


_FAILURE_TEXT = {
    OutcomeKind.RETRY: phrases.COULD_NOT_CONNECT,
    OutcomeKind.REJECTED: phrases.COULD_NOT_BUILD,
    OutcomeKind.UNKNOWN: phrases.FAILED_AFTER_SENDING,
}


def _trusting_none() -> ssl.SSLContext:
    """A TLS context that verifies certificates and trusts no authority: it accepts none."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class HttpSession:
    """One `httpx.Client` with a checked base URL and redaction of credentials.

    Never follows redirects (a redirected POST could be replayed somewhere else) and never lets
    an httpx exception out: `send` returns an `Exchange` either way.

    Redaction happens here, for every client: what a request carries in a credential header
    (`app.core.redaction.CREDENTIAL_HEADERS`: bearer token, gateway app key, signature) never
    reaches the recorded request, and those values and the given ``secrets`` (e.g. an app secret
    that is never sent) are replaced by ``***`` in the URL, bodies and messages an `Exchange`
    produces, so an answer that echoes them (a gateway's string to sign) is stored redacted.
    """

    def __init__(
        self,
        base_url: str,
        *,
        secrets: Sequence[str | None],
        timeout: float = 30.0,
        headers: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = check_base_url(base_url)
        self.path_prefix = urlsplit(self.base_url).path
        self._secrets = longest_first(secrets)
        remember_secrets(self._secrets)  # for the log file and crash reports
        loopback = is_loopback_host(urlsplit(self.base_url).hostname or "")
        self._client = httpx.Client(
            timeout=timeout,
            # Plain http (to this machine only) never negotiates TLS, redirects never being
            # followed: a context trusting no authority stands in for the trust store, whose
            # loading took 30 ms of every such start.
            verify=_trusting_none() if self.base_url.startswith("http:") else True,
            follow_redirects=False,
            headers=dict(headers or {}),
            transport=transport,
            # A system proxy is never the way to this machine's own loopback sandbox.
            trust_env=not loopback,
        )

    def url(self, path: str) -> str:
        """The absolute URL of a path that already includes the base URL's own path prefix."""
        origin = self.base_url[: len(self.base_url) - len(self.path_prefix)]
        return origin + path

    def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Exchange:
        request = self._client.build_request(
            method, self.url(path), params=params, content=content, headers=headers
        )
        recorded = self.record(request)
        secrets = self._request_secrets(request)
        started = time.perf_counter()
        try:
            response = self._client.send(request)
        except httpx.HTTPError as exc:
            duration_ms = (time.perf_counter() - started) * 1000
            kind = _transport_failure_kind(exc)
            error = redact(f"{type(exc).__name__}: {exc}", secrets)
            log.info("%s %s failed after %.0f ms: %s", method, recorded.url, duration_ms, error)
            failure = SendOutcome(
                kind=kind,
                message=fill(_FAILURE_TEXT[kind], error),
                request=recorded,
                duration_ms=duration_ms,
            )
            return Exchange(recorded, None, failure, duration_ms, secrets)
        duration_ms = (time.perf_counter() - started) * 1000
        log.debug("%s %s -> %s in %.0f ms", method, recorded.url, response.status_code, duration_ms)
        return Exchange(recorded, response, None, duration_ms, secrets)

    def _request_secrets(self, request: httpx.Request) -> tuple[str, ...]:
        """The session's secrets plus whatever this request carries in credential headers."""
        return longest_first((*self._secrets, *credential_values(request.headers)))

    def record(self, request: httpx.Request) -> RecordedRequest:
        """The request as it may be stored and shown: credential headers replaced by ***
        (``Bearer ***`` for Authorization), secrets redacted everywhere else."""
        secrets = self._request_secrets(request)
        headers: dict[str, str] = {}
        for name, value in request.headers.items():
            if name.lower() in CREDENTIAL_HEADERS:
                headers[name] = redacted_header(name, value)
            else:
                headers[name] = redact(value, secrets)
        body = request.content.decode("utf-8", errors="replace")
        return RecordedRequest(
            method=request.method,
            url=redact(str(request.url), secrets),
            headers=headers,
            body=redact(body, secrets),
        )

    def close(self) -> None:
        self._client.close()
