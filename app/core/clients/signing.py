"""Alibaba Cloud API Gateway request signing (HMAC-SHA256, AppKey + AppSecret), as Nomad uses it.

The string to sign is::

    METHOD \\n Accept \\n Content-MD5 \\n Content-Type \\n Date \\n
    name:value \\n ... (signed headers, sorted) \\n
    /path?k1=v1&k2 (query keys sorted, raw values, a key without value has no "=")

The client side (`sign_request`) and the server side (`verify_signature`, used by the sandbox's
gateway) share one builder, so they cannot drift apart.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import uuid
from collections.abc import Mapping
from urllib.parse import unquote_plus

SIGNED_PREFIX = "x-ca-"
SIGNATURE_HEADER = "x-ca-signature"
SIGNATURE_HEADERS_HEADER = "x-ca-signature-headers"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
# Headers that have their own line in the string to sign, or carry the signature itself:
# the gateway refuses them in the signed-header list.
_NEVER_SIGNED = frozenset(
    {SIGNATURE_HEADER, SIGNATURE_HEADERS_HEADER, "accept", "content-md5", "content-type", "date"}
)


def content_md5(body: bytes) -> str:
    """Base64(MD5(body)), the value of the Content-MD5 header."""
    return base64.b64encode(hashlib.md5(body).digest()).decode("ascii")


def hmac_sha256_base64(secret: str, message: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def canonical_url(path: str, query: Mapping[str, str | None]) -> str:
    """The URL line: path, then the query sorted by key with raw (unencoded) values."""
    parts = [key if value is None else f"{key}={value}" for key, value in sorted(query.items())]
    return f"{path}?{'&'.join(parts)}" if parts else path


def parse_query(raw_query: str) -> dict[str, str | None]:
    """Decode a raw query string the way the gateway signs it: a key without ``=`` maps to None,
    and a repeated key keeps its first value."""
    query: dict[str, str | None] = {}
    for part in raw_query.split("&"):
        if not part:
            continue
        key, sep, value = part.partition("=")
        query.setdefault(unquote_plus(key), unquote_plus(value) if sep else None)
    return query


def _lower_keys(headers: Mapping[str, str]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def signed_header_names(headers: Mapping[str, str]) -> list[str]:
    """The signed headers, sorted: those named in ``x-ca-signature-headers`` when present (what a
    server must do), otherwise every ``x-ca-*`` header (what a client does)."""
    lowered = _lower_keys(headers)
    listed = lowered.get(SIGNATURE_HEADERS_HEADER)
    if listed is not None:
        names = {name.strip().lower() for name in listed.split(",") if name.strip()}
    else:
        names = {name for name in lowered if name.startswith(SIGNED_PREFIX)}
    return sorted(names - _NEVER_SIGNED)


def build_string_to_sign(
    method: str, path: str, query: Mapping[str, str | None], headers: Mapping[str, str]
) -> str:
    """The exact text the gateway signs. Header names may be in any case."""
    lowered = _lower_keys(headers)
    lines = [
        method.upper(),
        lowered.get("accept", ""),
        lowered.get("content-md5", ""),
        lowered.get("content-type", ""),
        lowered.get("date", ""),
    ]
    lines += [f"{name}:{lowered.get(name, '')}" for name in signed_header_names(lowered)]
    # Form fields are signed as query parameters; JSON bodies only through Content-MD5.
    lines.append(canonical_url(path, query))
    return "\n".join(lines)


def sign_request(
    method: str,
    path: str,
    query: Mapping[str, str | None],
    body: bytes | None,
    app_key: str,
    app_secret: str,
    stage: str,
    *,
    timestamp_ms: int | None = None,
    nonce: str | None = None,
    content_type: str = "application/json",
    accept: str = "application/json",
) -> dict[str, str]:
    """Every header a signed request must carry (lower-case names).

    `path` includes the ``/envoy`` prefix; `body` must be the exact bytes that will be sent.
    A fresh nonce and timestamp are made when not given: the gateway refuses a reused nonce, so
    every attempt (retries included) must be signed anew.
    """
    if timestamp_ms is None:
        timestamp_ms = int(time.time() * 1000)
    headers = {
        "accept": accept,
        "content-type": content_type,
        "x-ca-key": app_key,
        "x-ca-nonce": nonce if nonce is not None else str(uuid.uuid4()),
        "x-ca-stage": stage,
        "x-ca-timestamp": str(timestamp_ms),
    }
    if method.upper() == "POST" and body and not content_type.startswith(FORM_CONTENT_TYPE):
        headers["content-md5"] = content_md5(body)
    headers[SIGNATURE_HEADERS_HEADER] = ",".join(signed_header_names(headers))
    string_to_sign = build_string_to_sign(method, path, query, headers)
    headers[SIGNATURE_HEADER] = hmac_sha256_base64(app_secret, string_to_sign)
    return headers


def verify_signature(
    method: str,
    path: str,
    query: Mapping[str, str | None],
    headers: Mapping[str, str],
    app_secret: str,
) -> tuple[bool, str]:
    """Check a received request's ``x-ca-signature``. Returns (valid, server string to sign); the
    gateway echoes the latter so a client can diff it against its own."""
    string_to_sign = build_string_to_sign(method, path, query, headers)
    expected = hmac_sha256_base64(app_secret, string_to_sign)
    received = _lower_keys(headers).get(SIGNATURE_HEADER, "")
    return hmac.compare_digest(expected.encode("ascii"), received.encode("utf-8")), string_to_sign
