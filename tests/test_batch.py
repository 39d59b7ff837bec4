"""Batch conversion: a folder at a time, resumable, failures listed, tables for people and systems."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from .conftest import CORPUS, ROOT

NAMES = ["001_42ff27236c2e870f.txt", "003_xinxiang_county_inline.txt", "010_puyang_gbk.txt"]


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "in"
    (folder / "county").mkdir(parents=True)
    shutil.copy(CORPUS / NAMES[0], folder / NAMES[0])
    shutil.copy(CORPUS / NAMES[1], folder / "county" / NAMES[1])
    shutil.copy(CORPUS / NAMES[2], folder / NAMES[2])
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / ".hidden.txt").write_text("ignored", encoding="utf-8")
    return folder


def test_batch_converts_a_folder_and_lists_failures(inbox, tmp_path, run_cli):
    out = tmp_path / "out"
    result = run_cli("batch", inbox, "-o", out, "--jobs", "2")
    assert result.returncode == 1, result.stderr
    outputs = sorted(str(path.relative_to(out)) for path in out.rglob("*.json"))
    assert outputs == sorted([f"{NAMES[0]}.json", f"county/{NAMES[1]}.json", f"{NAMES[2]}.json"])
    single = json.loads(run_cli("extract", CORPUS / NAMES[0]).stdout)
    assert json.loads((out / f"{NAMES[0]}.json").read_text(encoding="utf-8")) == single
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors == [{"file": "broken.txt", "reason": "binary data (control bytes), not a text notice"}]
    assert "3 converted, 0 already current, 1 failed of 4 files" in result.stderr
    assert "[4/4]" in result.stderr  # not a terminal: plain log lines


def test_batch_exit_zero_when_all_convert(inbox, tmp_path, run_cli):
    (inbox / "broken.txt").unlink()
    result = run_cli("batch", inbox, "-o", tmp_path / "out")
    assert result.returncode == 0
    assert (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8") == ""


def test_batch_usage_errors_exit_two(tmp_path, run_cli):
    assert run_cli("batch", tmp_path / "missing", "-o", tmp_path / "out").returncode == 2
    assert run_cli("batch", tmp_path, "-o", tmp_path / "out", "--format", "pdf").returncode == 2
    assert run_cli("batch", tmp_path, "-o", tmp_path / "out", "--jobs", "0").returncode == 2


def test_resume_skips_current_outputs(inbox, tmp_path, run_cli):
    out = tmp_path / "out"
    run_cli("batch", inbox, "-o", out)
    before = {path: path.stat().st_mtime_ns for path in out.rglob("*.json")}
    (inbox / NAMES[2]).write_bytes((CORPUS / NAMES[0]).read_bytes())  # one source changed
    result = run_cli("batch", inbox, "-o", out, "--resume")
    assert "1 converted, 2 already current, 1 failed" in result.stderr
    after = {path: path.stat().st_mtime_ns for path in out.rglob("*.json")}
    changed = [path.name for path in before if before[path] != after[path]]
    assert changed == [f"{NAMES[2]}.json"]


def test_interrupted_batch_resumes_to_the_same_outputs(tmp_path, run_cli):
    inbox = tmp_path / "many"
    inbox.mkdir()
    sources = sorted(path for path in CORPUS.iterdir() if path.is_file())
    for copy in range(4):
        for source in sources:
            shutil.copy(source, inbox / f"{copy}_{source.name}")
    total = len(list(inbox.iterdir()))
    reference = tmp_path / "reference"
    run_cli("batch", inbox, "-o", reference, "--jobs", "2")
    interrupted = tmp_path / "interrupted"
    process = subprocess.Popen([sys.executable, "-m", "extractor", "batch", str(inbox), "-o", str(interrupted),
                                "--jobs", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(interrupted.rglob("*.json"))) < 5:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done = list(interrupted.rglob("*.json"))
    assert 5 <= len(done) < total, "the batch must be killed midway"
    for path in done:
        json.loads(path.read_text(encoding="utf-8"))  # every file written is whole
    result = run_cli("batch", inbox, "-o", interrupted, "--resume", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert f"{total - len(done)} converted, {len(done)} already current" in result.stderr
    final = {path.relative_to(interrupted): path.read_bytes() for path in interrupted.rglob("*") if path.is_file()}
    expected = {path.relative_to(reference): path.read_bytes() for path in reference.rglob("*") if path.is_file()}
    assert final == expected


def test_batch_formats_and_table_command(inbox, tmp_path, run_cli):
    out = tmp_path / "out"
    run_cli("batch", inbox, "-o", out, "--format", "csv")
    data = (out / "targets.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    documents = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(out.rglob("*.json"))]
    assert len(rows) == sum(len(item["targets"]) for document in documents for item in document["items"])
    row = next(row for row in rows if row["raw_text"] == "7300人以上")
    assert (row["item_id"], row["metric"], row["value"], row["unit"], row["comparator"], row["role"],
            row["lead_unit"], row["responsible_units"], row["region"], row["year"]) == (
        "3.2", "基层卫生技术人员在线培训", "7300", "人", ">=", "target", "市卫生健康委", "市卫生健康委、各县区", "开封市", "2024")
    run_cli("batch", inbox, "-o", out, "--format", "jsonl", "--resume")
    lines = (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(json.loads(line)["schema_version"] == 1 for line in lines)
    table = tmp_path / "ledger.xlsx"
    result = run_cli("table", out, "-o", table)
    assert result.returncode == 0, result.stderr
    from openpyxl import load_workbook

    workbook = load_workbook(table)
    sheet = workbook["目标任务"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["来源文件", "文件标题", "地区"] and headers[-13:] == [f"{m}月" for m in range(1, 13)] + ["完成情况"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert sheet.max_row - 1 == len(rows)
    assert len(workbook.sheetnames) == 1
    assert sheet.column_dimensions["B"].width == 40
    assert run_cli("table", out, "-o", table, "--sheet-per-document").returncode == 0
    assert len(load_workbook(table).sheetnames) == 1 + len(documents)
    assert run_cli("table", out, "-o", tmp_path / "ledger.pdf").returncode == 2


def test_progress_bar_on_a_terminal(inbox, tmp_path, capsys):
    """On a terminal the batch shows a bar with done/total and rate instead of log lines."""
    from extractor.commands import batch

    (inbox / "broken.txt").unlink()
    result = batch.run(inbox, tmp_path / "out", jobs=1, progress=True)
    assert result.converted == 3
    err = capsys.readouterr().err
    assert "3/3" in err and "notice/s" in err and "[1/3]" not in err
