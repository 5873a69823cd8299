"""The report's stylesheet, inlined into every page (no file or font to fetch).

One column on a phone; on a wide screen, diagnostics stand in a margin
beside the section or measure they concern and the Chinese and English
documents stand in two columns.
"""

from __future__ import annotations

from typing import Final

__all__ = ["CSS"]

CSS: Final = """
:root{--ink:#1b1f24;--muted:#5b6570;--line:#d8dee4;--paper:#fff;--tint:#f5f7fa;
--lead:#1f5fa8;--coop:#6fa8dc;--other:#b7c9dc;--target:#c27c0e;--mark:#fde9a8;
--warn:#9a5b00;--err:#b42318;--info:#3b6ea8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--tint);color:var(--ink);line-height:1.6;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC","Noto Sans SC",
"PingFang SC","Hiragino Sans GB","Microsoft YaHei",sans-serif;font-size:16px}
main{max-width:72rem;margin:0 auto;padding:1rem}
a{color:var(--lead)}
h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0 1rem;overflow-wrap:anywhere}
h2{font-size:1.2rem;line-height:1.35;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;line-height:1.4;margin:.25rem 0}
p{margin:.4rem 0;overflow-wrap:anywhere}
.panel>h2:first-child,.block h2{margin-top:.2rem}
nav.crumbs{font-size:.9rem;margin-bottom:.5rem}
.summary{color:var(--muted)}
.panel{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;
margin:.75rem 0}
.charts{display:grid;grid-template-columns:1fr;gap:1rem;align-items:start}
.chart{width:100%;max-width:30rem;height:auto;display:block}
.chart text{font-size:12.5px;fill:var(--ink)}
.chart text.value{fill:var(--muted)}
.chart .lead{fill:var(--lead)}.chart .coop{fill:var(--coop)}.chart .other{fill:var(--other)}
.chart .years{fill:var(--target)}.chart .axis{stroke:var(--line)}
.chart a:hover text.name{text-decoration:underline}
.langs{display:grid;grid-template-columns:1fr;gap:1rem}
.card{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;
margin:.5rem 0}
.card h3 a{text-decoration:none}
.facts{display:flex;flex-wrap:wrap;gap:.15rem 1rem;margin:.2rem 0 0;padding:0;list-style:none;
font-size:.85rem;color:var(--muted)}
dl.header{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.header dt{color:var(--muted)}dl.header dd{margin:0;overflow-wrap:anywhere}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:var(--paper);font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
th{font-weight:600;color:var(--muted)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.block{display:grid;grid-template-columns:minmax(0,1fr);gap:.25rem 1rem;background:var(--paper);
border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem;margin:.6rem 0}
.block.section{background:transparent;border:0;border-left:3px solid var(--lead);border-radius:0;
padding:.2rem .8rem}
.block.depth-2{margin-left:.5rem}.block.depth-3,.block.depth-4{margin-left:1rem}
.label{font-weight:700;white-space:nowrap}
mark.target{background:var(--mark);color:inherit;border-radius:3px;padding:0 .1rem}
.clause{background:var(--tint);border-radius:4px;padding:.3rem .5rem;font-size:.95rem}
.clause .who{color:var(--muted);margin-right:.3rem}
a.body{text-decoration:none;border-bottom:1px dotted var(--lead);white-space:normal}
.role{font-size:.75rem;color:var(--muted);margin-left:.15rem}
ul.targets{margin:.3rem 0;padding-left:1.2rem;font-size:.9rem}
ul.targets .value{font-variant-numeric:tabular-nums;color:var(--target);font-weight:600}
aside.diagnostics{font-size:.85rem}
.diag{margin:.2rem 0;padding:.25rem .5rem;border-left:3px solid var(--info);background:#eef4fb}
.diag.warning{border-color:var(--warn);background:#fdf4e3}
.diag.error{border-color:var(--err);background:#fdecea}
.diag code{font-size:.8rem}
ol.rows{padding-left:1.4rem}
ol.rows li{margin:.45rem 0}
.muted{color:var(--muted)}
.legend-line{font-size:.85rem;color:var(--muted)}
@media (min-width:48rem){
main{padding:1.5rem 2rem}
.charts{grid-template-columns:1fr 1fr}
.langs{grid-template-columns:1fr 1fr}
.block.has-diagnostics{grid-template-columns:minmax(0,1fr) 15rem}
}
"""
