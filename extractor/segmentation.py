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
