"""Outcome messages are built from phrases the window can translate; values stay as they are."""

from __future__ import annotations

import re

import pytest

from app.core import phrases
from app.core.phrases import PHRASES, fill, translated


def _marked(phrase: str) -> str:
    """A stand-in translation: the phrase's placeholders inside ⟦ ⟧."""
    return "⟦" + " ".join(re.findall(r"%\d", phrase)) + "⟧"


@pytest.mark.parametrize("phrase", PHRASES)
def test_every_phrase_is_found_again_in_a_message_built_from_it(phrase: str) -> None:
    values = [f"v{n}" for n in range(1, 4)]
    message = fill(phrase, *values)
    expected = fill(_marked(phrase), *values)
    assert translated(message, _marked) == expected


def test_fill_puts_values_back_in_one_pass() -> None:
    assert fill("%2 then %1", "a%2", "b") == "b then a%2"


def test_nested_phrases_are_each_translated_and_server_words_kept() -> None:
    zh = {phrases.TRIES_RUN_OUT: "服务器 %1 次均未受理（%2）",
          phrases.COULD_NOT_CONNECT: "无法连接（%1）",
          phrases.KA_REFUSED: "KA 拒绝（代码 %1）：%2", phrases.PROBABLY_CREATED: "可能已创建"}
    inner = fill(phrases.COULD_NOT_CONNECT, "ConnectError: [Errno 111] Connection refused")
    message = fill(phrases.TRIES_RUN_OUT, 3, inner)
    assert translated(message, lambda p: zh.get(p, p)) == (
        "服务器 3 次均未受理（无法连接（ConnectError: [Errno 111] Connection refused））")
    refused = (fill(phrases.KA_REFUSED, "10002", "customOrderId SHOP-1 already exists")
               + f" ({phrases.PROBABLY_CREATED})")
    assert translated(refused, lambda p: zh.get(p, p)) == (
        "KA 拒绝（代码 10002）：customOrderId SHOP-1 already exists (可能已创建)")


def test_what_the_catalogue_does_not_know_stays_as_it_is() -> None:
    message = fill(phrases.KA_REFUSED, "1", "balance too low")
    assert translated(message, lambda p: p) == message
    stopped = {phrases.KA_LOOKUP_STOPPED: "KA 查询已停止"}
    assert translated("KA lookup stopped", lambda p: stopped.get(p, p)) == "KA 查询已停止"
    # A phrase is whole words: the start of a longer word is not it.
    assert translated("KA lookup stopped_early", lambda p: stopped.get(p, p)) == (
        "KA lookup stopped_early")
