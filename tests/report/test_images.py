"""Optimised figures: a palette PNG of at most 256 colours or a WebP, scaled to the page, much smaller than matplotlib's PNG."""

import base64
import io

import pytest
from matplotlib.figure import Figure
from PIL import Image

from trendscope.errors import InputError
from trendscope.report.figures.style import figure_style
from trendscope.report.images import image_data_uri, optimise_image


def _matplotlib_png() -> bytes:
    with figure_style():
        fig = Figure(figsize=(10, 6), layout="constrained")
        ax = fig.add_subplot()
        for i in range(6):
            ax.plot(range(30), [((x * (i + 1)) % 17) for x in range(30)], label=f"계열 {i}")
        ax.set_title("스마트시티 키워드 빈도")
        ax.legend()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=150)
    return buffer.getvalue()


def test_palette_png_is_smaller_and_has_at_most_256_colours():
    raw = _matplotlib_png()
    small = optimise_image(raw, max_width=None, fmt="png")
    with Image.open(io.BytesIO(small)) as image, Image.open(io.BytesIO(raw)) as original:
        assert image.mode == "P" and len(image.getcolors(maxcolors=257)) <= 256
        assert image.size == original.size
    assert len(small) < 0.6 * len(raw)


def test_scaled_webp(tmp_path):
    raw = _matplotlib_png()
    path = tmp_path / "f.png"
    path.write_bytes(raw)
    uri = image_data_uri(path, max_width=600)
    assert uri.startswith("data:image/webp;base64,")
    with Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))) as image:
        assert image.format == "WEBP" and image.width == 600
    assert len(uri) < len(raw)


def test_bad_arguments_and_missing_file(tmp_path):
    with pytest.raises(ValueError, match="colors"):
        optimise_image(_matplotlib_png(), colors=1000)
    with pytest.raises(InputError, match="missing.png"):
        image_data_uri(tmp_path / "missing.png")
