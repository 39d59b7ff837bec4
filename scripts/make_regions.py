"""Build patterns/regions.tsv: China's administrative divisions (GB/T 2260 codes and names of the
provinces, prefectures and counties), from the adcodes table that the cpca package ships. The linker
reads it to tell that 开封市 lies in 河南省. cpca itself needs pandas, so it is not installed: the
script fetches its wheel from the package index and reads only the table.

    python scripts/make_regions.py
"""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "patterns" / "regions.tsv"
SOURCE = "cpca==0.5.5"


def source_table() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", SOURCE, "-d", folder],
                       check=True)
        wheel = next(Path(folder).glob("cpca-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            return archive.read("cpca/resources/adcodes.csv")


def region_lines(table: bytes) -> list[str]:
    rows = csv.DictReader(io.StringIO(table.decode("utf-8")))
    found = {row["adcode"][:6]: row["name"] for row in rows if row["adcode"].endswith("000000")}
    return [f"{code}\t{name}" for code, name in sorted(found.items())]


def main() -> int:
    table = source_table()
    header = ("# China's administrative divisions: GB/T 2260 code (2 digits province, 4 prefecture, 6 county)\n"
              f"# and name. Made by scripts/make_regions.py from {SOURCE}'s adcodes.csv "
              f"(sha256 {hashlib.sha256(table).hexdigest()[:16]}).\n")
    TARGET.write_text(header + "".join(f"{line}\n" for line in region_lines(table)), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
