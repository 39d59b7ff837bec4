"""Which region lies in which: China's administrative divisions (patterns/regions.tsv, GB/T 2260
codes) so that a city's breakdown finds its province's plan and never another province's."""

from __future__ import annotations

import functools

from .. import patterns


@functools.cache
def _codes_by_name() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for line in patterns.word_list("regions.tsv"):
        code, name = line.split("\t")
        found.setdefault(name, []).append(code)
        short = _without_suffix(name)
        if short != name and code.endswith("0000"):  # 河南 for 河南省, 广西 for 广西壮族自治区
            found.setdefault(short, []).append(code)
    return {name: tuple(codes) for name, codes in found.items()}


def _without_suffix(name: str) -> str:
    for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def codes(region: str | None) -> tuple[str, ...]:
    """The division codes a region's name may stand for (鼓楼区 is in four cities)."""
    return _codes_by_name().get(region or "", ())


def level(code: str) -> int:
    """1 province, 2 prefecture, 3 county."""
    return 1 if code.endswith("0000") else 2 if code.endswith("00") else 3


def _contains(outer: str, inner: str) -> bool:
    if outer == inner:
        return False
    if level(outer) == 1:
        return inner[:2] == outer[:2]
    if level(outer) == 2:
        return inner[:4] == outer[:4]
    return False


def within(inner: str | None, outer: str | None) -> int | None:
    """How many levels `inner` lies below `outer` (开封市 in 河南省: 1), or None when it does not."""
    found = [level(i) - level(o) for i in codes(inner) for o in codes(outer) if _contains(o, i)]
    return min(found) if found else None


def same(first: str | None, second: str | None) -> bool:
    return bool(first) and (first == second or bool(set(codes(first)) & set(codes(second))))
