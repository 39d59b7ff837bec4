"""The package as pip installs it: the pattern files travel with it, under a name that does not
shadow the loader module extractor/base/patterns.py (a regression: a built wheel failed to import)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_carries_pattern_data_and_schema(tmp_path):
    source = tmp_path / "source"  # a copy, so that no build/ folder is left in the work tree
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("extractor", "patterns"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--wheel-dir", str(tmp_path), str(source)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "extractor/output/schema.json" in names and "extractor/link/schema.json" in names
    modules = {str(path.relative_to(ROOT)) for path in (ROOT / "extractor").rglob("*.py")}
    assert modules <= names, f"modules of no listed package: {sorted(modules - names)}"
    assert not any(name.startswith("extractor/patterns/") for name in names)
    data = {name.rsplit("/", 1)[1] for name in names if name.startswith("extractor/pattern_data/")}
    expected = {path.name for path in (ROOT / "patterns").iterdir() if path.suffix in (".toml", ".txt")}
    assert expected <= data
