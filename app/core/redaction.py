"""Which parts of a request are credentials, and every credential this process has used.

Clients never decide this themselves: `app.core.clients.http` replaces the value of every
`CREDENTIAL_HEADERS` header in what it records, and redacts those values (and the secrets a
client names) from response bodies and messages. Each HTTP session also remembers its secrets
here, so the log file and crash reports can redact them whichever face (window or command line)
read them, from the environment or the keyring.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping

from app.core.secrets import redact

REDACTED = "***"

# Headers whose value is, or is made from, a credential: a bearer token (KA), the gateway app key
# and the request's signature (Nomad; with the body, timestamp and nonce a signature would let
# someone replay the request within the gateway's 15 minutes). Lower case.
CREDENTIAL_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "x-ca-key", "x-ca-signature", "cookie"}
)
_SCHEMES = ("authorization", "proxy-authorization")

_remembered: set[str] = set()
_lock = threading.Lock()


def redacted_header(name: str, value: str) -> str:
    """A credential header's value as it may be stored: an Authorization header keeps its scheme
    (``Bearer ***``), any other credential header becomes ``***``."""
    if name.lower() in _SCHEMES and " " in value.strip():
        return f"{value.strip().split(' ', 1)[0]} {REDACTED}"
    return REDACTED


def credential_values(headers: Mapping[str, str]) -> tuple[str, ...]:
    """The secret values in a request's credential headers (for an Authorization header, the
    token without its scheme), to redact wherever they are echoed."""
    values: list[str] = []
    for name, value in headers.items():
        value = value.strip()
        if name.lower() not in CREDENTIAL_HEADERS or not value:
            continue
        if name.lower() in _SCHEMES and " " in value:
            value = value.split(" ", 1)[1].strip()
        if value != REDACTED:
            values.append(value)
    return tuple(values)


def longest_first(secrets: Iterable[str | None]) -> tuple[str, ...]:
    """Distinct non-empty secrets, longest first, so one containing another is replaced whole."""
    return tuple(sorted({s for s in secrets if s}, key=len, reverse=True))


def remember_secrets(values: Iterable[str | None]) -> None:
    """Note credentials this process uses (a client's token, app key, app secret)."""
    with _lock:
        _remembered.update(v for v in values if v)


def remembered_secrets() -> tuple[str, ...]:
    with _lock:
        return tuple(_remembered)


def scrub_stored_attempt(
    request_json: str | None, response_body: str | None, message: str
) -> tuple[str | None, str | None, str]:
    """An attempt as journals written before credential headers were redacted should have kept
    it: the credential headers of its recorded request replaced, and their values (e.g. the app
    key a gateway echoed in its string to sign) redacted from the body, answer and message.
    Anything that is not a recorded request is returned unchanged. For a journal migration."""
    try:
        loaded = json.loads(request_json) if request_json else None
    except ValueError:
        return request_json, response_body, message
    if not isinstance(loaded, dict) or not isinstance(loaded.get("headers"), dict):
        return request_json, response_body, message
    request: dict[str, object] = loaded
    headers: dict[object, object] = loaded["headers"]
    text_headers = {str(k): str(v) for k, v in headers.items()}
    secrets = longest_first(credential_values(text_headers))
    if not secrets:
        return request_json, response_body, message
    request["headers"] = {
        name: redacted_header(name, value) if name.lower() in CREDENTIAL_HEADERS
        else redact(value, secrets)
        for name, value in text_headers.items()
    }
    for key in ("url", "body"):
        value = request.get(key)
        if isinstance(value, str):
            request[key] = redact(value, secrets)
    body = redact(response_body, secrets) if response_body is not None else None
    return json.dumps(request, ensure_ascii=False), body, redact(message, secrets)
