"""Reading the fields a rejection message names."""

from __future__ import annotations

from app.core.clients.fielderrors import field_errors_from_message, wire_paths
from app.core.outcome import FieldError

PAYLOAD = {
    "orderAddress": {"country": "FR", "phone": "+33 1 23", "recipient": "A"},
    "orderAddresses": {"country": "FR", "phone": "+33 1 23", "recipient": "A"},
    "orderItemsList": [{"sku": "S1", "quantity": 1}, {"sku": "S2", "quantity": 2}],
    "customOrderId": "A-1",
}


def test_wire_paths_walk_dicts_and_lists() -> None:
    paths = list(wire_paths({"a": {"b": 1}, "c": [{"d": 2}]}))
    assert paths == ["a", "a.b", "c", "c.0", "c.0.d"]


def test_structured_segments_become_one_error_each() -> None:
    message = "orderAddress.province: required; orderItemsList[1].quantity: must be at least 1"
    assert field_errors_from_message(message, PAYLOAD) == (
        FieldError("orderAddress.province", "required"),
        FieldError("orderItemsList.1.quantity", "must be at least 1"),
    )


def test_prose_with_a_colon_is_not_a_field() -> None:
    assert field_errors_from_message("Insufficient balance: 3 USD left", PAYLOAD) == ()
    assert field_errors_from_message("Unauthorized: token expired", PAYLOAD) == ()


def test_free_text_naming_a_sent_field() -> None:
    message = "customOrderId 'A-1' already exists (kkOrderId 1000000371651)"
    assert field_errors_from_message(message, PAYLOAD) == (FieldError("customOrderId", message),)


def test_a_full_path_in_free_text_wins_over_bare_names() -> None:
    message = "the value of orderItemsList.1.sku is unknown"
    assert field_errors_from_message(message, PAYLOAD) == (
        FieldError("orderItemsList.1.sku", message),
    )


def test_a_name_in_several_list_entries_points_at_the_list() -> None:
    message = "unknown sku"
    assert field_errors_from_message(message, PAYLOAD) == (FieldError("orderItemsList", message),)


def test_address_aliases_point_at_the_first_key() -> None:
    message = "Phone number is invalid"
    assert field_errors_from_message(message, PAYLOAD) == (
        FieldError("orderAddress.phone", message),
    )


def test_nothing_recognised_gives_no_errors() -> None:
    assert field_errors_from_message("System busy, try later", PAYLOAD) == ()
