"""Conformance with the official Nomad client (`nomad-envoy-cli`, a test-only dependency).

Two directions: for the same timestamp and nonce, the official signer and ours produce the same
headers (so our requests look exactly like the reference client's to the gateway), and a request
made by the official client is accepted by our sandbox (so the sandbox's gateway is no stricter or
looser than the real one in the ways that client exercises).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import httpx
import nomad_envoy_cli
import pytest
from nomad_envoy_cli.append_alibaba_headers import AppendAlibabaHeaders

from app.core.clients.nomad import NomadClient
from app.core.clients.signing import sign_request
from app.core.outcome import LookupState, OutcomeKind
from app.core.secrets import SANDBOX_SECRETS
from app.core.targets import Target
from app.sandbox import SandboxServer
from tests.fixtures.sandbox import NOMAD_STORE, nomad_order

KEY = SANDBOX_SECRETS["nomad_app_key"]
SECRET = SANDBOX_SECRETS["nomad_app_secret"]
HOST = "https://nomad.samarkand-global.cn/envoy"
STORE = "samarkand.youzan.foreveryoung"
TIMESTAMP_MS = 1700000000000
NONCE = "00000000-0000-4000-8000-000000000000"
ORDER = {
    "platformName": "nomad",
    "currency": "CNY",
    "clientOrderRef": "A-1",
    "items": [
        {"quantity": 1, "product": {"productId": "p1", "currency": "CNY", "massUnit": "Kilogram"}}
    ],
}


def _configuration(host: str = HOST, secret: str = SECRET, stage: str = "TEST") -> Any:
    configuration = nomad_envoy_cli.Configuration(host=host)
    configuration.api_key = {"x-ca-key": KEY, "x-ca-stage": stage}
    # The package reads the secret from `platform_parameters` (its docstring says `alibaba`).
    configuration.platform_parameters = {"ALICLOUD_APIGATEWAY_APP_SECRET": secret}
    return configuration


def _official_headers(
    method: str,
    path: str,
    query: dict[str, str],
    body: dict[str, Any] | None,
    secret: str = SECRET,
    timestamp_ms: int = TIMESTAMP_MS,
    nonce: str = NONCE,
) -> dict[str, str]:
    signer = AppendAlibabaHeaders(
        _configuration(secret=secret),
        method,
        f"https://nomad.samarkand-global.cn{path}",
        query,
        {"Accept": "application/json", "Content-Type": "application/json"},
        body or {},
    )
    # The package draws these from the clock and uuid4; fix them to compare like for like.
    signer.x_ca_timestamp = timestamp_ms
    signer.x_ca_nonce = nonce
    return {name: str(value) for name, value in signer.result().items()}


@pytest.mark.parametrize(
    ("method", "query", "body"),
    [
        ("POST", {}, ORDER),
        ("GET", {"status": "TRADE_SUCCESS", "page_no": "1"}, None),
        ("GET", {"client_order_ref": "A-1"}, None),
        ("DELETE", {"order_id": "880000001"}, None),
    ],
)
def test_same_headers_as_the_official_signer(
    method: str, query: dict[str, str], body: dict[str, Any] | None
) -> None:
    path = f"/envoy/order/{STORE}"
    official = _official_headers(method, path, query, body)
    # The official client sends json.dumps(body) with default separators: sign the same bytes.
    content = json.dumps(body).encode("utf-8") if body is not None else None
    ours = sign_request(
        method, path, query, content, KEY, SECRET, "TEST", timestamp_ms=TIMESTAMP_MS, nonce=NONCE
    )
    assert ours == official


def test_documented_test_vector_matches_both_signers() -> None:
    path = f"/envoy/order/{STORE}"
    official = _official_headers("POST", path, {}, ORDER, secret="dummysecret")
    assert official["content-md5"] == "CqzskSnPL6aKT7env/6kbw=="
    assert official["x-ca-signature"] == "kSZfz3s0c2tLzIANqxWtDempC3OXysEazfH4yp2oCFg="
    ours = sign_request(
        "POST",
        path,
        {},
        json.dumps(ORDER).encode(),
        "203000000",
        "dummysecret",
        "TEST",
        timestamp_ms=TIMESTAMP_MS,
        nonce=NONCE,
    )
    assert ours["x-ca-signature"] == official["x-ca-signature"]


def test_our_client_sends_what_the_official_client_would() -> None:
    """The whole NomadClient, not just the signer: same body bytes, same signed headers."""
    seen: list[httpx.Request] = []

    def capture(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"code": 200, "message": "ok", "data": {"orderId": "1"}})

    client = NomadClient(
        HOST,
        STORE,
        KEY,
        SECRET,
        "TEST",
        transport=httpx.MockTransport(capture),
        clock=lambda: TIMESTAMP_MS / 1000,
        new_nonce=lambda: NONCE,
    )
    with closing(client):
        client.create_order(ORDER)
    sent = seen[0]
    official = _official_headers("POST", f"/envoy/order/{STORE}", {}, ORDER)
    assert sent.content == json.dumps(ORDER).encode()  # ASCII payload: identical serialisation
    for name, value in official.items():
        assert sent.headers[name] == value, name


@pytest.fixture
def order_api(sandbox: SandboxServer) -> Iterator[Any]:
    api_client = nomad_envoy_cli.ApiClient(_configuration(host=sandbox.nomad_base_url))
    try:
        yield nomad_envoy_cli.OrderApi(api_client)
    finally:
        api_client.close()


def test_the_official_client_is_accepted_by_the_sandbox(
    order_api: Any, sandbox: SandboxServer
) -> None:
    created = order_api.add_order(NOMAD_STORE, nomad_order("OFFICIAL-1"))
    assert created.code == 200
    assert created.data.order_id
    assert sandbox.count_by_reference(Target.NOMAD, "OFFICIAL-1") == 1

    found = order_api.get_order_by_field(NOMAD_STORE, client_order_ref="OFFICIAL-1")
    assert found.code == 200
    assert [o.order_id for o in found.data.orders] == [created.data.order_id]

    # And what the official client created, our client finds.
    with closing(NomadClient(sandbox.nomad_base_url, NOMAD_STORE, KEY, SECRET, "TEST")) as ours:
        result = ours.lookup("OFFICIAL-1")
        assert (result.state, result.remote_id) == (LookupState.FOUND, created.data.order_id)
        assert ours.create_order(nomad_order("OURS-1")).kind is OutcomeKind.ACCEPTED


def test_the_sandbox_refuses_the_official_client_with_a_wrong_secret(
    sandbox: SandboxServer,
) -> None:
    api_client = nomad_envoy_cli.ApiClient(
        _configuration(host=sandbox.nomad_base_url, secret="not-the-secret")
    )
    with closing(api_client):
        api = nomad_envoy_cli.OrderApi(api_client)
        with pytest.raises(nomad_envoy_cli.ApiException) as raised:
            api.add_order(NOMAD_STORE, nomad_order("OFFICIAL-BAD"))
    assert raised.value.status == 400
    assert raised.value.headers["X-Ca-Error-Message"].startswith("Invalid Signature")
    assert sandbox.count_by_reference(Target.NOMAD, "OFFICIAL-BAD") == 0
