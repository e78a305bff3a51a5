"""The window in Simplified Chinese: started with ORDER_DESK_LANGUAGE=zh_CN every visible text is
Chinese except proper nouns, codes and data; View › Language switches an open window.

Independent of fonts: texts are read from the widgets, not from the screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.accounts import EMBEDDED_SANDBOX
from app.core.journal import OrderState
from app.core.targets import Target
from app.gui import language
from app.gui.app import (
    _install_translations,
    build_main_window,
    change_language,
    ensure_application,
)
from app.gui.import_dialog import ImportDialog
from app.gui.main_window import MainWindow
from tests.gui.helpers import fill_ka_order, history_loaded, named, poor_sandbox

CHINESE = re.compile(r"[\u3400-\u9fff]")
# Proper nouns, codes and data that stay as they are in a Chinese window.
NAMES = ("Order Desk", "Nomad", "KA", "SKU", "IOSS", "VAT", "HTTP", "CSV", "URL", "English",
         "Python", "Qt", "PySide", "Ctrl", "AppKey", "AppSecret", "UTF-8")
CODE = re.compile(r"^[\s\d\W_]*$|^[\w.+-]+@[\w.-]+$|^https?://\S+$|^[a-z][a-zA-Z0-9_.-]*$"
                  r"|^[A-Z]{2,}(-[A-Z0-9]+)*$|^[A-Z0-9]+(-[A-Z0-9]+)+$")


def _is_code_or_name(text: str) -> bool:
    for name in NAMES:
        text = text.replace(name, " ")
    return bool(CODE.match(text.strip()))


def _texts(root: QWidget) -> list[tuple[str, str]]:
    """What the operator can read: labels, buttons, titles, tabs, placeholders, headers,
    menus and tooltips of visible widgets."""
    texts: list[tuple[str, str]] = [("windowTitle", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        name = widget.objectName() or type(widget).__name__
        tip = widget.toolTip()
        # A field's tooltip is the API's own description and its wire name (data from the
        # models, not translated); the keyring warning's is the system's own error.
        if "\n" not in tip and name not in ("keyringWarning", "keyringNotice"):
            texts.append((f"{name}.toolTip", tip))
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append((name, widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append((name, widget.title()))
        elif isinstance(widget, QLineEdit):
            texts.append((name, widget.placeholderText()))
        elif isinstance(widget, QTabBar):
            texts += [(name, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            model = widget.model()
            texts += [(f"{name}.header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(model.columnCount())]
        if isinstance(widget, QComboBox) and not widget.isEditable():
            texts += [(f"{name}.item", widget.itemText(i)) for i in range(widget.count())]
    if isinstance(root, QMainWindow):
        for menu in root.menuBar().findChildren(QMenu):
            texts.append((menu.objectName(), menu.title()))
            texts += [(action.objectName(), action.text()) for action in menu.actions()
                      if isinstance(action, QAction) and not action.isSeparator()]
    return texts


def _not_chinese(texts: list[tuple[str, str]], data: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(name, text) for name, text in texts
            if text.strip() and not CHINESE.search(text) and not _is_code_or_name(text)
            and text not in data]


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(language.LANGUAGE_ENV, "zh_CN")
    _install_translations(ensure_application())  # what a start does
    assert language.current() == "zh_CN"
    try:
        yield
    finally:
        language.apply(language.ENGLISH)


@pytest.fixture
def zh_window(qtbot: QtBot, chinese: None) -> Iterator[MainWindow]:
    window = build_main_window()
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()


# KA's shipping speeds are the API's own values, chosen as they are sent.
API_VALUES = ("Standard", "Express", "Expedited")


def _data(window: MainWindow) -> tuple[str, ...]:
    """Values the operator, the settings or the API supply: profile names, store ids."""
    profiles = window.context.settings.profiles.values()
    return (*(profile.name for profile in profiles), *(profile.store for profile in profiles),
            *API_VALUES)


def test_the_main_window_and_a_refused_send_are_in_chinese(zh_window: MainWindow) -> None:
    assert "提交" in zh_window.submit_button.text()
    for target in (Target.KA, Target.NOMAD):
        zh_window.header.set_target(target)
        zh_window.submit()  # refused: the inline messages and the outcome line show
        assert CHINESE.search(zh_window.outcome.text()), zh_window.outcome.text()
        # The links to what still blocks sending, and "N more" after them (texts of the form
        # class shared by both targets: found under its own context, not the subclass's).
        blockers = re.sub(r"<[^>]+>", "", zh_window.blockers_label.text())
        assert "more" not in blockers and "Line" not in blockers, blockers
        assert _not_chinese(_texts(zh_window), _data(zh_window)) == []
    zh_window.tabs.setCurrentWidget(zh_window.history)
    assert _not_chinese(_texts(zh_window), _data(zh_window)) == []


def test_the_dialogs_are_in_chinese(qtbot: QtBot, zh_window: MainWindow) -> None:
    settings = zh_window.open_settings()
    qtbot.waitExposed(settings)
    assert _not_chinese(_texts(settings), _data(zh_window)) == []
    settings.close()
    about = zh_window.open_about()
    found = [(n, t) for n, t in _not_chinese(_texts(about)) if "Version" in t or "Build" in t]
    assert found == []
    about.close()


SHEET = (
    "订单号,收件人,联系电话,国家,省份,城市,详细地址,商品编码,数量,物流方式\r\n"
    "ZH-1,王芳,+33142685300,FR,IDF,Paris,10 rue de Rivoli,SKU-RED-M,2,Standard\r\n"
)


def test_the_import_dialog_is_in_chinese_at_every_step(
    qtbot: QtBot, zh_window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(SHEET, encoding="utf-8")
    zh_window.header.set_target(Target.KA)
    dialog = zh_window.open_import()
    assert isinstance(dialog, ImportDialog)
    qtbot.waitExposed(dialog)
    data = (*_data(zh_window), path.name, str(path), "utf-8", "Standard", "ZH-1", "IDF",
            "Paris", "10 rue de Rivoli", "SKU-RED-M", "FR")
    assert _not_chinese(_texts(dialog), data) == []
    dialog.file_page.set_path(path)
    for _ in range(2):
        with qtbot.waitSignal(dialog.loaded, timeout=20_000):
            dialog.next_button.click()
        assert _not_chinese(_texts(dialog), data) == []
    with qtbot.waitSignal(dialog.send_page.finished, timeout=30_000):
        dialog.next_button.click()
    assert _not_chinese(_texts(dialog), data) == []
    results = dialog.send_page.model
    assert results is not None and results.data(results.index(0, 2)) == "已接受"
    status = dialog.send_page.status.text()
    assert status.startswith("完成：1 已接受"), status
    dialog.close()
    qtbot.waitUntil(lambda: zh_window.history.model.rowCount() >= 1, timeout=10_000)
    assert _not_chinese(_texts(zh_window.history), (*data, "王芳")) == []


def test_switching_the_language_rebuilds_the_window_in_it_and_keeps_the_order(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(language.LANGUAGE_ENV, raising=False)
    ensure_application()
    language.apply(language.ENGLISH)
    window = build_main_window()
    qtbot.addWidget(window)
    window.show()
    window.header.set_target(Target.KA)
    recipient = named(window.forms[Target.KA], "ka.recipient")
    assert isinstance(recipient, QLineEdit)
    recipient.setText("王芳")
    english = dict(_texts(window))
    assert window.submit_button.text() == "Submit"

    replacements: list[MainWindow] = []
    window.replaced.connect(replacements.append)
    try:
        action = window.findChild(QAction, "language.zh_CN")
        assert action is not None and action.text() == "简体中文"
        action.trigger()
        assert len(replacements) == 1
        chinese = replacements[0]
        qtbot.addWidget(chinese)
        assert not window.isVisible() and chinese.isVisible()
        assert language.current() == "zh_CN" and language.remembered() == "zh_CN"
        assert chinese.submit_button.text() == "提交"
        assert _not_chinese(_texts(chinese), _data(chinese)) == []
        changed = [name for name, text in _texts(chinese)
                   if text and english.get(name, text) != text]
        assert len(changed) > 50
        # The order being entered survived the switch (saved as a draft and loaded again).
        again = named(chinese.forms[Target.KA], "ka.recipient")
        assert isinstance(again, QLineEdit) and again.text() == "王芳"
        checked = chinese.findChild(QAction, "language.zh_CN")
        assert checked is not None and checked.isChecked()

        back = change_language(chinese, language.ENGLISH)
        qtbot.addWidget(back)
        assert back is not chinese and back.submit_button.text() == "Submit"
        assert language.remembered() == language.ENGLISH
    finally:
        language.apply(language.ENGLISH)
        for each in (window, *replacements):
            each.retire()
        window.context.close()


def test_a_remembered_choice_is_used_and_the_environment_overrides_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(language.LANGUAGE_ENV, raising=False)
    language.remember("zh_CN")
    assert language.chosen() == "zh_CN"
    monkeypatch.setenv(language.LANGUAGE_ENV, "en")
    assert language.chosen() == "en"
    monkeypatch.setenv(language.LANGUAGE_ENV, "zh_CN.UTF-8")
    assert language.chosen() == "zh_CN"
    monkeypatch.setenv(language.LANGUAGE_ENV, "klingon")
    monkeypatch.setenv(language.LANGUAGE_ENV, "klingon")
    assert language.forced() is None


def test_an_api_refusal_reads_in_chinese_with_the_servers_words_kept(
    qtbot: QtBot, chinese: None
) -> None:
    window = build_main_window(sandbox_starter=poor_sandbox)
    qtbot.addWidget(window)
    try:
        window.show()
        fill_ka_order(qtbot, window, "ZH-POOR")
        qtbot.waitUntil(window.submit_button.isEnabled)
        window.submit()
        journal = window.context.journal
        qtbot.waitUntil(lambda: (journal.find(Target.KA, EMBEDDED_SANDBOX, "ZH-POOR") or
                                 SimpleNamespace(state=None)).state is OrderState.REJECTED,
                        timeout=15_000)
        stored = journal.find(Target.KA, EMBEDDED_SANDBOX, "ZH-POOR")
        assert stored is not None and stored.message.startswith("KA refused it (code ")
        # The journal keeps English (scripts read it); the window says it in Chinese, the
        # server's own explanation kept as it came.
        server_words = stored.message.split(": ", 1)[1]
        qtbot.waitUntil(lambda: "KA 拒绝了该订单（代码" in window.outcome.text())
        assert server_words in window.outcome.text()
        assert "refused it" not in window.outcome.text()

        window.tabs.setCurrentWidget(window.history)
        window.history.model.reload()
        history_loaded(qtbot, window.history.model)
        assert window.history.select_reference("ZH-POOR")
        history_loaded(qtbot, window.history.model)
        model = window.history.model
        column = [key for key, _ in model.columns].index("message")
        shown = model.data(model.index(0, column))
        assert shown.startswith("KA 拒绝了该订单（代码"), shown
        entered = model.data(model.index(0, [key for key, _ in model.columns].index("created")))
        assert re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2} \d{2}:\d{2}", entered), entered  # zh_CN's way
        order_view = window.history.order_view.toPlainText()
        assert "KA 拒绝了该订单（代码" in order_view and "refused it" not in order_view
        for heading in ("收货地址", "商品明细", "尝试记录", "被拒绝"):
            assert heading in order_view, heading
    finally:
        window.shutdown()
