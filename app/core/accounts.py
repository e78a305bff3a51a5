"""What identifies the account an order goes to: the journal's exactly-once key.

An order's reference is unique per account, not per profile: two profiles that reach the same
server are one account, and the same file sent to another server is sent there. The key is
built from what decides which backend stores the order (the target spec's ``account_fields``):

- KA: the base URL (scheme, host, port, path), normalised.
- Nomad: the base URL, the store, and the API Gateway stage. Alibaba's gateway binds each stage
  (TEST, PRE, RELEASE) of an API to a backend of its own, so the same store under two stages may
  be two different order books.
- The simulator the app starts itself gets a fixed key (its port changes at every start, its
  order book lives in the data directory and does not).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from app.core.targets import Target

EMBEDDED_SANDBOX = "built-in sandbox"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_base_url(url: str) -> str:
    """``url`` in one spelling per server: lower-case scheme and host, no default port, no
    trailing slash, no query or fragment. Raises ValueError for a URL that names no host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"base URL {url!r}: expected http(s)://host[:port][/path]")
    host = parts.hostname.lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    port = parts.port  # raises ValueError for a port that is not a number
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = "/".join(segment for segment in parts.path.split("/") if segment)
    return urlunsplit((scheme, netloc, f"/{path}" if path else "", "", ""))


def account_key(target: Target, base_url: str | None, *, store: str = "", stage: str = "") -> str:
    """The account's key; ``base_url=None`` means the simulator this app starts. The profile
    settings the target's spec names in ``account_fields`` follow the URL."""
    where = EMBEDDED_SANDBOX if base_url is None else normalise_base_url(base_url)
    settings = {"store": store.strip(), "stage": stage.strip().upper()}
    return " ".join([where, *(f"{name}={settings[name]}" for name in target.spec.account_fields)])
