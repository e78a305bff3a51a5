"""What the core says about an order's fate, as phrases the window can translate.

Outcome messages are kept in the journal in English (the command line prints them and scripts
read them). Each is built from the phrases below with `fill`; `%1`, `%2` stand for values (a
reference, an HTTP status, what the server said). The window finds the phrases in a stored
message and shows each in the operator's language (`translated`), leaving the values as they
are: what a server said is data. The catalogue tool collects `PHRASES` (context "Outcomes").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

# -- admission and delivery (app.core.engine) ---------------------------------------------------
ALREADY_ACCEPTED = "already accepted earlier; not sent again"
ALREADY_ACCEPTED_DIFFERENT = (
    "already accepted earlier with different content; this version was NOT sent (a created "
    "order cannot be changed here: give a new order its own reference)")
SAME_CONTENT_HELD = (
    "same content as order %1 (%2); held back as a suspected duplicate. Give it its own "
    "reference or allow duplicates to send it anyway.")
REFERENCE_TWICE = "reference %1 appears more than once in this batch"
CANCELLED_BEFORE_JOURNALED = "cancelled before it was journaled"
CANCELLED_BEFORE_SENT = "cancelled before it was sent; nothing was created"
NOT_STARTED = "not started"
BEING_SENT_ELSEWHERE = "being sent by another batch right now; see the history for its outcome"
STOPPED_WHILE_SENDING = (
    "stopped while being sent (%1); it may have been created: reconcile it once the problem is "
    "solved")
TRIES_RUN_OUT = (
    "the server took none of %1 tries (%2); nothing was created. Submitting it again (the same "
    "file or order) sends it")
NO_ANSWER = "no answer"
CLIENT_ERROR = "client error: %1"
PROBABLY_CREATED = "an earlier attempt probably created it; looking it up"
FOUND_AFTER_UNCERTAIN = "found on the server after an uncertain outcome"
ABSENT_SENDING_AGAIN = "not on the server; sending again under the same reference"
LOOKUP_FAILED = "outcome unknown; the lookup failed: %1"
NOT_LISTED_YET = "not found yet, but the API may not list it yet; reconcile after %1"

# -- HTTP (app.core.clients.http) ---------------------------------------------------------------
COULD_NOT_CONNECT = "Could not connect (%1); nothing was sent"
COULD_NOT_BUILD = "Could not build the request (%1)"
FAILED_AFTER_SENDING = (
    "The connection failed after the request was sent (%1); the server may have processed it: "
    "look it up before resending")
MAY_HAVE_PROCESSED = "the server may have processed the request; look it up before resending"
REDIRECTED = "redirected to %1: check the base URL"
UNREADABLE_BODY = (
    "The server answered HTTP %1 but the body %2 (%3); it may have processed the request: look "
    "the order up before resending")
NOT_JSON = "is not JSON"
NOT_KA_ENVELOPE = "is not a KA envelope"
NOT_NOMAD_ENVELOPE = "is not a Nomad envelope"

# -- KA (app.core.clients.ka) -------------------------------------------------------------------
KA_CREATED = "KA order %1 created"
KA_REFUSED = "KA refused it (code %1): %2"
NO_MESSAGE = "no message"
KA_TOKEN_REFUSED = (
    "the KA token was refused: check the token this profile uses (Profiles and credentials, or "
    "`order-desk credentials status` for where it comes from)")
KA_LOOKUP_STOPPED = "KA lookup stopped"
KA_LOOKUP_FAILED = "KA lookup failed: %1"
KA_FOUND = "found KA order %1"
KA_ABSENT = "no KA order with customOrderId %1 created since %2"
KA_LOOKUP_GAVE_UP = "KA lookup gave up after %1 pages without finding %2; nothing can be concluded"

# -- Nomad (app.core.clients.nomad) -------------------------------------------------------------
NOMAD_GATEWAY_REFUSED = "Nomad gateway refused the request (HTTP %1): %2"
NOMAD_SIGNATURES = "Server string to sign: %1; ours: %2; %3"
SIGNATURES_MATCH = "they match, so the app secret is wrong"
SIGNATURES_DIFFER = "they differ, so something changed the request on the way (URL, proxy, headers)"
CLOCK_OFF = "this computer's clock is off by more than 15 minutes; correct it"
CHECK_APP_KEY = "check the app key, including leading or trailing spaces"
CHECK_URL_STORE_STAGE = "check the base URL, the store and the stage"
APP_KEY_NOT_AUTHORISED = "this app key is not authorised for the API; ask Nomad support"
NONCE_USED = "the same signed request arrived twice; this copy was not processed again"
BACKEND_MAY_HAVE_PROCESSED = "the backend may have processed it; look it up before resending"
GATEWAY_REQUEST_ID = "gateway request id %1"
NOMAD_CREATED = "Nomad order %1 created"
NOMAD_REFUSED = "Nomad refused it (code %1): %2"
NOMAD_LOOKUP_FAILED = "Nomad lookup failed: %1"
NOMAD_FOUND = "found Nomad order %1"
NOMAD_NOT_FILTERED = "Nomad did not filter by client_order_ref; nothing can be concluded"
NOMAD_ABSENT = "no Nomad order with clientOrderRef %1"

# -- after sending: status and cancel (app.core.engine.aftersale, the clients) -------------------
STATUS_QUERY_FAILED = "the status query failed: %1"
STATUS_QUERY_STOPPED = "the status query was stopped"
STATUS_QUERY_GAVE_UP = "the status query gave up after %1 pages"
STATUS_NOT_LISTED = "the server does not list this order"
STATUS_SPLIT = "split into %1 orders"
STATUS_PAGED = "one of %1 paged requests"
KA_REFUND_ACCEPTED = "KA accepted the refund of order %1; KA completes refunds within 24 hours"
NOMAD_CANCELLED = "Nomad order %1 cancelled"
CANCEL_NOTHING_ON_SERVER = "not on the server (%1): nothing to cancel"
CANCEL_SHIPPED = (
    "refused without asking: the server says it has shipped (%1), so it can no longer be "
    "cancelled")
CANCEL_ALREADY = "already cancelled"
CANCEL_LOOKED_UP = (
    "an earlier cancel may have arrived: the next status check looks it up; it is never sent "
    "again blindly")
CANCEL_UNDER_WAY = "a cancel is already under way"
CANCEL_NOT_NOW = "it cannot be cancelled now"
CANCEL_TURNED_AWAY = (
    "not cancelled: the server turned the request away before processing it (busy or "
    "unreachable); it may be asked again")
CANCEL_CONFIRMED = "cancelled (confirmed by the server)"
CANCEL_DID_NOT_TAKE = (
    "not cancelled: the server shows the order as it was, so the request did not take effect; "
    "it may be asked again")

# -- the team journal's driver (app.core.journal.libpq) ----------------------------------------
LIBPQ_NOT_INSTALLED = (
    "the team journal needs PostgreSQL's client library (libpq), which is not installed on this "
    "machine: install it (Debian and Ubuntu: the libpq5 package)")
LIBPQ_INCOMPLETE = (
    "the team journal's PostgreSQL driver cannot load its client library (libpq) here (%1): "
    "this installation of Order Desk is incomplete; install it again")
LIBPQ_INCOMPATIBLE = (
    "this machine's PostgreSQL client library (libpq) was found but cannot be loaded (%1): it is "
    "not compatible with this build of Order Desk; use a build made for this system's version")

PHRASES: tuple[str, ...] = tuple(
    value for name, value in sorted(globals().items())
    if name.isupper() and isinstance(value, str))

_PLACEHOLDER = re.compile(r"%(\d)")


def fill(phrase: str, *values: object) -> str:
    """``phrase`` with %1, %2... replaced by ``values`` (in one pass: a value holding "%2"
    stays as it is)."""
    return _PLACEHOLDER.sub(lambda m: str(values[int(m.group(1)) - 1]), phrase)


def translated(message: str, translate: Callable[[str], str]) -> str:
    """``message`` with every phrase found in it replaced by ``translate(phrase)`` and its values
    put back (themselves translated: "none of 3 tries (Could not connect (...))"). A phrase the
    catalogue does not know stays in English."""
    for phrase, pattern in _patterns():
        text = translate(phrase)
        if not text or text == phrase:
            continue

        def put_back(found: re.Match[str], text: str = text) -> str:
            values = [translated(value, translate) for value in found.groups()]
            return fill(text, *values)

        message = pattern.sub(put_back, message)
    return message


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """A pattern per phrase, the longest first so that a phrase is not cut by one inside it. A
    value ends where the phrase's next words begin; a value that ends the phrase runs to the
    end of the message or to what follows it there ("; ", " (", " [", " — ")."""
    patterns = []
    for phrase in sorted(PHRASES, key=len, reverse=True):
        regex = r"(?<!\w)" + "".join(
            "(.+?)" if _PLACEHOLDER.fullmatch(part) else re.escape(part)
            for part in re.split(r"(%\d)", phrase))
        ends_with_value = _PLACEHOLDER.search(phrase[-2:]) is not None
        regex += r"(?=$|; | \(| \[| — )" if ends_with_value else r"(?!\w)"
        patterns.append((phrase, re.compile(regex)))
    return patterns
