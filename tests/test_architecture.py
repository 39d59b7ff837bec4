"""The tree is the pipeline: extractor/ holds one package per stage, the shared base, the composition
and the commands, and imports follow the data one way.

- a stage imports earlier stages and the base, never a later stage;
- the base imports no stage (only the base);
- output (and link, which reads outputs) reads the model only: the base, no stage;
- the composition (pipeline, api) puts the stages together and may import any stage;
- commands may use everything, and nothing outside the commands uses them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"
STAGES = ["read", "normalise", "layout", "outline", "quantities", "output", "link"]
BASE = "base"
COMPOSITION = {"pipeline", "api", "__init__", "__main__"}
COMMANDS = "commands"
READS_THE_MODEL_ONLY = {"output", "link"}
PARTS = {*STAGES, BASE, *COMPOSITION, COMMANDS}


def unit_of(relative: Path) -> str:
    """The part of extractor/ a file belongs to: its package, or the module's own name at the top."""
    return relative.parts[0].removesuffix(".py")


def imported_units(relative: Path, source: str) -> set[str]:
    """The parts of extractor/ that a file imports, relative imports resolved from its package."""
    package = ["extractor", *relative.parent.parts]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "extractor":
                module = node.module.split(".")
            else:
                continue
            if len(module) > 1:
                found.add(module[1])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "extractor" and len(parts) > 1:
                    found.add(parts[1])
    return found


def violations(relative: Path, source: str) -> list[str]:
    """What a file imports against the rule, in words; empty when it follows it."""
    own = unit_of(relative)
    imported = imported_units(relative, source) - {own}
    problems = [f"imports {name}, which is no part of the pipeline" for name in imported - PARTS]
    imported &= PARTS
    if COMMANDS in imported and own not in (COMMANDS, "__main__"):
        problems.append("uses the commands, which nothing but the commands uses")
    if own == BASE:
        problems += [f"is the base and imports {name}" for name in sorted(imported - {BASE})]
    elif own in READS_THE_MODEL_ONLY:
        problems += [f"reads the model only and imports {name}" for name in sorted(imported - {BASE})]
    elif own in STAGES:
        problems += [f"imports the later stage or composition {name}" for name in sorted(imported - {BASE, COMMANDS})
                     if name not in STAGES or STAGES.index(name) > STAGES.index(own)]
    elif own in COMPOSITION:
        problems += [f"is composition and imports {name}" for name in sorted(imported - {BASE, *STAGES, *COMPOSITION, COMMANDS})]
    return problems


FILES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_follow_the_flow(path):
    relative = path.relative_to(PACKAGE)
    assert unit_of(relative) in PARTS, f"{relative} is in no known part of the pipeline"
    assert not violations(relative, path.read_text(encoding="utf-8")), violations(relative, path.read_text(encoding="utf-8"))


def test_the_tree_shows_the_pipeline():
    """`ls extractor` shows the stages, the base, the commands and the composition, nothing else."""
    entries = {path.name.removesuffix(".py") for path in PACKAGE.iterdir()
               if path.name != "__pycache__" and (path.is_dir() or path.suffix == ".py")}
    assert entries == PARTS
    for package in [*STAGES, BASE, COMMANDS]:
        init = PACKAGE / package / "__init__.py"
        assert init.is_file(), package
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{package} says what it holds"


def test_every_module_says_why():
    undocumented = [str(path.relative_to(PACKAGE)) for path in FILES
                    if path.stat().st_size and not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))]
    assert not undocumented


@pytest.mark.parametrize("relative, source", [
    ("layout/tables.py", "from ..outline import build_outline"),          # a stage importing a later stage
    ("normalise/joiner.py", "from extractor.quantities import find_quantities"),
    ("read/pdf.py", "from .. import layout"),
    ("base/labels.py", "from ..normalise import normalise"),               # the base importing a stage
    ("base/model.py", "import extractor.read"),
    ("output/spreadsheet.py", "from ..quantities import roles"),           # output reading a stage
    ("link/matching.py", "from ..outline import tree"),
    ("pipeline.py", "from .commands import cli"),                          # anything but commands using them
    ("quantities/targets.py", "from ..pipeline import extract_raw"),       # a stage using the composition
    ("outline/tree.py", "from .. import helpers"),                         # an unknown part
])
def test_a_backward_import_is_caught(relative, source):
    assert violations(Path(relative), source)


@pytest.mark.parametrize("relative, source", [
    ("outline/tree.py", "from ..layout import Block\nfrom ..base import labels\nfrom . import responsibility"),
    ("quantities/targets.py", "from . import metrics\nfrom ..base.model import Item"),
    ("output/review.py", "from ..base.model import Notice"),
    ("pipeline.py", "from .outline import build_outline\nfrom . import output"),
    ("commands/cli.py", "from ..pipeline import extract_path\nfrom . import batch\nfrom ..output.review import review_page"),
    ("__main__.py", "from .commands.cli import main"),
])
def test_a_forward_import_passes(relative, source):
    assert not violations(Path(relative), source)
