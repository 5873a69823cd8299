"""Sphinx configuration of the shpolicy documentation site: ``tox -e docs`` builds it.

Sphinx with MyST-Parser, autodoc and the furo theme: the docstrings already cross-reference
in reStructuredText roles (:func:, :class:, :mod:), which autodoc resolves and a nitpicky
build checks, while the guide pages stay the Markdown that the repository and the tests read.

The build is strict (``-W --keep-going -n``) and needs no network: names from the standard
library and third-party packages (datetime.date, lxml's elements, pandas) are shown in the
signatures but not linked, through :data:`nitpick_ignore_regex` below, rather than fetched
with intersphinx, which would make an offline build fail or differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

import shpolicy  # noqa: E402  (installed into the docs environment by tox)

project = "shpolicy"
author = "shpolicy developers"
project_copyright = "shpolicy developers (MIT licence)"
version = release = shpolicy.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "shpolicy_site",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext"]
nitpicky = True

html_theme = "furo"
html_title = f"shpolicy {release}"
html_static_path: list[str] = []

# Anchors for headings down to ###, so the pages' own [..](#install) links work on the site.
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
# Types from outside shpolicy: shown, not linked (no intersphinx: the build stays offline).
nitpick_ignore_regex = [
    ("py:class", r"(datetime|decimal|pathlib|os|collections\.abc|concurrent\.futures|typing)\.\w+"),
    # A field of an attrs class shows its annotation as written: dt.date (import datetime as
    # dt), Decimal (from decimal import Decimal).
    ("py:class", r"dt\.date|Decimal"),
    # batch.py imports Executor for its annotations only (under TYPE_CHECKING).
    ("py:class", r"Executor"),
    # Type variables of generic functions and classes are not objects to document.
    ("py:class", r"(shpolicy\.\w+\.)?_?[RT]"),
]
