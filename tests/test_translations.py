"""The translation catalogue holds every interface text a translator needs: what
pyside6-lupdate finds in the sources and what the models supply at run time."""

from __future__ import annotations

import ast
import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():  # packaging/ is not a package: load the script as a module
    spec = importlib.util.spec_from_file_location("translations",
                                                  ROOT / "packaging" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_catalogue_is_up_to_date(tmp_path: Path) -> None:
    tool = _tool()
    fresh = tmp_path / "order_desk.ts"
    shutil.copy(tool.CATALOGUE, fresh)
    tool.update(fresh)
    committed, wanted = tool.entries(tool.CATALOGUE), tool.entries(fresh)
    assert not wanted - committed, (
        f"missing from the catalogue (run `uv run python packaging/translations.py`): "
        f"{sorted(wanted - committed)[:10]}")
    assert not committed - wanted, f"no longer used: {sorted(committed - wanted)[:10]}"


def test_the_catalogue_covers_texts_only_known_at_run_time() -> None:
    tool = _tool()
    entries = tool.entries(tool.CATALOGUE)
    assert ("FieldLabels", "Recipient") in entries  # a model's field label
    assert ("FieldMessages", "required") in entries  # a fixed validation message
    assert ("NomadOrderForm", "Customer address") in entries  # a title set before the widget
    assert ("CrashReport", "Order Desk closed unexpectedly") in entries  # shown outside a widget


def test_every_language_translates_every_text_with_the_same_placeholders() -> None:
    tool = _tool()
    assert tool.LOCALES
    for locale in tool.LOCALES:
        wrong = tool.problems(tool.locale_catalogue(locale))
        assert wrong == [], (
            f"{locale}: {len(wrong)} problem(s); run `uv run python packaging/translations.py` "
            f"and translate in {tool.locale_catalogue(locale).name}: {wrong[:10]}")


def test_the_committed_compiled_catalogues_match_their_sources(tmp_path: Path) -> None:
    tool = _tool()
    for locale in tool.LOCALES:
        fresh = tmp_path / f"{locale}.qm"
        tool.compile_catalogue(tool.locale_catalogue(locale), fresh)
        assert tool.compiled(locale).read_bytes() == fresh.read_bytes(), (
            f"{tool.compiled(locale).name} is stale: run `uv run python packaging/translations.py`")


def _catalogue(path: Path, context: str, messages: list[tuple[str, str | None]]) -> Path:
    body = "".join(
        f"<message><source>{source}</source>"
        + ('<translation type="unfinished"></translation>' if text is None
           else f"<translation>{text}</translation>") + "</message>"
        for source, text in messages)
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?><TS version="2.1"><context>'
                    f"<name>{context}</name>{body}</context></TS>", encoding="utf-8")
    return path


def test_a_missing_a_stale_or_a_misplaced_translation_is_reported(tmp_path: Path) -> None:
    tool = _tool()
    source = _catalogue(tmp_path / "source.ts", "Ctx", [
        ("Send", None), ("Sent to: %1", None), ("Import {0} orders", None), ("New", None)])
    translated = _catalogue(tmp_path / "zh.ts", "Ctx", [
        ("Send", "发送"), ("Sent to: %1", "发往"), ("Import {0} orders", "导入 {1} 订单"),
        ("Old text", "旧")])
    wrong = tool.problems(translated, source)
    assert any("not translated" in line and "'New'" in line for line in wrong)
    assert any("stale" in line and "Old text" in line for line in wrong)
    assert any("placeholders" in line and "Sent to" in line for line in wrong)
    assert any("placeholders" in line and "Import {0}" in line for line in wrong)
    assert not any("'Send'" in line for line in wrong)
    # Bringing it in line keeps what still matches and asks for the rest.
    assert tool.sync("zh_CN", source, translated) == [("Ctx", "New")]
    assert ("Ctx", "Old text") not in tool.translations(translated)
    assert tool.translations(translated)[("Ctx", "Send")].forms == ("发送",)


def test_validation_messages_with_values_are_translated_by_their_template() -> None:
    from PySide6.QtCore import QCoreApplication

    from app.gui import language
    from app.gui.app import ensure_application

    ensure_application()
    language.apply("zh_CN")
    try:
        assert QCoreApplication.translate("FieldMessages", "at most 32 characters (got 40)") == (
            "最多 32 个字符（当前 40 个）")
        assert QCoreApplication.translate("FieldMessages", "required") == "必填"
        assert QCoreApplication.translate("MainWindow", "Submit") == "提交"
    finally:
        language.apply(language.ENGLISH)
    assert QCoreApplication.translate("MainWindow", "Submit") == "Submit"


def test_the_command_line_keeps_english_whatever_the_window_language() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "ORDER_DESK_LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"}
    done = subprocess.run([sys.executable, "-m", "app", "--help"], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=60, check=True)
    assert "Order entry for the KA and Nomad APIs." in done.stdout
    assert not any("\u4e00" <= char <= "\u9fff" for char in done.stdout)


def test_no_text_is_translated_inside_an_f_string() -> None:
    # lupdate does not read f-strings: a tr() inside one never reaches the catalogue, and the
    # window shows it in English whatever the language.
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            found += [f"{path.name}:{call.lineno}: {ast.unparse(call)}"
                      for call in ast.walk(node) if isinstance(call, ast.Call)
                      and getattr(call.func, "attr", getattr(call.func, "id", "")) in (
                          "tr", "translate")]
    assert found == []
