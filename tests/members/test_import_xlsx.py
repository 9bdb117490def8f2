"""The streaming XLSX reader gives what openpyxl gives, faster, and refuses broken files."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from tests.members.samples import SAMPLES
from viecoop.members.importing import xlsx
from viecoop.members.importing.parsing import FileError, read_xlsx


def naive(*args: int) -> datetime.datetime:
    return datetime.datetime(*args)  # noqa: DTZ001 — an Excel cell has no time zone


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def openpyxl_rows(data: bytes) -> list[tuple[int, list]]:
    """The reference: what openpyxl's read-only mode gives for every non-empty row."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()
    rows = []
    for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = list(cells)
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            rows.append((line, cells))
    book.close()
    return rows


def stream_rows(data: bytes) -> list[tuple[int, list]]:
    rows = []
    for line, cells in xlsx.iter_rows(io.BytesIO(data)):
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            rows.append((line, cells))
    return rows


def workbook_bytes(build) -> bytes:
    book = Workbook()
    build(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "path",
    [
        SAMPLES / "registre.xlsx",
        SAMPLES.parent.parent.parent / "src/viecoop/members/samples/registre-exemple.xlsx",
    ],
    ids=["test sample", "demo sample"],
)
def test_same_values_as_openpyxl_on_the_shipped_samples(path):
    data = path.read_bytes()
    assert stream_rows(data) == openpyxl_rows(data)


def test_same_values_as_openpyxl_for_every_kind_of_cell():
    def build(book):
        sheet = book.active
        sheet.title = "Registre"
        sheet.append(["Nom", "Date", "Parts", "Montant", "Admis", "Formule", "Heure"])
        sheet.append(["Lefèvre", naive(1975, 4, 3), 2, 30.5, True, "=C2*2", None])
        sheet["B2"].number_format = "DD/MM/YYYY"
        sheet["G2"] = naive(2024, 3, 12, 14, 30)
        sheet["G2"].number_format = "yyyy-mm-dd hh:mm"
        sheet.append([])  # an empty row in the middle keeps the next line's number
        sheet.append(["Cœurdevey", "12/03/2024", "3", None, False])
        sheet["E10"] = "far away"  # a sparse cell
        sheet.append(["", None, 0])
        book.create_sheet("Autre feuille").append(["ignored"])

    data = workbook_bytes(build)
    rows = stream_rows(data)
    assert rows == openpyxl_rows(data)
    assert rows[0] == (1, ["Nom", "Date", "Parts", "Montant", "Admis", "Formule", "Heure"])
    assert rows[1][1] == [
        "Lefèvre",
        naive(1975, 4, 3),
        2,
        30.5,
        True,
        None,  # a formula without a cached value (openpyxl saves none): nothing, for both
        naive(2024, 3, 12, 14, 30),
    ]
    assert rows[2][0] == 4  # the line number of the file, after the empty row 3
    assert rows[-2][0] == 10


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
        for name, content in replace.items():
            if name not in source.namelist():
                target.writestr(name, content)
    return buffer.getvalue()


def test_shared_strings_rich_text_and_the_1904_calendar():
    """What Excel writes and openpyxl does not: shared rich text, phonetic guides, Mac dates."""
    data = workbook_bytes(lambda book: book.active.append(["x", 1]))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="{main}"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2" s="1"><v>40000</v></c><c r="D2" t="inlineStr"><is><t>en ligne</t></is></c></row>
</sheetData></worksheet>""".encode()
    strings = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="{main}" count="3" uniqueCount="3">
<si><t>Nom</t></si>
<si><r><t>Date d'</t></r><r><rPr><b/></rPr><t>admission</t></r></si>
<si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh></si>
</sst>""".encode()
    styles = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="{main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>""".encode()
    workbook = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<workbookPr date1904="1"/><sheets><sheet name="Registre" sheetId="1" r:id="rId1"/></sheets></workbook>""".encode()
    data = _rezip(
        data,
        {
            "xl/worksheets/sheet1.xml": sheet,
            "xl/sharedStrings.xml": strings,
            "xl/styles.xml": styles,
            "xl/workbook.xml": workbook,
        },
    )
    assert stream_rows(data) == [
        (1, ["Nom", "Date d'admission"]),
        (
            2,
            [
                "山田",
                None,
                naive(1904, 1, 1) + datetime.timedelta(days=40000),
                "en ligne",
            ],
        ),
    ]


def test_broken_workbooks_are_refused_with_a_message():
    with pytest.raises(FileError, match="damaged"):
        read_xlsx(io.BytesIO(b"PK\x03\x04 not really a zip"))
    good = workbook_bytes(lambda book: book.active.append(["Nom"]))
    with pytest.raises(FileError, match="damaged"):
        read_xlsx(io.BytesIO(_rezip(good, {"xl/worksheets/sheet1.xml": b"<worksheet><row"})))
    without_workbook = io.BytesIO()
    with zipfile.ZipFile(without_workbook, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(FileError, match="damaged"):
        read_xlsx(io.BytesIO(without_workbook.getvalue()))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_SHEET_BYTES", 2_000)
    big = workbook_bytes(lambda book: [book.active.append(["x" * 50]) for _ in range(100)])
    with pytest.raises(FileError, match="too large"):
        read_xlsx(io.BytesIO(big))


def test_headers_only_stops_at_the_first_row_of_members():
    data = workbook_bytes(
        lambda book: [book.active.append(row) for row in (["Nom"], ["Martin"], ["Durand"])]
    )
    table = read_xlsx(io.BytesIO(data), headers_only=True)
    assert table.headers == ["Nom"] and table.rows == [(2, ["Martin"])]
