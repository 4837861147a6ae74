"""What every CSV import and export shares: safe cells and the uploaded file read as text.

Spreadsheets run a cell that starts with one of FORMULA_STARTS as a formula: exports prefix such a
cell with an apostrophe (shown as text, not run), and imports take that apostrophe off again.
"""

from __future__ import annotations

import datetime as dt

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A value as an exported cell: "" for None, ISO for a date, a formula made harmless."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_uncell(value: str | None) -> str:
    """An imported cell, stripped, with the apostrophe of an exported formula-like cell taken off."""
    text = (value or "").strip()
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def csv_text(content: bytes | str, *, max_bytes: int, error: type[Exception]) -> str:
    """An uploaded CSV as text: refused (raising `error` with the reason) when over `max_bytes` or
    not UTF-8; Excel's byte-order mark is dropped."""
    size = len(content.encode("utf-8", errors="replace")) if isinstance(content, str) else len(content)
    if size > max_bytes:
        raise error(f"The file is {size / 1024 / 1024:.1f} MB; the limit is {max_bytes // 1024 // 1024} MB.")
    if isinstance(content, str):
        return content.removeprefix("\ufeff")
    try:
        return content.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError:
        raise error(
            "The file is not UTF-8 text. In Excel choose “Save as… CSV UTF-8 (comma delimited)” and try again."
        ) from None
