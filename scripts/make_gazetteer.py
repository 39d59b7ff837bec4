"""Build patterns/gazetteer.txt: place names (part of speech ns) ending in an administrative suffix
(省市县区州旗盟), from jieba's dictionary. Run after upgrading jieba; tests/test_gazetteer.py checks that
the shipped file is what this script builds from the installed jieba.

    python scripts/make_gazetteer.py
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "patterns" / "gazetteer.txt"
HEADER = ("# Place names ending in an administrative suffix (省市县区州旗盟), part of speech ns in jieba's\n"
          "# dictionary: made by scripts/make_gazetteer.py, checked by tests/test_gazetteer.py. One a line.\n")


def gazetteer_lines() -> list[str]:
    spec = importlib.util.find_spec("jieba")
    content = (Path(spec.origin).parent / "dict.txt").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"(?m)^(\S{2,}[省市县区州旗盟]) \d+ ns$", content)))


def main() -> int:
    TARGET.write_text(HEADER + "".join(f"{name}\n" for name in gazetteer_lines()), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
