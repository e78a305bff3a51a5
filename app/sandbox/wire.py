"""The sandbox's view of one HTTP exchange, free of the socket layer so handlers stay testable."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # decoded path, no query
    query: Mapping[str, str | None]  # see signing.parse_query: first value wins, bare key = None
    headers: Mapping[str, str]  # names lower-cased
    body: bytes = b""
    received: float | None = None  # `time.monotonic()` when it arrived; None: now

    def json(self) -> Any:
        """The body parsed as JSON; raises ValueError when it is not."""
        return json.loads(self.body.decode("utf-8"))


@dataclass
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # True when this request created an order: only those may be "committed, then dropped".
    committed: bool = False


def json_reply(status: int, payload: Any, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    content_type = {"Content-Type": "application/json;charset=UTF-8"}
    return Reply(status, body, {**content_type, **(headers or {})})
