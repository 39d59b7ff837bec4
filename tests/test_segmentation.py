"""rjieba does the cutting only because it cuts exactly as jieba does on the whole corpus."""

from __future__ import annotations

from extractor import segmentation
from extractor.golden import corpus_files
from extractor.normalise import normalise
from extractor.read import read_file

from .conftest import CORPUS, SCANS


def test_rjieba_cuts_the_corpus_exactly_as_jieba():
    reference = segmentation.jieba_tokenizer()
    lines = 0
    for path in corpus_files(CORPUS):
        if path.parent == SCANS:
            continue  # the same notices as their sources, read by OCR
        for line in normalise(read_file(path).text).text.split("\n"):
            assert segmentation.words(line) == reference.lcut(line, HMM=False), (path.name, line)
            lines += 1
    assert lines > 500


def test_user_dictionary_is_used():
    assert "零工驿站" in segmentation.words("新建零工驿站2000个")
    assert "瓶改管" in segmentation.words("推进“瓶改管”改造")
