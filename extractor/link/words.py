"""Task titles and metrics as the words that tell one task from another (patterns/linking.toml),
and how alike two of them are."""

from __future__ import annotations

import functools

from rapidfuzz import fuzz

from ..base import patterns, segmentation


@functools.cache
def settings() -> dict:
    return patterns.load("linking")


@functools.cache
def _synonyms() -> tuple[dict[str, str], object]:
    """Each variant (and each canonical form, so that 危旧桥梁 is not read as 危旧桥 + 梁) to its
    canonical form, and one pattern trying the longest first."""
    canonical_of = {}
    for entry in settings()["synonym"]:
        for variant in [entry["canonical"], *entry["variants"]]:
            canonical_of[variant] = entry["canonical"]
    return canonical_of, patterns.compiled(patterns.alternation(canonical_of))


@functools.cache
def _filler() -> frozenset[str]:
    return frozenset(settings()["filler"]["words"])


@functools.cache
def key_words(phrase: str) -> tuple[str, ...]:
    """Synonyms written one way, cut into words, filler dropped, in their order."""
    canonical_of, synonym = _synonyms()
    found = []
    for part in synonym.sub(lambda match: f" {canonical_of[match.group()]}\t", phrase).split(" "):
        canonical, _, rest = part.rpartition("\t")
        if canonical:
            found.append(canonical)
        found.extend(segmentation.words(rest))
    return tuple(word for word in found if word.strip() and word not in _filler())


def similarity(first: str, second: str) -> float:
    """0–1, by rapidfuzz on the key words: the better of their ratio as written (where the two were
    cut into words differently: 老年助餐 / 老年 助 餐) and the mean of their token sort and token set
    ratios (order-free: 排查治理农村道路交通安全隐患 / 农村道路交通安全隐患排查治理; one phrase inside the
    other, 听力筛查率 / 新生儿听力筛查率, counts half as much as the same phrase, so `城市` is not `城市书房`)."""
    first_words, second_words = key_words(first), key_words(second)
    if not first_words or not second_words:
        return 0.0
    in_order = fuzz.ratio("".join(first_words), "".join(second_words))
    spaced_first, spaced_second = " ".join(first_words), " ".join(second_words)
    order_free = (fuzz.token_sort_ratio(spaced_first, spaced_second) + fuzz.token_set_ratio(spaced_first, spaced_second)) / 2
    return max(in_order, order_free) / 100
