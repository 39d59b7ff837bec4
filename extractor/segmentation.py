"""Word segmentation, loaded once and only when a stage needs words, with the domain dictionary.

rjieba (the jieba-rs bindings) loads in a fraction of jieba's time and, with the HMM off and our
user dictionary, cuts the whole corpus exactly as jieba does (tests/test_segmentation.py), so it
does the work; jieba stays the reference and the source of the place-name gazetteer.
"""

from __future__ import annotations

import functools

from . import patterns


def _user_words():
    for line in patterns.user_dictionary_lines():
        word, *rest = line.split()
        frequency = int(rest[0]) if rest and rest[0].isdigit() else None
        tag = rest[-1] if rest and not rest[-1].isdigit() else None
        yield word, frequency, tag


@functools.cache
def _rjieba():
    """rjieba's own instance, built when rjieba is imported, with our user words added: a second
    instance would cost a command-line run another fifth of a second."""
    import rjieba

    for word, frequency, tag in _user_words():
        rjieba.add_word(word, frequency, tag)
    return rjieba


@functools.cache
def jieba_tokenizer():
    """Python jieba with the same dictionary: the reference segmentation."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word, frequency, tag in _user_words():
        tokenizer.add_word(word, frequency, tag)
    return tokenizer


@patterns.text_cache
def _cut(text: str) -> tuple[str, ...]:
    return tuple(_rjieba().cut(text, False))


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
