"""A third target needs its model, its client and its spec, and nothing else: a toy one, registered
for these tests only, goes through validation, the journal, the engine, the command line and the
history against a tiny HTTP server of its own."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pydantic import Field

from app.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, main
from app.core.accounts import normalise_base_url
from app.core.clients import make_client
from app.core.clients.base import Pacer
from app.core.engine import ResultStatus, SubmissionEngine
from app.core.importing import auto_map
from app.core.importing.synonyms import Concept
from app.core.journal import HistoryFilter, Journal, OrderState
from app.core.models import field_specs, reference_of, validate_order
from app.core.models.base import WireModel
from app.core.models.values import Quantity, Text
from app.core.outcome import LookupResult, LookupState, OutcomeKind, SendOutcome
from app.core.paths import journal_path
from app.core.settings import Profile, default_profile
from app.core.targets import (
    Credential,
    Environment,
    Target,
    TargetSpec,
    register,
    registered_targets,
    unregister,
)

KEY = "toy-shop-key"


# -- the toy target: a model, a client and a spec ------------------------------------------------

class ToyOrder(WireModel):
    order_ref: Text | None = Field(None, max_length=32, description="Your reference")
    sku: Text = Field(max_length=16, description="What to ship")
    quantity: Quantity = Field(description="How many")


class ToyClient:
    """Speaks to `ToyShop`: POST /orders creates, GET /orders?ref=R finds."""

    def __init__(self, base_url: str, key: str, timeout: float) -> None:
        self.target = Target("toy")
        self._http = httpx.Client(base_url=base_url, headers={"X-Toy-Key": key}, timeout=timeout)

    def create_order(self, payload: dict[str, Any]) -> SendOutcome:
        try:
            reply = self._http.post("/orders", json=payload)
        except httpx.TransportError as exc:
            return SendOutcome(OutcomeKind.UNKNOWN, str(exc))
        if reply.status_code == 201:
            return SendOutcome(OutcomeKind.ACCEPTED, remote_id=reply.json()["id"],
                               http_status=201)
        return SendOutcome(OutcomeKind.REJECTED, reply.text, http_status=reply.status_code)

    def lookup(self, reference: str, *, since: datetime | None = None,
               pace: Pacer | None = None) -> LookupResult:
        reply = self._http.get("/orders", params={"ref": reference})
        if reply.status_code == 200:
            return LookupResult(LookupState.FOUND, remote_id=reply.json()["id"])
        if reply.status_code == 404:
            return LookupResult(LookupState.ABSENT)
        return LookupResult(LookupState.UNKNOWN, message=reply.text)

    def close(self) -> None:
        self._http.close()


TOY = TargetSpec(
    id="toy",
    label="Toy",
    reference_field="orderRef",
    model=ToyOrder,
    client=lambda profile, secrets, url: ToyClient(url, secrets["toy_key"] or "",
                                                   profile.timeout),
    credentials=(Credential("toy_key", "ORDER_DESK_TOY_KEY"),),
    lookup_settle=0.0,
    synonyms=(Concept(("orderRef",), ("order no",)), Concept(("sku",), ("article",)),
              Concept(("quantity",), ("pieces",))),
)


@pytest.fixture
def toy() -> Iterator[Target]:
    target = register(TOY)
    yield target
    unregister(target)
    assert registered_targets() == (Target.KA, Target.NOMAD)
    with pytest.raises(ValueError, match="not a known target"):
        Target("toy")


# -- its server --------------------------------------------------------------------------------

class ToyShop(ThreadingHTTPServer):
    """The toy API on a loopback port: orders by reference, a second create refused."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ToyHandler)
        self.orders: dict[str, dict[str, Any]] = {}
        self.creates = 0  # create requests received, accepted or not
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


class _ToyHandler(BaseHTTPRequestHandler):
    server: ToyShop

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.headers.get("X-Toy-Key") != KEY:
            return self._reply(401, {"error": "bad key"})
        with self.server.lock:
            self.server.creates += 1
            if body["orderRef"] in self.server.orders:
                return self._reply(409, {"error": "reference exists"})
            order = {"id": f"T-{len(self.server.orders) + 1}", **body}
            self.server.orders[body["orderRef"]] = order
        self._reply(201, order)

    def do_GET(self) -> None:
        [reference] = parse_qs(urlsplit(self.path).query)["ref"]
        order = self.server.orders.get(reference)
        self._reply(200, order) if order else self._reply(404, {"error": "not found"})

    def _reply(self, status: int, data: dict[str, Any]) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def shop() -> Iterator[ToyShop]:
    server = ToyShop()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


# -- the tests ---------------------------------------------------------------------------------

GOOD = {"orderRef": "TOY-1", "sku": "A-1", "quantity": "2"}
BAD = {"orderRef": "TOY-2", "sku": "B-2"}  # no quantity


def test_a_registered_target_is_a_target_like_the_others(toy: Target) -> None:
    assert registered_targets() == (Target.KA, Target.NOMAD, toy)
    assert Target("toy") is toy and toy == "toy" and toy.value == "toy" and toy.label == "Toy"
    assert [spec.path for spec in field_specs(toy)] == ["orderRef", "sku", "quantity"]
    assert reference_of(toy, GOOD) == "TOY-1"
    assert auto_map(toy, ["Order No", "Article", "Pieces"]).columns == {
        "Order No": "orderRef", "Article": "sku", "Pieces": "quantity"}

    checked = validate_order(toy, GOOD)
    assert checked.ok and checked.wire == {"orderRef": "TOY-1", "sku": "A-1", "quantity": 2}
    refused = validate_order(toy, BAD)
    assert not refused.ok and [error.loc for error in refused.errors] == ["quantity"]

    profile = default_profile("Toy shop", toy, Environment.TEST, base_url="http://Toy.example/")
    assert profile.account == "http://toy.example"  # its spec names no other account field
    assert (profile.rate_limit, profile.lookup_settle_seconds) == (None, 0.0)  # its defaults
    with pytest.raises(ValueError, match="ORDER_DESK_TOY_KEY"):  # its credential, by name
        make_client(profile, {})


def test_a_toy_order_is_accepted_once_and_a_bad_one_refused_locally(
    toy: Target, shop: ToyShop, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    profile = default_profile("Toy shop", toy, Environment.TEST, base_url=shop.url)
    with Journal(journal_path()) as journal:
        engine = SubmissionEngine(journal, lambda p: make_client(p, {"toy_key": KEY}))
        try:
            first = engine.submit_batch([GOOD, BAD], profile).wait(30).results
            again = engine.submit_batch([GOOD, BAD], profile).wait(30).results
        finally:
            engine.close()
        records = journal.page(HistoryFilter(target=toy), 0, -1)

    assert [r.status for r in first] == [ResultStatus.ACCEPTED, ResultStatus.INVALID]
    assert first[0].remote_id == "T-1"
    assert [error.loc for error in first[1].field_errors] == ["quantity"]  # named, never sent
    assert [(r.status, r.previously) for r in again] == [
        (ResultStatus.ACCEPTED, True), (ResultStatus.INVALID, False)]
    assert shop.creates == 1 and list(shop.orders) == ["TOY-1"]  # the re-run sent nothing
    assert [(r.target, r.account, r.reference, r.state, r.remote_id) for r in records] == [
        (toy, normalise_base_url(shop.url), "TOY-1", OrderState.ACCEPTED, "T-1")]

    # The command line knows it too: choices, credentials, profiles and history.
    orders = tmp_path / "toy.json"
    orders.write_text(json.dumps([GOOD, {"orderRef": "TOY-3", "sku": "C-3", "quantity": 1}]),
                      encoding="utf-8")
    assert main(["submit", str(orders), "--target", "toy"]) == EXIT_USAGE
    assert "no profile in use for Toy" in capsys.readouterr().err
    monkeypatch.setenv("ORDER_DESK_TOY_KEY", KEY)
    assert main(["profile", "add", "Toy shop", "--target", "toy", "--environment", "test",
                 "--base-url", shop.url]) == EXIT_OK
    capsys.readouterr()
    assert main(["submit", str(orders), "--target", "toy", "--profile", "Toy shop",
                 "--json"]) == EXIT_OK
    sent = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["ref"], line["status"]) for line in sent] == [
        ("TOY-1", "accepted"), ("TOY-3", "accepted")]
    assert shop.creates == 2 and list(shop.orders) == ["TOY-1", "TOY-3"]
    assert main(["submit", str(orders), "--target", "toy", "--profile", "Toy shop"]) == EXIT_OK
    assert "not sent again" in capsys.readouterr().out
    assert shop.creates == 2  # sent once, whatever runs again

    assert main(["history", "--json", "--target", "toy"]) == EXIT_OK
    history = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted((h["ref"], h["state"], h["target"], h["account"]) for h in history) == [
        ("TOY-1", "accepted", "toy", profile.account),
        ("TOY-3", "accepted", "toy", profile.account)]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([BAD]), encoding="utf-8")
    assert main(["submit", str(bad), "--target", "toy", "--profile", "Toy shop"]) \
        == EXIT_REJECTED
    assert "quantity" in capsys.readouterr().out
    assert shop.creates == 2


def test_the_built_in_targets_stay_as_they_were() -> None:
    assert registered_targets() == (Target.KA, Target.NOMAD)
    assert (Target("ka"), Target("nomad")) == (Target.KA, Target.NOMAD)
    assert Target.NOMAD.spec.account_fields == ("store", "stage")
    assert isinstance(default_profile("K", Target.KA, Environment.TEST), Profile)
