"""The review page: self-contained HTML, every highlight holding exactly its text; tested in a
real headless Chromium (Debian's chromium and chromium-driver, installed by `make test`)."""

from __future__ import annotations

import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extractor import extract
from extractor.output.review import review_page as _review_page

from .conftest import CORPUS

SOURCES = [CORPUS / "000_b1f1c543f4ca6a66.txt", CORPUS / "001_42ff27236c2e870f.txt"]


class _Marks(HTMLParser):
    """Text of every <mark> by id, and every resource the page would fetch."""

    def __init__(self):
        super().__init__()
        self.marks, self.fetches, self.rows, self._open = {}, [], [], []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "mark":
            self._open.append(attributes.get("id"))
            if attributes.get("id"):
                self.marks[attributes["id"]] = ""
        if tag == "tr" and "data-target" in attributes:
            self.rows.append(attributes["data-target"])
        for name in ("src", "href"):
            if attributes.get(name):
                self.fetches.append(attributes[name])

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open.pop()

    def handle_data(self, data):
        for identifier in self._open:
            if identifier:
                self.marks[identifier] += data


def review_page(path) -> str:
    return _review_page(extract(Path(path)))


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_page_marks_hold_exactly_the_raw_text(source):
    page = review_page(source)
    parser = _Marks()
    parser.feed(page)
    assert parser.fetches == []  # self-contained: nothing to load from the network
    data = json.loads(parser_json(page))
    targets = [target for item in data["items"] for target in item["targets"]]
    assert len(parser.rows) == len(targets)
    for row, target in zip(parser.rows, targets):
        assert parser.marks[row] == target["raw"]
    assert 'class="metric"' in page and 'class="unit"' in page or source.name.startswith("000")


def parser_json(page: str) -> str:
    import html

    start = page.index('id="extraction">') + len('id="extraction">')
    return html.unescape(page[start:page.index("</script>", start)])


def test_review_command_writes_the_page(tmp_path, run_cli):
    out = tmp_path / "page.html"
    assert run_cli("review", SOURCES[1], "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run_cli("review", bad, "-o", tmp_path / "bad.html")
    assert result.returncode == 1 and not (tmp_path / "bad.html").exists()


def _browser():
    chromium, driver = shutil.which("chromium") or "/usr/bin/chromium", shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not (Path(chromium).exists() and Path(driver).exists()):
        if os.environ.get("CI"):
            pytest.fail("CI must install chromium and chromium-driver (make browser)")
        pytest.skip("chromium and chromium-driver are not installed (make browser)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(driver), options=options)


def test_page_in_a_real_browser(tmp_path):
    page = tmp_path / "review.html"
    page.write_text(review_page(SOURCES[0]), encoding="utf-8")
    browser = _browser()
    try:
        browser.get(page.as_uri())
        pairs = browser.execute_script("""
            return Array.from(document.querySelectorAll('tr[data-target]')).map(function (row) {
                var mark = document.getElementById(row.dataset.target);
                return [mark ? mark.textContent : null, row.children[7].textContent];
            });""")
        assert pairs and all(mark == raw for mark, raw in pairs)
        rows = browser.find_elements("css selector", "tr[data-target]")
        last = rows[-1]
        target = last.get_attribute("data-target")
        assert not browser.execute_script(_IN_VIEW, target)
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", last)
        last.click()
        assert browser.execute_script(_IN_VIEW, target)
        assert "flash" in browser.find_element("id", target).get_attribute("class")
        screenshot = tmp_path / "review.png"
        browser.save_screenshot(str(screenshot))
        assert screenshot.stat().st_size > 10_000
        shutil.copy(screenshot, Path(os.environ.get("REVIEW_SCREENSHOT", tmp_path / "kept.png")))
    finally:
        browser.quit()


_IN_VIEW = """
var mark = document.getElementById(arguments[0]);
var box = mark.getBoundingClientRect(), pane = document.getElementById('text').getBoundingClientRect();
return box.top >= pane.top && box.bottom <= pane.bottom;
"""


def test_roles_in_chinese_and_long_titles_cut(tmp_path):
    page = review_page(CORPUS / "003_xinxiang_county_inline.txt")
    assert "<td>目标</td>" in page and "<td>target</td>" not in page
    titles = [row.split("<td>")[2].split("</td>")[0] for row in page.split("<tr data-target=")[1:]]
    assert max(len(title) for title in titles) == 24 and any(title.endswith("…") for title in titles)
