"""Hardening: every input and output path ends in one clear line, and nothing is lost.

One test (or a few) per numbered point of the hardening issue; each failed before its fix.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from extractor import NoticeError, extract, extract_file, extract_text
from extractor import read as reader

from .conftest import CORPUS, ROOT

SEED = CORPUS / "001_42ff27236c2e870f.txt"
DOCX = CORPUS / "024_xinyang_auto_numbering.docx"


@pytest.fixture
def small_limit():
    """A 1 MB input limit for the test, restored afterwards."""
    saved = reader.MAX_BYTES
    reader.set_max_bytes(1024 * 1024)
    yield
    reader.set_max_bytes(saved)


# 1. A zip bomb in a .docx is refused before it is unpacked.

def _docx_with(members: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(DOCX) as original, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            archive.writestr(info.filename, members.pop(info.filename, original.read(info.filename)))
        for name, data in members.items():
            archive.writestr(name, data)
    return stream.getvalue()


def test_docx_whose_document_unpacks_far_beyond_the_limit_is_refused(small_limit):
    bomb = _docx_with({"word/document.xml": b"<w:document>" + b" " * (8 * 1024 * 1024) + b"</w:document>"})
    assert len(bomb) < 100_000
    with pytest.raises(NoticeError, match="unpacks to"):
        reader.read_bytes(bomb, "bomb.docx")


def test_docx_with_thousands_of_members_is_refused():
    crowded = _docx_with({f"word/media/image{number}.png": b"x" for number in range(3000)})
    with pytest.raises(NoticeError, match="members"):
        reader.read_bytes(crowded, "crowded.docx")


def test_an_ordinary_docx_still_reads():
    assert "民生实事" in reader.read_file(DOCX).text


# 2. A read stops at the limit whatever the file is.

def test_reading_a_device_stops_at_the_limit(run_cli):
    result = run_cli("extract", "/dev/zero", "--max-mb", "1")
    assert result.returncode == 1
    assert "over the 1 MB limit" in result.stderr and "Traceback" not in result.stderr


def test_reading_a_pipe_on_stdin_stops_at_the_limit():
    command = [sys.executable, "-m", "extractor.cli", "extract", "-", "--max-mb", "1"]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          cwd=ROOT) as process:
        try:
            process.stdin.write(b"\x00" * (3 * 1024 * 1024))
            process.stdin.close()
        except BrokenPipeError:
            pass
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=120) == 1
    assert "<stdin>" in stderr and "over the 1 MB limit" in stderr


def test_a_notice_on_stdin_is_extracted():
    result = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", "-"], input=SEED.read_bytes(),
                            capture_output=True, cwd=ROOT)
    assert result.returncode == 0
    assert json.loads(result.stdout)["document"]["doc_number"] == "汴政办〔2024〕9号"


# 3. Deeply nested web pages take linear work.

@pytest.mark.parametrize("depth", [5_000, 60_000])
def test_deeply_nested_page_is_read_or_refused_in_one_line(depth):
    page = ("<html><body>" + "<div>" * depth + "<p>2024年民生实事：1.新建学校3所。2.新增学位900个。3.改造小区10个。</p>"
            + "</div>" * depth + "</body></html>").encode()
    try:
        text = reader.read_bytes(page, "nested.html").text
    except NoticeError as error:
        assert "nested" in str(error)
    else:
        assert "新建学校3所" in text


# 4. The API says what its argument is.

def test_a_string_is_notice_text_never_a_path():
    line = "某县2024年民生实事：" + "新建学校3所，" * 60
    with pytest.raises(NoticeError) as caught:
        extract(line)
    assert "File name too long" not in str(caught.value)
    notice = extract("1.新建学校3所。\n2.新增学位900个。\n")
    assert [item["id"] for item in notice.items] == ["1", "2"]


def test_paths_and_bytes_are_files():
    assert extract(SEED).to_dict() == extract_file(SEED).to_dict() == extract_file(str(SEED)).to_dict()
    assert extract(SEED.read_bytes(), name=SEED.name).to_dict() == extract(SEED).to_dict()
    assert extract_text(SEED.read_text(encoding="utf-8")).items == extract(SEED).items


def test_a_missing_file_says_so():
    with pytest.raises(NoticeError, match="no such file"):
        extract_file("missing.txt")
    with pytest.raises(NoticeError, match="extract_file"):
        extract("missing.txt")  # a str is text: the message points to extract_file
