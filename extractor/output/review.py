"""A self-contained HTML page for reviewing one extraction: the normalised text with every
quantity, metric phrase and responsible unit highlighted in place, and the items and targets in
a table beside it; clicking a row scrolls to its characters and makes them flash."""

from __future__ import annotations

import html
import json

from ..base.model import ROLE_NAMES, Notice

_STYLE = """
body{margin:0;font:14px/1.7 "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#222}
header{padding:10px 16px;background:#f4f6f8;border-bottom:1px solid #ccd}
header h1{font-size:17px;margin:0 0 4px}
header .meta span{margin-right:16px;color:#555}
.legend mark{margin-right:10px}
main{display:flex;height:calc(100vh - 92px)}
#text{flex:1 1 50%;overflow:auto;padding:12px 16px;border-right:1px solid #ccd}
#text pre{white-space:pre-wrap;font:inherit;margin:0}
#table{flex:1 1 50%;overflow:auto;padding:8px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #dde;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#eef2f7;position:sticky;top:0}
td:nth-child(1),td:nth-child(4),td:nth-child(5),td:nth-child(6),td:nth-child(7){white-space:nowrap}
td:nth-child(2){max-width:14em}
td:nth-child(9){min-width:8em}
tr[data-target]{cursor:pointer}
tr[data-target]:hover{background:#fff8dc}
mark{border-radius:2px;padding:0 1px}
mark.quantity{background:#ffd54f}
mark.metric{background:#b3e5fc}
mark.unit{background:#c8e6c9}
mark.flash{animation:flash 0.4s ease-in-out 4;outline:2px solid #e53935}
@keyframes flash{50%{background:#ff8a80}}
"""

def _short(title: str, length: int = 24) -> str:
    """A title that is a whole sentence (an item without heading) cut to fit its column."""
    return title if len(title) <= length else title[:length - 1] + "…"


_SCRIPT = """
document.querySelectorAll('tr[data-target]').forEach(function (row) {
  row.addEventListener('click', function () {
    var mark = document.getElementById(row.dataset.target);
    if (!mark) { return; }
    mark.scrollIntoView({block: 'center'});
    mark.classList.remove('flash');
    void mark.offsetWidth;
    mark.classList.add('flash');
    setTimeout(function () { mark.classList.remove('flash'); }, 2000);
  });
});
"""


def highlight_spans(text: str, data: dict) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every mark, none overlapping: quantities first, then metric phrases
    and responsible units where they stand in the text."""
    items = data["items"]
    quantities = sorted({tuple(target["span"]) for item in items for target in item["targets"]})
    spans = [(start, end, "quantity") for start, end in quantities]
    for number, item in enumerate(items):
        start, end = item["span"]
        for target in item["targets"]:
            found = text.find(target["metric"], start, end) if target["metric"] else -1
            if found >= 0:
                spans.append((found, found + len(target["metric"]), "metric"))
        window_end = items[number + 1]["span"][0] if number + 1 < len(items) else len(text)
        for unit in item["responsible_units"]:
            found = text.find(unit, start, window_end)
            if found >= 0:
                spans.append((found, found + len(unit), "unit"))
    kept: list[tuple[int, int, str]] = []
    for span in spans:  # quantities come first and so always win an overlap
        if all(span[1] <= other[0] or other[1] <= span[0] for other in kept):
            kept.append(span)
    return sorted(kept)


def mark_id(start: int, end: int) -> str:
    return f"q{start}-{end}"


def render(text: str, data: dict) -> str:
    pieces, position = [], 0
    for start, end, kind in highlight_spans(text, data):
        pieces.append(html.escape(text[position:start]))
        identifier = f' id="{mark_id(start, end)}"' if kind == "quantity" else ""
        pieces.append(f'<mark class="{kind}"{identifier}>{html.escape(text[start:end])}</mark>')
        position = end
    pieces.append(html.escape(text[position:]))
    rows = []
    for item in data["items"]:
        units = html.escape("、".join(item["responsible_units"]))
        for target in item["targets"]:
            value = target["value"] if "value_max" not in target else f"{target['value']}–{target['value_max']}"
            cells = [item["id"], _short(item["title"]), target["metric"], value, target["unit"], target["comparator"],
                     ROLE_NAMES.get(target["role"], target["role"]), target["raw"]]
            row = "".join(f"<td>{html.escape(str(cell))}</td>" for cell in cells)
            rows.append(f'<tr data-target="{mark_id(*target["span"])}">{row}<td>{units}</td></tr>')
    meta = data["document"]
    fields = [("文号", meta["doc_number"]), ("发文机关", meta["issuer"]), ("日期", meta["date"]),
              ("地区", meta["region"]), ("年度", meta["year"])]
    meta_html = "".join(f"<span>{name}：{html.escape(str(value)) if value is not None else '—'}</span>"
                        for name, value in fields)
    title = html.escape(meta["title"] or data["source"]["name"])
    header_row = "".join(f"<th>{name}</th>" for name in
                         ("序号", "任务", "指标", "数值", "单位", "比较", "类型", "原文", "责任单位"))
    return f"""<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>{title}</title><style>{_STYLE}</style></head>
<body>
<header><h1>{title}</h1><div class="meta">{meta_html}</div>
<div class="legend"><mark class="quantity">数量</mark><mark class="metric">指标</mark><mark class="unit">责任单位</mark>
<span>{len(data["items"])} 项任务，{len(rows)} 个目标 · {html.escape(data["source"]["name"])}</span></div></header>
<main><section id="text"><pre>{"".join(pieces)}</pre></section>
<section id="table"><table><thead><tr>{header_row}</tr></thead><tbody>{"".join(rows)}</tbody></table></section></main>
<script type="application/json" id="extraction">{html.escape(json.dumps(data, ensure_ascii=False), quote=False)}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def review_page(notice: Notice) -> str:
    return render(notice.text, notice.to_dict())
