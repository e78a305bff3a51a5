"""Turning a spreadsheet export's bytes into text: BOM first, then UTF-8, then a detector.

Exports arrive as UTF-8 (with or without BOM), Excel's "Unicode text" (UTF-16 LE with BOM), or in
the local ANSI code page of whoever saved them (GBK/GB18030, Big5, Shift-JIS, Windows-1252).
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass

from app.core.importing.errors import ImportFileError

log = logging.getLogger(__name__)

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The encodings spreadsheet exports really use, in the order to prefer when the detector scores
# several equally (short CJK samples often decode cleanly in more than one code page).
CANDIDATE_ENCODINGS: tuple[str, ...] = ("utf_8", "gb18030", "big5", "shift_jis", "cp1252")

# Detecting on a prefix keeps 100,000-row files fast; the whole file is still decoded strictly.
_SAMPLE_BYTES = 256 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # the codec name used, e.g. "utf-8", "utf-16-le", "gb18030"
    had_bom: bool


def decode(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode `data` with the operator's `encoding`, or detect it.

    Raises ImportFileError naming the problem (binary workbook, unknown codec, undecodable bytes).
    """
    if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        raise ImportFileError(
            "This is an Excel workbook, not a text file. In Excel use Save As and choose "
            "'CSV UTF-8' or 'Unicode Text', then import that file."
        )
    bom_encoding, bom = _sniff_bom(data)
    if encoding:
        codec = _codec_name(encoding)
        # An explicit UTF override still drops a matching BOM so it never lands in the first header.
        body = data[len(bom):] if bom and codec == _codec_name(bom_encoding or "") else data
        return DecodedText(_strict_decode(body, codec), codec, body is not data)
    if bom_encoding:
        return DecodedText(_strict_decode(data[len(bom):], bom_encoding), bom_encoding, True)
    if b"\x00" in data[:_SAMPLE_BYTES]:
        raise ImportFileError(
            "The file contains binary data (NUL bytes) and no byte-order mark; it is not a "
            "spreadsheet text export. If it is UTF-16 text, choose the encoding explicitly."
        )
    try:
        return DecodedText(_decoded(data, "utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    detected = detect(data[:_SAMPLE_BYTES])
    return DecodedText(_strict_decode(data, detected), detected, False)


def detect(sample: bytes) -> str:
    """The most plausible candidate encoding for a (non-UTF-8) sample."""
    # Cut at a line end so a multi-byte character split by the sample does not skew the score.
    cut = sample.rfind(b"\n")
    if 0 < cut < len(sample) - 1:
        sample = sample[: cut + 1]
    from charset_normalizer import from_bytes  # only a file that is not UTF-8 needs it

    matches = from_bytes(sample, cp_isolation=list(CANDIDATE_ENCODINGS))
    if not matches:
        raise ImportFileError(
            "Could not tell the file's text encoding; it does not decode as UTF-8, GB18030, "
            "Big5, Shift-JIS or Windows-1252. Choose the encoding explicitly."
        )
    best = min(
        matches,
        key=lambda m: (round(m.chaos, 3), -m.coherence, _preference(m.encoding)),
    )
    log.debug("detected encoding %s among %s", best.encoding, [m.encoding for m in matches])
    return _codec_name(best.encoding)


def _preference(name: str) -> int:
    normalised = codecs.lookup(name).name
    for index, candidate in enumerate(CANDIDATE_ENCODINGS):
        if codecs.lookup(candidate).name == normalised:
            return index
    return len(CANDIDATE_ENCODINGS)


def _sniff_bom(data: bytes) -> tuple[str | None, bytes]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, bom
    return None, b""


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ImportFileError(f"Unknown text encoding {encoding!r}.") from None


# Bytes decoded per call: one call holds the GIL, and the window loads files on a worker thread.
_DECODE_CHUNK = 1 << 20


def _decoded(data: bytes, codec: str) -> str:
    """`data.decode(codec)`, a megabyte at a time so a thread never holds the GIL long."""
    if len(data) <= _DECODE_CHUNK:
        return data.decode(codec)
    decoder = codecs.getincrementaldecoder(codec)("strict")
    try:
        parts = [decoder.decode(data[start : start + _DECODE_CHUNK])
                 for start in range(0, len(data), _DECODE_CHUNK)]
        parts.append(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        return data.decode(codec)  # raises again, with the position in the whole file
    return "".join(parts)


def _strict_decode(data: bytes, codec: str) -> str:
    try:
        return _decoded(data, codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFileError(
            f"The file is not valid {codec} text: undecodable bytes on line {line} "
            f"(byte {exc.start}). Choose another encoding."
        ) from None
