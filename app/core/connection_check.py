"""Test connection: one harmless authenticated call with a profile's settings and credentials,
and what went wrong in an operator's words (`Problem`, translated by the window) instead of
``ConnectError: [Errno -2] Name or service not known``. The technical message is kept as
``detail`` for whoever needs it."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from app.core.outcome import OutcomeKind
from app.core.secrets import MissingCredentials
from app.core.targets import Target

if TYPE_CHECKING:
    from app.core.clients.http import ApiFailure

log = logging.getLogger(__name__)


class Problem(StrEnum):
    NONE = "ok"  # the server answered the authenticated call
    MISSING_CREDENTIALS = "missing_credentials"
    BAD_SETTING = "bad_setting"  # the profile cannot build a client (no store, a bad URL...)
    INSECURE_URL = "insecure_url"  # http:// to a host that is not this machine
    UNKNOWN_HOST = "unknown_host"
    REFUSED = "refused"  # nothing listens at that address and port
    TIMEOUT = "timeout"
    TLS = "tls"  # the certificate could not be checked
    NOT_FOUND = "not_found"  # the server answered, but not the API at this URL
    BAD_TOKEN = "bad_token"  # KA: the token was refused
    BAD_APP_KEY = "bad_app_key"  # Nomad gateway: unknown app key
    BAD_SIGNATURE = "bad_signature"  # Nomad gateway: the app secret is wrong
    CHANGED_ON_THE_WAY = "changed_on_the_way"  # signature differs: a proxy changed the request
    WRONG_STAGE = "wrong_stage"  # Nomad gateway: no API at this URL and stage
    NOT_AUTHORISED = "not_authorised"  # Nomad gateway: the app key may not call this API
    CLOCK = "clock"  # Nomad gateway: this computer's clock is off
    BUSY = "busy"  # throttled or unavailable for now: reachable, try later
    SERVER_ERROR = "server_error"
    REFUSED_BY_API = "refused_by_api"  # another refusal; the detail says which
    UNSUPPORTED = "unsupported"  # the target's client has no harmless call


@dataclass(frozen=True)
class ConnectionReport:
    problem: Problem
    url: str = ""  # where the call went (the built-in sandbox's URL for a sandbox profile)
    host: str = ""
    detail: str = ""  # the technical message, redacted
    http_status: int | None = None
    stage: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is Problem.NONE


_UNKNOWN_HOST = re.compile(
    r"name or service not known|nodename nor servname|getaddrinfo failed|no address associated"
    r"|temporary failure in name resolution|errno -[235]\b|errno 11001|name resolution",
    re.IGNORECASE)
_REFUSED = re.compile(r"connection refused|errno 111\b|errno 61\b|10061|actively refused",
                      re.IGNORECASE)
_TIMEOUT = re.compile(r"timeout|timed out", re.IGNORECASE)
_TLS = re.compile(r"certificate|ssl|tls", re.IGNORECASE)
_GATEWAY = "Nomad gateway refused the request"
_GATEWAY_PROBLEMS = (
    ("Invalid AppKey", Problem.BAD_APP_KEY),
    ("Invalid Url", Problem.WRONG_STAGE),
    ("API Not Found", Problem.WRONG_STAGE),
    ("Timestamp Expired", Problem.CLOCK),
    ("Unauthorized", Problem.NOT_AUTHORISED),
)


def classify(target: Target, failure: ApiFailure) -> Problem:
    """The operator's problem behind a failed harmless call."""
    message = failure.message
    status = failure.http_status
    if status is None:  # nothing came back: the transport failed
        if failure.kind is OutcomeKind.REJECTED and "Could not build" in message:
            return Problem.BAD_SETTING
        if _UNKNOWN_HOST.search(message):
            return Problem.UNKNOWN_HOST
        if _REFUSED.search(message):
            return Problem.REFUSED
        if _TLS.search(message):
            return Problem.TLS
        if _TIMEOUT.search(message):
            return Problem.TIMEOUT
        return Problem.SERVER_ERROR
    if _GATEWAY in message:
        if "Invalid Signature" in message:
            return (Problem.BAD_SIGNATURE if "app secret is wrong" in message
                    else Problem.CHANGED_ON_THE_WAY)
        for words, problem in _GATEWAY_PROBLEMS:
            if f": {words}" in message:
                return problem
    if failure.kind is OutcomeKind.RETRY:
        return Problem.BUSY
    if status in (401, 403):
        return Problem.BAD_TOKEN if target is Target.KA else Problem.NOT_AUTHORISED
    if status in (404, 405) or 300 <= status < 400:
        return Problem.NOT_FOUND
    if status >= 500:
        return Problem.SERVER_ERROR
    if target is Target.KA and re.search(r"token|unauthori[sz]ed|令牌", message, re.IGNORECASE):
        return Problem.BAD_TOKEN
    return Problem.REFUSED_BY_API


def check_client(target: Target, client: object, url: str, *, stage: str = ""
                 ) -> ConnectionReport:
    """Make the client's harmless call (``check_access``) and say what it showed."""
    host = urlsplit(url).hostname or ""
    check = getattr(client, "check_access", None)
    if check is None:
        return ConnectionReport(Problem.UNSUPPORTED, url, host, stage=stage)
    from app.core.clients.http import ApiFailure  # loaded with the client (httpx)

    failure = check()
    if failure is None:
        return ConnectionReport(Problem.NONE, url, host, stage=stage)
    assert isinstance(failure, ApiFailure)
    problem = classify(target, failure)
    log.info("connection check of %s: %s (%s)", url, problem.value, failure.message)
    return ConnectionReport(problem, url, host, failure.message, failure.http_status, stage)


def setting_problem(exc: ValueError) -> Problem:
    """The problem behind a client that could not be built."""
    from app.core.clients.http import InsecureURLError

    if isinstance(exc, MissingCredentials):
        return Problem.MISSING_CREDENTIALS
    if isinstance(exc, InsecureURLError):
        return Problem.INSECURE_URL
    return Problem.BAD_SETTING
