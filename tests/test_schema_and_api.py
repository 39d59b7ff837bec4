"""The JSON Schema shipped in the package, and the library API."""

from __future__ import annotations

import json

import jsonschema
import pytest

import extractor
from extractor import NoticeError, extract, extract_file
from extractor.commands.golden import corpus_files

from .conftest import CORPUS, GOLDEN

SEED = CORPUS / "001_42ff27236c2e870f.txt"


@pytest.fixture(scope="module")
def validator(tmp_path_factory):
    from importlib import resources

    schema = json.loads(resources.files("extractor.output").joinpath("schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_schema_command_prints_the_schema(run_cli):
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.json")), ids=lambda path: path.name)
def test_every_golden_file_validates(golden, validator):
    validator.validate(json.loads(golden.read_text(encoding="utf-8")))


def test_batch_outputs_validate(tmp_path, run_cli, validator):
    run_cli("batch", CORPUS, "-o", tmp_path)
    outputs = list(tmp_path.rglob("*.json"))
    assert len(outputs) == len(corpus_files(CORPUS))
    for path in outputs:
        validator.validate(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("break_it", [
    lambda d: d["items"][0]["targets"][0].update(comparator="≥"),
    lambda d: d["items"][0]["targets"][0].update(value="7300"),
    lambda d: d["items"][0]["targets"][0].update(value_max=8000),
    lambda d: d["document"].update(date="2024/04/10"),
    lambda d: d["items"][0].pop("responsible_units"),
    lambda d: d.update(schema_version=2),
])
def test_schema_rejects_broken_documents(break_it, validator):
    document = json.loads((GOLDEN / "001_42ff27236c2e870f.txt.json").read_text(encoding="utf-8"))
    break_it(document)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(document)


def test_extract_from_path_bytes_and_text_agree(run_cli):
    from_path = extract(SEED)
    from_str_path = extract_file(str(SEED))
    from_bytes = extract(SEED.read_bytes(), name=SEED.name)
    from_text = extract(SEED.read_text(encoding="utf-8"), name=SEED.name)
    cli = json.loads(run_cli("extract", SEED).stdout)
    assert from_path.to_dict() == from_str_path.to_dict() == from_bytes.to_dict() == cli
    assert from_text.items == cli["items"]
    assert from_path.text[from_path.items[0]["span"][0]:from_path.items[0]["span"][1]] == from_path.items[0]["text"]


def test_notice_targets_are_flat_rows():
    notice = extract(SEED)
    rows = notice.targets()
    assert len(rows) == 30
    assert rows[0] == {
        "source": SEED.name, "title": notice.document["title"], "region": "开封市", "year": 2024,
        "item_id": "1", "item_title": "开展职业技能培训和评价取证", "metric": "职业技能培训", "value": 100000,
        "value_max": "", "unit": "人次", "comparator": "=", "role": "target", "lead_unit": "市人力资源社会保障局",
        "responsible_units": "市人力资源社会保障局、各县区", "raw": "10万人次"}
    copy = notice.to_dict()
    copy["items"].clear()
    assert notice.items, "to_dict returns a copy"
    assert "Notice(" in repr(notice) and extractor.__version__


def test_extract_raises_notice_error():
    with pytest.raises(NoticeError, match="empty file"):
        extract(b"")
