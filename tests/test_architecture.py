"""The pipeline's stages import only earlier stages and the shared modules, never a later stage;
the shared modules import no stage. A reader can then follow the data one way through extractor/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"
STAGES = ["read", "normalise", "layout", "outline", "quantities", "metrics", "targets", "output", "link"]
SHARED = {"patterns", "errors", "labels", "names", "segmentation", "model"}


def _top_level(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imported(path: Path) -> set[str]:
    """The top-level modules of extractor/ that a file imports (relative or absolute)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(PACKAGE).parts) - 1  # 0 for extractor/x.py, 1 for extractor/pkg/x.py
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level - 1 < depth:  # inside its own package
                    continue
                base = node.module.split(".")[0] if node.module else None
            elif node.module and node.module.startswith("extractor"):
                parts = node.module.split(".")
                base = parts[1] if len(parts) > 1 else None
            else:
                continue
            if base:
                found.add(base)
            else:
                found.update(alias.name for alias in node.names)
    return found


MODULES = [path for path in PACKAGE.rglob("*.py") if _top_level(path) in STAGES or _top_level(path) in SHARED]


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_follow_the_flow(path):
    own = _top_level(path)
    imported = _imported(path) - {own}
    if own in SHARED:
        assert imported <= SHARED, f"{own} is shared and imports a stage: {imported - SHARED}"
        return
    later = {name for name in imported if name in STAGES and STAGES.index(name) > STAGES.index(own)}
    assert not later, f"{own} imports the later stage(s) {later}"
    unknown = imported - SHARED - set(STAGES)
    assert not unknown, f"{own} imports {unknown}, which is neither a stage nor shared"


def test_every_stage_is_a_module_or_package():
    for stage in STAGES:
        assert (PACKAGE / f"{stage}.py").is_file() or (PACKAGE / stage / "__init__.py").is_file(), stage
