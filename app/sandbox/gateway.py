"""The Alibaba Cloud API Gateway in front of Nomad: authentication and replay checks.

A rejected request gets the gateway's answer: an HTTP error status, an empty body, and the reason in
``X-Ca-Error-Message`` (plus ``X-Ca-Request-Id`` and ``X-Ca-Error-Code``). The messages are the
documented classic ones. The six-character codes for stage and routing are Alibaba's documented
I-series; the A-series codes for authentication failures are this sandbox's own (the real ones are
unconfirmed), so clients should key on the message, never the code.

Stage: TEST, PRE and RELEASE are accepted in any letter case, because the official Python client
sends lower-case ``test`` by default; a missing stage means RELEASE, as on the real gateway.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from app.core.clients.signing import SIGNATURE_HEADER, content_md5, verify_signature
from app.sandbox.wire import Reply, Request

STAGES = frozenset({"TEST", "PRE", "RELEASE"})
WINDOW_SECONDS = 15 * 60  # timestamp validity and nonce memory


@dataclass(frozen=True)
class GatewayError:
    status: int
    message: str
    code: str

    def reply(self) -> Reply:
        return Reply(
            self.status,
            b"",
            {
                "X-Ca-Request-Id": str(uuid.uuid4()).upper(),
                "X-Ca-Error-Message": self.message,
                "X-Ca-Error-Code": self.code,
            },
        )


API_NOT_FOUND = GatewayError(404, "API Not Found", "I404NF")
INVALID_URL = GatewayError(400, "Invalid Url", "I400SG")
INVALID_METHOD = GatewayError(405, "Invalid Url", "I405UM")
INVALID_APP_KEY = GatewayError(400, "Invalid AppKey", "A400IK")
EMPTY_SIGNATURE = GatewayError(404, "Empty Signature", "A404ES")
INVALID_TIMESTAMP = GatewayError(400, "Invalid Timestamp", "A400IT")
TIMESTAMP_EXPIRED = GatewayError(400, "Timestamp Expired", "A400TE")
INVALID_CONTENT_MD5 = GatewayError(400, "Invalid Content-MD5", "A400IM")
NONCE_USED = GatewayError(400, "Nonce Used", "A400NU")
SERVICE_UNAVAILABLE = GatewayError(503, "Service Unavailable", "X503SU")


def invalid_signature(server_string_to_sign: str) -> GatewayError:
    # The gateway echoes its own string to sign, line breaks removed, for the client to diff.
    flat = server_string_to_sign.replace("\n", "")
    return GatewayError(400, f"Invalid Signature, Server StringToSign:{flat}", "A400IS")


class NonceMemory:
    """Nonces seen in the last 15 minutes, per app key."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._seen: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def first_use(self, app_key: str, nonce: str) -> bool:
        with self._lock:
            now = self._clock()
            if len(self._seen) > 10_000:  # forget expired entries now and then, not every call
                self._seen = {k: t for k, t in self._seen.items() if now - t < WINDOW_SECONDS}
            seen_at = self._seen.get((app_key, nonce))
            if seen_at is not None and now - seen_at < WINDOW_SECONDS:
                return False
            self._seen[(app_key, nonce)] = now
            return True


class Gateway:
    def __init__(
        self, app_key: str, app_secret: str, clock: Callable[[], float] = time.time
    ) -> None:
        self._app_key = app_key
        self._app_secret = app_secret
        self._clock = clock
        self._nonces = NonceMemory(clock)

    def check(self, request: Request) -> GatewayError | None:
        """The first reason the gateway would refuse this request, or None to pass it on."""
        headers = request.headers
        if headers.get("x-ca-stage", "RELEASE").upper() not in STAGES:
            return INVALID_URL
        if headers.get("x-ca-key") != self._app_key:
            return INVALID_APP_KEY
        if not headers.get(SIGNATURE_HEADER):
            return EMPTY_SIGNATURE
        timestamp_error = self._check_timestamp(headers.get("x-ca-timestamp", ""))
        if timestamp_error:
            return timestamp_error
        md5 = headers.get("content-md5")
        if md5 is not None and (not request.body or md5 != content_md5(request.body)):
            return INVALID_CONTENT_MD5
        valid, server_string = verify_signature(
            request.method, request.path, request.query, headers, self._app_secret
        )
        if not valid:
            return invalid_signature(server_string)
        # Only a correctly signed nonce is remembered, so a forged request cannot burn one.
        nonce = headers.get("x-ca-nonce")
        if nonce and not self._nonces.first_use(self._app_key, nonce):
            return NONCE_USED
        return None

    def _check_timestamp(self, value: str) -> GatewayError | None:
        if not value.isdigit():
            return INVALID_TIMESTAMP
        if abs(self._clock() - int(value) / 1000) > WINDOW_SECONDS:
            return TIMESTAMP_EXPIRED
        return None
