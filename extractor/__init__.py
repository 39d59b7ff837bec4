"""notice-extract: Chinese livelihood-project notices → normalised, grounded JSON.

    from pathlib import Path
    from extractor import extract
    notice = extract(Path("corpus/001_42ff27236c2e870f.txt"))   # a Path is a file, a str is text
    notice.to_dict()      # the contract JSON
    notice.targets()      # one flat row per target
"""

from .base.errors import NoticeError
from .api import extract, extract_file, extract_text
from .base.model import Notice

__all__ = ["Notice", "NoticeError", "extract", "extract_file", "extract_text"]
__version__ = "0.1.0"
