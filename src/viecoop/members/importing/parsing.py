"""Reading a register file as coops have them: CSV (``;`` or ``,``, UTF-8 or Windows-1252,
with or without BOM) or XLSX (first sheet, streamed: see ``xlsx.py``). The first non-empty row holds the headers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

MAX_FILE_SIZE = 20 * 1024 * 1024  # bytes
MAX_COLUMNS = 200


class FileError(Exception):
    """A file that cannot be read, with a message for people."""


@dataclass
class Table:
    headers: list[str]
    header_line: int
    # (line number in the file, cells) for every non-empty row after the headers.
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def detect_format(name: str, head: bytes) -> str:
    """``csv`` or ``xlsx`` from the file's name and first bytes, else ``FileError``."""
    lower = name.lower()
    if lower.endswith(".xls") or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileError(
            _(
                "This is an old Excel file (.xls). Open it in Excel or LibreOffice and save it "
                "as .xlsx or .csv, then upload it again."
            )
        )
    if lower.endswith((".xlsx", ".xlsm")) or head.startswith(b"PK\x03\x04"):
        if not head.startswith(b"PK\x03\x04"):
            raise FileError(_("This file is not a valid Excel (.xlsx) file."))
        return "xlsx"
    if lower.endswith((".csv", ".txt", ".tsv")):
        return "csv"
    raise FileError(_("Upload a CSV file (.csv) or an Excel file (.xlsx)."))


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252 — what French Excel writes."""
    if b"\x00" in data[:4096]:
        raise FileError(_("This file is not a text (CSV) file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best]:
        return best
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=";,\t").delimiter
    except csv.Error:
        return ";"


def _is_empty(cells: list[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _table(lines: Iterator[tuple[int, list[Any]]], *, headers_only: bool = False) -> Table:
    """Headers and rows; with ``headers_only``, stop at the first row (which must exist)."""
    table = None
    for line, cells in lines:
        if _is_empty(cells):
            continue
        if table is None:
            headers = [("" if c is None else str(c)).strip() for c in cells]
            while headers and not headers[-1]:
                headers.pop()
            if len(headers) > MAX_COLUMNS:
                raise FileError(_("This file has too many columns to be a register."))
            table = Table(headers=headers, header_line=line)
            continue
        table.rows.append((line, list(cells)))
        if headers_only:
            break
    if table is None or not any(table.headers):
        raise FileError(_("This file is empty: the first row must hold the column titles."))
    if headers_only and not table.rows:
        raise FileError(_("This file has column titles but no rows of members."))
    return table


def _csv_lines(text: str) -> Iterator[tuple[int, list[Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileError(
            _("Line %(line)s of this CSV file cannot be read (%(error)s).")
            % {"line": start, "error": error}
        ) from error


def read_csv(data: bytes, *, headers_only: bool = False) -> Table:
    return _table(_csv_lines(decode(data)), headers_only=headers_only)


def read_xlsx(stream, *, headers_only: bool = False) -> Table:
    """The first sheet, read as a stream (see ``xlsx.py``: several times faster than openpyxl)."""
    from .xlsx import iter_rows

    try:
        return _table(iter_rows(stream), headers_only=headers_only)
    except FileError:
        raise
    except Exception as error:  # any other failure is a file we cannot read
        raise FileError(_("This Excel file cannot be read: is it damaged?")) from error


def read_table(fmt: str, stream, *, headers_only: bool = False) -> Table:
    """The file's headers and rows; ``stream`` is a binary file object."""
    if fmt == "xlsx":
        return read_xlsx(stream, headers_only=headers_only)
    return read_csv(stream.read(), headers_only=headers_only)
