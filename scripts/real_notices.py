"""Extract every real notice of ../shared/real-notices/docs in one process and score it with that
folder's own score.py: the per-document table, the totals and each refusal's message.

    python scripts/real_notices.py [--notices DIR] [--out DIR] [--json] [--raise-floors]

--raise-floors lifts each notice's floor in tests/real_notice_floors.toml (the ratchet of
tests/test_real_notices.py) to what it scores now; a floor never goes down here: lowering one is a
hand edit whose reason goes in the commit message.

The notices and their scorer are read where they lie (never copied into the repository); the outputs
go to a temporary folder unless --out names one.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import NoticeError, extract_file  # noqa: E402

DEFAULT_NOTICES = ROOT.parent / "shared" / "real-notices"
FLOORS = ROOT / "tests" / "real_notice_floors.toml"
RATCHETED = ("target_f1", "item_f1")
COLUMNS = ["target_f1", "strict_f1", "quantity_f1", "item_f1", "units_acc", "doc_acc"]


def notices_folder(folder: str | os.PathLike | None = None) -> Path:
    return Path(folder or os.environ.get("REAL_NOTICES") or DEFAULT_NOTICES)


def load_scorer(folder: Path):
    """The folder's score.py as a module, loaded from where it lies."""
    spec = importlib.util.spec_from_file_location("real_notice_score", folder / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract_all(folder: Path, out: Path) -> dict[str, str]:
    """Writes out/hNN.json for each notice; returns the refusals, document → message."""
    refusals = {}
    for path in sorted((folder / "docs").glob("*.txt")):
        try:
            notice = extract_file(path)
        except NoticeError as error:
            refusals[path.stem] = str(error)
            continue
        (out / f"{path.stem}.json").write_text(json.dumps(notice.to_dict(), ensure_ascii=False), encoding="utf-8")
    return refusals


def score(folder: Path, out: Path) -> dict:
    """The scorer's totals and per-document figures, as its --json prints them."""
    scorer = load_scorer(folder)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        scorer.main(["score.py", str(folder / "gold"), str(out), "--json"])
    return json.loads(printed.getvalue())


def run(folder: Path, out: Path | None = None) -> tuple[dict, dict[str, str]]:
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        refusals = extract_all(folder, out)
        return score(folder, out), refusals
    with tempfile.TemporaryDirectory(prefix="real-notices-") as temporary:
        refusals = extract_all(folder, Path(temporary))
        return score(folder, Path(temporary)), refusals


def read_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def raise_floors(scores: dict, path: Path = FLOORS) -> int:
    """Each floor lifted to today's figure (rounded down to three places); returns how many rose."""
    floors = read_floors(path)
    raised = 0
    for name, figures in scores["docs"].items():
        for measure in RATCHETED:
            now = int((figures[measure] or 0) * 1000) / 1000
            if now > floors.setdefault(name, {}).get(measure, 0):
                floors[name][measure] = now
                raised += 1
    lines = ["# Per real notice, the target F1 and item F1 it must keep (tests/test_real_notices.py).",
             "# Floors only go up (scripts/real_notices.py --raise-floors); lowering one needs its",
             "# reason in the commit message.", ""]
    for name in sorted(floors):
        values = ", ".join(f"{measure} = {floors[name].get(measure, 0):.3f}" for measure in RATCHETED)
        lines.append(f"{name} = {{ {values} }}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return raised


def _figure(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", help="the real-notices folder (default ../shared/real-notices)")
    parser.add_argument("--out", help="keep the outputs in this folder")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--raise-floors", action="store_true", help="lift the ratchet's floors to today's figures")
    arguments = parser.parse_args(argv)
    folder = notices_folder(arguments.notices)
    if not (folder / "score.py").is_file():
        print(f"real-notices: {folder}: no score.py there (set --notices or REAL_NOTICES)", file=sys.stderr)
        return 2
    scores, refusals = run(folder, Path(arguments.out) if arguments.out else None)
    if arguments.raise_floors:
        print(f"real-notices: {raise_floors(scores)} floors raised in {FLOORS.relative_to(ROOT)}")
    if arguments.json:
        print(json.dumps({**scores, "refusals": refusals}, ensure_ascii=False, indent=1))
        return 0
    print("doc    " + " ".join(column[:9].rjust(9) for column in COLUMNS))
    for name, figures in scores["docs"].items():
        mark = "  refused" if name in refusals else ""
        print(f"{name:6} " + " ".join(_figure(figures[column]).rjust(9) for column in COLUMNS) + mark)
    total = scores["total"]
    print("TOTAL  " + " ".join(_figure(total[column]).rjust(9) for column in COLUMNS))
    below = sum(1 for figures in scores["docs"].values() if (figures["target_f1"] or 0) < 0.5)
    right = sum(1 for figures in scores["docs"].values() if (figures["target_f1"] or 0) >= 0.9)
    print(f"{len(scores['docs'])} notices: {right} right (target F1 ≥ 0.9), {below} below 0.5, "
          f"{len(refusals)} refused")
    for name, message in refusals.items():
        print(f"  refused {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
