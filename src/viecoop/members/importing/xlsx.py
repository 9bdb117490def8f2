"""A streaming reader of the first sheet of an XLSX workbook: cell values, row by row.

openpyxl (even read-only) builds a cell object per cell and goes through its generic
machinery: 450,000 cells of a 30,000-member register took about 5 s to read. A register
needs only the cached values of one sheet, so this module reads the sheet's XML with the
standard library's ``iterparse`` (C accelerated), one ``<row>`` at a time, and keeps
openpyxl's rules where it matters so both readers give the same values:

- numbers: ``int`` unless the text has a ``.`` or an exponent (then ``float``);
- a number whose cell style has a date format is a ``datetime`` (openpyxl's
  ``is_date_format`` and ``from_excel``, 1900 or 1904 calendar as the workbook says);
- shared strings are the text of their runs (phonetic guides left out), inline strings
  and formula results (``t="str"``) are text, booleans are ``bool``, errors their code;
- formulas give their cached value (what Excel last computed), like ``data_only=True``.

Rows come with their own number from the file (``<row r="…">``), so the report's line
numbers are the ones Excel shows. Any broken part raises ``FileError``.

Untrusted files: the standard library's parser does not fetch external entities, and
Expat ≥ 2.4.1 (Python 3.11 ships 2.5+) refuses entity expansion bombs; a zip bomb is
refused from the sizes the archive declares before anything is decompressed.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from django.utils.translation import gettext_lazy as _
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import (
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
    from_excel,
    from_ISO8601,
)

from .parsing import FileError

_DAMAGED = _("This Excel file cannot be read: is it damaged?")
# Uncompressed size limits of the parts read: a 30,000-member sheet is about 20 MB.
MAX_SHEET_BYTES = 400 * 1024 * 1024
MAX_PART_BYTES = 100 * 1024 * 1024


def _local(tag: str) -> str:
    """``{namespace}name`` → ``name``: transitional and strict OOXML use different namespaces."""
    return tag.rpartition("}")[2]


def _attribute(element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace prefix (``r:id`` and friends)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _column_index(reference: str) -> int:
    """``"C12"`` → 2 (0-based column)."""
    index = 0
    for char in reference:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            index = index * 26 + ord(char) - 96
        else:
            break
    return index - 1


def _resolve(base: str, target: str) -> str:
    """A relationship target relative to the ``xl/`` folder (or absolute from the root)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base, target))


class _Workbook:
    """The parts of the package the first sheet needs: its path, strings, date styles."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise FileError(_DAMAGED)
        for info in archive.infolist():
            limit = (
                MAX_SHEET_BYTES if info.filename.startswith("xl/worksheets/") else MAX_PART_BYTES
            )
            if info.file_size > limit:
                raise FileError(_("This Excel file is too large once unpacked to be a register."))
        relations: dict[str, tuple[str, str]] = {}
        if "xl/_rels/workbook.xml.rels" in names:
            for _event, element in self._parse("xl/_rels/workbook.xml.rels"):
                if _local(element.tag) == "Relationship":
                    relations[element.get("Id", "")] = (
                        element.get("Type", "").rpartition("/")[2],
                        _resolve("xl", element.get("Target", "")),
                    )
        sheet_id, self.epoch = None, CALENDAR_WINDOWS_1900
        for _event, element in self._parse("xl/workbook.xml"):
            tag = _local(element.tag)
            if tag == "workbookPr" and element.get("date1904", "0").lower() in ("1", "true"):
                self.epoch = CALENDAR_MAC_1904
            elif tag == "sheet" and sheet_id is None:
                sheet_id = _attribute(element, "id")
        if sheet_id is None:
            raise FileError(_("This Excel file has no sheet."))
        kind_path = relations.get(sheet_id)
        self.sheet = kind_path[1] if kind_path else "xl/worksheets/sheet1.xml"
        if self.sheet not in names:
            raise FileError(_DAMAGED)
        parts = dict(relations.values())
        self.strings = self._strings(parts.get("sharedStrings", "xl/sharedStrings.xml"), names)
        self.date_styles = self._date_styles(parts.get("styles", "xl/styles.xml"), names)

    def _parse(self, name: str):
        with self.archive.open(name) as stream:
            yield from iterparse(stream, events=("end",))  # noqa: S314 — see the module's docstring

    def _strings(self, name: str, names: set[str]) -> list[str]:
        strings: list[str] = []
        if name not in names:
            return strings
        for _event, element in self._parse(name):
            if _local(element.tag) != "si":
                continue
            parts = []
            for child in element:
                tag = _local(child.tag)
                if tag == "t":
                    parts.append(child.text or "")
                elif tag == "r":  # a rich text run; its text is in its own <t>
                    parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
            strings.append("".join(parts))
            element.clear()
        return strings

    def _date_styles(self, name: str, names: set[str]) -> set[int]:
        """Indexes of the cell styles whose number format shows a date."""
        if name not in names:
            return set()
        custom: dict[int, str] = {}
        formats: list[int] = []
        in_cell_xfs = False
        with self.archive.open(name) as stream:
            for event, element in iterparse(stream, events=("start", "end")):  # noqa: S314
                tag = _local(element.tag)
                if tag == "cellXfs":
                    in_cell_xfs = event == "start"
                elif event == "end" and tag == "numFmt":
                    custom[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
                elif event == "end" and tag == "xf" and in_cell_xfs:
                    formats.append(int(element.get("numFmtId", "0")))
        dates = set()
        for index, number_format in enumerate(formats):
            code = custom.get(number_format, BUILTIN_FORMATS.get(number_format, ""))
            if code and is_date_format(code):
                dates.add(index)
        return dates


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def iter_rows(stream) -> Iterator[tuple[int, list[Any]]]:
    """(line number, cell values) of every row of the first sheet, values as openpyxl gives them."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileError(_DAMAGED) from error
    with archive:
        try:
            book = _Workbook(archive)
            yield from _rows(book)
        except FileError:
            raise
        except (ParseError, KeyError, ValueError, OverflowError, zipfile.BadZipFile) as error:
            raise FileError(_DAMAGED) from error


def _rows(book: _Workbook) -> Iterator[tuple[int, list[Any]]]:
    strings, date_styles, epoch = book.strings, book.date_styles, book.epoch
    line = 0
    row_tag = None  # "{namespace}row", known at the first row: then tags compare as strings
    with book.archive.open(book.sheet) as stream:
        for _event, element in iterparse(stream):  # noqa: S314 — see the module's docstring
            tag = element.tag
            if tag != row_tag:
                if row_tag is not None or _local(tag) != "row":
                    continue
                row_tag = tag
                namespace = tag[:-3]
                c_tag, v_tag, is_tag, t_tag = (namespace + name for name in ("c", "v", "is", "t"))
            number = element.get("r")
            line = int(number) if number else line + 1
            cells: list[Any] = []
            for cell in element:
                if cell.tag != c_tag:
                    continue
                reference = cell.get("r")
                index = _column_index(reference) if reference else len(cells)
                kind = cell.get("t", "n")
                value: Any = None
                if kind == "inlineStr":
                    node = cell.find(is_tag)
                    if node is not None:
                        value = "".join(t.text or "" for t in node.iter(t_tag)) or None
                else:
                    text = cell.findtext(v_tag)
                    if text:
                        if kind == "n":
                            value = _number(text)
                            style = cell.get("s")
                            if style and int(style) in date_styles:
                                value = from_excel(value, epoch)
                        elif kind == "s":
                            value = strings[int(text)] or None
                        elif kind == "b":
                            value = bool(int(text))
                        elif kind == "d":
                            value = from_ISO8601(text)
                        else:  # "str" (a formula's text), "e" (an error code)
                            value = text
                if index >= len(cells):
                    cells.extend([None] * (index - len(cells) + 1))
                cells[index] = value
            element.clear()  # keep memory flat whatever the size of the sheet
            yield line, cells
