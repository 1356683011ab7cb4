"""The text of a spreadsheet export whatever it was saved as: UTF-8 (with or without a
BOM), UTF-16 (Excel's "Unicode text"), or GB18030/GBK (Excel's CSV on a Chinese
Windows), detected from the bytes, or as the user names it."""

from __future__ import annotations

import codecs
from pathlib import Path

from zqplan.errors import BatchError, InvalidInputError


def decode_sheet(raw: bytes, *, path: Path, encoding: str | None = None) -> str:
    """The text of `raw`: in `encoding` if given, else detected (see the module)."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InvalidInputError(
                f"--encoding {encoding!r} is not an encoding Python knows",
                hint="e.g. utf-8, utf-16, gb18030, gbk",
            ) from None
        return _decode(raw, encoding, path).removeprefix("\ufeff")
    if raw.startswith(codecs.BOM_UTF8):
        return _decode(raw[3:], "utf-8", path)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(raw, "utf-16", path).removeprefix("\ufeff")
    guess = _utf16_without_bom(raw)
    if guess is not None:
        return _decode(raw, guess, path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 contains GBK and GB2312: what Excel writes for "CSV" in a Chinese locale.
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return _decode(raw, "utf-8", path)  # neither: the UTF-8 error, with its line


def _utf16_without_bom(raw: bytes) -> str | None:
    """utf-16-le or -be when most of one half of the start's bytes are NUL (the high
    bytes of ASCII in UTF-16) and almost none of the other half; else None."""
    head = raw[:400]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    half = len(head) // 2
    odd = head[1::2].count(0) / half
    even = head[0::2].count(0) / half
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


def _decode(raw: bytes, encoding: str, path: Path) -> str:
    """raw in that encoding, or an error naming the line of the first bad byte."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BatchError(
            f"not {encoding} text (byte {exc.start + 1})",
            where=f"{path}:{line}",
            hint="save it as UTF-8, or name its encoding with --encoding",
        ) from None
