"""BigKinds workbooks in the byte forms found in the field, written by hand (zip + sheet XML).

- ``poi``: as the site exports them with Apache POI (SXSSF): ``<dimension ref="A1"/>``
  whatever the content, every cell an inline string (``t="inlineStr"``), a
  stylesheet without a default (named) cell style, or no stylesheet at all.
- ``openpyxl``: as openpyxl writes a workbook (shared strings, true dimension).
- ``excel``: the export opened and re-saved in Excel: shared strings, and cells
  that look like numbers (뉴스 식별자 ``01100101.20150102…``, 일자 ``20150102``)
  stored as numbers (``<v>`` without ``t``, or ``t="n"``): leading zeros are gone and
  long ids keep only 15 significant digits.

Every BigKinds test builds its inputs here, so the reader is tested on the form
it meets in practice rather than on what a library happens to write.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

from trendscope.corpus.sources.bigkinds import COLUMNS

Form = Literal["poi", "openpyxl", "excel"]
FORMS: tuple[Form, ...] = ("poi", "openpyxl", "excel")
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{extra}</Types>"
)
_STYLES_TYPE = '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
_SST_TYPE = '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{PKG_REL_NS}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
    '<workbookPr date1904="false"/><bookViews><workbookView activeTab="0"/></bookViews>'
    '<sheets><sheet name="sheet" r:id="rId3" sheetId="1"/></sheets></workbook>'
)
# POI's default stylesheet: one font, the two mandatory fills, one border, one cell format — and no
# <cellStyleXfs>/<cellStyles>, which is what makes openpyxl warn "Workbook contains no default style".
_POI_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="{MAIN_NS}"><numFmts count="0"/>'
    '<fonts count="1"><font><sz val="11.0"/><color indexed="8"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="darkGray"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>'
)
_EXCEL_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="{MAIN_NS}">'
    '<fonts count="1"><font><sz val="11"/><name val="맑은 고딕"/><family val="3"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="표준" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def _workbook_rels(styles: bool, shared: bool) -> str:
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{PKG_REL_NS}">']
    if shared:
        parts.append('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
    if styles:
        parts.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>')
    parts.append('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>')
    return "".join(parts) + "</Relationships>"


def _t(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f"<t{space}>{escape(text)}</t>"


def excel_number(text: str) -> str | None:
    """What Excel stores for a cell typed as `text`, if it takes it for a number: 15 significant digits, no leading zero."""
    try:
        value = float(text)
    except ValueError:
        return None
    if not text.strip() or text.strip().lower() in ("nan", "inf", "-inf", "infinity"):
        return None
    stored = f"{value:.15g}"
    return stored


def poi_sheet_xml(rows: list[list[str]]) -> str:
    """The worksheet part as POI writes it: dimension A1, inline strings, explicit row and cell references."""
    out = [f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN_NS}"><dimension ref="A1"/>'
           '<sheetViews><sheetView workbookViewId="0" tabSelected="true"/></sheetViews><sheetFormatPr defaultRowHeight="15.0"/><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(row, start=1):
            out.append(f'<c r="{get_column_letter(c)}{r}" t="inlineStr"><is>{_t(value)}</is></c>')
        out.append("</row>")
    out.append('</sheetData><pageMargins bottom="0.75" footer="0.3" header="0.3" left="0.7" right="0.7" top="0.75"/></worksheet>')
    return "".join(out)


def excel_parts(rows: list[list[str]], numeric_columns: tuple[str, ...]) -> tuple[str, str]:
    """Sheet and shared-strings parts as Excel re-saves them; the named columns' number-like cells become numbers."""
    header = rows[0] if rows else []
    numeric = {i for i, name in enumerate(header) if name in numeric_columns}
    strings: dict[str, int] = {}
    width = max((len(r) for r in rows), default=1)
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}">'
           f'<dimension ref="A1:{get_column_letter(width)}{max(len(rows), 1)}"/><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}" spans="1:{width}">')
        for c, value in enumerate(row):
            ref = f"{get_column_letter(c + 1)}{r}"
            if value == "":
                continue  # Excel drops empty cells
            number = excel_number(value) if r > 1 and c in numeric else None
            if number is not None:
                # Excel writes most numbers without t=; some tools write t="n" — both forms appear
                kind = ' t="n"' if r % 2 else ""
                out.append(f'<c r="{ref}"{kind}><v>{number}</v></c>')
            else:
                index = strings.setdefault(value, len(strings))
                out.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    total = sum(1 for row in rows[1:] for v in row if v) + len(header)
    sst = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}" count="{total}" uniqueCount="{len(strings)}">']
    sst += [f"<si>{_t(s)}</si>" for s in strings]
    sst.append("</sst>")
    return "".join(out), "".join(sst)


def bigkinds_workbook_bytes(
    rows: list[list[str]], *, form: Form = "poi", header: list[str] | None = None, styles: bool = True,
    numeric_columns: tuple[str, ...] = ("뉴스 식별자", "일자"),
) -> bytes:
    """A BigKinds export workbook (header + `rows`) in one of the field forms, as bytes."""
    table = [list(header or COLUMNS)] + [list(r) for r in rows]
    if form == "openpyxl":
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "sheet"
        for row in table:
            sheet.append(row)
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.number_format = "@"
                cell.data_type = "s"
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if form == "poi":
            sheet_xml, shared, style_xml = poi_sheet_xml(table), None, _POI_STYLES if styles else None
        elif form == "excel":
            sheet_xml, shared = excel_parts(table, numeric_columns)
            style_xml = _EXCEL_STYLES if styles else None
        else:
            raise ValueError(f"unknown form {form!r}")
        extra = (_STYLES_TYPE if style_xml else "") + (_SST_TYPE if shared else "")
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(extra=extra))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(style_xml is not None, shared is not None))
        if style_xml:
            archive.writestr("xl/styles.xml", style_xml)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def write_bigkinds_workbook(path: Path, rows: list[list[str]], *, form: Form = "poi", **options) -> Path:
    """`bigkinds_workbook_bytes` written to `path` (folders created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bigkinds_workbook_bytes(rows, form=form, **options))
    return path
