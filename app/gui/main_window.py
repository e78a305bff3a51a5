"""The operator's window: target switch, profile in use and environment badge on top; the order
form (KA or Nomad) with Submit; the history. Every collaborator is passed in (see `app.py`)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import Profile
from app.core.targets import Target, registered_targets
from app.gui.aftersale_controller import AfterSaleController
from app.gui.context import AppContext
from app.gui.drafts import DraftStore, RecentValues
from app.gui.first_paint import after_first_paint, forget_module_sources
from app.gui.forms import FORMS, FormServices, FormSet
from app.gui.language import LANGUAGES, outcome_text
from app.gui.language import current as current_language
from app.gui.model_arrival import ModelArrival
from app.gui.order_form import OrderForm
from app.gui.submission import SubmissionController
from app.gui.wheel_guard import install_wheel_guard
from app.gui.window_header import WindowHeader
from app.gui.workers import WorkerPool

# The dialogs, and what only an outcome or a sent order needs (results, server statuses, the
# clients' protocol), are imported when first used, not before the first paint.
if TYPE_CHECKING:
    from app.core.clients import OrderClient
    from app.core.engine import SubmissionEngine
    from app.core.engine.aftersale import CancelResult, StatusResult
    from app.core.engine.results import OrderResult, Progress
    from app.core.journal import OrderRecord
    from app.core.models import ValidationResult
    from app.gui.about_dialog import AboutDialog
    from app.gui.history_view import HistoryView
    from app.gui.import_dialog import ImportDialog
    from app.gui.review_dialog import ReviewDialog
    from app.gui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 800
SHUTDOWN_WAIT_MS = 30_000
PREFERRED_SIZE = (1180, 800)
FORM_ORIGIN = "form"  # marks batches the order form started, in the submission context
# Outcome line colours: accepted, needs a fix, not known yet.
# "not_sent": nothing was created and submitting again sends it (as in History).
_TONES = {"ok": "#2e7d32", "error": "#c62828", "warning": "#8a5300", "not_sent": "#6a1b9a",
          "": ""}
# Keyed by ResultStatus values (a StrEnum: its members look these up).
_TONE_OF = {"unknown": "warning", "not_sent": "not_sent", "cancelled": "not_sent"}


ORDER_PAGE_WIDTH = 1400  # px: the order form and Submit together, even at 1920 px and more


class MainWindow(QMainWindow):
    # View › Language: a language code (app.gui.language.LANGUAGES); app.change_language acts.
    language_chosen = Signal(str)
    # After a language change: the window that took this one's place.
    replaced = Signal(QMainWindow)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Combo and spin boxes wait for focus before a wheel changes them, from the first paint
        # on (the guard's cost stays behind it).
        after_first_paint(self, install_wheel_guard)
        self.context = context
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Order Desk"))
        self.workers = WorkerPool(self)
        self.submission = SubmissionController(context, self)
        self.aftersale = AfterSaleController(context, self._engine, self)
        self.drafts = DraftStore(context.data_dir)
        self.recent = RecentValues(context.data_dir)
        self.last_payload: dict[Target, dict[str, Any]] = {}
        self._outcomes: dict[Target, tuple[str, str]] = {}  # each form's last outcome and tone
        self._settings_dialog: SettingsDialog | None = None
        self._about_dialog: AboutDialog | None = None
        self._open_boxes: list[QMessageBox] = []
        self._force_close = False
        # Targets whose last send was refused for fixes: their banner counts what is left.
        self._refused: set[Target] = set()
        # The order a new order or "open as new" put aside: (target, payload), one step back.
        self._undo: tuple[Target, dict[str, Any]] | None = None
        self._review: ReviewDialog | None = None
        # The payload the operator last confirmed in the review, per target: answering "send
        # anyway" to a duplicate question about it does not show the same review again.
        self._reviewed: dict[Target, dict[str, Any]] = {}

        # The registered targets the window has a form for (app.gui.forms), in registry order.
        targets = [target for target in registered_targets() if target in FORMS]
        self.header = WindowHeader(targets, self)
        # Shortcuts to the header's widgets, which tests and other dialogs address by name.
        self.target_switch = self.header.target_switch
        self.profile_selector = self.header.profile_selector
        self.badge = self.header.badge
        import_button = self.header.add_button(self.tr("Import spreadsheet…"), "importButton")
        import_button.clicked.connect(self.open_import)
        settings_button = self.header.add_button(self.tr("Profiles and credentials…"),
                                                 "settingsButton")
        settings_button.clicked.connect(self.open_settings)

        # -- forms -----------------------------------------------------------------------------
        # The form in use is built before the first paint, from the generated field specs; the
        # models that validate it arrive behind the window (app.gui.model_arrival), as do the
        # other forms and the history (`_arrive`).
        self.models = ModelArrival(targets, self)
        self.models.arrived.connect(self._models_arrived)
        self.forms = FormSet(targets, self._build_form, self._fill_form)
        self.form_stack = QStackedWidget(self)
        self._scrolls: dict[Target, QScrollArea] = {}
        for target in targets:
            scroll = QScrollArea(self)
            scroll.setObjectName(f"{target.value}.scroll")
            scroll.setWidgetResizable(True)
            self.form_stack.addWidget(scroll)
            self._scrolls[target] = scroll

        self.submit_button = QPushButton(self.tr("Submit"), self)
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip(self.tr("Send this order (Ctrl+Enter)"))
        self.submit_button.setDefault(True)
        self.submit_button.setEnabled(False)
        self.submit_button.clicked.connect(self.submit)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("submitProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.outcome = QLabel(self)
        self.outcome.setObjectName("outcomeLabel")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undo_button = QPushButton(self.tr("Bring back the previous order"), self)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setToolTip(self.tr("The order that was in the form before it was "
                                            "emptied or replaced (Ctrl+Shift+Z)"))
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo_replace)
        bottom = QHBoxLayout()
        bottom.addWidget(self.outcome, 1)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.submit_button)

        # The form and its Submit button stay together on a big screen: the page is at most
        # ORDER_PAGE_WIDTH wide (fields are as wide as their values), the rest left empty.
        order_page = QWidget(self)
        order_body = QWidget(order_page)
        order_body.setObjectName("orderBody")
        order_body.setMaximumWidth(ORDER_PAGE_WIDTH)
        order_layout = QVBoxLayout(order_body)
        order_layout.setContentsMargins(0, 0, 0, 0)
        order_layout.addWidget(self.form_stack, 1)
        order_layout.addLayout(bottom)
        page_layout = QHBoxLayout(order_page)
        page_layout.addWidget(order_body, 1)
        page_layout.addStretch(0)

        self._history: HistoryView | None = None
        self.aftersale.status_done.connect(self._status_checked)
        self.aftersale.cancel_done.connect(self._cancels_done)
        self.aftersale.failed.connect(self._reconciled)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.addTab(order_page, self.tr("New order"))
        # The history (and its first journal page) is built behind the first paint.
        self.tabs.addTab(QWidget(self), self.tr("History"))
        self.tabs.currentChanged.connect(self._tab_shown)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar().setObjectName("statusBar")
        # Looking for the keyring takes a fifth of a second: the window is painted first.
        after_first_paint(self, self._say_if_no_keyring)

        # What still blocks sending, each place a link that moves the cursor there.
        self.blockers_label = QLabel(self)
        self.blockers_label.setObjectName("blockersLabel")
        self.blockers_label.setTextFormat(Qt.TextFormat.RichText)
        self.blockers_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.blockers_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                          QSizePolicy.Policy.Preferred)
        self.blockers_label.linkActivated.connect(self.go_to_blocker)
        self.statusBar().addWidget(self.blockers_label, 1)

        self._build_menus()

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_drafts)

        self.submission.progress.connect(self._show_progress)
        self.submission.batch_finished.connect(self._batch_finished)
        self.submission.failed.connect(self._submission_failed)
        self.submission.reconciled.connect(self._reconciled)

        self.header.target_chosen.connect(self._target_changed)
        self.header.profile_chosen.connect(self._profile_chosen)
        self.header.set_target(context.settings.current_target)
        self._target_changed()
        self._fit_to_screen()
        self._focus_first_field()  # the cursor starts where an order starts
        after_first_paint(self, self._arrive)

    # -- what arrives behind the first paint -----------------------------------------------------
    def _build_form(self, target: Target) -> OrderForm:
        form = FORMS[target](FormServices(self._validator(target), self.recent,
                                          self._client_getter(target), self.workers))
        form.models_ready = lambda: self.models.ready
        self._scrolls[target].setWidget(form)
        form.validity_changed.connect(self._update_submit)
        form.edited.connect(self._schedule_draft)
        return form

    def _fill_form(self, target: Target, form: OrderForm) -> None:
        draft = self.drafts.load(target)
        if draft:
            form.load(draft)
        else:
            form.validate_soon()

    @property
    def history(self) -> HistoryView:
        if self._history is None:
            from app.gui.history_view import HistoryView

            history = HistoryView(self.context.journal, self)
            history.open_as_new.connect(self.open_as_new)
            history.reconcile_requested.connect(self.submission.reconcile)
            history.status_requested.connect(self._refresh_status)
            history.cancel_requested.connect(self.confirm_cancel)
            self._history = history
            shown = self.tabs.currentIndex()
            placeholder = self.tabs.widget(1)
            self.tabs.blockSignals(True)  # the tab shown stays the same
            self.tabs.removeTab(1)
            self.tabs.insertTab(1, history, self.tr("History"))
            self.tabs.setCurrentIndex(shown)
            self.tabs.blockSignals(False)
            if placeholder is not None:
                placeholder.deleteLater()
        return self._history

    def _refresh_history(self) -> None:
        """Show what changed in the journal: a history not built yet reads it when it is."""
        if self._history is not None:
            self._history.refresh()

    def _tab_shown(self, index: int) -> None:
        if index == 1:
            self.tabs.setCurrentWidget(self.history)

    def open_journal(self) -> str:
        """Open the journal (a start does it once the window has painted): "" once it is
        open, else why it cannot be (nothing can be sent then)."""
        from app.core.journal import JournalError

        try:
            self.context.open_journal()
        except JournalError as exc:
            log.error("cannot open the journal: %s", exc)
            return outcome_text(str(exc))  # its phrases (a missing libpq) in the window's language
        return ""

    def _arrive(self) -> None:
        """After the first paint: the models, on their thread. The other targets' forms and
        the history are built when first shown (a target switch, the History tab): most
        sessions use one target, and each costs memory (some 11 MB together) and time."""
        forget_module_sources()
        self.models.start()

    def _models_arrived(self) -> None:
        for form in self.forms.built.values():
            form.models_arrived()

    @property
    def settled(self) -> bool:
        """What arrives behind the first paint has: the models have validated what the forms
        hold."""
        return self.models.ready and not any(f.arriving for f in self.forms.built.values())

    def _build_menus(self) -> None:
        """The menu bar, whose actions also carry the window's keyboard shortcuts."""
        def action(name: str, text: str, keys: tuple[str, ...], slot: Callable[[], object],
                   ) -> QAction:
            item = QAction(text, self)
            item.setObjectName(name)
            item.setShortcuts([QKeySequence(k) for k in keys])
            item.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            item.triggered.connect(lambda _checked=False: slot())
            self.addAction(item)  # shortcuts work even while the menu bar is hidden
            return item

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        file_menu.addAction(action("newOrderAction", self.tr("&New order"), ("Ctrl+N",),
                                   self.new_order))
        file_menu.addAction(action("duplicateAction", self.tr("&Duplicate last order"),
                                   ("Ctrl+D",), self.duplicate_last))
        file_menu.addAction(action("submitAction", self.tr("&Submit"),
                                   ("Ctrl+Return", "Ctrl+Enter"), self.submit))
        file_menu.addAction(action("undoReplaceAction", self.tr("&Bring back the previous order"),
                                   ("Ctrl+Shift+Z",), self.undo_replace))
        review = action("reviewAction", self.tr("&Review before sending"), (), lambda: None)
        review.setCheckable(True)
        review.setChecked(self.context.settings.review_before_sending)
        review.setToolTip(self.tr("Confirm a summary before each send (always for production "
                                  "profiles)"))
        review.toggled.connect(self._review_setting_changed)
        self.review_action = review
        file_menu.addAction(review)
        file_menu.addSeparator()
        file_menu.addAction(action("importAction", self.tr("&Import spreadsheet…"), ("Ctrl+I",),
                                   self.open_import))
        file_menu.addAction(action("settingsAction", self.tr("&Profiles and credentials…"), (),
                                   self.open_settings))
        file_menu.addSeparator()
        quit_action = action("quitAction", self.tr("&Quit"), ("Ctrl+Q",), self.close)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.setObjectName("viewMenu")
        view_menu.addAction(action("orderTabAction", self.tr("&New order tab"), ("Ctrl+1",),
                                   lambda: self.tabs.setCurrentIndex(0)))
        view_menu.addAction(action("historyAction", self.tr("&History"), ("Ctrl+H", "Ctrl+2"),
                                   lambda: self.tabs.setCurrentWidget(self.history)))
        view_menu.addSeparator()
        language_menu = view_menu.addMenu(self.tr("&Language"))
        language_menu.setObjectName("languageMenu")
        languages = QActionGroup(self)
        for code, name in LANGUAGES.items():  # each language by its own name
            item = language_menu.addAction(name)
            item.setObjectName(f"language.{code}")
            item.setCheckable(True)
            item.setChecked(code == current_language())
            item.setActionGroup(languages)
            item.triggered.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        about = action("aboutAction", self.tr("&About Order Desk"), (), self.open_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(about)

    def open_about(self) -> AboutDialog:
        """Version, build and data folder, for support requests; one dialog at a time."""
        from app.gui.about_dialog import AboutDialog

        if self._about_dialog is None:
            self._about_dialog = AboutDialog(self)
        self._about_dialog.show()
        self._about_dialog.raise_()
        return self._about_dialog

    def _say_if_no_keyring(self) -> None:
        if self.context.secrets.has_keyring:
            return
        notice = QLabel(self.tr("No system keyring: credentials can only be kept for this "
                                "session"), self)
        notice.setObjectName("keyringWarning")
        notice.setToolTip(self.context.secrets.keyring_error)
        notice.setStyleSheet("color: #8a5300;")
        self.statusBar().addPermanentWidget(notice)

    def _fit_to_screen(self) -> None:
        """Start at a comfortable size, never larger than the screen's free area."""
        width, height = PREFERRED_SIZE
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width, height = min(width, available.width()), min(height, available.height())
        self.resize(width, height)

    # -- target and profile --------------------------------------------------------------------
    @property
    def target(self) -> Target:
        return self.header.target

    @property
    def form(self) -> OrderForm:
        return self.forms[self.target]

    def _validator(self, target: Target) -> Callable[[dict[str, Any]], ValidationResult]:
        def validate(payload: dict[str, Any]) -> ValidationResult:
            self.models.wait()
            from app.core.models.validation import validate_order

            profile = self.context.profile(target)
            return validate_order(target, payload, address_key=profile.address_key)

        return validate

    def _target_changed(self, *_args: object) -> None:
        target = self.target
        self.context.settings.current_target = target
        self.form_stack.setCurrentIndex(list(self.forms).index(target))
        self._show_outcome(target, *self._outcomes.get(target, ("", "")))
        self.statusBar().clearMessage()  # it may concern the other target's order
        self._refresh_profiles()
        self.form.validate_soon()
        self._update_submit()

    def _refresh_profiles(self) -> None:
        settings = self.context.settings
        current = settings.profile_in_use(self.target)
        self.header.show_profiles(
            [p for p in settings.profiles.values() if p.target is self.target], current)
        # Qt adds the display name to a title that does not end with it (on X11 and Windows,
        # QPlatformWindow::formatWindowTitle): ending with it names the program once everywhere.
        # The operator's profile name goes in last, so a "%" in it is never replaced.
        self.setWindowTitle(self.tr("%1 (%2) — %3")
                            .replace("%3", QApplication.applicationDisplayName())
                            .replace("%2", self.badge.text()).replace("%1", current.name))
        self.form.show_profile(current)

    def _profile_chosen(self, name: str) -> None:
        self.context.settings.use(name)
        self._save_settings()
        self._refresh_profiles()

    def _save_settings(self) -> None:
        """Save, or say plainly why not (a read-only data folder, a full disk): the change
        holds for this session, the file keeps what it had."""
        try:
            self.context.save_settings()
        except OSError as exc:
            log.error("settings not saved: %s", exc)
            self.statusBar().showMessage(
                self.tr("Settings not saved (%1): the change holds until Order Desk is closed.")
                .replace("%1", exc.strerror or str(exc)), 15000)

    def _credentials_problem(self, profile: Profile) -> str:
        """What to do when the profile lacks a credential, in the window's words ("" if none).
        The core's message names command-line ways; here the settings dialog is the way."""
        from app.gui.credentials_box import secret_label

        missing = self.context.missing_secrets(profile)
        if not missing:
            return ""
        return self.tr("Profile %1 has no %2 yet: add it in File › Profiles and credentials…")\
            .replace("%1", profile.name).replace("%2", ", ".join(secret_label(n) for n in missing))

    def _client_getter(self, target: Target) -> Callable[[], OrderClient]:
        def client() -> OrderClient:
            """Called on worker threads: touches no widget."""
            # The client and the simulator import what the models import: never alongside them.
            self.models.wait()
            profile = self.context.profile(target)
            if problem := self._credentials_problem(profile):
                raise ValueError(problem)
            return self.context.client_for(profile)

        return client

    # -- editing -------------------------------------------------------------------------------
    def _update_submit(self, *_args: object) -> None:
        form = self.form
        self.submit_button.setEnabled(form.is_valid)
        blockers = form.blockers()
        if blockers:
            listed = [f"• {place}: {message}" for _key, place, message in blockers[:12]]
            if len(blockers) > 12:
                listed.append(self.tr("%n more", "", len(blockers) - 12))
            self.submit_button.setToolTip("\n".join(
                [self.tr("Not ready to send; still to fix:"), *listed]))
            self.blockers_label.setText(
                self.tr("To send, fix: %1").replace("%1", form.blockers_html()))
        else:
            self.submit_button.setToolTip(self.tr("Send this order (Ctrl+Enter)"))
            self.blockers_label.setText("")
        if self.target in self._refused:  # the banner follows the fixes
            if blockers:
                self._show_outcome(self.target, self._refusal_text(len(blockers)), "error",
                                   keep_refusal=True)
            else:
                self._show_outcome(self.target, self.tr(
                    "Everything marked is fixed: ready to send (Ctrl+Enter)."))

    def _refusal_text(self, count: int) -> str:
        return self.tr("Not sent: %n field(s) need a fix; each is marked in red with what is "
                       "wrong.", "", count)

    def go_to_blocker(self, key: str) -> None:
        """A link of the status line or the banner: the cursor goes to that place."""
        self.tabs.setCurrentIndex(0)
        self.form.focus_blocker(key)

    def _review_setting_changed(self, on: bool) -> None:
        self.context.settings.review_before_sending = on
        self._save_settings()

    def _show_outcome(self, target: Target, text: str, tone: str = "", *,
                      keep_refusal: bool = False) -> None:
        """The line under the form: kept per target, so switching never shows the other
        target's result; coloured so an acceptance and a refusal cannot be mistaken."""
        if not keep_refusal:
            self._refused.discard(target)
        self._outcomes[target] = (text, tone)
        if target is not self.target:
            return
        self.outcome.setText(text)
        colour = _TONES[tone]
        self.outcome.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}"
                                   if colour else "")

    def _schedule_draft(self) -> None:
        self._draft_timer.start()

    def save_drafts(self) -> None:
        self._draft_timer.stop()
        for target, form in self.forms.built.items():  # a form not built yet changed nothing
            if form.is_blank():
                self.drafts.clear(target)
            else:
                self.drafts.save(target, form.payload())

    def new_order(self) -> None:
        put_aside = self._put_aside(self.target)
        self.form.clear()
        self.drafts.clear(self.target)
        self._show_outcome(self.target, self.tr(
            "New order. The one you had typed was put aside: “Bring back the previous order” "
            "(Ctrl+Shift+Z) restores it.") if put_aside else "")
        self.tabs.setCurrentIndex(0)
        self._focus_first_field()

    def _put_aside(self, target: Target) -> bool:
        """Keep the form's order (if anything is typed) for `undo_replace`; True if kept."""
        form = self.forms[target]
        if form.is_blank():
            return False
        self._undo = (target, form.payload())
        self.undo_button.show()
        return True

    def undo_replace(self) -> None:
        """Bring back the order a new order or "open as new" replaced; what the form holds
        now is put aside in its place (pressing it again swaps back), so nothing is lost."""
        if self._undo is None:
            self.statusBar().showMessage(self.tr("No order was put aside."), 5000)
            return
        target, payload = self._undo
        self._undo = None
        self.undo_button.hide()
        self._put_aside(target)
        self.header.set_target(target)
        self.forms[target].load(payload)
        self.tabs.setCurrentIndex(0)
        self._show_outcome(target, self.tr("The previous order is back in the form."))
        self._schedule_draft()
        self._focus_first_field()

    def duplicate_last(self) -> None:
        payload = self.last_payload.get(self.target)
        if payload is None:
            self.statusBar().showMessage(self.tr("No order sent yet in this session."), 5000)
            return
        self.load_as_new(self.target, payload)

    def open_as_new(self, record: OrderRecord) -> None:
        self.header.set_target(record.target)
        self.load_as_new(record.target, record.payload)

    def load_as_new(self, target: Target, payload: dict[str, Any]) -> None:
        from app.core.models.references import as_new_order

        put_aside = self._put_aside(target)
        self.forms[target].load(as_new_order(target, payload))
        self.tabs.setCurrentIndex(0)
        text = self.tr("Copied into a new order. Check it, then submit.")
        if put_aside:
            text += " " + self.tr("The order you were typing was put aside: “Bring back the "
                                  "previous order” (Ctrl+Shift+Z) restores it.")
        self._show_outcome(target, text)
        self._schedule_draft()
        self._focus_first_field()

    def _focus_first_field(self) -> None:
        self.form.focus_first_field()

    # -- submitting ----------------------------------------------------------------------------
    def submit(self, *, allow_duplicates: bool = False, reviewed: bool = False) -> None:
        form = self.form
        form.items.commit_pending_edit()
        result = form.validate_now()
        if not result.ok:
            form.reveal_all_messages()
            form.focus_first_problem()  # the keyboard goes where the fix is
            self._show_outcome(self.target, self._refusal_text(len(form.blockers()) or 1),
                               "error")
            self._refused.add(self.target)
            return
        if self.submission.busy_with(self.target):
            self._show_outcome(self.target, self.tr("Still sending the previous order…"),
                               "warning")
            return
        profile = self.context.profile(self.target)
        if problem := self._credentials_problem(profile):
            self._show_outcome(self.target, self.tr("Not sent: %1").replace("%1", problem),
                               "error")
            return
        payload = form.payload()
        reviewed = reviewed or (allow_duplicates and self._reviewed.get(self.target) == payload)
        if self.context.settings.needs_review(profile) and not reviewed:
            self._ask_review(profile, payload, allow_duplicates)
            return
        self.submit_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._show_outcome(self.target, self.tr("Sending to %1…").replace("%1", profile.name))
        self.submission.submit(profile, [payload], allow_duplicates=allow_duplicates,
                               context={"origin": FORM_ORIGIN, "target": self.target,
                                        "payload": payload})

    def _ask_review(self, profile: Profile, payload: dict[str, Any],
                    allow_duplicates: bool) -> None:
        """The summary to confirm (Enter sends, Escape goes back to the form as it was)."""
        if self._review is not None:
            return
        from app.gui.review_dialog import ReviewDialog

        target = self.target
        dialog = ReviewDialog(profile, self.badge.text(), payload, self)
        self._review = dialog

        def answered(code: int) -> None:
            self._review = None
            dialog.deleteLater()
            if code != QDialog.DialogCode.Accepted:
                self._show_outcome(target, self.tr("Not sent: back to the form."))
                self.forms[target].setFocus()
                self._focus_first_field()
                return
            if self.target is target and self.forms[target].payload() == payload:
                self._reviewed[target] = payload
                self.submit(allow_duplicates=allow_duplicates, reviewed=True)

        dialog.finished.connect(answered)
        dialog.open()

    def _show_progress(self, progress: Progress) -> None:
        self.progress.setRange(0, max(progress.total, 1))
        self.progress.setValue(progress.done)
        self.progress.setFormat(self.tr("%1 of %2").replace("%1", str(progress.done))
                                .replace("%2", str(progress.total)))

    def _batch_finished(self, results: list[OrderResult], context: dict[str, Any]) -> None:
        from app.core.engine.results import ResultStatus

        self.progress.hide()
        self._refresh_history()
        if context.get("origin") != FORM_ORIGIN:  # a batch started elsewhere (e.g. a script)
            self._notify_batch(results)
            return
        target: Target = context["target"]
        form = self.forms[target]
        if not results:
            self._update_submit()
            return
        result = results[0]
        if result.status is ResultStatus.ACCEPTED and result.content_differs:
            # The corrected version was not sent: keep it in the form, never clear it unseen.
            text = self.tr(
                "Not sent: reference %1 was already accepted (remote id %2) with different "
                "content. A created order cannot be changed here; give this order a new "
                "reference to send it as a new order.")\
                .replace("%1", result.reference or "").replace("%2", result.remote_id or "?")
            self._show_outcome(target, text, "warning")
        elif result.status is ResultStatus.ACCEPTED:
            self.last_payload[target] = context["payload"]
            form.remember_values()
            text = self.tr("Accepted — remote id %2 (reference %1). It is in History.")\
                .replace("%1", result.reference or "").replace("%2", result.remote_id or "?")
            if result.previously:
                text += " " + self.tr("(already accepted earlier; not sent again)")
            self._show_outcome(target, text, "ok")
            form.clear()
            self.drafts.clear(target)
            if target is self.target:
                form.focus_first_field()  # ready for the next order
            form.refresh_account()
        elif result.status is ResultStatus.DUPLICATE:
            self._show_outcome(target, outcome_text(result.message), "warning")
            self._ask_duplicate(result)
        else:
            tone = _TONE_OF.get(result.status, "error")
            self._show_outcome(target, self._describe_failure(result), tone)
            if result.field_errors:
                form.show_remote_errors(list(result.field_errors))
                if target is self.target:
                    form.focus_first_problem()
        self.statusBar().showMessage(self._outcomes[target][0], 15_000)
        QApplication.alert(self)  # the notification: flashes the taskbar entry if hidden
        self._update_submit()

    def _notify_batch(self, results: list[OrderResult]) -> None:
        from app.core.engine.results import ResultStatus

        accepted = sum(1 for r in results if r.status is ResultStatus.ACCEPTED)
        self.statusBar().showMessage(
            self.tr("Batch finished: %1 of %2 accepted.").replace("%1", str(accepted))
            .replace("%2", str(len(results))), 15_000)
        QApplication.alert(self)
        self._update_submit()

    def _describe_failure(self, result: OrderResult) -> str:
        from app.core.engine.results import ResultStatus

        labels = {
            ResultStatus.REJECTED: self.tr("Rejected by the API"),
            ResultStatus.INVALID: self.tr("Not sent: invalid"),
            ResultStatus.UNKNOWN: self.tr("Outcome unknown (will be checked before any resend)"),
            ResultStatus.NOT_SENT: self.tr("Not sent"),  # the message says why and what to do
            ResultStatus.CANCELLED: self.tr("Cancelled"),
        }
        fields = "; ".join(str(e) for e in result.field_errors)
        detail = fields or outcome_text(result.message)
        return f"{labels.get(result.status, result.status.value)}: {detail}"

    def _ask_duplicate(self, result: OrderResult) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Suspected duplicate"),
                          self.tr("This order has the same content as one sent before.\n\n%1\n\n"
                                  "Send it anyway?").replace("%1", outcome_text(result.message)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("duplicateQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered(button: int) -> None:
            self._open_boxes.remove(box)
            if button == QMessageBox.StandardButton.Yes:
                self.submit(allow_duplicates=True)

        box.finished.connect(answered)
        self._open_boxes.append(box)
        box.open()

    def _submission_failed(self, exc: BaseException, context: dict[str, Any]) -> None:
        self.progress.hide()
        target = context.get("target", self.target)
        self._show_outcome(target, self.tr("Not sent: %1").replace("%1", str(exc)), "error")
        self._refresh_history()
        self._update_submit()

    def _reconciled(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)
        self._refresh_history()

    # -- after sending: status and cancel -------------------------------------------------------
    def _refresh_status(self, records: list[OrderRecord]) -> None:
        self.statusBar().showMessage(self.tr("Asking the server about %n order(s)…", "",
                                             len(records)), 15_000)
        self.aftersale.refresh(records)

    def _status_checked(self, results: list[StatusResult], asked: bool) -> None:
        from app.core.server_status import SHIPPED_STATUSES

        if not asked:  # in place: an operator reading the history is not moved about
            if self._history is not None:
                self._history.model.update_records([r.order for r in results])
            return
        self._refresh_history()
        checked = [r for r in results if r.checked]
        shipped = sum(1 for r in checked if r.order.server_status in SHIPPED_STATUSES)
        text = (self.tr("Checked %1 order(s) on the server: %2 shipped.")
                .replace("%1", str(len(checked))).replace("%2", str(shipped)))
        missed = len(results) - len(checked)
        if missed:
            text += " " + self.tr("%1 could not be checked: %2").replace("%1", str(missed)) \
                .replace("%2", outcome_text(next(r.message for r in results if not r.checked)))
        self.statusBar().showMessage(text, 15_000)

    def confirm_cancel(self, records: list[OrderRecord]) -> QMessageBox:
        """Say what cancelling will do and cancel only when the operator agrees."""
        from app.gui.cancel_confirm import confirm_cancel

        box = confirm_cancel(self, records)
        yes = box.button(QMessageBox.StandardButton.Yes)

        def answered() -> None:
            self._open_boxes.remove(box)
            box.deleteLater()
            if box.clickedButton() is yes:
                self.statusBar().showMessage(self.tr("Cancelling %n order(s)…", "",
                                                     len(records)), 15_000)
                self.aftersale.cancel(records)

        box.finished.connect(answered)
        self._open_boxes.append(box)
        box.open()
        return box

    def _cancels_done(self, results: list[CancelResult]) -> None:
        from app.core.server_status import CANCEL_OUTCOME

        self._refresh_history()
        counts = Counter(CANCEL_OUTCOME[r.state] for r in results)
        text = (self.tr("Cancel: %1 cancelled, %2 refused, %3 unknown (checked at the next "
                        "refresh).").replace("%1", str(counts["cancelled"]))
                .replace("%2", str(counts["refused"])).replace("%3", str(counts["unknown"])))
        refused = [r for r in results if CANCEL_OUTCOME[r.state] == "refused"]
        if refused:
            text += " " + f"{refused[0].order.reference}: {outcome_text(refused[0].message)}"
        self.statusBar().showMessage(text, 30_000)

    # -- spreadsheet import --------------------------------------------------------------------
    def _engine(self) -> SubmissionEngine:
        """The engine, for status checks and cancels (on worker threads too), once the models
        it imports have arrived: two threads importing the same modules can meet in a cycle."""
        self.models.wait()
        return self.submission.engine

    def open_import(self) -> ImportDialog:
        """The import dialog for the current target, sending with the profile in use."""
        self.models.wait()  # the import checks with the models: never imported alongside them
        from app.gui.import_dialog import ImportDialog
        from app.gui.import_sender import EngineSender

        sender = EngineSender(self.submission.engine, self.context.profile(self.target))
        dialog = ImportDialog(self.target, sender, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._refresh_history)
        dialog.open()
        return dialog

    # -- settings ------------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        from app.gui.settings_dialog import SettingsDialog

        if self._settings_dialog is None:
            dialog = SettingsDialog(self.context, self)
            dialog.saved.connect(self._settings_saved)
            dialog.credentials_saved.connect(self._credentials_saved)
            self._settings_dialog = dialog
        self._settings_dialog.show()
        self._settings_dialog.raise_()
        return self._settings_dialog

    def _credentials_saved(self) -> None:
        self.submission.credentials_changed()
        self.form.refresh_account()

    def _settings_saved(self) -> None:
        self._save_settings()
        self.header.set_target(self.context.settings.current_target)
        self._refresh_profiles()
        self.form.validate_soon()

    # -- closing -------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        in_flight = self.submission.in_flight
        if in_flight and not self._force_close:
            answer = QMessageBox.question(
                self, self.tr("Orders are being sent"),
                self.tr("%n order(s) are still being sent. Quit anyway? Requests already on "
                        "their way are finished or checked at the next start (the journal has "
                        "them); orders not sent yet are cancelled and can be sent again.", "",
                        in_flight),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        # Dialogs first (an import cancels what it has not sent and reports to the history)
        # while the journal is still open.
        for dialog in self.findChildren(QDialog, options=Qt.FindChildOption.FindDirectChildrenOnly):
            dialog.close()
        self.save_drafts()
        self._save_settings()
        self.aftersale.shutdown(SHUTDOWN_WAIT_MS)
        self.submission.shutdown(SHUTDOWN_WAIT_MS)
        self.workers.wait(SHUTDOWN_WAIT_MS)
        if self._history is not None:
            self._history.model.shutdown(SHUTDOWN_WAIT_MS)
        event.accept()

    def adopt_session(self, previous: MainWindow) -> None:
        """Take over what the window this one replaces knew in this session (a language
        change): its size and place, the tab shown, the last orders sent."""
        self.last_payload = dict(previous.last_payload)
        self.restoreGeometry(previous.saveGeometry())
        self.tabs.setCurrentIndex(previous.tabs.currentIndex())

    def retire(self) -> None:
        """Close for good, leaving the context (journal, credentials) open for the window
        that replaces this one."""
        self._force_close = True
        self.close()

    def shutdown(self) -> None:
        """Close without asking (tests, the event loop ending) and release the context."""
        self._force_close = True
        self.close()
        self.context.close()
