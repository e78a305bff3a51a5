"""One status search for both APIs: ask for pages of orders (by creation window, or by id),
match the ones asked about by order id or reference, and say what could be concluded."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core import phrases
from app.core.clients.base import Pacer
from app.core.clients.http import Exchange
from app.core.outcome import SendOutcome
from app.core.phrases import fill
from app.core.server_status import ServerPart, ServerView, StatusAnswer, StatusQuery


@dataclass(frozen=True)
class FoundPage:
    orders: Sequence[tuple[str | None, str | None, Mapping[str, Any]]]  # (id, reference, raw)
    last: bool  # by the server's own figures, no page follows


# (search parameters, page number) -> the page, or why there is none; and the exchange.
PageFetcher = Callable[[Mapping[str, str], int], tuple["FoundPage | SendOutcome", Exchange]]


def search_status(
    asked: Sequence[StatusQuery],
    searches: Sequence[Mapping[str, str]],
    fetch: PageFetcher,
    part: Callable[[Mapping[str, Any]], ServerPart],
    *,
    clock: Callable[[], float],
    max_pages: int,
    pace: Pacer | None = None,
) -> StatusAnswer:
    """Every page of every search (each further request waits for ``pace``). An order seen is
    described by all its parts; an order no complete search saw is not found; when a search
    stops early, orders not seen are left undecided."""
    by_id = {q.remote_id: q for q in asked if q.remote_id}
    by_reference = {q.reference: q for q in asked}
    found: dict[str, list[Mapping[str, Any]]] = {}
    first: Exchange | None = None
    requests, total_ms, failure, retry_after = 0, 0.0, "", None
    for search in searches:
        for page_number in range(1, max_pages + 1):
            if requests and pace is not None and not pace():
                failure = phrases.STATUS_QUERY_STOPPED
                break
            page, exchange = fetch(search, page_number)
            requests += 1
            total_ms += exchange.duration_ms
            first = first or exchange
            if isinstance(page, SendOutcome):
                failure = fill(phrases.STATUS_QUERY_FAILED, page.message)
                retry_after = page.retry_after
                break
            for order_id, reference, raw in page.orders:
                owner = by_id.get(order_id or "") or by_reference.get(reference or "")
                if owner is not None:
                    found.setdefault(owner.reference, []).append(raw)
            if page.last:
                break
        else:
            failure = fill(phrases.STATUS_QUERY_GAVE_UP, max_pages)
        if failure:
            break
    checked = clock()
    views = {}
    for query in asked:
        raws = found.get(query.reference, [])
        if raws or not failure:
            views[query.reference] = ServerView(tuple(part(raw) for raw in raws), checked,
                                                [dict(raw) for raw in raws])
    response = first.response if first is not None else None
    return StatusAnswer(views, first.request if first is not None else None,
                        response.status_code if response is not None else None,
                        total_ms, requests, failure, retry_after)
