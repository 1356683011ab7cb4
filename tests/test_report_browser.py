"""The HTML report as a person sees it: opened and printed by a real, headless Chromium.

The browser is the system's (Debian's `chromium` package; .ci/run installs it),
driven by Playwright with `executable_path`, never a browser Playwright downloads.
Skipped, saying why, only where no browser or no Playwright can be found.

ZQPLAN_REPORT_SCREENSHOT=docs/report.png pytest tests/test_report_browser.py
also saves the screenshot that the README shows.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import run_zqplan
from report_plan import AREAS, AS_OF, HOSTILE, STATUSES, plan_text

from zqplan.safe import printable

SCREENSHOT_ENV = "ZQPLAN_REPORT_SCREENSHOT"
"""Where to save the English report's screenshot (docs/report.png), when set."""

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
"""Where a system Chromium is found ($ZQPLAN_CHROMIUM first)."""

FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    named = os.environ.get("ZQPLAN_CHROMIUM")
    for candidate in (named, *CANDIDATES):
        if candidate:
            found = shutil.which(candidate)
            if found:
                return found
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the module, with a fresh profile."""
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium found (/usr/bin/chromium, $ZQPLAN_CHROMIUM): apt install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install '.[test]')")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=FLAGS
        )
        yield context
        context.close()


class Page:
    """A report opened in the browser, with what it logged and fetched."""

    def __init__(self, context: Any, path: Path) -> None:
        self.page = context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        self.page.set_viewport_size({"width": 1100, "height": 1400})
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def texts(self, selector: str) -> list[str]:
        return [str(t).strip() for t in self.page.locator(selector).all_inner_texts()]


def _report(folder: Path, *args: str, plan: str | None = None) -> Path:
    (folder / "targets.toml").write_text(plan or plan_text(), encoding="utf-8")
    done = run_zqplan("report", "--as-of", AS_OF, "-o", "report.html", *args, cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / "report.html"


def _not_blank(browser: Any, png: bytes) -> float:
    """The share of the screenshot's pixels that are not white, counted by the browser."""
    import base64

    page = browser.new_page()
    try:
        page.set_content("<canvas id=c></canvas>")
        return float(
            page.evaluate(
                """async (src) => {
                    const image = new Image();
                    image.src = src;
                    await image.decode();
                    const canvas = document.getElementById('c');
                    canvas.width = image.width; canvas.height = image.height;
                    const g = canvas.getContext('2d');
                    g.drawImage(image, 0, 0);
                    const data = g.getImageData(0, 0, image.width, image.height).data;
                    let inked = 0;
                    for (let i = 0; i < data.length; i += 4) {
                        if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) inked++;
                    }
                    return inked / (data.length / 4);
                }""",
                "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
            )
        )
    finally:
        page.close()


def test_report_in_a_browser(browser: Any, tmp_path: Path) -> None:
    shown = Page(browser, _report(tmp_path))
    assert shown.errors == []
    assert [url for url in shown.requests if url != shown.url] == []  # nothing leaves the file
    page = shown.page
    # 7 commitments (3 achieved, 1 on-track, 1 at-risk, 1 off-track, 1 missed), 1 direction.
    assert page.inner_text("#judged") == "7"
    assert page.inner_text("#unjudged") == "1"
    counts = {
        item.get_attribute("data-status"): item.locator(".count").inner_text()
        for item in page.locator("#summary li").all()
    }
    assert counts == {
        "achieved": "3",
        "on-track": "1",
        "at-risk": "1",
        "off-track": "1",
        "missed": "1",
    }
    for area, ids in AREAS.items():
        rows = page.locator(f'section[data-area="{area}"] tbody tr')
        assert [row.get_attribute("data-id") for row in rows.all()] == ids
        for row in rows.all():
            target = row.get_attribute("data-id")
            expected = STATUSES.get(str(target), "unjudged")
            assert row.get_attribute("data-status") == expected
    farm = page.locator('tr[data-id="farm-output"] td')
    # (86 - 80) / (100 - 80) = 30.0%; at risk, said in words beside its colour.
    assert farm.nth(4).inner_text() == "30.0%"
    assert farm.nth(5).inner_text().strip() == "▲ at risk, needs to speed up"
    # Charts: the numeric targets have one, the yes/no target and the direction none;
    # the yearly target is drawn as bars (4 years: a target and an outturn each).
    assert page.locator('tr[data-id="farm-output"] svg polyline.expected').count() == 1
    assert page.locator('tr[data-id="zone"] svg').count() == 0
    assert page.locator('tr[data-id="gdp-growth"] svg rect').count() == 8
    png = page.screenshot(full_page=True)
    assert _not_blank(browser, png) > 0.05
    saved = os.environ.get(SCREENSHOT_ENV)
    if saved:
        Path(saved).write_bytes(page.screenshot(full_page=True))
    page.close()


def test_report_in_chinese(browser: Any, tmp_path: Path) -> None:
    shown = Page(browser, _report(tmp_path, "--lang", "zh"))
    assert shown.errors == []
    page = shown.page
    assert page.inner_text("h1") == "报告测试规划"
    assert page.get_attribute("html", "lang") == "zh-Hans"
    assert shown.texts('section[data-area="farm"] thead th') == [
        "编号", "指标", "最新值", "目标", "进度", "状态", "图表",
    ]  # fmt: skip
    assert page.locator('tr[data-id="farm-output"] td').nth(1).inner_text().startswith("农业产值")
    # The words of the page are Chinese: what Latin letters remain are ids and units.
    body = page.inner_text("body")
    words = set(re.findall(r"[A-Za-z]+", body))
    ids = {part for target in STATUSES for part in target.split("-")} | {"openness"}
    assert words - ids - {"billion", "yuan", "factories", "parks", "PDF"} == set()
    assert _not_blank(browser, page.screenshot()) > 0.05
    page.close()


def test_hostile_text_is_text_in_the_browser(browser: Any, tmp_path: Path) -> None:
    plan = plan_text(title=HOSTILE, note=HOSTILE, source=HOSTILE, title_zh=HOSTILE)
    shown = Page(browser, _report(tmp_path, plan=plan))
    assert shown.errors == []  # no script ran, no image was fetched
    assert [url for url in shown.requests if url != shown.url] == []
    page = shown.page
    assert page.locator("script, img").count() == 0
    cell = page.locator('tr[data-id="factories"] td').nth(1)
    assert cell.inner_text().startswith(printable(HOSTILE))
    page.close()


def big_plan(areas: int = 3, per_area: int = 14) -> str:
    """Areas of targets whose rows are many lines tall: a page break falls inside some."""
    words = " ".join(["with a long title that wraps over several lines in print"] * 4)
    lines = ['schema = "zqplan.registry/1"', "[plan]", 'id = "big"', 'title = "Big plan"']
    for area in range(areas):
        lines += [f"[areas.a{area}]", f'title = "Area HEAD{area}X"']
        for index in range(per_area):
            name = f"{area}{index:02d}"
            lines += [
                f"[targets.r{name}]",
                f'area = "a{area}"',
                f'title = "BEGIN{name}X target {words} END{name}X"',
                'source = "S"',
                'unit = "u"',
                "observations = [ { date = 2023-12-31, value = 1 }, "
                "{ date = 2024-12-31, value = 2 } ]",
            ]
    return "\n".join(lines) + "\n"


def test_printed_pages_cut_no_row_and_orphan_no_heading(browser: Any, tmp_path: Path) -> None:
    from pypdf import PdfReader

    shown = Page(browser, _report(tmp_path, plan=big_plan()))
    page = shown.page
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    page.close()
    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 3  # 42 tall rows do not fit on two A4 pages

    def page_of(token: str) -> list[int]:
        return [n for n, text in enumerate(pages) if token in text.replace("\n", " ")]

    for area in range(3):
        for index in range(14):
            name = f"{area}{index:02d}"
            # A row printed whole has the first and the last words of its title on one page.
            begin, end = page_of(f"BEGIN{name}X"), page_of(f"END{name}X")
            assert len(begin) == 1, (name, begin)
            assert begin == end, f"row r{name} is cut across pages {begin} and {end}"
        # The area's heading is on the page of its first row, not alone at a page's foot.
        assert page_of(f"HEAD{area}X") == page_of(f"BEGIN{area}00X"), f"heading of a{area}"
