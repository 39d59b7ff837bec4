import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "golden"


@pytest.fixture
def run_cli():
    """Run the installed command as a user would, in a subprocess."""
    def run(*arguments, cwd=None):
        return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, arguments)],
                              capture_output=True, text=True, cwd=cwd or ROOT)
    return run
