"""Figures for the HTML page: matplotlib PNGs shrunk to a palette PNG (or WebP) and embedded as data URIs.

matplotlib writes 24-bit RGBA PNGs; a chart uses a few dozen colours plus the
anti-aliasing shades between them, so a 256-colour palette (Pillow's quantize,
no dithering so edges and text stay clean) looks the same and is far smaller.
Scaling a figure down to the page's width before that is the other half of the
saving; the full-size file stays beside the page for print and zoom.
Measured on the demo report's 49 PNG figures (150 dpi, 8.75 MB as written):
palette PNG at full size 3.11 MB, palette PNG 1100 px wide 2.86 MB, WebP
(quality 85) 1100 px wide 1.86 MB — as base64 in the page 11.7 → 3.8 → 2.5 MB.
WebP is the page's default: every current browser decodes it, and text in a
chart stays legible at quality 85.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Literal

from PIL import Image

from trendscope.errors import InputError

ImageFormat = Literal["png", "webp"]
PAGE_WIDTH_PX = 1100  # the page column is 1100 CSS px wide; the full-size PNG is one click away
# libwebp's effort (0-6): on the 12 page figures of the 10k study, 4 encodes in 1.59 s instead of 2.15 s at 6, for 2 % more bytes.
WEBP_METHOD = 4


def optimise_image(data: bytes, *, max_width: int | None = PAGE_WIDTH_PX, colors: int = 256, fmt: ImageFormat = "png") -> bytes:
    """`data` (any image Pillow reads) scaled down to `max_width` pixels if wider, as a ≤`colors`-colour PNG or a WebP."""
    if not 2 <= colors <= 256:
        raise ValueError(f"colors: expected 2..256, got {colors}")
    with Image.open(io.BytesIO(data)) as source:
        image = source.convert("RGB")  # figures have an opaque white background; alpha only costs bytes
    if max_width and image.width > max_width:
        image = image.resize((max_width, round(image.height * max_width / image.width)), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, format="WEBP", quality=85, method=WEBP_METHOD)
    else:
        image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(out, format="PNG", optimize=True)
    return out.getvalue()


def page_image(path: Path, *, max_width: int | None = PAGE_WIDTH_PX, colors: int = 256, fmt: ImageFormat = "webp") -> bytes:
    """The figure at `path` as the page shows it (optimised by `optimise_image`).

    The report draws each embedded figure's page image in the drawing worker, right after the figure, and
    keeps it in the figure cache: WebP encoding was about a fifth of the report stage when done here one by one.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read the figure ({error.strerror})") from None
    return optimise_image(data, max_width=max_width, colors=colors, fmt=fmt)


def data_uri(image: bytes, fmt: ImageFormat = "webp") -> str:
    return f"data:image/{fmt};base64,{base64.b64encode(image).decode('ascii')}"


def image_data_uri(path: Path, *, max_width: int | None = PAGE_WIDTH_PX, colors: int = 256, fmt: ImageFormat = "webp") -> str:
    """The figure at `path` as an optimised `data:` URI for an <img src>."""
    return data_uri(page_image(path, max_width=max_width, colors=colors, fmt=fmt), fmt)
