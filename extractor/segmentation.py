"""jieba, loaded once and only when a stage needs words, with the domain dictionary."""

from __future__ import annotations

import functools
import logging

from . import patterns


@functools.cache
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for line in patterns.user_dictionary_lines():
        word, *rest = line.split()
        frequency = int(rest[0]) if rest and rest[0].isdigit() else None
        tag = rest[-1] if rest and not rest[-1].isdigit() else None
        tokenizer.add_word(word, frequency, tag)
    return tokenizer


def words(text: str) -> list[str]:
    """jieba's segmentation (precise mode, no HMM so that unknown strings are not glued)."""
    return _tokenizer().lcut(text, HMM=False)


def crosses_word(left: str, right: str, window: int = 3) -> bool:
    """Whether a word of the joined text spans the seam between left and right: 团辅活|动."""
    tail, head = left[-window:], right[:window]
    position = 0
    for word in words(tail + head):
        if position < len(tail) < position + len(word):
            return True
        position += len(word)
    return False
