"""The window is painted before the models: its form is built from the generated field specs,
the operator can type at once, and what they type (or a draft holds) is kept and validated when
the models arrive behind the window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from pytestqt.qtbot import QtBot

from app.core.targets import Target
from app.gui import model_arrival
from app.gui.app import build_main_window
from app.gui.main_window import MainWindow
from tests.gui.helpers import named, type_into

ROOT = Path(__file__).resolve().parent.parent.parent

# A fresh process (this one has loaded the models long ago): what is loaded when the window is
# first painted, then what typing before the models arrive leads to.
CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from app.core.targets import Target
from app.gui.app import build_main_window
from app.gui.drafts import DraftStore
from app.core.paths import data_dir
DraftStore(data_dir()).save(Target.KA, {"orderAddress": {"city": "Lyon"}})
window = build_main_window()
report = {}
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "at_paint" not in report:
            report["at_paint"] = sorted(m for m in ("pydantic", "app.core.models.ka",
                                                    "app.core.models.nomad", "app.core.journal")
                                        if m in sys.modules)
            report["form_at_paint"] = list(window.forms.built)
            report["city_at_paint"] = window.findChild(QLineEdit, "ka.city").text()
            import linecache
            report["sources_read"] = [p for p in linecache.cache
                                      if "app" in Path(p).parts and p.endswith(".py")]
            QTimer.singleShot(0, type_early)
        return False
def type_early():
    report["models_ready_when_typing"] = window.models.ready
    recipient = window.findChild(QLineEdit, "ka.recipient")
    recipient.setFocus()
    QTest.keyClicks(recipient, "R" * 40)  # over KA's 32: the models will say so
    report["validated_before"] = window.forms[Target.KA].last_result is not None
    QTimer.singleShot(50, wait_for_models)
def wait_for_models():
    if not window.settled:
        QTimer.singleShot(50, wait_for_models)
        return
    form = window.forms[Target.KA]
    report["journal_open"] = window.context._journal is not None
    report["recipient"] = window.findChild(QLineEdit, "ka.recipient").text()
    report["city"] = window.findChild(QLineEdit, "ka.city").text()
    report["recipient_message"] = form.editors["orderAddress.recipient"].message.text()
    report["blockers"] = [key for key, _place, _message in form.blockers()]
    print(json.dumps(report), flush=True)
    window.shutdown()
    QTimer.singleShot(0, window.close)
    sys.exit(0)
watch = FirstPaint()
window.installEventFilter(watch)
window.resize(1024, 700)
window.show()
QTimer.singleShot(30_000, lambda: sys.exit("the models never arrived"))
from PySide6.QtWidgets import QApplication
QApplication.instance().exec()
"""


def test_typing_before_the_models_arrive_is_kept_and_validated(tmp_path: Path) -> None:
    env = {**os.environ, "ORDER_DESK_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    # Painted before pydantic, the models and the journal were loaded.
    assert report["at_paint"] == []
    assert report["form_at_paint"] == ["ka"]  # the form in use; Nomad's comes behind
    assert report["city_at_paint"] == "Lyon"  # the draft is in the first paint
    # PySide6 was spared reading the source of each module imported after the window's first
    # one (`skip_pyside_source_reading`): none of the window's modules was read.
    assert [p for p in report["sources_read"]
            if Path(p).parent.name == "gui" and Path(p).name != "first_paint.py"] == []
    assert report["models_ready_when_typing"] is False
    assert report["validated_before"] is False
    assert report["recipient"] == "R" * 40  # kept
    assert report["city"] == "Lyon"
    assert report["journal_open"]  # opened behind the first paint
    assert "32" in report["recipient_message"]  # validated once the models arrived
    assert "field:orderAddress.recipient" in report["blockers"]
    assert "field:orderAddress.phone" in report["blockers"]


@pytest.fixture
def models_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window believes the models have not arrived (this process loaded them long ago):
    they are then 'loaded' on a thread once it has painted, as in a fresh start."""
    monkeypatch.setattr(model_arrival, "VALIDATION", "not.loaded.yet")


@pytest.mark.usefixtures("models_not_loaded")
def test_a_submit_before_the_models_arrive_waits_for_them(qtbot: QtBot) -> None:
    window = build_main_window()
    qtbot.addWidget(window, before_close_func=lambda widget: widget.shutdown())
    assert not window.models.ready
    type_into(qtbot, window, "ka.recipient", "Jeanne Martin")
    form = window.forms[window.target]
    form._timer.timeout.emit()  # the typing pause: nothing to validate with yet
    assert form.validation_pending and form.last_result is None
    assert not window.submit_button.isEnabled()
    window.submit()  # cannot wait for the arrival: waits for the models and checks
    assert window.models.ready
    assert form.last_result is not None and not form.last_result.ok
    assert named(window, "ka.phone.message").text()  # every problem shown after Submit
    assert named(window, "ka.recipient").property("invalid") is False
    assert window.outcome.text().startswith("Not sent")


@pytest.mark.usefixtures("models_not_loaded")
def test_an_import_opened_before_the_models_arrive_waits_for_them(qtbot: QtBot) -> None:
    # The import and the engine import the models: on the GUI thread alongside the models'
    # own thread, two imports of the same modules could meet in a cycle.
    window = build_main_window()
    qtbot.addWidget(window, before_close_func=lambda widget: widget.shutdown())
    assert not window.models.ready
    dialog = window.open_import()
    assert window.models.ready
    dialog.reject()


@pytest.mark.usefixtures("models_not_loaded")
def test_the_history_tab_works_before_it_has_arrived(qtbot: QtBot) -> None:
    window = build_main_window()
    qtbot.addWidget(window, before_close_func=lambda widget: widget.shutdown())
    assert window._history is None  # not built before the window is painted
    window.tabs.setCurrentIndex(1)
    assert window.tabs.currentWidget() is window.history
    window.show()
    qtbot.waitUntil(lambda: window.settled)
    assert window.tabs.currentWidget() is window.history


def test_the_focus_ring_follows_the_cursor_from_field_to_field(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.forms[Target.KA]
    ring = form.focus_ring
    for name in ("ka.city", "ka.country", "ka.recipient"):
        field = named(window, name)
        window.activateWindow()
        field.setFocus()
        qtbot.waitUntil(lambda field=field: ring.field is field and ring.isVisible())
        assert ring.geometry() == QRect(field.mapTo(form, QPoint(0, 0)), field.size())
    named(window, "profileSelector").setFocus()  # a drop-down outside the form: no ring
    qtbot.waitUntil(lambda: not ring.isVisible())
