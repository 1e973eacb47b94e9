"""reports/index.html: one light, self-contained page that reads as the results chapter of the study.

Figures are embedded as small WebP/palette-PNG thumbnails (report/images.py)
linking to the full-size PNG beside the page; the CSS and one small sorting
script are inline, nothing is fetched from the network.  Tables over
`MAX_ROWS` rows are not inlined: their first rows are shown with a link to the
CSV.  Every value from the corpus (titles, outlets, terms) goes through Jinja's
autoescape; nothing is marked safe except the embedded image data.
"""

from __future__ import annotations

import base64
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from trendscope.report.i18n import HEADINGS, Language, column_label, display_values
from trendscope.report.images import PAGE_WIDTH_PX, ImageFormat, data_uri, image_data_uri
from trendscope.report.methods import Block
from trendscope.report.tables import Table, p_as_text
from trendscope.report.webfont import font_face_css

__all__ = ["HEADINGS", "HtmlFigure", "HtmlSection", "HtmlTable", "embed_png", "html_section", "html_table", "render_html"]

MAX_ROWS = 200
PREVIEW_ROWS = 20


@dataclass
class HtmlFigure:
    name: str
    caption: str
    data: str  # base64 PNG, or a complete data: URI
    full: str = ""  # relative link to the full-size file, e.g. figures/volume_by_year.png
    number: int = 0  # its number on the page (그림 N), counted across every section

    @property
    def src(self) -> str:
        return self.data if self.data.startswith("data:") else f"data:image/png;base64,{self.data}"


@dataclass
class HtmlTable:
    name: str
    note: str
    columns: list[str]
    rows: list[list[str]]
    truncated: str = ""
    total: int = 0
    numeric: list[bool] = field(default_factory=list)  # per column: right-aligned and sorted as numbers
    link: str = ""  # the CSV holding every row, when the page shows only the first ones
    caption: str = ""  # the sentence shown as the table's title (never its file name)
    number: int = 0  # its number on the page (표 N), counted across every section
    unit: str = ""


@dataclass
class HtmlSection:
    key: str
    title: str
    text: str
    figures: list[HtmlFigure] = field(default_factory=list)
    tables: list[HtmlTable] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, relative path): full-size figures shown only as links
    # (caption, number of the table that shows its numbers, relative path of its CSV): tables not printed twice
    repeats: list[tuple[str, int, str]] = field(default_factory=list)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return ("∞" if value > 0 else "−∞") if math.isinf(value) else f"{value:.4g}"
    return str(value)


YEAR_PREVIEW_ROWS = 5


def preview(frame: pd.DataFrame, rows: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The rows the page shows of a table too large to inline: of a by-year table (a `year` column) the first
    `YEAR_PREVIEW_ROWS` of every query × year, so each year is on the page (the first 20 rows of a by-year table
    showed only its first year); of any other table its first `rows` rows."""
    if "year" not in frame.columns:
        return frame.head(rows)
    keys = [c for c in ("query", "year") if c in frame.columns]
    return frame.groupby(keys, sort=False, dropna=False).head(YEAR_PREVIEW_ROWS).head(MAX_ROWS)


def html_table(table: Table, max_rows: int = MAX_ROWS, language: Language = "ko", *, preview_rows: int = PREVIEW_ROWS, csv_folder: str = "tables") -> HtmlTable:
    """The table for the page: display-name headers, numeric columns marked; over `max_rows` rows only the first `preview_rows` and a CSV link."""
    frame = table.frame
    large = len(frame) > max_rows
    shown = display_values(p_as_text(preview(frame, preview_rows) if large else frame.head(max_rows)), language, table.name)
    rows = [[_cell(v) for v in row] for row in shown.itertuples(index=False)]
    numeric = [bool(pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])) for c in frame.columns]
    link = f"{csv_folder}/{table.name}.csv" if large else ""
    by_year = large and len(shown) > preview_rows
    truncated = (HEADINGS[language]["rows_linked_by_year" if by_year else "rows_linked"].format(total=f"{len(frame):,}", n=len(shown)) if large else "")
    caption = table.caption or table.note.split(". ")[0]
    note = table.note[len(table.caption):].strip() if table.caption and table.note.startswith(table.caption) else table.note
    return HtmlTable(table.name, note, [column_label(str(c), language) for c in frame.columns], rows, truncated, len(frame), numeric, link, caption=caption, unit=table.unit)


def embed_png(path: Path) -> str:
    """The file's bytes as base64, unchanged (kept for callers that embed a PNG as is)."""
    return base64.b64encode(path.read_bytes()).decode("ascii")


def html_section(
    key: str, title: str, text: str, figures: list[Path], captions: dict[str, str], tables: list[Table], language: Language,
    *, thumbnail_width: int | None = PAGE_WIDTH_PX, image_format: ImageFormat = "webp", figures_folder: str = "figures", page_images: dict[Path, bytes] | None = None,
) -> HtmlSection:
    """A section with its figures as optimised thumbnails (linking to `figures_folder`/<file>) and its tables.

    `page_images` holds thumbnails already made (by the drawing workers, with the default width and format); the others are made here."""
    made = page_images or {}

    def uri(path: Path) -> str:
        if path in made and thumbnail_width == PAGE_WIDTH_PX and image_format == "webp":
            return data_uri(made[path], "webp")
        return image_data_uri(path, max_width=thumbnail_width, fmt=image_format)

    return HtmlSection(
        key=key,
        title=title,
        text=text,
        figures=[HtmlFigure(p.stem, captions.get(p.name, p.stem), uri(p), f"{figures_folder}/{p.name}") for p in figures],
        tables=[html_table(t, language=language) for t in tables],
    )


def inline_markdown(text: str) -> Markup:
    """`text` escaped, with the methods' only inline Markdown, *emphasis* (journal titles), as <em>."""
    return Markup(re.sub(r"\*([^*]+)\*", r"<em>\1</em>", str(escape(text))))


def render_html(
    *,
    title: str,
    language: Language,
    synthetic: bool,
    methods: list[Block],
    sections: list[HtmlSection],
    examples: HtmlTable | None,
    generated: str,
    embed_font: bool = True,
    downloads: list[tuple[str, str]] | None = None,
) -> str:
    """The page; with `embed_font` it carries a subset of NanumGothic holding every character it shows (report/webfont.py).

    The page is rendered once without the font to learn its characters, then again with the @font-face rule: the
    rule itself is base64 (ASCII), so it adds no character the subset lacks."""
    env = Environment(loader=PackageLoader("trendscope", "report/templates"), autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["inline"] = inline_markdown
    template = env.get_template("report.html.j2")
    context = dict(title=title, lang=language, h=HEADINGS[language], synthetic=synthetic, methods=methods, sections=sections, examples=examples, generated=generated,
                   downloads=downloads or [])
    page = template.render(**context, font_face="")
    if not embed_font:
        return page
    return template.render(**context, font_face=font_face_css(page))
