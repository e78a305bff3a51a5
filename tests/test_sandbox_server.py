"""The sandbox as a server: fault injection, SQLite persistence across restarts, concurrency,
and a clean stop (socket closed, no request thread left behind)."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from app.core.targets import Target
from app.sandbox import SandboxConfig, SandboxServer, StoreError
from app.sandbox.wire import Request
from tests.fixtures.sandbox import SandboxFactory, ka_headers, ka_order, nomad_order, nomad_request

ORDERS = "/openapi/v2/order/orders"


def _create_ka(server: SandboxServer, reference: str | None = "F-1") -> httpx.Response:
    return httpx.post(server.base_url + ORDERS, json=ka_order(reference), headers=ka_headers())


def _create_nomad(server: SandboxServer, reference: str) -> httpx.Response:
    with httpx.Client() as client:
        return client.send(nomad_request(server, "POST", payload=nomad_order(reference)))


# -- faults -----------------------------------------------------------------------------------


def test_error_rate_answers_503_before_anything_is_stored(sandbox_factory: SandboxFactory) -> None:
    server = sandbox_factory(error_rate=1.0)

    ka = _create_ka(server)
    nomad = _create_nomad(server, "F-2")

    assert ka.status_code == 503
    assert nomad.status_code == 503
    assert nomad.headers["X-Ca-Error-Message"] == "Service Unavailable"
    assert server.orders(Target.KA) == server.orders(Target.NOMAD) == []


def test_malformed_rate_answers_200_html_before_anything_is_stored(
    sandbox_factory: SandboxFactory,
) -> None:
    server = sandbox_factory(malformed_rate=1.0)

    response = _create_ka(server)

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    with pytest.raises(ValueError):
        response.json()
    assert server.orders(Target.KA) == []


@pytest.mark.parametrize("target", [Target.KA, Target.NOMAD])
def test_drop_after_commit_stores_the_order_then_closes_without_answer(
    sandbox_factory: SandboxFactory, target: Target
) -> None:
    server = sandbox_factory(drop_after_commit_rate=1.0)

    with httpx.Client() as client, pytest.raises(httpx.RemoteProtocolError):
        if target is Target.KA:
            client.post(server.base_url + ORDERS, json=ka_order("LOST-1"), headers=ka_headers())
        else:
            client.send(nomad_request(server, "POST", payload=nomad_order("LOST-1")))

    assert server.count_by_reference(target, "LOST-1") == 1


def test_drop_after_commit_spares_requests_that_create_nothing(
    sandbox_factory: SandboxFactory,
) -> None:
    server = sandbox_factory(drop_after_commit_rate=1.0)
    with pytest.raises(httpx.RemoteProtocolError):
        _create_ka(server, "KEPT")  # stored, then dropped

    # Lookups still answer, so a client can reconcile what happened.
    found = httpx.get(
        server.base_url + ORDERS, params={"customOrderId": "KEPT"}, headers=ka_headers()
    ).json()
    duplicate = _create_ka(server, "KEPT").json()  # rejected: nothing committed, so answered

    assert found["data"]["total"] == 1
    assert duplicate["code"] == 10002


def test_latency_delays_every_request(sandbox_factory: SandboxFactory) -> None:
    server = sandbox_factory(latency=0.3)
    started = time.perf_counter()
    httpx.get(server.base_url + "/openapi/v1/payment/balance", headers=ka_headers())
    assert time.perf_counter() - started >= 0.3


def test_latency_counts_from_the_arrival_and_holds_the_simulators_own_work(
    sandbox_factory: SandboxFactory,
) -> None:
    """The latency stands for the API's response time: a request that arrived a latency ago is
    answered at once; one arriving now is answered that long after, its order stored by then."""
    server = sandbox_factory(latency=0.6)
    balance = Request("GET", "/openapi/v1/payment/balance", {},
                      {name.lower(): value for name, value in ka_headers().items()})
    started = time.monotonic()
    late = server.handle(replace(balance, received=started - 0.6))
    assert late is not None and late.status == 200
    assert time.monotonic() - started < 0.3
    created: list[int] = []
    answered = threading.Thread(target=lambda: created.append(_create_ka(server).status_code))
    started = time.perf_counter()
    answered.start()
    time.sleep(0.3)
    assert server.count_by_reference(Target.KA, "F-1") == 0  # its work comes at the end
    answered.join(10)
    assert created == [200] and time.perf_counter() - started >= 0.6
    assert server.count_by_reference(Target.KA, "F-1") == 1


def test_faults_change_at_runtime(sandbox: SandboxServer) -> None:
    assert _create_ka(sandbox, "R-1").status_code == 200
    sandbox.set_faults(error_rate=1.0)
    assert _create_ka(sandbox, "R-2").status_code == 503
    sandbox.set_faults(error_rate=0.0)
    assert _create_ka(sandbox, "R-3").status_code == 200
    assert sandbox.config.error_rate == 0.0


def test_set_faults_rejects_unknown_names_and_bad_rates(sandbox: SandboxServer) -> None:
    with pytest.raises(TypeError, match="ka_token"):
        sandbox.set_faults(ka_token="x")
    with pytest.raises(ValueError, match="error_rate"):
        sandbox.set_faults(error_rate=1.5)


def test_partial_rates_are_reproducible_with_a_seed(sandbox_factory: SandboxFactory) -> None:
    def statuses(seed: int) -> list[int]:
        server = sandbox_factory(error_rate=0.5, seed=seed, ka_rate_limit=None)
        url = server.base_url + "/openapi/v1/payment/balance"
        with httpx.Client(headers=ka_headers()) as client:
            return [client.get(url).status_code for _ in range(30)]

    first, second = statuses(7), statuses(7)
    assert first == second
    assert set(first) == {200, 503}


@pytest.mark.parametrize(
    "change", [{"error_rate": -0.1}, {"latency": -1.0}, {"ka_burst": 0}, {"ka_rate_limit": 0.0}]
)
def test_config_is_checked(change: dict[str, float]) -> None:
    from dataclasses import replace

    with pytest.raises(ValueError):
        SandboxServer(replace(SandboxConfig(), **change))


# -- persistence ------------------------------------------------------------------------------


def test_sqlite_file_keeps_orders_ids_and_balance_across_restarts(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.sqlite3"
    balance_url = "/openapi/v1/payment/balance"
    with SandboxServer(SandboxConfig(db_path=db)) as first:
        first_id = _create_ka(first, "P-1").json()["data"]
        _create_nomad(first, "P-N")
        balance = httpx.get(first.base_url + balance_url, headers=ka_headers()).json()["data"]

    with SandboxServer(SandboxConfig(db_path=db)) as second:
        assert [o["customOrderId"] for o in second.orders(Target.KA)] == ["P-1"]
        assert second.count_by_reference(Target.NOMAD, "P-N") == 1
        assert _create_ka(second, "P-1").json()["code"] == 10002  # still known as a duplicate
        assert _create_ka(second, "P-2").json()["data"] == first_id + 1
        again = httpx.get(second.base_url + balance_url, headers=ka_headers()).json()["data"]
        assert again["balance"] < balance["balance"]


def test_memory_store_starts_empty_each_time() -> None:
    with SandboxServer() as first:
        _create_ka(first)
    with SandboxServer() as second:
        assert second.orders(Target.KA) == []


# -- concurrency ------------------------------------------------------------------------------


def test_parallel_creates_get_distinct_ids(sandbox_factory: SandboxFactory) -> None:
    server = sandbox_factory(ka_rate_limit=None)
    with ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(lambda n: _create_ka(server, f"PAR-{n}").json(), range(40)))

    assert all(r["code"] == 10000 for r in replies)
    assert len({r["data"] for r in replies}) == 40


def test_parallel_duplicates_create_exactly_one_order(sandbox_factory: SandboxFactory) -> None:
    server = sandbox_factory(ka_rate_limit=None)
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda _: _create_ka(server, "RACE").json()["code"], range(16)))

    assert codes.count(10000) == 1
    assert codes.count(10002) == 15
    assert server.count_by_reference(Target.KA, "RACE") == 1


# -- lifecycle --------------------------------------------------------------------------------


def test_urls_and_free_port() -> None:
    with SandboxServer() as server:
        host, port = server.base_url.removeprefix("http://").split(":")
        assert host == "127.0.0.1" and int(port) > 0
        assert server.ka_base_url == server.base_url
        assert server.nomad_base_url == server.base_url + "/envoy"


def test_stop_closes_the_socket_and_leaves_no_threads() -> None:
    before = set(threading.enumerate())
    for _ in range(5):
        server = SandboxServer()
        server.start()
        # An idle keep-alive connection must not hold the stop up.
        client = httpx.Client(headers=ka_headers())
        assert client.get(server.base_url + "/openapi/v1/payment/balance").status_code == 200
        port = int(server.base_url.rsplit(":", 1)[1])
        started = time.perf_counter()
        server.stop()
        assert time.perf_counter() - started < 5
        client.close()
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            pass
    assert set(threading.enumerate()) <= before


def test_stop_during_latency_does_not_wait_it_out() -> None:
    server = SandboxServer(SandboxConfig(latency=30.0))
    server.start()
    errors: list[BaseException] = []

    def call() -> None:
        try:
            httpx.get(server.base_url + "/openapi/v1/payment/balance", timeout=60)
        except httpx.HTTPError as exc:
            errors.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    time.sleep(0.2)  # let the request reach the server's latency wait
    started = time.perf_counter()
    server.stop()
    caller.join(10)
    assert time.perf_counter() - started < 5
    assert not caller.is_alive()
    assert errors  # the request was cut, not answered


def test_start_twice_is_an_error_and_stop_twice_is_harmless() -> None:
    server = SandboxServer()
    server.start()
    try:
        with pytest.raises(RuntimeError):
            server.start()
    finally:
        server.stop()
    server.stop()
    with pytest.raises(RuntimeError):
        server.orders(Target.KA)


def test_port_in_use_is_reported() -> None:
    with SandboxServer() as first:
        port = int(first.base_url.rsplit(":", 1)[1])
        with pytest.raises(OSError):
            SandboxServer(SandboxConfig(port=port)).start()


def test_unknown_top_level_path_is_404(sandbox: SandboxServer) -> None:
    assert httpx.get(sandbox.base_url + "/").status_code == 404


def test_a_file_that_is_not_a_sandbox_database_is_refused(tmp_path: Path) -> None:
    not_sqlite = tmp_path / "notes.txt"
    not_sqlite.write_text("just some notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a usable sandbox database"):
        SandboxServer(SandboxConfig(db_path=not_sqlite)).start()


def test_a_database_from_a_newer_sandbox_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "newer.sqlite3"
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer sandbox"):
        SandboxServer(SandboxConfig(db_path=db)).start()


def test_a_sandbox_bug_is_a_500_not_a_dropped_connection(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated defect")

    monkeypatch.setattr("app.sandbox.ka_api.validate_order", broken)
    response = _create_ka(sandbox)

    assert response.status_code == 500
    assert response.json()["code"] == 500
    assert sandbox.orders(Target.KA) == []
