"""Word segmentation: jieba's precise mode without HMM, over jieba's dictionary and our user words.

jieba is the reference, but it takes most of a second to load its dictionary, and rjieba (the
jieba-rs bindings) a sixth of a second: longer than a whole command-line run should take. The
dictionary, as jieba holds it after our user words are added, is saved once as a marisa trie with
each word's log probability beside it (a few megabytes, read in milliseconds); the cut is jieba's
own: the words of the dictionary at each position, the most probable route through them, single
Latin letters and digits kept together. It cuts the whole corpus exactly as jieba does
(tests/test_segmentation.py), and only the short phrases the stages ask about are ever cut.
"""

from __future__ import annotations

import array
import functools
import importlib.util
import math
import mmap
import re
import struct
import zlib
from pathlib import Path

from . import patterns

# jieba's own expressions: the runs it segments, the separators it keeps.
_SEGMENTED_RUN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SEPARATOR = re.compile("(\r\n|\\s)")
_FORMAT = b"notice-extract segmentation 1\n"
_HEADER = struct.Struct("<QdI")  # the trie's length in bytes, an unknown character's log probability, the longest word


def _user_words():
    for line in patterns.user_dictionary_lines():
        word, *rest = line.split()
        frequency = int(rest[0]) if rest and rest[0].isdigit() else None
        tag = rest[-1] if rest and not rest[-1].isdigit() else None
        yield word, frequency, tag


@functools.cache
def jieba_tokenizer():
    """Python jieba with the same dictionary: the reference segmentation, and the source of ours."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word, frequency, tag in _user_words():
        tokenizer.add_word(word, frequency, tag)
    return tokenizer


class _Dictionary:
    """Every word of jieba's table (frequency above zero) in a trie, its log probability by key id:
    read straight from the mapped file, not copied."""

    def __init__(self, data):
        import marisa_trie

        if data[:len(_FORMAT)] != _FORMAT:
            raise ValueError("not a segmentation dictionary of this version")
        trie_length, self.unknown, self.longest = _HEADER.unpack_from(data, len(_FORMAT))
        body = len(_FORMAT) + _HEADER.size
        self.trie = marisa_trie.Trie()
        try:
            self.trie.frombytes(bytes(data[body:body + trie_length]))
        except Exception as error:  # marisa's own errors for a damaged trie
            raise ValueError("damaged segmentation dictionary") from error
        probabilities = memoryview(data)[_aligned(body + trie_length):]
        if len(probabilities) != 8 * len(self.trie):
            raise ValueError("damaged segmentation dictionary")
        self.probabilities = probabilities.cast("d")
        self.prefixes = self.trie.iter_prefixes_with_ids

    @staticmethod
    def build() -> bytes:
        import marisa_trie

        tokenizer = jieba_tokenizer()
        tokenizer.check_initialized()
        words = [word for word, frequency in tokenizer.FREQ.items() if frequency > 0]
        trie = marisa_trie.Trie(words)
        total = math.log(tokenizer.total)
        probabilities = array.array("d", bytes(8 * len(words)))
        for word in words:
            probabilities[trie.key_id(word)] = math.log(tokenizer.FREQ[word]) - total
        trie_bytes = trie.tobytes()
        longest = max(map(len, words))  # no prefix longer than the longest word finds more
        head = _FORMAT + _HEADER.pack(len(trie_bytes), -total, longest) + trie_bytes
        return head + bytes(_aligned(len(head)) - len(head)) + probabilities.tobytes()


def _aligned(offset: int) -> int:
    return -(-offset // 8) * 8


def _cache_name() -> str:
    """A file named for what it is made from: jieba's dictionary file and our user dictionary, so
    that an upgrade or an edited userdict.txt makes a new one."""
    jieba_dictionary = Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"
    source = _FORMAT + str(jieba_dictionary.stat().st_size).encode() + "\n".join(
        patterns.user_dictionary_lines()).encode("utf-8")
    return f"segmentation-{zlib.crc32(source):08x}-{len(source)}.bin"


def _mapped(path: Path):
    with path.open("rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


@functools.cache
def _dictionary() -> _Dictionary:
    """Mapped from the cache, else built from jieba (about a second, once per machine) and saved."""
    name = _cache_name()
    for folder in patterns.cache_folders():
        try:
            return _Dictionary(_mapped(folder / name))
        except (OSError, ValueError):
            continue
    data = _Dictionary.build()
    patterns.save_to_cache(name, data)
    return _Dictionary(data)


def _cut_run(run: str, dictionary: _Dictionary) -> list[str]:
    """jieba's route through a run: from the end backwards, at each position the word whose log
    probability plus the best route after it is highest (a tie goes to the longer word)."""
    length = len(run)
    best = [0.0] * (length + 1)
    ends = [0] * length
    probabilities, prefixes, longest = dictionary.probabilities, dictionary.prefixes, dictionary.longest
    for start in range(length - 1, -1, -1):
        top, end = None, start + 1
        for word, key in prefixes(run[start:start + longest]):
            stop = start + len(word)
            score = probabilities[key] + best[stop]
            if top is None or score >= top:
                top, end = score, stop
        best[start] = dictionary.unknown + best[start + 1] if top is None else top
        ends[start] = end
    found, glued, position = [], "", 0
    while position < length:
        word = run[position:ends[position]]
        if len(word) == 1 and word.isascii() and word.isalnum():  # jieba's [a-zA-Z0-9]
            glued += word
        else:
            if glued:
                found.append(glued)
                glued = ""
            found.append(word)
        position = ends[position]
    if glued:
        found.append(glued)
    return found


@patterns.text_cache
def _cut(text: str) -> tuple[str, ...]:
    dictionary = _dictionary()
    found: list[str] = []
    for block in _SEGMENTED_RUN.split(text):
        if not block:
            continue
        if _SEGMENTED_RUN.match(block):
            found.extend(_cut_run(block, dictionary))
            continue
        for part in _SEPARATOR.split(block):
            if _SEPARATOR.match(part):
                found.append(part)
            else:
                found.extend(part)
    return tuple(found)


def words(text: str) -> list[str]:
    """Precise-mode segmentation without HMM, so that unknown strings are not glued together."""
    return list(_cut(text))


def crosses_word(left: str, right: str, window: int = 3) -> bool:
    """Whether a line break cut a word in two: 团辅活|动 joins into 活动, and one side alone
    leaves a lone character. 推进城市更新|改造 is two whole words even though 更新改造 is a
    word too."""
    tail, head = left[-window:], right[:window]
    if len(words(left[-8:])[-1]) > 1 and len(words(right[:8])[0]) > 1:
        return False
    position = 0
    for word in words(tail + head):
        if position < len(tail) < position + len(word):
            return True
        position += len(word)
    return False
