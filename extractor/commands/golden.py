"""Golden files: the reviewed expected output of every corpus document, and the diff against them."""

from __future__ import annotations

import concurrent.futures
import json
import tomllib
import os
import sys
from pathlib import Path

from ..base.errors import NoticeError
from ..base.files import write_atomically
from ..output import dumps
from ..pipeline import extract_path

_ROOT = Path(__file__).resolve().parents[2]


def default_folder(name: str) -> Path:
    """corpus/ or golden/ of the folder the command runs in, else of the source checkout."""
    here = Path.cwd() / name
    return here if here.is_dir() or not (_ROOT / name).is_dir() else _ROOT / name


CORPUS = default_folder("corpus")
GOLDEN = default_folder("golden")
_ITEM_FIELDS = ("section", "path", "title", "text", "span", "responsible_units", "lead_units")
_TARGET_FIELDS = ("metric", "value", "value_max", "unit", "comparator", "role", "raw", "span", "rule")


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(path for path in corpus.rglob("*") if path.is_file() and not path.name.startswith("."))


def golden_path(source: Path, corpus: Path, golden: Path) -> Path:
    return golden / (str(source.relative_to(corpus)) + ".json")


def differences(expected: dict, got: dict) -> list[tuple[str, str, object, object]]:
    """(item id, field, expected, got) for every difference, document fields first."""
    found = []
    for field in sorted(set(expected.get("document", {})) | set(got.get("document", {}))):
        want, have = expected.get("document", {}).get(field), got.get("document", {}).get(field)
        if want != have:
            found.append(("document", field, want, have))
    if expected.get("sections") != got.get("sections"):
        found.append(("document", "sections", expected.get("sections"), got.get("sections")))
    expected_items = {item["id"]: item for item in expected.get("items", [])}
    got_items = {item["id"]: item for item in got.get("items", [])}
    for item_id in expected_items.keys() | got_items.keys():
        if item_id not in got_items:
            found.append((item_id, "item", "present", "missing"))
            continue
        if item_id not in expected_items:
            found.append((item_id, "item", "absent", "extra"))
            continue
        want, have = expected_items[item_id], got_items[item_id]
        for field in _ITEM_FIELDS:
            if want.get(field) != have.get(field):
                found.append((item_id, field, want.get(field), have.get(field)))
        want_targets, have_targets = want.get("targets", []), have.get("targets", [])
        for number in range(max(len(want_targets), len(have_targets))):
            if number >= len(have_targets):
                found.append((item_id, f"targets[{number}]", want_targets[number].get("raw"), "missing"))
            elif number >= len(want_targets):
                found.append((item_id, f"targets[{number}]", "absent", have_targets[number].get("raw")))
            else:
                for field in _TARGET_FIELDS:
                    if want_targets[number].get(field) != have_targets[number].get(field):
                        found.append((item_id, f"targets[{number}].{field}",
                                      want_targets[number].get(field), have_targets[number].get(field)))
    order = {item_id: number for number, item_id in enumerate(list(expected_items) + list(got_items))}
    return sorted(found, key=lambda row: (row[0] != "document", order.get(row[0], 0)))


def check(corpus: Path = CORPUS, golden: Path = GOLDEN) -> int:
    files = corpus_files(corpus)
    if not files:
        print(f"notice-extract: no corpus files under {corpus}", file=sys.stderr)
        return 2
    failing = 0
    extracted = {}
    # Extracted on every core (a scanned notice costs seconds of OCR), compared in corpus order.
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(len(files), os.cpu_count() or 1)) as pool:
        extractions = pool.map(_extraction, files)
        for source, got in zip(files, extractions):
            failing += _compare(source, got, corpus, golden)
            extracted[source] = got
    print(f"check: {len(files) - failing} of {len(files)} corpus files match their golden files")
    families = link_families(golden)
    failing_families = sum(_compare_links(family, _family_links(family, corpus, extracted), golden) for family in families)
    if families:
        print(f"check: {len(families) - failing_families} of {len(families)} linked families match their golden links")
    return 1 if failing or failing_families else 0


def link_families(golden: Path = GOLDEN) -> list[dict]:
    """golden/links/families.toml: groups of corpus notices whose links are pinned, each with its
    golden links file (one JSON record a line, as `link` writes them)."""
    manifest = golden / "links" / "families.toml"
    if not manifest.is_file():
        return []
    with manifest.open("rb") as handle:
        return tomllib.load(handle)["family"]


def _family_links(family: dict, corpus: Path, extracted: dict[Path, dict] | None = None) -> list[str]:
    from ..link import link_documents

    sources = [path for pattern in family["inputs"] for path in sorted(corpus.glob(pattern)) if path.is_file()]
    documents = []
    for source in sources:
        document = (extracted or {}).get(source) or _extraction(source)
        if "error" not in document:
            documents.append(document)
    return [json.dumps(record, ensure_ascii=False) for record in link_documents(documents)]


def _compare_links(family: dict, got: list[str], golden: Path) -> bool:
    """Print the links missing from or added to the family's golden links; whether there are any."""
    expected_path = golden / "links" / family["links"]
    expected = expected_path.read_text(encoding="utf-8").splitlines() if expected_path.is_file() else []
    name = f"links/{family['links']}"
    missing = [line for line in expected if line not in set(got)]
    extra = [line for line in got if line not in set(expected)]
    for line in missing:
        print(f"{name}	-	link	expected {line}	got nothing")
    for line in extra:
        print(f"{name}	-	link	expected nothing	got {line}")
    return bool(missing or extra)


def _extraction(source: Path) -> dict:
    try:
        return extract_path(source)
    except NoticeError as error:
        return {"error": error.reason}


def _compare(source: Path, got: dict, corpus: Path, golden: Path) -> bool:
    """Print the differences of one corpus file from its golden file; whether there are any."""
    expected_path = golden_path(source, corpus, golden)
    name = source.relative_to(corpus)
    if not expected_path.exists():
        print(f"{name}\t-\tgolden file\t{expected_path} missing\t-")
        return True
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    if "error" in expected or "error" in got:
        rows = [] if expected.get("error") == got.get("error") else [("document", "error", expected.get("error"), got.get("error"))]
    else:
        rows = differences(expected, got)
    for item_id, field, want, have in rows:
        print(f"{name}\t{item_id}\t{field}\texpected {_show(want)}\tgot {_show(have)}")
    return bool(rows)


def _show(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def rewrite(files: list[Path], corpus: Path = CORPUS, golden: Path = GOLDEN) -> int:
    """Write golden files anew. Only after reading the diff of `check` and agreeing with it."""
    sources = [path.resolve() for path in files] if files else corpus_files(corpus)
    corpus = corpus.resolve()
    outside = [source for source in sources if not source.is_relative_to(corpus)]
    if outside:
        print(f"notice-extract: {outside[0]}: not in the corpus {corpus} (give --corpus DIR)", file=sys.stderr)
        return 2
    for source in sources:
        try:
            content = dumps(extract_path(source))
        except NoticeError as error:
            content = dumps({"error": error.reason})
        target = golden_path(source, corpus, golden)
        write_atomically(target, content)
        print(f"wrote {target}")
    if not files:
        for family in link_families(golden):
            target = golden / "links" / family["links"]
            write_atomically(target, "".join(line + "\n" for line in _family_links(family, corpus)))
            print(f"wrote {target}")
    return 0
