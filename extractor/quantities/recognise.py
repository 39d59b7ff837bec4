"""Recognising quantities (stage 5): every number with its magnitude, unit, comparator and range in an item.

Values are exact Decimals (10万人次 → 100000, 150.5亿元 → 15050000000). A number without a
measure word, a magnitude or a percent sign is never a quantity, which keeps dates, years,
phone numbers and document numbers out by construction; the rest of the contract's
exclusions (ordinals, durations, names, idioms with 一, counts that structure the text) are
the regexes of patterns/exclusions.toml.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass
import decimal
from decimal import Decimal, InvalidOperation

from ..base import labels, patterns

# At most twelve digits before the point and eight after: longer runs are identifiers, not amounts.
# A comma (half- or full-width) is a thousands separator only before exactly three digits: 4，565人.
_ARABIC = r"(?<!\d)\d{1,12}(?:[,，]\d{3}(?!\d)){0,4}(?:\.\d{1,8})?(?![\d.])"
# Arabic digits mixed with Chinese magnitudes: 3万4000, 2千零30万, 12万5千 (read by cn2an's smart mode).
# Chinese digits after the magnitude only with a magnitude of their own (100万三千, not 10万一次).
_MIXED = (r"(?<!\d)\d{1,4}[万亿千](?:[零〇]?(?:\d{1,4}[万亿千百十]?|[一二两三四五六七八九]{1,2}[万亿千百十]))+"
          r"(?![\d.])")


@dataclass
class Quantity:
    start: int  # span of raw: qualifier + number + unit + qualifier
    end: int
    number_start: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    comparator: str
    rule: str
    copies: int = 1  # distributed over 各/均/分别: one entry per listed thing
    copy_index: int = 0


@functools.cache
def _grammar() -> re.Pattern:
    numerals = patterns.load("numerals")
    comparators = patterns.load("comparators")["comparator"]
    units = [form for unit in patterns.load("units")["unit"] for form in unit["forms"]]
    prefixes = patterns.alternation(w for c in comparators for w in c["prefix"])
    suffixes = patterns.alternation(w for c in comparators for w in c["suffix"])
    infixes = patterns.alternation(w for c in comparators for w in c["infix"])
    # 8千元 is 8000 元, but the 千 of 3千瓦, 5千米 and 2千克 opens the unit.
    magnitudes = patterns.alternation(word for word in numerals["magnitudes"] if word != "千") \
        + r"|千(?!瓦|米|克|伏|帕|焦|卡|兆)"
    # 十五点七, 零点五: a Chinese decimal has digits after its 点 (一点多能 has none).
    chinese = (rf"[{numerals['chinese_start']}][{numerals['chinese_digits']}]{{0,31}}"
               rf"(?:点[零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖]{{1,8}})?")
    joiners = patterns.alternation(numerals["range_joiners"])
    bare = patterns.alternation(numerals["bare_magnitudes"])
    share_digits = r"(?:\d{1,3}(?:,\d{3})*(?:\.\d{1,8})?|[零〇一二两三四五六七八九十百点]{1,12})"
    source = rf"""
        (?P<prefix>{prefixes})?
        (?P<basis>每(?:人|户|生|名|月|年|天|日|季)(?:每(?:月|年|天|日|季))?)?
        (?P<sign>(?<![\d.])[-−]|负)?
        (?:
            (?P<percent_words>百分之{share_digits})
          |
            (?P<permille_words>千分之{share_digits})
          |
            (?P<fraction>{_FRACTION})
          |
            (?P<mixed>{_MIXED})
          |
            (?P<number>{_ARABIC})(?P<number_infix>余|多|几)?(?P<magnitude>{magnitudes})?
            (?:(?P<joiner>{joiners})(?P<number_max>{_ARABIC}|{chinese})(?P<magnitude_max>{magnitudes})?)?
          |
            (?P<chinese>{chinese})(?:(?P<chinese_infix>余|多|几)(?P<chinese_magnitude>万亿|亿|万))?
            (?:(?P<chinese_joiner>{joiners})(?P<chinese_max>{chinese}))?
          |
            (?P<bare>{bare})(?P<bare_infix>余|多)?
        )
        (?P<infix>{infixes})?
        (?P<unit>{patterns.alternation(units)})?
        (?P<suffix>{suffixes})?
    """
    return patterns.compiled(source, re.VERBOSE)


@functools.cache
def _unit_start() -> re.Pattern:
    units = [form for unit in patterns.load("units")["unit"] for form in unit["forms"]]
    return patterns.compiled(patterns.alternation(units))


@functools.cache
def _comparator_of() -> dict[tuple[str, str], str]:
    table = {}
    for comparator in patterns.load("comparators")["comparator"]:
        for position in ("prefix", "suffix", "infix"):
            for word in comparator[position]:
                table[(position, word)] = comparator["symbol"]
    return table


@functools.cache
def _exclusions() -> list[tuple[str, re.Pattern]]:
    return [(entry["name"], patterns.compiled(entry["regex"])) for entry in patterns.load("exclusions")["exclusion"]]


@functools.cache
def _any_exclusion() -> re.Pattern:
    """All exclusions in one pattern: most texts hold none, and one search tells so."""
    return patterns.compiled("|".join(f"(?:{entry['regex']})" for entry in patterns.load("exclusions")["exclusion"]))


def excluded_ranges(text: str) -> list[tuple[int, int, str]]:
    if not _any_exclusion().search(text):
        return []
    ranges = []
    for name, pattern in _exclusions():
        for match in pattern.finditer(text):
            ranges.append((match.start(), match.end(), name))
    return ranges


class _Ranges:
    """Excluded ranges asked whether they overlap a span, in logarithmic time: an item with
    thousands of quantities has thousands of excluded ranges too."""

    def __init__(self, ranges: list[tuple[int, int, str]]):
        ordered = sorted(ranges)
        self.starts = [start for start, _, _ in ordered]
        self.furthest_end, furthest = [], -1  # furthest_end[i]: the largest end among the first i + 1
        for _, end, _ in ordered:
            furthest = max(furthest, end)
            self.furthest_end.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)  # the ranges that start before `end`
        return before > 0 and self.furthest_end[before - 1] > start


def find_quantities(text: str) -> list[Quantity]:
    """All quantities of a text, in order, exclusions applied (no distribution yet)."""
    excluded = _Ranges(excluded_ranges(text))
    found: list[Quantity] = []
    position = 0
    grammar = _grammar()
    while True:
        match = grammar.search(text, position)
        if match is None:
            break
        if match.end() == match.start():
            position = match.end() + 1
            continue
        quantity = _quantity(text, match)
        if quantity is None or excluded.overlaps(quantity.number_start, quantity.end):
            position = _resume(match)
            continue
        found.append(quantity)
        position = match.end()
    return _share_qualifiers(text, _joined_ranges(text, _drop_conversions(text, found)))


def holds_quantity(text: str) -> bool:
    """Whether a text holds any quantity (每月28日 and 2024年度 do not count)."""
    return bool(find_quantities(text))


def _joined_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """30%-50%, 3万元—5万元: two figures of one unit joined by a range joiner are one range, not a
    figure and a negative one (the joiner read as the second one's sign)."""
    joiners = patterns.load("numerals")["range_joiners"]
    merged: list[Quantity] = []
    for quantity in found:
        previous = merged[-1] if merged else None
        if previous is not None and quantity.unit and quantity.unit == previous.unit and previous.value_max is None \
                and _joiner_between(text, previous, quantity) in joiners and 0 <= previous.value < abs(quantity.value):
            merged[-1] = dataclasses.replace(previous, end=quantity.end, value_max=abs(quantity.value),
                                             comparator="between", rule=previous.rule + "_range")
            continue
        merged.append(quantity)
    return merged


def _joiner_between(text: str, first: Quantity, second: Quantity) -> str:
    """What stands between two figures, the second's sign included (30%-50%: the - read as a sign)."""
    signed = second.rule.endswith("_signed") and second.value < 0
    return text[first.end:second.number_start + (1 if signed else 0)]


def _share_qualifiers(text: str, found: list[Quantity]) -> list[Quantity]:
    """分别达到99.09%、98.53%: a qualifier before the first of a 、-list covers the rest."""
    for previous, quantity in zip(found, found[1:]):
        if text[previous.end:quantity.start] == "、" and quantity.comparator == "=" \
                and previous.start < previous.number_start and previous.comparator != "between":
            quantity.comparator = previous.comparator
            quantity.rule += "_shared_qualifier"
    return found


def _resume(match) -> int:
    """Continue just after the number that failed, so 2024年10项 still reaches 10项 (but after
    the whole of a range that failed: 五到三个 yields no 三个)."""
    if match.group("chinese_max") or match.group("number_max"):
        return match.end()
    for group in _NUMBER_GROUPS:
        if match.group(group):
            return match.end(group)
    return match.end()


_WORD_GROUPS = {"percent_words": ("%", "percent_words"), "permille_words": ("‰", "permille_words")}
_NUMBER_GROUPS = ("percent_words", "permille_words", "fraction", "mixed", "number", "chinese", "bare")
# 三分之一, 十分之三, 5分之1: a share written as a fraction (百分之 and 千分之 are percent and per mille).
_FRACTION = r"(?P<denominator>[一二两三四五六七八九十]{1,3}|\d{1,3})分之(?P<numerator>[一二两三四五六七八九十]{1,3}|\d{1,3})"


def _quantity(text: str, match) -> Quantity | None:
    group = next(name for name in _NUMBER_GROUPS if match.group(name))
    number_start = match.start("sign") if match.group("sign") else match.start(group)
    before = text[number_start - 1] if number_start else ""
    if before and (before.isdigit() or before in ".,"):
        return None
    after = text[match.end()] if match.end() < len(text) else ""
    unit = match.group("unit") or ""
    infix = match.group("infix")
    if not unit and not infix and after.isdigit():
        return None
    if group in _WORD_GROUPS:
        written = match.group(group)[3:]
        value = Decimal(100) if written == "百" else (
            Decimal(written.replace(",", "")) if written[0].isdigit() else _chinese_value(written))
        if value is None:
            return None
        return _signed(match, _build(match, number_start, value, None, *_WORD_GROUPS[group]))
    if group == "fraction":
        # A share without a unit: the value to ten significant digits (三分之一 → 0.3333333333).
        numerator, denominator = (_any_value(match.group(name), None) for name in ("numerator", "denominator"))
        if not numerator or not denominator or numerator >= denominator or unit:
            return None
        with decimal.localcontext() as context:
            context.prec = 10
            value = numerator / denominator
        return _build(match, number_start, value, None, "", "fraction")
    if group == "mixed":
        value = _smart_value(match.group("mixed"))
        if value is None or not unit:
            return None
        return _signed(match, _build(match, number_start, value, None, unit, "mixed"))
    if group == "number":
        if patterns.fullmatch(r"0\d+", match.group("number")):
            return None  # 000人 is the tail of a number cut by a space (3 000人), no number of its own
        value = _scaled(match.group("number"), match.group("magnitude"))
        value_max = None
        rule = "arabic"
        if match.group("number_max"):
            # 5万-8万人 scales both ends; in 5-8万人 the magnitude written once scales both too.
            magnitude_max = match.group("magnitude_max") or match.group("magnitude")
            value_max = _any_value(match.group("number_max"), magnitude_max)
            if value_max is None:
                return None
            if match.group("magnitude_max") and not match.group("magnitude"):
                value = _scaled(match.group("number"), match.group("magnitude_max"))
            if value_max < value:
                return None
            rule = "arabic_range"
        if not unit and not match.group("magnitude"):
            return None
        if match.group("magnitude"):
            rule += "_magnitude"
        return _signed(match, _build(match, number_start, value, value_max, unit, rule,
                                     more=bool(match.group("number_infix"))))
    if group == "bare":
        # 逾千万人次, 近百名, 千余户: a magnitude alone is a number only with a qualifier and a unit
        # (千方百计, 万众一心 and 千万工程 have neither).
        if not unit or not (match.group("prefix") or match.group("bare_infix")):
            return None
        value = Decimal(patterns.load("numerals")["bare_magnitudes"][match.group("bare")])
        return _build(match, number_start, value, None, unit, "bare_magnitude", more=bool(match.group("bare_infix")))
    written = match.group("chinese")
    if not unit and written[-1] in "千百万" and len(written) > 1:
        stolen = _unit_start().match(text, match.end("chinese") - 1)  # 一百千瓦: 千 opens the unit
        if stolen and not match.group("chinese_max"):
            value = _chinese_value(written[:-1])
            if value is None:
                return None
            quantity = Quantity(match.start(), stolen.end(), number_start, value, None, stolen.group(), "=",
                                "chinese")
            return quantity
    value = _chinese_value(written.rstrip("零〇") if match.group("chinese_infix") else written)  # 一百零几万
    if value is not None and match.group("chinese_magnitude"):  # 二十余万户
        value *= Decimal(patterns.load("numerals")["magnitudes"][match.group("chinese_magnitude")])
    ranged = bool(match.group("chinese_max"))
    if value is None or (value == 1 and written in ("一", "壹") and not ranged and not match.group("sign")):
        return None  # 一批, 开展一次, 最后一公里: 一 is a determiner here (but 一至两名 is a range)
    if not unit and not patterns.search(r"[万亿]", written + (match.group("chinese_magnitude") or "")):
        return None
    value_max = _chinese_value(match.group("chinese_max")) if ranged else None
    if ranged and (value_max is None or value_max <= value):
        return None  # 五到三个 runs downwards: no range, and no number read from it
    return _signed(match, _build(match, number_start, value, value_max, unit,
                                 "chinese_range" if value_max else "chinese",
                                 more=bool(match.group("chinese_infix"))))


def _signed(match, quantity: Quantity) -> Quantity:
    """同比增长-3.2%, 下降负0.2个百分点: a sign before the number is part of it."""
    if match.group("sign"):
        quantity.value = -quantity.value
        if quantity.value_max is not None:
            return None
        quantity.rule += "_signed"
    return quantity


def _smart_value(written: str) -> Decimal | None:
    import cn2an

    try:
        return Decimal(str(cn2an.cn2an(written, "smart")))
    except (ValueError, KeyError, IndexError, TypeError, InvalidOperation):
        return None


def _build(match, number_start, value, value_max, unit, rule, more: bool = False) -> Quantity:
    comparators = _comparator_of()
    comparator = "="
    if value_max is not None:
        comparator = "between"
    elif more:  # 500余万元, 1000多万人
        comparator = ">"
    elif match.group("suffix") and (not match.group("prefix") or comparators[("suffix", match.group("suffix"))] == "~"):
        comparator = comparators[("suffix", match.group("suffix"))]  # 控制在5.5%左右, 达到6%左右: around
    elif match.group("prefix"):
        comparator = comparators[("prefix", match.group("prefix"))]
    elif match.group("infix"):
        comparator = comparators[("infix", match.group("infix"))]
    unit = "百分点" if unit.endswith("百分点") else unit
    if unit == "成":  # 九成以上 is 90% and over: tenths are written as the percentage they are
        value, value_max, unit = value * 10, value_max * 10 if value_max is not None else None, "%"
        rule += "_tenths"
    return Quantity(match.start(), match.end(), number_start, value, value_max, unit, comparator, rule)


def _scaled(number: str, magnitude: str | None) -> Decimal:
    value = Decimal(number.replace(",", "").replace("，", ""))
    if magnitude:
        value *= Decimal(patterns.load("numerals")["magnitudes"][magnitude])
    return value


def _any_value(written: str, magnitude: str | None) -> Decimal | None:
    if patterns.fullmatch(_ARABIC, written):
        return _scaled(written, magnitude)
    return _chinese_value(written)


@patterns.text_cache
def _chinese_value(written: str) -> Decimal | None:
    if not written.isascii():
        for financial, plain in patterns.load("numerals")["financial"].items():
            written = written.replace(financial, plain)
    try:
        if len(written) <= 3 and "点" not in written:
            return Decimal(labels.small_chinese_number(written))
        import cn2an  # loaded when a notice writes a larger number in Chinese, not before

        value = cn2an.cn2an(written, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _drop_conversions(text: str, found: list[Quantity]) -> list[Quantity]:
    """1.2万平方米（18亩）: a bracketed restatement right after a quantity is no second entry. A
    share in brackets after a count (已完成2个（50%）) restates nothing: it is an entry."""
    kept = []
    for quantity in found:
        if kept and text[kept[-1].end:quantity.start] in ("（", "(", "（约", "（合") and \
                text[quantity.end:quantity.end + 1] in ("）", ")") and \
                not (quantity.unit == "%" and kept[-1].unit != "%"):
            continue
        kept.append(quantity)
    return kept
