"""Which region lies in which: China's administrative divisions (patterns/regions.tsv, GB/T 2260
codes) so that a city's breakdown finds its province's plan and never another province's."""

from __future__ import annotations

import functools

from ..base import patterns


@functools.cache
def _names_by_code() -> dict[str, str]:
    return dict(line.split("\t") for line in patterns.word_list("regions.tsv"))


@functools.cache
def _codes_by_name() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for code, name in _names_by_code().items():
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


def _ancestors(code: str) -> list[str]:
    return [ancestor for ancestor in (code[:2] + "0000", code[:4] + "00") if ancestor != code and level(ancestor) < level(code)]


def resolve(region: str | None, context: str) -> tuple[str, ...]:
    """The codes a document's region stands for. A name that several divisions bear (鼓楼区 is in
    福州, 南京, 徐州 and 开封) is told apart by the places above it that the document names (福州市鼓楼区
    in the title); where nothing tells, none: a wrong province is worse than no link."""
    found = codes(region)
    if len(found) <= 1:
        return found
    names = _names_by_code()
    told = tuple(code for code in found
                 if any(_without_suffix(names.get(ancestor, "")) in context for ancestor in _ancestors(code)
                        if names.get(ancestor) not in (None, "市辖区", "县", "省直辖县级行政区划")))
    return told if len({code[:4] for code in told}) == 1 else ()


def _contains(outer: str, inner: str) -> bool:
    if outer == inner:
        return False
    if level(outer) == 1:
        return inner[:2] == outer[:2]
    if level(outer) == 2:
        return inner[:4] == outer[:4]
    return False


def depth_below(inner: tuple[str, ...], outer: tuple[str, ...]) -> int | None:
    """How many levels a division of `inner` lies below one of `outer` (开封市 in 河南省: 1), or None."""
    found = [level(i) - level(o) for i in inner for o in outer if _contains(o, i)]
    return min(found) if found else None


def within(inner: str | None, outer: str | None) -> int | None:
    """depth_below for region names."""
    return depth_below(codes(inner), codes(outer))


def same(first: str | None, second: str | None) -> bool:
    return bool(first) and (first == second or bool(set(codes(first)) & set(codes(second))))
