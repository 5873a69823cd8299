"""Web pages built from policy texts, in the shapes a browser saves from government sites.

:func:`saved_page` wraps a text in what a policy page on the municipal site
carries around the article: a top bar, a header with the site's navigation,
breadcrumbs, a metadata table (索引号, 发布机构, 发文字号, 成文日期, 发布日期),
the title as a heading, font-size and print tools, a share bar, related
documents and a footer, with scripts and styles — once with the class names
site templates use (``nav``, ``crumbs``, ``share``, ``footer``) and once with
opaque ids only, where the article must be found by text density alone.
"""

from __future__ import annotations

import zlib
from html import escape
from typing import Final

FIELDS_ZH: Final = {
    "索引号": "0000000000/2024-00123",
    "发布机构": "上海市人民政府办公厅",
    "发文字号": "沪府办规〔2024〕5号",
    "成文日期": "2024-05-06",
    "发布日期": "2024-05-08",
}
FIELDS_EN: Final = {
    "Index No.": "SMPG-2024-00123",
    "Issued by": "General Office of Shanghai Municipal People's Government",
    "Document No.": "SMPG GO [2024] No. 5",
    "Release date": "2024-05-08",
}


def _paragraphs(lines: list[str]) -> str:
    return "\n".join(f'<p style="text-indent:2em;">{escape(line)}</p>' for line in lines)


def saved_page(
    text: str,
    *,
    charset: str = "utf-8",
    fields: dict[str, str] | None = None,
    named: bool = True,
    title_in_article: bool = False,
) -> str:
    """A saved policy page showing *text*: its first line as the title heading, the rest as
    the article.  *named* gives the furniture the class names templates use; without,
    every block is a bare ``div`` with an opaque id."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, body = lines[0], lines[1:]
    fields = FIELDS_ZH if fields is None else fields
    english = not any("\u4e00" <= c <= "\u9fff" for c in title)
    nav = (
        ["Home", "News", "Government", "Services"]
        if english
        else ["首页", "要闻动态", "政务公开", "政务服务", "互动交流"]
    )

    def cls(name: str) -> str:
        return f' class="{name}"' if named else f' id="x{zlib.crc32(name.encode()) % 9973}"'

    info_rows = "".join(
        f"<tr><td>{escape(label)}：</td><td>{escape(value)}</td></tr>"
        for label, value in fields.items()
    )
    article = (f"<p>{escape(title)}</p>\n" if title_in_article else "") + _paragraphs(body)
    return f"""<!DOCTYPE html>
<!-- saved from url=(0060)https://www.shanghai.gov.cn/nw12344/20240508/0001-12344.html -->
<html lang="{"en" if english else "zh-CN"}"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}_{"Policies" if english else "规范性文件"}_{"Shanghai" if english else "上海市人民政府"}</title>
<link rel="stylesheet" href="./0001-12344_files/style.css">
<style>.Article_content p {{ line-height: 2; }} /* 1. not a measure */</style>
<script type="text/javascript">var note = "1. 这不是措施（责任单位：市发展改革委）";</script>
</head>
<body>
<div{cls("top-bar")}><a href="#">无障碍</a> | <a href="#">English</a> | <a href="#">繁體</a></div>
<div{cls("header")}><img src="./0001-12344_files/logo.png" alt="上海市人民政府">
<ul{cls("nav-list")}>{"".join(f'<li><a href="#">{escape(n)}</a></li>' for n in nav)}</ul></div>
<div{cls("crumbs")}>当前位置：<a href="#">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">规范性文件</a></div>
<div{cls("container")}>
<table{cls("info-table")}>{info_rows}</table>
<h2{cls("article-title")}>{escape(title)}</h2>
<div{cls("tools")}>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a> <a href="#">打印本页</a></div>
<div{cls("Article_content")}>
{article}
</div>
<div{cls("share")}>分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div{cls("related")}><h3>相关文件</h3><ul>
<li><a href="#">上海市人民政府关于印发《上海市营商环境优化方案》的通知</a></li>
<li><a href="#">关于进一步加强本市政府投资项目管理的若干意见</a></li></ul></div>
</div>
<div{cls("footer")}><p>主办：上海市人民政府办公厅 承办：上海市大数据中心</p>
<p>版权所有：上海市人民政府办公厅 沪ICP备12345678号-1 沪公网安备31010102002018号</p></div>
<script>document.write("分享到");</script>
</body></html>
"""


CHROME_WORDS: Final = (
    "首页",
    "当前位置",
    "分享到",
    "版权所有",
    "沪ICP备",
    "打印本页",
    "相关文件",
    "无障碍",
)
