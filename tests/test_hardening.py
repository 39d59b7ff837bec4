"""Hardening: every input and output path ends in one clear line, and nothing is lost.

One test (or a few) per numbered point of the hardening issue; each failed before its fix.
"""

from __future__ import annotations

import io
import json
import os
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
    command = [sys.executable, "-m", "extractor", "extract", "-", "--max-mb", "1"]
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
    result = subprocess.run([sys.executable, "-m", "extractor", "extract", "-"], input=SEED.read_bytes(),
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
    line = "某县2024年民生实事：" + "新建学校，" * 60  # too long for a file name, and no task list
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


# 5. Several inputs into one folder never overwrite each other.

def test_outputs_of_several_inputs_are_named_like_batch(tmp_path, run_cli):
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b.txt").write_bytes((CORPUS / "003_xinxiang_county_inline.txt").read_bytes())
    out = tmp_path / "out"
    result = run_cli("extract", tmp_path / "a.txt", tmp_path / "b.txt", "-o", out)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in out.iterdir()) == ["a.txt.json", "b.txt.json"]


def test_two_inputs_with_one_name_are_refused_before_anything_is_written(tmp_path, run_cli):
    (tmp_path / "sub").mkdir()
    for path in (tmp_path / "a.txt", tmp_path / "sub" / "a.txt"):
        path.write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    result = run_cli("extract", tmp_path / "a.txt", tmp_path / "sub" / "a.txt", "-o", out)
    assert result.returncode == 2
    assert "a.txt.json" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


# 8. One naming everywhere, and eval refuses predictions that pair up with nothing.

def test_eval_scores_what_extract_wrote(tmp_path, run_cli):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / f"{SEED.name}.json").write_bytes((ROOT / "golden" / f"{SEED.name}.json").read_bytes())
    run_cli("extract", SEED, CORPUS / "003_xinxiang_county_inline.txt", "-o", tmp_path / "pred")
    result = run_cli("eval", gold, tmp_path / "pred")
    assert result.returncode == 0 and "1.000" in result.stdout


def test_eval_refuses_when_no_file_pairs_up(tmp_path, run_cli):
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred").mkdir()
    (tmp_path / "gold" / "x.txt.json").write_text("{}", encoding="utf-8")
    (tmp_path / "pred" / "x.json").write_text("{}", encoding="utf-8")
    result = run_cli("eval", tmp_path / "gold", tmp_path / "pred")
    assert result.returncode == 2 and "pairs up" in result.stderr


# 11. Output that cannot be written is one line.

def test_output_under_a_file(tmp_path, run_cli):
    """A place no one can write to, root included: a folder path through a regular file."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("extract", SEED, "-o", blocker / "x.json")
    assert result.returncode == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["extract", SEED, "-o", "/proc/x.json"], ["review", SEED, "-o", "/proc/x.html"]])
def test_output_where_nothing_can_be_written(run_cli, command):
    result = run_cli(*command)
    assert result.returncode == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_table_where_nothing_can_be_written(tmp_path, run_cli):
    run_cli("extract", SEED, "-o", tmp_path / "out" / f"{SEED.name}.json")
    result = run_cli("table", tmp_path / "out", "-o", "/proc/x.csv")
    assert result.returncode == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_one_input_into_an_existing_folder(tmp_path, run_cli):
    result = run_cli("extract", SEED, "-o", tmp_path)
    assert result.returncode == 0
    assert (tmp_path / f"{SEED.name}.json").is_file()


def test_batch_onto_an_existing_file(tmp_path, run_cli):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "out").write_text("x", encoding="utf-8")
    result = run_cli("batch", tmp_path / "in", "-o", tmp_path / "out")
    assert result.returncode == 2 and "not a folder" in result.stderr and "Traceback" not in result.stderr


# 14. A closed pipe ends the output quietly.

def test_closed_pipe_is_no_traceback():
    command = f"{sys.executable} -m extractor extract {CORPUS}/0*.txt | head -c 10"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=ROOT)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


# 15. Limits are numbers, and a trailing / names a folder.

@pytest.mark.parametrize("limit", ["nan", "inf", "-1", "0", "x"])
def test_max_mb_must_be_a_finite_positive_number(run_cli, limit):
    result = run_cli("extract", SEED, "--max-mb", limit)
    assert result.returncode == 2 and "--max-mb" in result.stderr and "Traceback" not in result.stderr


def test_output_with_a_trailing_slash_is_a_folder(tmp_path, run_cli):
    result = run_cli("extract", SEED, "-o", f"{tmp_path}/newdir/")
    assert result.returncode == 0
    assert (tmp_path / "newdir" / f"{SEED.name}.json").is_file()


# 6. A document that fails on a rerun leaves no stale output, and tables hold current outputs only.

def test_failed_rerun_removes_the_old_output_and_its_rows(tmp_path, run_cli):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(SEED.read_bytes())
    (inbox / "b.txt").write_bytes((CORPUS / "003_xinxiang_county_inline.txt").read_bytes())
    assert run_cli("batch", inbox, "-o", out, "--format", "csv").returncode == 0
    (inbox / "a.txt").write_bytes(b"")  # a.txt is broken now
    result = run_cli("batch", inbox, "-o", out, "--format", "csv")
    assert result.returncode == 1
    assert not (out / "a.txt.json").exists()
    assert "a.txt" not in (out / "targets.csv").read_text(encoding="utf-8-sig").split("\n", 1)[1]
    table = run_cli("table", out, "-o", tmp_path / "t.csv")
    assert table.returncode == 0 and "a.txt" not in (tmp_path / "t.csv").read_text(encoding="utf-8-sig")


def test_failed_extract_removes_the_old_output(tmp_path, run_cli):
    source = tmp_path / "a.txt"
    source.write_bytes(SEED.read_bytes())
    assert run_cli("extract", source, "-o", f"{tmp_path}/out/").returncode == 0
    source.write_bytes(b"")
    assert run_cli("extract", source, "-o", f"{tmp_path}/out/").returncode == 1
    assert not (tmp_path / "out" / "a.txt.json").exists()


# 7. XLSX cells are text, sheet names follow Excel's rules, large amounts are numbers.

def test_xlsx_cells_are_never_formulas_and_amounts_are_numbers(tmp_path):
    from openpyxl import load_workbook

    from extractor.output.spreadsheet import write_xlsx

    document = json.loads((ROOT / "golden" / f"{SEED.name}.json").read_text(encoding="utf-8"))
    document["items"][0]["title"] = "=HYPERLINK(\"http://x\",\"y\")"
    document["items"][0]["targets"][0]["metric"] = "+1"
    document["items"][0]["targets"][1]["metric"] = "@SUM(A1)"
    document["items"][0]["targets"][0]["value"] = 170000000000
    document["source"]["name"] = "History.txt"
    second = json.loads(json.dumps(document))
    second["source"]["name"] = "'[a]:b*c?d/e\\f" + "长" * 40 + ".txt"
    write_xlsx([document, second], tmp_path / "t.xlsx", sheet_per_document=True)
    workbook = load_workbook(tmp_path / "t.xlsx")
    sheet = workbook["目标任务"]
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    types = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row}
    assert "=HYPERLINK(\"http://x\",\"y\")" in values and types["=HYPERLINK(\"http://x\",\"y\")"] == "s"
    assert types["+1"] == "s" and types["@SUM(A1)"] == "s"
    amount = next(cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == 170000000000)
    assert amount.data_type == "n" and "E" not in amount.number_format
    for name in workbook.sheetnames:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\") and name.lower() != "history"
        assert not name.startswith("'") and not name.endswith("'")


# 9. Two batches into one folder: the second is refused, and nobody's temporary files are taken.

def test_second_batch_into_the_same_folder_is_refused(tmp_path, run_cli):
    from extractor.commands.batch import output_lock

    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(SEED.read_bytes())
    out.mkdir()
    with output_lock(out):
        result = run_cli("batch", inbox, "-o", out)
    assert result.returncode == 2 and "another" in result.stderr and "Traceback" not in result.stderr
    assert run_cli("batch", inbox, "-o", out).returncode == 0


def test_temporary_files_of_a_live_process_are_kept(tmp_path, run_cli):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(SEED.read_bytes())
    out.mkdir()
    alive = out / f".x.json.{os.getppid()}.abc.tmp"  # the test runner's parent is alive
    dead = out / ".y.json.999999999.abc.tmp"
    alive.write_text("x")
    dead.write_text("x")
    assert run_cli("batch", inbox, "-o", out).returncode == 0
    assert alive.exists() and not dead.exists()


# 10. Outputs respect the umask.

def test_outputs_respect_the_umask(tmp_path):
    from extractor.base.files import write_atomically

    previous = os.umask(0o022)
    try:
        write_atomically(tmp_path / "x.json", "{}")
    finally:
        os.umask(previous)
    assert (tmp_path / "x.json").stat().st_mode & 0o777 == 0o644


# 12. --resume with a source that can no longer be read lists it as failed and goes on.

def test_resume_with_a_source_that_cannot_be_read(tmp_path, run_cli):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(SEED.read_bytes())
    (inbox / "b.txt").write_bytes((CORPUS / "003_xinxiang_county_inline.txt").read_bytes())
    assert run_cli("batch", inbox, "-o", out).returncode == 0
    (inbox / "a.txt").unlink()
    (inbox / "a.txt").symlink_to(inbox / "a.txt")  # a symlink loop: no reading it, root or not
    result = run_cli("batch", inbox, "-o", out, "--resume")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [error["file"] for error in errors] == ["a.txt"]
    assert (out / "b.txt.json").exists()


# 16. golden and check on the corpus of the folder they run in, and one line for a file outside it.

def test_golden_for_a_file_outside_the_corpus(tmp_path, run_cli):
    stray = tmp_path / "stray.txt"
    stray.write_bytes(SEED.read_bytes())
    result = run_cli("golden", stray)
    assert result.returncode == 2 and "not in the corpus" in result.stderr and "Traceback" not in result.stderr


def test_check_runs_on_the_corpus_of_the_current_folder(tmp_path, run_cli):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "golden").mkdir()
    (tmp_path / "corpus" / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "golden" / "a.txt.json").write_bytes((ROOT / "golden" / f"{SEED.name}.json").read_bytes()
                                                     .replace(SEED.name.encode(), b"a.txt"))
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0 and "1 of 1" in result.stdout


# 17. Inputs that cannot be listed or read are listed in errors.jsonl, never skipped silently.

def test_symlink_loop_and_broken_link_are_listed(tmp_path, run_cli):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(SEED.read_bytes())
    (inbox / "loop").symlink_to(inbox / "loop")
    (inbox / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = run_cli("batch", inbox, "-o", out)
    assert result.returncode == 1
    listed = {json.loads(line)["file"] for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()}
    assert listed == {"loop", "gone.txt"}
    assert (out / "a.txt.json").exists()


# 13. A signal stops a batch and all its workers, in one line.

def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.parametrize("signal_number, code", [(15, 143), (2, 130)])
def test_signal_stops_the_batch_and_its_workers(tmp_path, signal_number, code):
    import signal as signals
    import time

    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    for number in range(400):
        (inbox / f"{number:03}.txt").write_bytes(SEED.read_bytes())
    process = subprocess.Popen([sys.executable, "-m", "extractor", "batch", inbox, "-o", out, "--jobs", "2"],
                               stderr=subprocess.PIPE, text=True, cwd=ROOT)
    lines = []
    for line in process.stderr:  # wait until the batch runs
        lines.append(line)
        if line.startswith("[2/"):
            break
    workers = _children(process.pid)
    assert workers, "the batch runs in worker processes"
    process.send_signal(signals.Signals(signal_number))
    rest = process.stderr.read()
    assert process.wait(timeout=60) == code
    message = [line for line in rest.splitlines() if not line.startswith("[")]
    assert len(message) == 1 and "stopped by" in message[0] and "Traceback" not in rest
    deadline = time.monotonic() + 10
    while workers & {int(name) for name in os.listdir("/proc") if name.isdigit()} and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = workers & {int(name) for name in os.listdir("/proc") if name.isdigit()}
    assert not alive, "no worker outlives the batch"
    for output in out.glob("*.json"):
        json.loads(output.read_text(encoding="utf-8"))  # every output written is whole


# Friction: make demo prints a summary per notice, not thousands of lines of JSON.

def test_summary_of_a_batch_folder(tmp_path, run_cli):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(SEED.read_bytes())
    (inbox / "empty.txt").write_bytes(b"")
    run_cli("batch", inbox, "-o", out)
    result = run_cli("summary", out)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("a.txt.json: 14 items, 30 targets")
    assert lines[1].strip() == "1 职业技能培训 = 100000 人次 (target)"
    assert any(line.startswith("empty.txt: refused — empty file") for line in lines)
    assert len(lines) == 5


def test_several_documents_on_standard_output_are_json_lines(run_cli):
    result = run_cli("extract", SEED, CORPUS / "003_xinxiang_county_inline.txt")
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and [json.loads(line)["source"]["name"] for line in lines] == [
        SEED.name, "003_xinxiang_county_inline.txt"]
