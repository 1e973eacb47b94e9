"""index.html and an LDAvis page opened in headless Chromium, offline, driven over the DevTools protocol.

Checks what a reader would notice and a string test cannot: images that do not
decode, contents links to nowhere, script errors, markup from a document title
that runs, table sorting that does nothing.  The page is built here from small
data through report/html.py (no study run).  Chromium comes from the Debian
package `chromium`; without it the test is skipped, unless CI is set, where a
missing browser is a failure.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from trendscope.report.html import html_section, html_table, render_html
from trendscope.report.ldavis import ldavis_html
from trendscope.report.methods import Block
from trendscope.report.tables import Table

PLANTED = "<script>window.__planted = 1</script>"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
START_TIMEOUT = 30.0
CALL_TIMEOUT = 60.0


def chromium_binary() -> str | None:
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


class DevTools:
    """A minimal DevTools-protocol client over one page target: send a command, wait for its answer, keep the events."""

    def __init__(self, websocket_url: str) -> None:
        import websocket

        self._ws = websocket.create_connection(websocket_url, timeout=CALL_TIMEOUT, suppress_origin=True)
        self._next = 0
        self.events: list[dict] = []

    def call(self, method: str, **params: object) -> dict:
        self._next += 1
        self._ws.send(json.dumps({"id": self._next, "method": method, "params": params}))
        while True:
            message = json.loads(self._ws.recv())
            if message.get("id") == self._next:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str) -> dict:
        for event in self.events:
            if event.get("method") == method:
                self.events.remove(event)
                return event
        while True:
            message = json.loads(self._ws.recv())
            if message.get("method") == method:
                return message
            self.events.append(message)

    def evaluate(self, expression: str) -> object:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions, log errors, and any request that left the machine."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(f"console: {[a.get('value', a.get('description')) for a in params.get('args', [])]}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails'].get('text')} {params['exceptionDetails'].get('exception', {}).get('description', '')}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
            elif method == "Network.requestWillBeSent" and not params["request"]["url"].startswith(("file:", "data:", "about:")):
                found.append(f"network: {params['request']['url']}")
        return found

    def close(self) -> None:
        self._ws.close()


@contextlib.contextmanager
def launch(profile: Path, env: dict[str, str] | None = None) -> Iterator[DevTools]:
    """Headless Chromium on a fresh profile (and `env`, e.g. a FONTCONFIG_FILE), driven over DevTools; skipped without Chromium unless CI is set."""
    binary = chromium_binary()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no Chromium binary was found (apt-get install -y chromium)")
        pytest.skip("no Chromium binary (Debian package `chromium`) on this machine and CI is unset")
    process = subprocess.Popen(
        [
            binary, "--headless=new", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: nothing can be fetched
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})},
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + START_TIMEOUT
        while not (port_file.is_file() and port_file.read_text().strip()):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Chromium ({binary}) did not start its DevTools endpoint")
            time.sleep(0.1)
        port = int(port_file.read_text().splitlines()[0])
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 directly, whatever the proxy settings
        targets = json.loads(opener.open(f"http://127.0.0.1:{port}/json/list", timeout=CALL_TIMEOUT).read())
        page = next(t for t in targets if t["type"] == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        for domain in ("Page", "Runtime", "Log", "Network"):
            tools.call(f"{domain}.enable")
        yield tools
        tools.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    with launch(tmp_path_factory.mktemp("chromium-profile")) as tools:
        yield tools


def _png(path: Path, color: tuple[int, int, int], size: tuple[int, int] = (1600, 900)) -> Path:
    """A figure-like PNG: RGBA as matplotlib writes it."""
    image = Image.new("RGBA", size, (255, 255, 255, 255))
    image.paste((*color, 255), (100, 100, 900, 700))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def build_page(folder: Path) -> Path:
    """A small report page: two sections with figures and tables, one table too large to inline, a title carrying markup."""
    figures = folder / "figures"
    figures.mkdir(parents=True)
    volume = _png(figures / "volume_by_year.png", (31, 95, 191))
    network = _png(figures / "network_by_year_smartcity.png", (224, 123, 0), (2400, 1600))
    freq = pd.DataFrame({"query": ["smartcity"] * 4, "year": [2019, 2019, 2020, 2020], "rank": [1, 2, 1, 2],
                         "term": ["스마트시티", "4차 산업혁명", "코로나19", "데이터"], "tf": [1200, 35, 990, 7]})
    titles = pd.DataFrame({"title": [f"{PLANTED} 스마트시티 기사", "평범한 제목"], "weight": [0.9, 0.4]})
    edges = pd.DataFrame({"source": [f"s{i}" for i in range(250)], "target": [f"t{i}" for i in range(250)], "weight": np.arange(250) / 250})
    sections = [
        html_section("frequency", "문서 수·빈도", "", [volume], {"volume_by_year.png": f"연도별 기사 수 {PLANTED}"},
                     [Table("frequency_top2_by_year", freq, "tf = 빈도"), Table("topics_top_documents", titles)], "ko"),
        html_section("network", "동시출현 네트워크", "", [network], {}, [Table("network_edges", edges, "edges")], "ko"),
    ]
    page = render_html(title=f"연구 {PLANTED}", language="ko", synthetic=True, methods=[Block("paragraph", ["방법"])],
                       sections=sections, examples=html_table(Table("kwic_examples", titles)), generated="test")
    target = folder / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def test_report_page_in_a_browser(browser: DevTools, tmp_path: Path):
    page = build_page(tmp_path)
    browser.events.clear()
    browser.open(page.as_uri())

    images = browser.evaluate("Promise.all(Array.from(document.images).map(i => i.decode().then(() => [i.naturalWidth, i.alt], () => [0, i.alt])))")
    assert len(images) == 2 and all(width > 0 for width, _ in images), images
    links = browser.evaluate("Array.from(document.querySelectorAll('nav a')).map(a => [a.getAttribute('href'), !!document.getElementById(a.getAttribute('href').slice(1))])")
    assert len(links) == 4 and all(href.startswith("#") and found for href, found in links), links
    full = browser.evaluate("Array.from(document.querySelectorAll('figure a')).map(a => a.getAttribute('href'))")
    assert full == ["figures/volume_by_year.png", "figures/network_by_year_smartcity.png"]

    # the planted markup stays text: in the heading, the title element, a table cell and a caption; it never ran
    assert browser.evaluate("window.__planted === undefined") is True
    assert browser.evaluate("document.scripts.length") == 1  # only the page's own sorting script
    assert PLANTED in browser.evaluate("document.querySelector('h1').textContent")
    assert PLANTED in browser.evaluate("document.title")
    assert browser.evaluate(f"Array.from(document.querySelectorAll('td')).some(td => td.textContent.includes({json.dumps(PLANTED)}))")
    assert PLANTED in browser.evaluate("document.querySelector('figcaption').textContent")

    # display headers, numbers right-aligned
    table = "document.querySelector('#table-frequency_top2_by_year table')"
    assert browser.evaluate(f"Array.from({table}.querySelectorAll('th')).map(th => th.textContent)") == ["질의", "연도", "순위", "키워드", "빈도"]
    assert browser.evaluate(f"getComputedStyle({table}.querySelector('tbody td:nth-child(5)')).textAlign") == "right"
    assert browser.evaluate(f"getComputedStyle({table}.querySelector('tbody td:nth-child(4)')).textAlign") == "left"

    # sorting: numbers as numbers (7 < 35 < 990 < 1200), again reversed; text by the page's language
    column = f"Array.from({table}.tBodies[0].rows).map(r => r.cells[%d].textContent)"
    browser.evaluate(f"{table}.querySelectorAll('th')[4].click()")
    assert browser.evaluate(column % 4) == ["7", "35", "990", "1200"]
    browser.evaluate(f"{table}.querySelectorAll('th')[4].click()")
    assert browser.evaluate(column % 4) == ["1200", "990", "35", "7"]
    assert browser.evaluate(f"{table}.querySelectorAll('th')[4].getAttribute('aria-sort')") == "descending"
    browser.evaluate(f"{table}.querySelectorAll('th')[3].click()")
    assert browser.evaluate(column % 3) == ["4차 산업혁명", "데이터", "스마트시티", "코로나19"]
    assert browser.evaluate(column % 4) == ["35", "7", "1200", "990"]  # whole rows move

    # a large table is not inlined: its first rows and a link to the CSV
    edges = "document.querySelector('#table-network_edges')"
    assert browser.evaluate(f"{edges}.querySelectorAll('tbody tr').length") == 20
    assert browser.evaluate(f"{edges}.querySelector('a').getAttribute('href')") == "tables/network_edges.csv"

    assert browser.problems() == []


def _prepared_ldavis() -> str:
    """pyLDAvis data for a 3-topic model over a 12-term vocabulary (random but seeded)."""
    pyldavis = pytest.importorskip("pyLDAvis")
    rng = np.random.default_rng(7)
    vocab = ["스마트시티", "데이터", "플랫폼", "시민", "참여", "혁신", "사회적경제", "기업", "정부", "지역", "교통", "안전"]
    phi = rng.dirichlet(np.full(len(vocab), 0.3), size=3)
    theta = rng.dirichlet(np.full(3, 0.5), size=40)
    lengths = rng.integers(20, 60, size=40)
    term_frequency = np.maximum((theta * lengths[:, None]).sum(0) @ phi, 1).round().astype(int)
    prepared = pyldavis.prepare(phi, theta, lengths, vocab, term_frequency, R=10, mds="pcoa", n_jobs=1, sort_topics=False, start_index=1)
    return prepared.to_json()


def test_ldavis_page_renders_offline(browser: DevTools, tmp_path: Path):
    page = tmp_path / "ldavis_smartcity.html"
    page.write_text(ldavis_html(_prepared_ldavis(), title=f"스마트시티 — LDA {PLANTED}", note="note"), encoding="utf-8")
    browser.events.clear()
    browser.open(page.as_uri())
    assert browser.evaluate("document.querySelectorAll('#ldavis svg').length") >= 1
    assert browser.evaluate("document.querySelectorAll('#ldavis svg circle').length") >= 3  # one circle per topic
    assert browser.evaluate("window.__planted === undefined") is True
    assert browser.problems() == []


# ---- the real demo study (tests/conftest.py::demo_study): its page and one of its LDAvis pages ----

DECODE_ALL = ("Array.from(document.images).forEach(i => { i.loading = 'eager'; });"
              "Promise.all(Array.from(document.images).map(i => i.decode().then(() => [i.naturalWidth, i.alt], () => [0, i.alt])))")
TOC_LANDS = ("Array.from(document.querySelectorAll('nav a')).map(a => { const t = document.getElementById(a.getAttribute('href').slice(1));"
             " return [a.getAttribute('href'), !!t && t.tagName === 'SECTION' && !!t.querySelector('h2')]; })")


@pytest.fixture(scope="module")
def planted_demo(demo_study: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo study whose title carries a <script>, with only the report stage re-run (notebooks off)."""
    import re

    from typer.testing import CliRunner

    from trendscope.cli import app

    folder = tmp_path_factory.mktemp("planted") / "study"
    shutil.copytree(demo_study, folder)
    study = folder / "study.yaml"
    title = json.dumps(PLANTED + " 데모 연구", ensure_ascii=False)
    text = re.sub(r"(?m)^title: .*$", lambda _: f"title: {title}", study.read_text(encoding="utf-8"))
    study.write_text(text + "report:\n  notebooks: false\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "--config", str(study), "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    return folder


def test_demo_page_in_a_browser(browser: DevTools, demo_study: Path):
    reports = demo_study / "reports"
    browser.events.clear()
    browser.open((reports / "index.html").as_uri())
    images = browser.evaluate(DECODE_ALL)
    assert len(images) >= 15 and all(width > 0 for width, _ in images), [alt for width, alt in images if not width]
    links = browser.evaluate(TOC_LANDS)
    assert len(links) >= 9 and all(found for _, found in links), links  # methods, seven sections, examples
    # every link to a full-size figure or a CSV points at a file that exists
    hrefs = browser.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')).filter(h => !h.startsWith('#'))")
    assert hrefs and all((reports / href).exists() for href in hrefs), [h for h in hrefs if not (reports / h).exists()]
    assert {"tables.xlsx", "networks/"} <= set(hrefs) and any(h.startswith("topics/ldavis_") for h in hrefs)  # the workbook, LDAvis, GraphML/GEXF
    # sorting works on a real table
    th = "document.querySelector('#table-documents_by_source th.num:last-child')"
    browser.evaluate(f"{th}.click()")
    assert browser.evaluate(f"{th}.getAttribute('aria-sort')") == "ascending"
    assert browser.problems() == []


def test_demo_page_keeps_a_planted_script_as_text(browser: DevTools, planted_demo: Path):
    browser.events.clear()
    browser.open((planted_demo / "reports" / "index.html").as_uri())
    assert browser.evaluate("window.__planted === undefined") is True
    assert browser.evaluate("document.scripts.length") == 1
    assert PLANTED in browser.evaluate("document.querySelector('h1').textContent")
    assert browser.problems() == []


def test_ldavis_page_opens_at_the_reports_lambda(browser: DevTools, tmp_path: Path):
    page = tmp_path / "ldavis_lambda.html"
    page.write_text(ldavis_html(_prepared_ldavis(), title="스마트시티 — LDA", note="note", relevance_lambda=0.6), encoding="utf-8")
    browser.events.clear()
    browser.open(page.as_uri())
    assert browser.evaluate("document.querySelector('#ldavis input[type=range]').value") == "0.6"
    assert "lambda=0.6" in browser.evaluate("location.hash")
    assert browser.problems() == []


def test_demo_ldavis_page_in_a_browser(browser: DevTools, demo_study: Path):
    pages = sorted((demo_study / "reports" / "topics").glob("ldavis_*.html"))
    assert pages
    browser.events.clear()
    browser.open(pages[0].as_uri())
    assert browser.evaluate("document.querySelectorAll('#ldavis svg circle').length") >= 2
    assert browser.problems() == []


# ---- the page's own font, in a browser whose system has no Korean font ----

ONLY_DEJAVU = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{fonts}</dir><cachedir>{cache}</cachedir></fontconfig>
"""
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# Draw two different syllables on a canvas in `family`: with a real Korean face the pixels differ; with none, both are
# the same .notdef box (the control below shows that this machine, so configured, has no Korean glyph to fall back on).
DRAW_PAIR = """(async (family) => {{
  await document.fonts.load('40px ' + family, '한국');
  const draw = (text) => {{
    const c = document.createElement('canvas'); c.width = 120; c.height = 60;
    const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 120, 60);
    g.fillStyle = '#000'; g.font = '40px ' + family; g.fillText(text, 10, 45);
    const d = g.getImageData(0, 0, 120, 60).data; let ink = 0, sig = 0;
    for (let i = 0; i < d.length; i += 4) {{ if (d[i] < 128) {{ ink += 1; sig = (sig * 31 + i) % 1000000007; }} }}
    return [ink, sig];
  }};
  return [draw('한'), draw('국')];
}})({family})"""


@pytest.fixture(scope="module")
def browser_without_korean_font(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    """Chromium whose fontconfig sees only DejaVu (no Hangul), as on a fresh Linux without a Korean font."""
    if not DEJAVU.is_dir():
        pytest.skip(f"no DejaVu fonts at {DEJAVU} to build a font configuration without Korean")
    folder = tmp_path_factory.mktemp("no-korean-font")
    config = folder / "fonts.conf"
    config.write_text(ONLY_DEJAVU.format(fonts=DEJAVU, cache=folder / "cache"), encoding="utf-8")
    (folder / "profile").mkdir()
    with launch(folder / "profile", {"FONTCONFIG_FILE": str(config)}) as tools:
        yield tools


def _rendering_fonts(browser: DevTools, selector: str) -> list[dict]:
    """The fonts Chromium actually used to draw the text inside the first node matching `selector` (DevTools CSS domain)."""
    browser.call("DOM.enable")
    browser.call("CSS.enable")
    root = browser.call("DOM.getDocument")["root"]["nodeId"]
    node = browser.call("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
    return browser.call("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]


def test_page_carries_its_korean_font(browser_without_korean_font: DevTools, tmp_path: Path):
    browser = browser_without_korean_font
    page = build_page(tmp_path)
    browser.events.clear()
    browser.open(page.as_uri())
    # the control: this browser has no Korean face of its own, so Hangul drawn in a system font is two identical boxes
    control = browser.evaluate(DRAW_PAIR.format(family=json.dumps("'DejaVu Sans', sans-serif")))
    assert control[0] == control[1], "the font configuration still offers a Korean font: the test would prove nothing"
    # the page's embedded font draws two different syllables
    own = browser.evaluate(DRAW_PAIR.format(family=json.dumps('"TrendscopeNanumGothic"')))
    assert own[0] != own[1] and own[0][0] > 0 and own[1][0] > 0, own
    assert browser.problems() == []  # before the CSS domain is enabled (it logs a file:-origin notice when it reads the inline sheet)
    # and the page's own text (heading, table cell) was drawn with it: every glyph from the embedded face, none from DejaVu
    for selector in ("h1", "h2", "#examples th", "#examples td", "figcaption"):
        fonts = _rendering_fonts(browser, selector)
        assert fonts and all(f["isCustomFont"] for f in fonts), (selector, fonts)
    shot = base64.b64decode(browser.call("Page.captureScreenshot", format="png")["data"])
    (tmp_path / "page.png").write_bytes(shot)
    if os.environ.get("TRENDSCOPE_SCREENSHOT"):  # to look at it: TRENDSCOPE_SCREENSHOT=/tmp/page.png pytest -k korean_font
        Path(os.environ["TRENDSCOPE_SCREENSHOT"]).write_bytes(shot)


def test_without_the_embedded_font_hangul_is_boxes(browser_without_korean_font: DevTools, tmp_path: Path):
    """The failure the embedded font prevents, shown on the same browser: the page's CSS stack alone finds no Korean glyph."""
    browser = browser_without_korean_font
    page = build_page(tmp_path)
    page.write_text(re.sub(r"@font-face \{[^}]*\}", "", page.read_text(encoding="utf-8")), encoding="utf-8")
    browser.open(page.as_uri())
    fonts = _rendering_fonts(browser, "h2")
    assert fonts and not any(f["isCustomFont"] for f in fonts), fonts
