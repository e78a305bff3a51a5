"""Bring the translation catalogues up to date: `uv run python packaging/translations.py`.

It holds every tr() string of the interface (found by pyside6-lupdate) and the texts the core
supplies at run time, which no source scan can see: field labels (context `FieldLabels`), the
fixed validation messages (context `FieldMessages`) and the phrases of outcome messages
(context `Outcomes`, `app.core.phrases`).

Each language's catalogue (`order_desk_<locale>.ts`, LOCALES) is then brought in line with the
source catalogue: the same messages in the same order, translations kept where the context and
source text still match, new texts marked unfinished (empty), texts no longer used dropped. Then
it is compiled with pyside6-lrelease into `order_desk_<locale>.qm`, which is committed beside it
(the window run from source and the bundle load it; a test checks it matches its `.ts`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET  # reads our own catalogue only
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
CATALOGUE = TRANSLATIONS / "order_desk.ts"
# The languages the window ships besides English (the source texts).
LOCALES = ("zh_CN",)

# The interface's own strings: the window and the crash report shown at the next start.
SOURCES = ("app/gui/*.py", "app/crash.py")


def field_labels() -> list[str]:
    """Every label a form shows for a model field, as `field_editor` asks for it."""
    from app.core.models import field_specs
    from app.core.targets import registered_targets

    labels = {spec.label or spec.path.rsplit(".", 1)[-1]
              for target in registered_targets() for spec in field_specs(target)}
    return sorted(labels)


def field_messages() -> list[str]:
    from app.core.models.errors import FIXED_MESSAGES, MESSAGE_TEMPLATES

    return sorted({*FIXED_MESSAGES, *MESSAGE_TEMPLATES})


def outcome_phrases() -> list[str]:
    from app.core.phrases import PHRASES

    return sorted(PHRASES)


def _tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).with_name(name))


def _lupdate() -> str:
    return _tool("pyside6-lupdate")


def update(catalogue: Path = CATALOGUE) -> None:
    sources = sorted(str(path.relative_to(ROOT)) for pattern in SOURCES
                     for path in ROOT.glob(pattern))
    # -no-obsolete also drops the run-time contexts below; they are written anew each time.
    subprocess.run([_lupdate(), *sources, "-ts", str(catalogue), "-no-obsolete", "-silent"],
                   cwd=ROOT, check=True)
    extra = "".join(_context(name, texts) for name, texts in
                    (("FieldLabels", field_labels()), ("FieldMessages", field_messages()),
                     ("Outcomes", outcome_phrases())))
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("</TS>", extra + "</TS>", 1), encoding="utf-8")


def _context(name: str, texts: list[str]) -> str:
    """A context written the way lupdate writes its own."""
    messages = "".join(
        "    <message>\n"
        f"        <source>{escape(text)}</source>\n"
        '        <translation type="unfinished"></translation>\n'
        "    </message>\n"
        for text in texts
    )
    return f"<context>\n    <name>{name}</name>\n{messages}</context>\n"


def entries(catalogue: Path) -> set[tuple[str, str]]:
    """(context, source text) of every message in a catalogue."""
    root = ET.parse(catalogue).getroot()
    return {(context.findtext("name") or "", message.findtext("source") or "")
            for context in root.findall("context") for message in context.findall("message")}


# -- languages -------------------------------------------------------------------------------------
Key = tuple[str, str]  # (context, source text)
PLACEHOLDER = re.compile(r"%(?:\d+|n)|\{\d*\}")


def locale_catalogue(locale: str) -> Path:
    return TRANSLATIONS / f"order_desk_{locale}.ts"


def compiled(locale: str) -> Path:
    return TRANSLATIONS / f"order_desk_{locale}.qm"


def placeholders(text: str) -> list[str]:
    """The run-time placeholders of a text (%1, %n, {0}), sorted: a translation may reorder them."""
    return sorted(PLACEHOLDER.findall(text))


class Translation(NamedTuple):
    forms: tuple[str, ...]  # one form, or the numerus forms of a %n text
    finished: bool

    @property
    def text(self) -> str:
        return self.forms[0] if self.forms else ""


def translations(catalogue: Path) -> dict[Key, Translation]:
    """(context, source) -> its translation, for every message of a language's catalogue."""
    found: dict[Key, Translation] = {}
    for context in ET.parse(catalogue).getroot().findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            element = message.find("translation")
            forms: tuple[str, ...] = ()
            finished = False
            if element is not None:
                numerus = element.findall("numerusform")
                forms = tuple(form.text or "" for form in numerus) if numerus else (
                    element.text or "",)
                finished = element.get("type") is None and any(forms)
            found[(name, message.findtext("source") or "")] = Translation(forms, finished)
    return found


def sync(locale: str, source: Path = CATALOGUE, target: Path | None = None) -> list[Key]:
    """Rewrite a language's catalogue from the source catalogue, keeping the translations whose
    context and text still match. Returns what is left to translate."""
    target = target or locale_catalogue(locale)
    known = translations(target) if target.is_file() else {}
    root = ET.parse(source).getroot()
    missing: list[Key] = []
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n',
           f'<TS version="2.1" language="{locale}" sourcelanguage="en">\n']
    for context in root.findall("context"):
        name = context.findtext("name") or ""
        out.append(f"<context>\n    <name>{escape(name)}</name>\n")
        for message in context.findall("message"):
            text = message.findtext("source") or ""
            numerus = message.get("numerus") == "yes"
            done = known.get((name, text))
            if done is None or not done.finished:
                missing.append((name, text))
            out.append('    <message numerus="yes">\n' if numerus else "    <message>\n")
            for location in message.findall("location"):
                attributes = "".join(f' {key}="{escape(value, {chr(34): "&quot;"})}"'
                                     for key, value in location.attrib.items())
                out.append(f"        <location{attributes}/>\n")
            out.append(f"        <source>{escape(text)}</source>\n")
            comment = message.findtext("comment")
            if comment:
                out.append(f"        <comment>{escape(comment)}</comment>\n")
            state = "" if done is not None and done.finished else ' type="unfinished"'
            forms = done.forms if done is not None else ("",)
            if numerus:
                inner = "".join(f"\n            <numerusform>{escape(form)}</numerusform>"
                                for form in forms)
                out.append(f"        <translation{state}>{inner}\n        </translation>\n")
            else:
                out.append(f"        <translation{state}>{escape(forms[0] if forms else '')}"
                           "</translation>\n")
            out.append("    </message>\n")
        out.append("</context>\n")
    out.append("</TS>\n")
    target.write_text("".join(out), encoding="utf-8")
    return missing


def problems(catalogue: Path, source: Path = CATALOGUE) -> list[str]:
    """What is wrong with a language's catalogue against the source catalogue: a text with no
    translation, a translation of a text no longer used (stale), placeholders that differ."""
    wanted = entries(source)
    found = translations(catalogue)
    numerus = {(context.findtext("name") or "", message.findtext("source") or "")
               for context in ET.parse(source).getroot().findall("context")
               for message in context.findall("message") if message.get("numerus") == "yes"}
    wrong = [f"not translated: {key}" for key in sorted(wanted)
             if key not in found or not found[key].finished]
    wrong += [f"stale (no longer in the source catalogue): {key}"
              for key in sorted(set(found) - wanted)]
    for key, translation in sorted(found.items()):
        if key not in wanted or not translation.finished:
            continue
        expected = placeholders(key[1])
        if key in numerus and "%n" not in expected:
            expected = sorted([*expected, "%n"])
        for form in translation.forms:
            got = placeholders(form)
            # a plural form may leave out %n ("one order"), never a value placeholder
            if got != expected and not (key in numerus and got == [p for p in expected
                                                                   if p != "%n"]):
                wrong.append(f"placeholders {got} instead of {expected}: {key} -> {form!r}")
    return wrong


def compile_catalogue(catalogue: Path, qm: Path) -> None:
    """`.ts` -> `.qm` with the project's own pyside6-lrelease."""
    subprocess.run([_tool("pyside6-lrelease"), str(catalogue), "-qm", str(qm), "-silent"],
                   cwd=ROOT, check=True)


def main() -> int:
    update()
    print(f"{CATALOGUE.relative_to(ROOT)}: {len(entries(CATALOGUE))} messages")
    for locale in LOCALES:
        missing = sync(locale)
        compile_catalogue(locale_catalogue(locale), compiled(locale))
        print(f"{locale_catalogue(locale).relative_to(ROOT)}: {len(missing)} to translate")
        for context, text in missing:
            print(f"  {context}: {text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
