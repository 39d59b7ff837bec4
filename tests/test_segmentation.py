"""Our cut stands in for jieba's only because it cuts exactly as jieba does; its dictionary file is
a cache that is made again whenever it is missing or damaged."""

from __future__ import annotations

import pytest

from extractor.base import patterns, segmentation
from extractor.commands.golden import corpus_files
from extractor.normalise import normalise
from extractor.read import read_file

from .conftest import CORPUS, SCANS


def test_cuts_the_corpus_exactly_as_jieba():
    reference = segmentation.jieba_tokenizer()
    lines = 0
    for path in corpus_files(CORPUS):
        if path.parent == SCANS:
            continue  # the same notices as their sources, read by OCR
        for line in normalise(read_file(path).text).text.split("\n"):
            assert segmentation.words(line) == reference.lcut(line, HMM=False), (path.name, line)
            lines += 1
    assert lines > 500


@pytest.mark.parametrize("text", [
    "",
    "   ",
    "2024年新建5G基站1200个，覆盖率达到98.5%以上",
    "ABC123 新建 IE9 浏览器\r\n第二行\t制表",
    "全年培训7300人以上（责任单位：市人社局）",
    "𠀀𠀁新字與繁體字混排",  # characters outside jieba's runs, and traditional ones
    "#&._%-+号码",
])
def test_cuts_odd_texts_as_jieba(text):
    assert segmentation.words(text) == segmentation.jieba_tokenizer().lcut(text, HMM=False)


def test_user_dictionary_is_used():
    assert "零工驿站" in segmentation.words("新建零工驿站2000个")
    assert "瓶改管" in segmentation.words("推进“瓶改管”改造")


def test_dictionary_file_is_made_when_missing_and_again_when_damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("NOTICE_EXTRACT_CACHE", str(tmp_path))
    segmentation._dictionary.cache_clear()
    try:
        path = tmp_path / segmentation._cache_name()
        assert not path.exists()
        segmentation._dictionary()
        made = path.read_bytes()
        path.write_bytes(made[: len(made) // 2])  # a disk that filled up, an interrupted copy
        segmentation._dictionary.cache_clear()
        dictionary = segmentation._dictionary()
        assert path.read_bytes() == made
        assert len(dictionary.trie) > 300_000
        assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind
    finally:
        segmentation._dictionary.cache_clear()


def test_a_cache_folder_that_cannot_be_written_falls_back_to_the_temporary_folder(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("NOTICE_EXTRACT_CACHE", str(blocked))
    monkeypatch.setattr(patterns.tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    segmentation._dictionary.cache_clear()
    segmentation._cut.cache_clear()
    try:
        assert segmentation.words("新建零工驿站2000个") == ["新建", "零工驿站", "2000", "个"]
        made = tmp_path / "temporary" / "notice-extract" / segmentation._cache_name()
        assert made.is_file()
        segmentation._dictionary.cache_clear()
        monkeypatch.setattr(segmentation._Dictionary, "build", None)  # read from there, not built again
        assert len(segmentation._dictionary().trie) > 300_000
    finally:
        segmentation._dictionary.cache_clear()
