"""The number test suites of other projects (../shared/peer-specs), read at test time and mapped
to the contract's terms: one case per number a suite expects, as (suite, id, probe, expected).

The quantity finder reads a number only with a measure word (a bare number is no quantity by
design), so where a suite tests numeral reading alone the probe is the suite's text with the
neutral measure word 个 appended, and says so in its id. Values are compared in the contract's
terms: the number with its magnitude applied, percentages as the number, ranges as value and
value_max; Duckling's grams, cents and metres are converted from the unit we read.

Some kinds of case are out of scope by the contract (ordinals, ages, temperatures, dates, the
determiner 一, comparisons the contract has no comparator for): they are counted and skipped with
that reason, never silently dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

SPECS = Path(__file__).resolve().parent.parent.parent / "shared" / "peer-specs"
NEUTRAL = "个"


@dataclass(frozen=True)
class Case:
    suite: str
    id: str
    probe: str  # the text the quantity finder reads
    value: Decimal | None
    value_max: Decimal | None = None
    unit: str | None = None  # the contract unit expected ("%", "‰"), or None: any unit
    convert: str | None = None  # Duckling's unit the value is given in (Gram, Cent, Metre …)
    out_of_scope: str | None = None  # why the contract does not cover the case


# Duckling's units, as one of ours times a factor.
CONVERSIONS = {
    "Gram": {"毫克": Decimal("0.001"), "克": 1, "千克": 1000, "公斤": 1000, "斤": 500, "吨": 1000000},
    "Metre": {"米": 1, "厘米": Decimal("0.01"), "公里": 1000, "千米": 1000},
    "Centimetre": {"厘米": 1, "米": 100},
    "Kilometre": {"公里": 1, "千米": 1},
    "Millimetre": {},
    "Cent": {"元": 100},
    "Dollar": {"元": 1},
}


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


def _recognizers(name: str):
    path = SPECS / "recognizers-text" / name
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


# Kinds of number the contract leaves out, each with the reason, tried in this order.
_NUMBER_SCOPE = [
    (r"[eE^]|\d\s*[kKmM](?:\b|$)|^[-.]?\.\d", "scientific or programmers' notation (2e5, 2^5, 40k, .5): notices write numbers out"),
    (r"分\s*之|又|份", "a fraction: no exact value in the contract"),
    (r"打|对|對|双|雙", "dozens and pairs (一打, 五对): no measure of a notice"),
    (r"兆", "兆 (10^12 or 10^6 as the writer means): no value with confidence"),
    (r"[万萬]\s*[万萬]", "万万 (archaic 10^8)"),
    (r"半", "halves (半百, 一半): no exact value in the contract"),
    (r"^[百千万萬][一二三四五六七八九]|^百二|[千百]一$|^千三|^[万萬]九", "a spoken abbreviation (百三 for 130)"),
    (r"參|叄", "a traditional financial numeral with no simplified form of its own (參 is 参, 参加)"),
    (r"点\s*\d|點\s*\d|\d百\d|零十|百零十", "an irregular mix (一百点123, 1百01, 零十)"),
]


def _number_scope(text: str) -> str | None:
    return next((reason for pattern, reason in _NUMBER_SCOPE if re.search(pattern, text)), None)


def number_cases() -> list[Case]:
    cases = []
    for index, case in enumerate(_recognizers("Number/Chinese/NumberModel.json")):
        for number, result in enumerate(case["Results"]):
            text, value = result["Text"], result["Resolution"]["value"]
            scope = _number_scope(text)
            if _number(value) is None or "/" in text:
                scope = "a fraction or a value that is no number: no exact value in the contract"
            elif text in ("一", "壹") or value == "1" and re.fullmatch(r"[一壹][个只条]?", text):
                scope = "the determiner 一"
            elif re.search(r"[A-Za-z]", text) and not re.search(r"\d", text):
                scope = "a number written in words of another language"
            cases.append(Case("recognizers-text Number", f"{index}.{number} {text}+{NEUTRAL}", text + NEUTRAL,
                              _number(value), out_of_scope=scope))
    return cases


def percent_cases() -> list[Case]:
    cases = []
    for index, case in enumerate(_recognizers("Number/Chinese/PercentModel.json")):
        for number, result in enumerate(case["Results"]):
            text, value = result["Text"], result["Resolution"]["value"]
            scope = None
            if "折" in text:
                scope = "a discount (打八折): no share of a target"
            elif not value.endswith("%") or _number(value.rstrip("%")) is None:
                scope = "a value that is no percentage"
            elif "分之" in text and not re.search(r"[百千佰仟]\s*分\s*之", text):
                scope = "a fraction: no exact value in the contract"
            elif re.search(r"成\s*[一二三四五六七八九半]|半成", text):
                scope = "tenths spoken with a remainder (七成六, 三成半): no exact reading with confidence"
            elif re.search(r"[kK]", text):
                scope = "programmers' notation (52.5k)"
            elif re.search(r"[佰仟]\s*分\s*之", text):
                scope = "佰分之/仟分之 in financial numerals: no form of a notice"
            expected = _number(value.rstrip("%"))
            unit = "%"
            if re.search(r"百\s*分\s*[点點]", text):
                unit = "百分点"  # the contract's unit for 个百分点
            elif re.search(r"千\s*分\s*之|‰", text):
                unit, expected = "‰", expected * 10 if expected is not None else None  # ‰ as written
            cases.append(Case("recognizers-text Percent", f"{index}.{number} {text}", text,
                              expected, unit=unit, out_of_scope=scope))
    return cases


_CLOSED = re.compile(r"^\[([^,]+),([^,]+)\]$")


def range_cases() -> list[Case]:
    cases = []
    for index, case in enumerate(_recognizers("Number/Chinese/NumberRangeModel.json")):
        for number, result in enumerate(case["Results"]):
            text, value = result["Text"], result["Resolution"]["value"]
            closed = _CLOSED.match(value)
            scope = None
            if not closed or not re.fullmatch(r"[\d.一二两三四五六七八九十百千万亿零〇]+(?:至|到|-|—|~|～)"
                                              r"[\d.一二两三四五六七八九十百千万亿零〇]+", text):
                scope = "a comparison the contract names no comparator for (大于…小于, 之间, 以外)"
            low, high = (closed.group(1), closed.group(2)) if closed else (None, None)
            cases.append(Case("recognizers-text NumberRange", f"{index}.{number} {text}+{NEUTRAL}", text + NEUTRAL,
                              _number(low) if low else None, _number(high) if high else None, out_of_scope=scope))
    return cases


def unit_cases() -> list[Case]:
    cases = []
    for kind in ("Currency", "Dimension", "Temperature", "Age"):
        for index, case in enumerate(_recognizers(f"NumberWithUnit/Chinese/{kind}Model.json")):
            for number, result in enumerate(case["Results"]):
                text, resolution = result["Text"], result["Resolution"]
                scope = None
                if kind in ("Temperature", "Age"):
                    scope = f"{kind.lower()}s: no target of a notice (ages select who is counted)"
                elif kind == "Currency" and resolution.get("isoCurrency") != "CNY":
                    scope = "a currency other than the yuan"
                elif kind == "Currency" and (re.search(r"[角毛分￥]", text) or not re.search(r"\d|[一二三四五六七八九十]", text)):
                    scope = "jiao and fen, the ￥ sign or no amount: notices write 元"
                elif _number_scope(text):
                    scope = _number_scope(text)
                elif re.fullmatch(r"[一壹]\S", text):
                    scope = "the determiner 一"
                elif kind == "Dimension" and not _our_unit(text):
                    scope = "a measure notices do not use"
                cases.append(Case(f"recognizers-text {kind}", f"{index}.{number} {text}", text,
                                  _number(str(resolution.get("value"))), out_of_scope=scope))
    return cases


def _our_unit(text: str) -> bool:
    from extractor.base import patterns

    forms = [form for unit in patterns.load("units")["unit"] for form in unit["forms"]]
    return any(text.endswith(form) for form in forms)


def duckling_cases() -> list[Case]:
    cases = []
    for dimension in ("Numeral", "Quantity", "AmountOfMoney", "Distance", "Volume", "Temperature", "Ordinal"):
        path = SPECS / "duckling" / f"{dimension}.json"
        if not path.is_file():
            continue
        for group in json.loads(path.read_text(encoding="utf-8")):
            value = _number(group["values"][0]) if len(group["values"]) == 1 else None
            for text in group["texts"]:
                scope = None
                if dimension in ("Temperature", "Ordinal", "Volume"):
                    scope = {"Temperature": "temperatures: no target of a notice", "Ordinal": "ordinals",
                             "Volume": "litres: a measure notices do not use"}[dimension]
                elif group["kind"] != "simple" or value is None:
                    scope = "an interval or several values: no single quantity"
                elif re.search(r"[A-Za-z°]", text):
                    scope = "a Latin unit abbreviation (kg, cm, $): notices write the Chinese measure word"
                elif dimension == "Numeral" and value == 1 and re.fullmatch(r"[一壹][个]?", text):
                    scope = "the determiner 一"
                elif _number_scope(text):
                    scope = _number_scope(text)
                elif dimension != "Numeral" and group["unit"] not in CONVERSIONS:
                    scope = f"a unit notices do not use ({group['unit']})"
                elif dimension == "AmountOfMoney" and not re.search(r"元$", text):
                    scope = "spoken money (块, 毛, 角, 分): notices write 元"
                elif dimension in ("Quantity", "Distance") and not _our_unit(text):
                    scope = "a measure word notices do not use"
                probe = text + NEUTRAL if dimension == "Numeral" else text
                cases.append(Case(f"duckling {dimension}", f"{group['head']} {probe}", probe, value,
                                  convert=None if dimension == "Numeral" else group["unit"], out_of_scope=scope))
    return cases


def cn2an_cases() -> list[Case]:
    path = SPECS / "cn2an" / "cn2an_cases.json"
    if not path.is_file():
        return []
    cases = []
    for mode, pairs in json.loads(path.read_text(encoding="utf-8")).items():
        for text, value in pairs.items():
            scope = "the determiner 一" if text in ("一", "壹") else _number_scope(text)
            if re.search(r"[元圆].*[整正角分]|圆", text):
                scope = "a cheque amount (壹拾壹圆整, 元壹角): no form of a notice"
            elif re.search(r"点零{8,}", text):
                scope = "more than eight decimal places: an identifier, not an amount, by design"
            cases.append(Case(f"cn2an {mode}", f"{text}+{NEUTRAL}", text + NEUTRAL, _number(str(value)),
                              out_of_scope=scope))
    return cases


def all_cases() -> list[Case]:
    return (number_cases() + percent_cases() + range_cases() + unit_cases() + duckling_cases()
            + cn2an_cases())
