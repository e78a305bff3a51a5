"""Which parts of a request are credentials, and every credential this process has used.

Clients never decide this themselves: `app.core.clients.http` replaces the value of every
`CREDENTIAL_HEADERS` header in what it records, and redacts those values (and the secrets a
client names) from response bodies and messages. Each HTTP session also remembers its secrets
here, so the log file and crash reports can redact them whichever face (window or command line)
read them, from the environment or the keyring.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping

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
