"""notice-extract: Chinese livelihood-project notices → normalised, grounded JSON.

    from extractor import extract
    notice = extract("corpus/001_42ff27236c2e870f.txt")
    notice.to_dict()      # the contract JSON
    notice.targets()      # one flat row per target
"""

from .errors import NoticeError
from .api import extract
from .model import Notice

__all__ = ["Notice", "NoticeError", "extract"]
__version__ = "0.1.0"
