"""Bring the translation catalogue up to date: `uv run python packaging/translations.py`.

It holds every tr() string of the interface (found by pyside6-lupdate) and the texts the models
supply at run time, which no source scan can see: field labels (context `FieldLabels`) and the
fixed validation messages (context `FieldMessages`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET  # reads our own catalogue only
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "resources" / "translations" / "order_desk.ts"

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
    from app.core.models.errors import FIXED_MESSAGES

    return sorted(FIXED_MESSAGES)


def _lupdate() -> str:
    return shutil.which("pyside6-lupdate") or str(
        Path(sys.executable).with_name("pyside6-lupdate"))


def update(catalogue: Path = CATALOGUE) -> None:
    sources = sorted(str(path.relative_to(ROOT)) for pattern in SOURCES
                     for path in ROOT.glob(pattern))
    # -no-obsolete also drops the run-time contexts below; they are written anew each time.
    subprocess.run([_lupdate(), *sources, "-ts", str(catalogue), "-no-obsolete", "-silent"],
                   cwd=ROOT, check=True)
    extra = "".join(_context(name, texts) for name, texts in
                    (("FieldLabels", field_labels()), ("FieldMessages", field_messages())))
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


if __name__ == "__main__":
    update()
    print(f"{CATALOGUE.relative_to(ROOT)}: {len(entries(CATALOGUE))} messages")
