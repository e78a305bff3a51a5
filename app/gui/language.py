"""The window's language: English (the source texts) or a shipped translation.

Which one: ``ORDER_DESK_LANGUAGE`` (``zh_CN`` or ``en``) when set, for tests and kiosks; else the
operator's choice from View › Language, remembered in the data folder; else the system locale.
The command line never loads any of this: it keeps English output and JSON keys.
"""

from __future__ import annotations

import logging
import os
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLibraryInfo, QLocale, QTranslator

from app.core.paths import data_dir
from app.core.phrases import translated
from app.gui.json_store import read_json, write_json
from app.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGE_ENV = "ORDER_DESK_LANGUAGE"
ENGLISH = "en"
# Each language by its own name, as language menus show them.
LANGUAGES: dict[str, str] = {ENGLISH: "English", "zh_CN": "简体中文"}
PREFERENCE_FILE = "language.json"

_installed: list[QTranslator] = []
_current = ENGLISH


def normalise(value: str) -> str | None:
    """A language code from an environment value or locale name (``zh-CN``, ``zh_CN.UTF-8``,
    ``zh``, ``en_GB``), or None when no shipped language matches."""
    name = value.strip().split(".")[0].split("@")[0].replace("-", "_")
    if not name:
        return None
    lowered = name.lower()
    if lowered in ("zh", "zh_cn", "zh_sg", "zh_hans", "zh_hans_cn"):
        return "zh_CN"
    if lowered == "en" or lowered.startswith("en_") or lowered in ("c", "posix"):
        return ENGLISH
    return None


def forced() -> str | None:
    """The language ``ORDER_DESK_LANGUAGE`` asks for, if it names a shipped one."""
    value = os.environ.get(LANGUAGE_ENV, "")
    code = normalise(value)
    if value and code is None:
        log.warning("%s=%r is not a language Order Desk has; choose one of %s", LANGUAGE_ENV,
                    value, ", ".join(LANGUAGES))
    return code


def system_language() -> str:
    """The first of the system's interface languages Order Desk ships, else English."""
    for name in QLocale.system().uiLanguages():
        lowered = name.lower().replace("_", "-")
        if lowered.startswith("zh") and not any(
                part in lowered for part in ("-hant", "-tw", "-hk", "-mo")):
            return "zh_CN"
        code = normalise(name)
        if code is not None:
            return code
    return ENGLISH


def _preference_path(directory: Path | None) -> Path:
    return (directory or data_dir()) / PREFERENCE_FILE


def remembered(directory: Path | None = None) -> str | None:
    data = read_json(_preference_path(directory))
    value = data.get("language") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value in LANGUAGES else None


def remember(code: str, directory: Path | None = None) -> bool:
    """Keep the operator's choice for the next start; False when it cannot be written."""
    try:
        write_json(_preference_path(directory), {"language": code})
    except OSError as exc:
        log.warning("language choice not saved: %s", exc)
        return False
    return True


def chosen(directory: Path | None = None) -> str:
    """The language a start uses: forced, else remembered, else the system's."""
    return forced() or remembered(directory) or system_language()


def current() -> str:
    return _current


def moment_text(timestamp: float, *, seconds: bool = False) -> str:
    """A moment as the window's locale writes it ("2026/12/6 14:03" in Chinese, "12/6/26 2:03
    PM" in American English); ISO where the locale is POSIX's "C", which has no habits."""
    moment = QDateTime.fromSecsSinceEpoch(int(timestamp))
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return moment.toString("yyyy-MM-dd HH:mm:ss" if seconds else "yyyy-MM-dd HH:mm")
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and ":ss" not in time_format:
        time_format = time_format.replace("mm", "mm:ss", 1)
    return locale.toString(moment, f"{locale.dateFormat(QLocale.FormatType.ShortFormat)} "
                                   f"{time_format}")


def amount_text(amount: float | Decimal, currency: str | None = None) -> str:
    """An amount with two decimals in the locale's digits grouping, then its currency code."""
    text = QLocale().toString(float(amount), "f", 2)
    return f"{text} {currency}" if currency else text


def outcome_text(message: str) -> str:
    """An outcome message from the core or the journal in the window's language: its phrases
    translated (context "Outcomes"), the values in it (references, what a server said) as
    they are."""
    if _current == ENGLISH or not message:
        return message
    return _outcome_in(_current, message)


@lru_cache(maxsize=4096)
def _outcome_in(code: str, message: str) -> str:
    # History asks for the same few messages on every repaint: each is worked out once per
    # language (the key), not a pass of every phrase's pattern per cell painted.
    return translated(message, lambda phrase: QCoreApplication.translate("Outcomes", phrase))


class TemplateTranslator(QTranslator):
    """Validation messages that carry values ("at most 32 characters (got 40)"): found by their
    template in the catalogue ("at most %1 characters (got %2)"), translated, values put back."""

    CONTEXT = "FieldMessages"

    def __init__(self, catalogue: QTranslator, parent: QCoreApplication) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._compiled: list[tuple[str, re.Pattern[str]]] | None = None

    @property
    def _patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        # Compiled when the first message is translated: the templates live with the models,
        # which the window's first paint does not wait for.
        if self._compiled is None:
            from app.core.models.errors import MESSAGE_TEMPLATES

            self._compiled = [
                (template, re.compile("".join(
                    "(.+?)" if re.fullmatch(r"%\d", part) else re.escape(part)
                    for part in re.split(r"(%\d)", template))))
                for template in MESSAGE_TEMPLATES]
        return self._compiled

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None, not "": PySide turns "" into a non-null string, which would end Qt's search
        # through the other translators.
        if context != self.CONTEXT or "%" in source:
            return None
        for template, pattern in self._patterns:
            found = pattern.fullmatch(source)
            if found is None:
                continue
            text = self._catalogue.translate(context, template)
            if not text:
                return None
            for number, value in enumerate(found.groups(), start=1):
                text = text.replace(f"%{number}", value)
            return text
        return None

    def isEmpty(self) -> bool:
        return False


def apply(code: str) -> None:
    """Install the translations of ``code`` on the application (replacing the previous ones)
    and make it the default locale for numbers and dates. Widgets made afterwards use it."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("no application yet")
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    if code != ENGLISH:
        for name, directory in (
            ("order_desk", str(resource_path("translations"))),
            ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ):
            translator = QTranslator(app)
            if translator.load(f"{name}_{code}", directory):
                QCoreApplication.installTranslator(translator)
                _installed.append(translator)
                if name == "order_desk":
                    templates = TemplateTranslator(translator, app)
                    QCoreApplication.installTranslator(templates)
                    _installed.append(templates)
            elif name == "order_desk":
                log.warning("no %s_%s.qm in %s: the window stays in English", name, code,
                            directory)
    locale = QLocale.system() if code == ENGLISH else QLocale(code)
    if code == ENGLISH and locale.language() == QLocale.Language.Chinese:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    QLocale.setDefault(locale)
    _current = code
