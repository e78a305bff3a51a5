"""The Alibaba API Gateway signer: the documented test vector, the GET form, and byte-for-byte
agreement with the official nomad-envoy-cli package."""

from __future__ import annotations

import json
import uuid
from types import SimpleNamespace

import pytest

from app.core.clients.signing import (
    build_string_to_sign,
    canonical_url,
    content_md5,
    parse_query,
    sign_request,
    verify_signature,
)

STORE_PATH = "/envoy/order/samarkand.youzan.foreveryoung"
KEY, SECRET, STAGE = "203000000", "dummysecret", "TEST"
TIMESTAMP, NONCE = 1700000000000, "00000000-0000-4000-8000-000000000000"
# The body exactly as Python's json.dumps writes it with default separators (the vector's bytes).
VECTOR_BODY = json.dumps(
    {
        "platformName": "nomad",
        "currency": "CNY",
        "clientOrderRef": "A-1",
        "items": [
            {
                "quantity": 1,
                "product": {"productId": "p1", "currency": "CNY", "massUnit": "Kilogram"},
            }
        ],
    }
).encode()


def _sign(method: str, query: dict[str, str | None], body: bytes | None) -> dict[str, str]:
    return sign_request(
        method, STORE_PATH, query, body, KEY, SECRET, STAGE, timestamp_ms=TIMESTAMP, nonce=NONCE
    )


def test_post_matches_the_documented_test_vector() -> None:
    headers = _sign("POST", {}, VECTOR_BODY)

    assert headers["content-md5"] == "CqzskSnPL6aKT7env/6kbw=="
    assert headers["x-ca-signature"] == "kSZfz3s0c2tLzIANqxWtDempC3OXysEazfH4yp2oCFg="
    assert headers["x-ca-signature-headers"] == "x-ca-key,x-ca-nonce,x-ca-stage,x-ca-timestamp"
    assert headers["x-ca-key"] == KEY
    assert headers["x-ca-stage"] == STAGE
    assert headers["x-ca-timestamp"] == str(TIMESTAMP)
    assert headers["x-ca-nonce"] == NONCE
    assert headers["accept"] == headers["content-type"] == "application/json"


def test_post_string_to_sign_matches_the_documented_layout() -> None:
    headers = _sign("POST", {}, VECTOR_BODY)
    expected = "\n".join(
        [
            "POST",
            "application/json",
            "CqzskSnPL6aKT7env/6kbw==",
            "application/json",
            "",
            f"x-ca-key:{KEY}",
            f"x-ca-nonce:{NONCE}",
            f"x-ca-stage:{STAGE}",
            f"x-ca-timestamp:{TIMESTAMP}",
            STORE_PATH,
        ]
    )
    assert build_string_to_sign("POST", STORE_PATH, {}, headers) == expected


def test_get_signs_sorted_raw_query_and_sends_no_md5() -> None:
    query: dict[str, str | None] = {"status": "TRADE_SUCCESS", "page_no": "1"}
    headers = _sign("GET", query, None)

    assert "content-md5" not in headers
    string_to_sign = build_string_to_sign("GET", STORE_PATH, query, headers)
    lines = string_to_sign.split("\n")
    assert lines[:5] == ["GET", "application/json", "", "application/json", ""]
    assert lines[-1] == f"{STORE_PATH}?page_no=1&status=TRADE_SUCCESS"
    assert verify_signature("GET", STORE_PATH, query, headers, SECRET)[0]


def test_query_values_are_signed_unencoded_and_bare_keys_have_no_equals() -> None:
    assert canonical_url("/p", {"b": "x y&z", "a": None}) == "/p?a&b=x y&z"
    assert canonical_url("/p", {}) == "/p"


def test_parse_query_decodes_keeps_first_value_and_marks_bare_keys() -> None:
    assert parse_query("b=x%20y&a&b=second&c=&d=1%2B1") == {
        "b": "x y",
        "a": None,
        "c": "",
        "d": "1+1",
    }


def test_delete_and_put_carry_no_content_md5_even_with_a_body() -> None:
    for method in ("DELETE", "PUT"):
        assert "content-md5" not in _sign(method, {"order_id": "5"}, b"{}")


def test_fresh_nonce_and_timestamp_when_not_given() -> None:
    first = sign_request("GET", STORE_PATH, {}, None, KEY, SECRET, STAGE)
    second = sign_request("GET", STORE_PATH, {}, None, KEY, SECRET, STAGE)

    assert first["x-ca-nonce"] != second["x-ca-nonce"]
    assert uuid.UUID(first["x-ca-nonce"]).version == 4
    assert first["x-ca-timestamp"].isdigit() and len(first["x-ca-timestamp"]) == 13
    assert first["x-ca-signature"] != second["x-ca-signature"]


@pytest.mark.parametrize(
    ("change", "value"),
    [("x-ca-key", "other"), ("x-ca-stage", "RELEASE"), ("content-md5", "x"), ("accept", "*/*")],
)
def test_verify_rejects_any_tampered_signed_value(change: str, value: str) -> None:
    headers = _sign("POST", {}, VECTOR_BODY)
    assert verify_signature("POST", STORE_PATH, {}, headers, SECRET)[0]

    tampered = {**headers, change: value}
    valid, server_string = verify_signature("POST", STORE_PATH, {}, tampered, SECRET)
    assert not valid
    assert value in server_string


def test_verify_rejects_wrong_secret_path_and_query() -> None:
    headers = _sign("GET", {"order_id": "1"}, None)
    assert not verify_signature("GET", STORE_PATH, {"order_id": "1"}, headers, "wrong")[0]
    assert not verify_signature("GET", STORE_PATH + "x", {"order_id": "1"}, headers, SECRET)[0]
    assert not verify_signature("GET", STORE_PATH, {"order_id": "2"}, headers, SECRET)[0]


def test_verify_uses_the_headers_the_client_listed_and_ignores_case() -> None:
    headers = {name.upper(): value for name, value in _sign("GET", {}, None).items()}
    headers["X-Ca-Extra-Unsigned"] = "anything"  # not in x-ca-signature-headers: not signed

    assert verify_signature("GET", STORE_PATH, {}, headers, SECRET)[0]


def test_content_md5_is_base64_of_the_md5_digest() -> None:
    assert content_md5(b"") == "1B2M2Y8AsgTpgAmY7PhCfg=="


@pytest.mark.parametrize(
    ("method", "query", "body"),
    [
        ("POST", {}, {"platformName": "nomad", "currency": "CNY", "clientOrderRef": "Ü-1"}),
        ("GET", {"client_order_ref": "A-1", "page_no": "1"}, None),
        ("DELETE", {"order_id": "42"}, None),
    ],
)
def test_headers_identical_to_the_official_client(
    method: str, query: dict[str, str], body: dict[str, object] | None
) -> None:
    official = pytest.importorskip("nomad_envoy_cli.append_alibaba_headers")
    configuration = SimpleNamespace(
        api_key={"x-ca-key": KEY, "x-ca-stage": STAGE},
        platform_parameters={"ALICLOUD_APIGATEWAY_APP_SECRET": SECRET},
    )
    reference = official.AppendAlibabaHeaders(
        configuration, method, f"https://nomad.example{STORE_PATH}", dict(query), {}, body
    )
    reference.x_ca_timestamp, reference.x_ca_nonce = TIMESTAMP, NONCE
    expected = {name: str(value) for name, value in reference.result().items()}

    # The official client signs json.dumps(body) with default separators and sends those bytes.
    sent = json.dumps(body).encode() if body is not None else None
    ours = _sign(method, dict(query), sent)

    assert ours == expected
