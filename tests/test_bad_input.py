"""Bad input: a one-line error naming the file and the reason, a non-zero exit, no traceback."""

from __future__ import annotations

import pytest

from extractor.base.errors import NoticeError
from extractor.pipeline import extract_bytes

BAD = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n \t\n",
    "binary.bin": bytes(range(256)) * 8,
    "nul.txt": b"\x00" * 1000,
    "undecodable.txt": "一、新建学校3所。".encode("utf-8") + b"\xff\xfe\xfa\x80\x80" + "二、".encode("utf-8"),
    "no_items.txt": "关于做好民生工作的通知\n各单位要高度重视，认真抓好落实。\n".encode("utf-8"),
    "latin.txt": b"This is not a notice at all.\n1. An item\n",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_cli_gives_one_line_error(name, tmp_path, run_cli):
    path = tmp_path / name
    path.write_bytes(BAD[name])
    result = run_cli("extract", path)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", sorted(BAD))
def test_library_raises_notice_error(name):
    with pytest.raises(NoticeError) as error:
        extract_bytes(BAD[name], name)
    assert name in str(error.value)


def test_missing_file_and_directory(tmp_path, run_cli):
    for path in (tmp_path / "absent.txt", tmp_path):
        result = run_cli("extract", path)
        assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
        assert str(path) in result.stderr or path.name in result.stderr


def test_batch_of_files_converts_the_good_and_lists_the_bad(tmp_path, run_cli):
    from .conftest import CORPUS

    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    result = run_cli("extract", CORPUS / "001_42ff27236c2e870f.txt", bad, "-o", out)
    assert result.returncode == 1
    assert (out / "001_42ff27236c2e870f.txt.json").exists()
    assert not (out / "empty.json").exists()
    assert "1 of 2 files failed" in result.stderr
    assert not list(out.glob(".*.tmp"))
