"""Hostile input through `extract` and `batch`: clean one-line errors, the batch finishes,
nothing lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import CORPUS

HOSTILE = Path(__file__).parent / "hostile"
FILES = sorted(path for path in HOSTILE.iterdir() if path.name != "README.md")
REASONS = {
    "zero_bytes.txt": "empty file",
    "nuls.txt": "binary data",
    "notice_big5.txt": "another encoding",
    "notice_shift_jis.txt": "another encoding",
    "pdf_nested_bomb.pdf": "PDF without any Chinese text",
    "script_no_body.html": "web page without",
}


@pytest.fixture(scope="module")
def thirty_megabytes(tmp_path_factory) -> Path:
    """A 30 MB notice: a real one repeated."""
    path = tmp_path_factory.mktemp("big") / "notice_30mb.txt"
    unit = (CORPUS / "001_42ff27236c2e870f.txt").read_bytes()
    with open(path, "wb") as stream:
        for _ in range(30 * 1024 * 1024 // len(unit) + 1):
            stream.write(unit)
    return path


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_extract_gives_a_clean_error(path, run_cli):
    result = run_cli("extract", path)
    assert result.returncode == 1 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert path.name in line and REASONS[path.name] in line


def test_oversized_input_is_refused_before_reading(thirty_megabytes, run_cli):
    result = run_cli("extract", thirty_megabytes)
    assert result.returncode == 1
    assert "over the 20 MB limit" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_size_limit_is_configurable(tmp_path, run_cli):
    result = run_cli("extract", CORPUS / "001_42ff27236c2e870f.txt", "--max-mb", "0.004")
    assert result.returncode == 1 and "file is 5.378 KB, over the 4.096 KB limit" in result.stderr
    assert run_cli("extract", CORPUS / "001_42ff27236c2e870f.txt", "--max-mb", "1").returncode == 0


def test_batch_over_hostile_files_finishes_and_loses_nothing(tmp_path, thirty_megabytes, run_cli):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for path in FILES:
        shutil.copy(path, inbox / path.name)
    shutil.copy(thirty_megabytes, inbox / thirty_megabytes.name)
    good = ["001_42ff27236c2e870f.txt", "021_kaifeng_seed.pdf", "026_shangcheng_gov_page.html"]
    for name in good:
        shutil.copy(CORPUS / name, inbox / name)
    out = tmp_path / "out"
    result = run_cli("batch", inbox, "-o", out, "--jobs", "2")
    assert result.returncode == 1
    assert sorted(path.name for path in out.glob("*.json")) == sorted(f"{name}.json" for name in good)
    errors = {entry["file"]: entry["reason"] for entry in
              map(json.loads, (out / "errors.jsonl").read_text(encoding="utf-8").splitlines())}
    assert set(errors) == {path.name for path in FILES} | {thirty_megabytes.name}
    assert "over the 20 MB limit" in errors[thirty_megabytes.name]
    assert f"{len(good)} converted, 0 already current, {len(errors)} failed" in result.stderr


def test_a_pattern_that_runs_too_long_fails_the_document_cleanly(monkeypatch):
    """A document runs under one CPU-time deadline; passing it is a clean error."""
    from extractor.base import patterns
    from extractor.base.errors import NoticeError
    from extractor.pipeline import extract_bytes

    monkeypatch.setattr(patterns, "DEADLINE_SECONDS", 0.01)
    monkeypatch.setattr(patterns, "DEADLINE_SECONDS_PER_MEGABYTE", 0.0)
    text = ("1.新建学校3所，" + "改造小区150个，" * 2000 + "。\n").encode("utf-8")
    with pytest.raises(NoticeError, match="timed out"):
        extract_bytes(text, "slow.txt")


def test_the_deadline_interrupts_a_match_that_would_not_end(monkeypatch):
    """The regex module checks signals inside a match, so one timer per document stops even a
    single runaway match, and the timer and the previous handler are put back afterwards."""
    import signal
    import time

    import regex

    from extractor.base import patterns

    monkeypatch.setattr(patterns, "DEADLINE_SECONDS", 0.3)
    before = signal.getsignal(signal.SIGVTALRM)
    start = time.process_time()
    with pytest.raises(TimeoutError):
        with patterns.deadline(0):
            regex.search(r"(?:x\w)*?\d", "xy" * 200_000)  # quadratic: minutes without the deadline
    assert time.process_time() - start < 30
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGVTALRM) is before
    with patterns.deadline(0):  # a finished body leaves nothing armed either
        regex.search(r"\d", "abc1")
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)


def test_extraction_in_another_thread_runs_without_the_deadline():
    """Signals reach only the main thread: a caller's thread pool still extracts."""
    from concurrent.futures import ThreadPoolExecutor

    from extractor.api import extract

    with ThreadPoolExecutor(2) as pool:
        notices = list(pool.map(extract, sorted(Path(CORPUS).glob("00[1-3]*.txt"))))
    assert all(notice.items for notice in notices)


def test_work_that_grows_as_it_goes_extends_the_deadline(monkeypatch):
    """Each page read by OCR adds to the budget: a long scan is no runaway."""
    import time

    from extractor.base import patterns

    monkeypatch.setattr(patterns, "DEADLINE_SECONDS", 0.2)
    with patterns.deadline(0):
        patterns.extend_deadline(5.0)
        start = time.process_time()
        while time.process_time() - start < 0.5:
            pass
