"""The command as a user runs it: extract, --text, -o, check, golden, eval."""

from __future__ import annotations

import json
import shutil

from .conftest import CORPUS, GOLDEN

SEED = CORPUS / "001_42ff27236c2e870f.txt"


def test_extract_prints_contract_json(run_cli):
    result = run_cli("extract", SEED)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document == json.loads((GOLDEN / "001_42ff27236c2e870f.txt.json").read_text(encoding="utf-8"))


def test_extract_is_deterministic(run_cli):
    assert run_cli("extract", SEED).stdout == run_cli("extract", SEED).stdout


def test_extract_text_prints_what_spans_point_into(run_cli):
    text = run_cli("extract", "--text", SEED).stdout
    document = json.loads(run_cli("extract", SEED).stdout)
    target = document["items"][0]["targets"][0]
    assert text[target["span"][0]:target["span"][1]] == target["raw"]


def test_extract_writes_output_file(tmp_path, run_cli):
    out = tmp_path / "sub" / "seed.json"
    result = run_cli("extract", SEED, "-o", out)
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["document"]["doc_number"] == "汴政办〔2024〕9号"


def _copy_tree(tmp_path):
    corpus, golden = tmp_path / "corpus", tmp_path / "golden"
    corpus.mkdir()
    golden.mkdir()
    for name in ("001_42ff27236c2e870f.txt", "003_xinxiang_county_inline.txt"):
        shutil.copy(CORPUS / name, corpus / name)
        shutil.copy(GOLDEN / f"{name}.json", golden / f"{name}.json")
    return corpus, golden


def test_check_is_green_on_reviewed_golden_files(tmp_path, run_cli):
    corpus, golden = _copy_tree(tmp_path)
    result = run_cli("check", "--corpus", corpus, "--golden", golden)
    assert result.returncode == 0, result.stdout
    assert "2 of 2" in result.stdout


def test_check_prints_field_level_diff(tmp_path, run_cli):
    corpus, golden = _copy_tree(tmp_path)
    path = golden / "001_42ff27236c2e870f.txt.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["items"][3]["targets"][0]["value"] = 7301
    document["items"][0]["responsible_units"] = ["市人社局"]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run_cli("check", "--corpus", corpus, "--golden", golden)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any("3.2\ttargets[0].value\texpected 7301\tgot 7300" in line for line in lines)
    assert any("\t1\tresponsible_units\t" in line for line in lines)
    assert "1 of 2" in result.stdout


def test_golden_rewrites_after_review(tmp_path, run_cli):
    corpus, golden = _copy_tree(tmp_path)
    (golden / "003_xinxiang_county_inline.txt.json").unlink()
    assert run_cli("check", "--corpus", corpus, "--golden", golden).returncode == 1
    assert run_cli("golden", corpus / "003_xinxiang_county_inline.txt", "--corpus", corpus,
                   "--golden", golden).returncode == 0
    assert run_cli("check", "--corpus", corpus, "--golden", golden).returncode == 0


def test_eval_scores_predictions(tmp_path, run_cli):
    gold, predicted = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    predicted.mkdir()
    document = json.loads((GOLDEN / "001_42ff27236c2e870f.txt.json").read_text(encoding="utf-8"))
    (gold / "a.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    perfect = run_cli("eval", gold, gold)
    assert perfect.returncode == 0
    assert all(line.split()[3] == "1.000" for line in perfect.stdout.splitlines()[1:])
    # Drop one item and change one target's unit: recall of items and targets falls.
    document["items"].pop()
    document["items"][0]["targets"][0]["unit"] = "个"
    (predicted / "a.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    scores = {line.split()[0]: line.split()[1:] for line in run_cli("eval", gold, predicted).stdout.splitlines()[1:]}
    assert scores["items"][:2] == ["1.000", "0.929"]  # 13 of 14 items
    assert float(scores["targets"][1]) == round(26 / 30, 3)  # 10.3 held 3 targets, one unit changed
    assert float(scores["document"][0]) == 1.0


def test_eval_on_missing_folder_is_a_clean_error(tmp_path, run_cli):
    result = run_cli("eval", tmp_path / "nope", tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
