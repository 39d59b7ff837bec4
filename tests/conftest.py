import functools
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "golden"
SCANS = CORPUS / "scans"  # scanned and photographed notices, read by OCR (seconds a page)


@functools.cache
def extracted(path: Path):
    """The extraction of a corpus file, once per test session: extraction is deterministic, and
    a scanned notice costs seconds of OCR for each page."""
    from extractor.api import extract_file

    return extract_file(path)


@pytest.fixture
def run_cli():
    """Run the installed command as a user would, in a subprocess."""
    def run(*arguments, cwd=None):
        return subprocess.run([sys.executable, "-m", "extractor", *map(str, arguments)],
                              capture_output=True, text=True, cwd=cwd or ROOT)
    return run
