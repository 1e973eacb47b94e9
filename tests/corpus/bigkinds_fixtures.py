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


# --- Exports whose entity columns are filled the way the site fills them --------------------------------
# 인물/위치/기관/키워드 are comma-joined without spaces; the site's extractor reads the whole article, so a
# row lists names its 200-character excerpt does not hold, and the columns carry generic words
# (위치: 무용수, 콩쿠르; 기관: 현대, 한국, 장르).  본문 is the article's first 200 characters.

EXCERPT_CHARS = 200
BALLET_PEOPLE: tuple[str, ...] = ("김기민", "박세은", "전민철", "김용걸", "강수진", "문훈숙")
BALLET_ORGS: tuple[str, ...] = ("유니버설발레단", "파리오페라발레단", "국립발레단", "마린스키발레단")
OUTLETS: tuple[str, ...] = ("한겨레", "경향신문", "국민일보", "서울신문", "세계일보", "조선일보", "동아일보")
_SENTENCES = (
    "발레리노 {p}이 {o} 무대에서 주역을 맡아 관객의 기립박수를 받았다.",
    "{p}은 {o}의 수석무용수로 활동하며 시니어 무대와 후배 교육에 힘쓰고 있다.",
    "이번 공연에는 {p}과 {q} 등 스타 무용수들이 출연해 화제를 모았다.",
    "{o} 측은 {p}의 귀국 무대를 다음 달 예술의전당에서 연다고 밝혔다.",
    "한국 발레의 위상을 높인 {p}에 대해 평단은 현대 발레의 새로운 장르를 열었다고 평가했다.",
    "{q} 교수는 {p}의 성장에 대해 기본기가 탄탄한 무용수라고 말했다.",
)


def excerpt(text: str, chars: int = EXCERPT_CHARS) -> str:
    """What 본문 holds: the first `chars` characters of the article."""
    return text[:chars]


def entity_row(news_id: str, date: str, title: str, body: str, *, outlet: str, people: list[str], places: list[str],
               orgs: list[str], keywords: list[str], category: str = "문화>공연_전시") -> list[str]:
    """One export row in column order, the entity columns comma-joined as the site writes them."""
    values = {
        "뉴스 식별자": news_id, "일자": date, "언론사": outlet, "기고자": "홍길동 기자", "제목": title,
        "통합 분류1": category, "통합 분류2": "", "통합 분류3": "", "사건/사고 분류1": "", "사건/사고 분류2": "", "사건/사고 분류3": "",
        "인물": ",".join(people), "위치": ",".join(places), "기관": ",".join(orgs), "키워드": ",".join(keywords),
        "특성추출(가중치순 상위 50개)": ",".join(keywords[:10]), "본문": excerpt(body), "URL": f"https://news.example.kr/{news_id}", "분석제외 여부": "",
    }
    return [values[c] for c in COLUMNS]


def ballet_export_rows(n: int = 60, *, year: int = 2020, seed: int = 7, id_prefix: str = "0210010") -> list[list[str]]:
    """`n` ballet articles of one year, newest first: every article names two people and an organisation."""
    import random

    rng = random.Random(seed)
    rows = []
    for i in range(n, 0, -1):
        day = f"{year}{1 + i % 12:02d}{1 + i % 28:02d}"
        p, q = rng.sample(BALLET_PEOPLE, 2)
        o = rng.choice(BALLET_ORGS)
        order = rng.sample(range(len(_SENTENCES)), len(_SENTENCES))
        body = " ".join(_SENTENCES[k].format(p=p, q=q, o=o) for k in order)
        extra = rng.choice([n for n in BALLET_PEOPLE if n not in (p, q)])  # listed from the full article, absent from the excerpt
        rows.append(entity_row(
            f"{id_prefix}{i % 10}.{day}{i:09d}", day, f"{p}, {o} 무대 오른다 ({i}회)", body, outlet=OUTLETS[i % len(OUTLETS)],
            people=[p, q, extra], places=["서울", "무용수", "콩쿠르", "파리"], orgs=[o, "현대", "한국", "장르"],
            keywords=["발레", "발레리노", p, o, "무대", "주역", "시니어"],
        ))
    return rows


RELEASE_TITLE = "[포토] KT&G장학재단, 예술 영재 장학금 전달"
# Each outlet rewrites the release's lead (and adds its byline), so the first 200 characters differ.
_RELEASE_BODIES = (
    "(서울=뉴스1) 홍길동 기자 = KT&G장학재단이 발레와 음악 분야 예술 영재 30명에게 장학금 1억원을 전달했다고 15일 밝혔다. ",
    "KT&G장학재단은 지난 14일 서울 대치동 본사에서 예술 영재 장학금 전달식을 열고 형편이 어려운 학생 30명에게 장학 증서를 수여했다. ",
    "형편이 어려운 예술 영재들이 장학재단의 도움으로 꿈을 이어간다. 재단은 발레 전공 학생 12명을 포함한 30명을 올해 장학생으로 뽑았다. ",
    "[아시아경제 이영희 기자] 예술 영재 30명이 모두 1억원의 장학금을 받는다. 장학재단은 음악과 무용 분야 학생을 대상으로 심사를 거쳤다. ",
    "올해로 13년째를 맞은 장학재단의 예술 영재 장학 사업에 유니버설발레단 출신 김용걸 교수가 멘토로 참여했다. 장학생들은 정기 공연에 선다. ",
)
_RELEASE_BODY = (
    "재단은 2008년부터 형편이 어려운 예술 영재를 지원해 왔으며 올해는 유니버설발레단 출신 김용걸 교수가 멘토로 참여했다. "
    "장학생들은 내년 정기 공연 무대에 함께 오른다. 재단 관계자는 예술 인재가 꿈을 포기하지 않도록 지원을 이어가겠다고 말했다."
)


def press_release_rows(*, date: str = "20200315", id_prefix: str = "0310010") -> list[list[str]]:
    """One release run by five outlets on three days: the same title, five different 200-character excerpts."""
    rows = []
    for k, lead in enumerate(_RELEASE_BODIES):
        day = f"{date[:6]}{int(date[6:]) + k // 2:02d}"
        # the same title, give or take a [포토] tag, spacing and punctuation
        title = RELEASE_TITLE if k % 2 == 0 else RELEASE_TITLE.replace("[포토] ", "").replace(", ", " ·  ")
        rows.append(entity_row(
            f"{id_prefix}{k}.{day}{k:09d}", day, title, lead + _RELEASE_BODY, outlet=OUTLETS[k],
            people=["김용걸"], places=["서울"], orgs=["KT&G장학재단", "유니버설발레단", "한국"], keywords=["장학금", "예술", "영재", "재단"],
        ))
    return rows
