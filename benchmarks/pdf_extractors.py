"""pypdf or pdfminer.six for PDF text: accuracy and speed on Chinese PDFs made here.

Each text (the Chinese sample, and the real texts in ../shared/real when present)
is typeset into a PDF with reportlab, wrapped at a fixed width of 30 characters
and indented like a printed policy, in two ways:

* ``cid``: reportlab's built-in STSong-Light, a CID font that is not embedded
  (Adobe-GB1 with the UniGB-UCS2-H CMap; no ToUnicode map): the extractor must
  know the predefined CMap;
* ``ttf``: WenQuanYi Zen Hei embedded as a TrueType subset with a ToUnicode map
  (needs the Debian package fonts-wqy-zenhei; skipped without it).

For each extractor it prints the share of the source's non-blank characters
recovered in order (difflib matching blocks), the share of the text's lines
that come back as lines, the CPU time, and whether shpolicy then parses the
same measures as from the text.  Run from the project root with
``pip install pypdf pdfminer.six reportlab``::

    python benchmarks/pdf_extractors.py
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 30
TTF = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def wrapped_lines(text: str) -> list[str]:
    """The text cut at WIDTH characters, each paragraph's first line indented two."""
    out: list[str] = []
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        rest = "\u3000\u3000" + paragraph
        while rest:
            out.append(rest[:WIDTH])
            rest = rest[WIDTH:]
    return out


def make_pdf(text: str, font: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if font == "cid":
        name = "STSong-Light"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    else:
        name = "WenQuanYi"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(TTF), subfontIndex=0))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    size = 14
    y = A4[1] - 60
    pdf.setFont(name, size)
    for line in wrapped_lines(text):
        if y < 60:
            pdf.showPage()
            pdf.setFont(name, size)
            y = A4[1] - 60
        pdf.drawString(60, y, line)
        y -= size * 1.6
    pdf.save()
    return buffer.getvalue()


def with_pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def with_pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


EXTRACTORS: dict[str, Callable[[bytes], str]] = {"pypdf": with_pypdf, "pdfminer": with_pdfminer}


def recovered(source: str, extracted: str) -> float:
    a = "".join(source.split())
    b = "".join(extracted.split())
    same = sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return same / max(len(a), 1)


def lines_kept(source_lines: list[str], extracted: str) -> float:
    got = {line.strip() for line in extracted.splitlines()}
    return sum(line.strip() in got for line in source_lines) / max(len(source_lines), 1)


def measures(text: str) -> list[str]:
    import shpolicy

    try:
        return [m.label for m in shpolicy.parse_text(text).all_measures()]
    except shpolicy.ShpolicyError:
        return []


def main() -> None:
    texts = [ROOT / "samples" / "online-new-economy-measures.zh.txt"]
    texts += sorted((ROOT.parent / "shared" / "real").glob("*.txt"))
    fonts = ["cid"] + (["ttf"] if TTF.is_file() else [])
    totals: dict[tuple[str, str], list[float]] = {}
    for path in texts:
        source = path.read_text("utf-8-sig")
        expected = measures("\n".join(wrapped_lines(source)))
        for font in fonts:
            data = make_pdf(source, font)
            for name, extract in EXTRACTORS.items():
                started = time.process_time()
                try:
                    text = extract(data)
                    error = ""
                except Exception as exc:  # an extractor failing is a result here
                    text, error = "", f"{type(exc).__name__}: {exc}"[:60]
                seconds = time.process_time() - started
                row = totals.setdefault((font, name), [0, 0, 0, 0, 0])
                same = measures(text) == expected
                row[0] += recovered(source, text)
                row[1] += lines_kept(wrapped_lines(source), text)
                row[2] += seconds
                row[3] += same
                row[4] += 1
                print(
                    f"{path.name[:34]:34s} {font:4s} {name:9s} chars {recovered(source, text):6.1%}"
                    f"  lines {lines_kept(wrapped_lines(source), text):6.1%}  {seconds:6.3f} s"
                    f"  measures {'same' if same else 'DIFFER'} {error}",
                    flush=True,
                )
    print()
    for (font, name), (chars, lines, seconds, same, n) in sorted(totals.items()):
        print(
            f"{font:4s} {name:9s} mean chars {chars / n:6.1%}  mean lines {lines / n:6.1%}"
            f"  total {seconds:6.2f} s  same measures {int(same)}/{int(n)}"
        )


if __name__ == "__main__":
    main()
