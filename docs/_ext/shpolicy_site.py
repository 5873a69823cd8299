"""What the documentation site adds to the Markdown pages, generated from the code at build time.

The pages in ``docs/`` are read in three places: on the repository's web view, in the
source distribution and on this site.  The first two show Markdown as it is, so the pages
hold no Sphinx-only markup that they would show as code; this extension adds it while the
site is built:

* the navigation (a hidden toctree) on the home page, from :data:`NAVIGATION`;
* links to files outside ``docs/`` (``../README.md``) pointed at the site's pages that show
  them (:data:`SITE_PAGES`);
* the diagnostics catalogue, written from :data:`shpolicy.diagnostics.CATALOGUE` over the
  table pasted in ``docs/diagnostics.md`` (a pasted table that differs is a build warning,
  so a strict build fails on it as ``tests/test_diagnostics_documented.py`` does);
* the ``shpolicy-json-schema`` directive: a table per object of the installed JSON schema;
* the documentation of fields and constants: the ``#:`` comment where a re-exported constant
  is defined, or an attrs field's ``description`` metadata; a public field or constant with
  none is a build warning.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import json
import re
from pathlib import Path
from typing import Any, Final

import attrs
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from shpolicy import schemas
from shpolicy.diagnostics import DiagnosticKind, markdown_table

LOG = logging.getLogger(__name__)

#: The site's navigation, in reading order: the user's pages, then the reference.
NAVIGATION: Final = (
    "readme",
    "guide",
    "parsing",
    "pipeline",
    "targets",
    "validity",
    "units",
    "akoma-ntoso",
    "diagnostics",
    "json-schema",
    "api/index",
    "benchmarks",
    "changelog",
)

#: Links from the ``docs/`` pages to files outside it -> the site's page that shows the file.
SITE_PAGES: Final = {
    "../README.md": "readme.md",
    "../benchmarks/README.md": "benchmarks.md",
    "../CHANGELOG.md": "changelog.md",
    "../schemas/shpolicy.schema.json": "json-schema.md",
}

CATALOGUE_PAGE: Final = "diagnostics"


def _site_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """Add the site-only markup to a page's Markdown as it is read (``source-read``)."""
    text = source[0]
    if "/" not in docname:  # the pages of docs/ itself: their links are relative to it
        for outside, page in SITE_PAGES.items():
            text = text.replace(f"]({outside})", f"]({page})")
    if docname == CATALOGUE_PAGE:
        text = _generated_catalogue(text, app.srcdir / f"{docname}.md")
    if docname == app.config.root_doc:
        entries = "\n".join(NAVIGATION)
        text += f"\n\n```{{toctree}}\n:hidden:\n:maxdepth: 2\n\n{entries}\n```\n"
    source[0] = text


def _generated_catalogue(text: str, path: object) -> str:
    """*text* with its pasted catalogue table replaced by the one the code writes now."""
    table = markdown_table()
    if table in text:
        return text
    header = "| code | severity | meaning |"
    start = text.find(header)
    if start < 0:
        LOG.warning("%s: no catalogue table (%r) to replace", path, header, type="shpolicy")
        return text + "\n" + table
    end = start
    lines = text[start:].splitlines(keepends=True)
    for line in lines:
        if not line.startswith("|"):
            break
        end += len(line)
    LOG.warning(
        "%s: the catalogue table differs from shpolicy.diagnostics; paste the output of "
        "`python -m shpolicy.diagnostics`",
        path,
        type="shpolicy",
    )
    return text[:start] + table + text[end:]


class JsonSchemaTables(SphinxDirective):
    """``shpolicy-json-schema``: every object of ``shpolicy.schema.json`` as a table of fields."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        schema = schemas.load("shpolicy.schema.json")
        lines = ["### `Policy` (the document)", "", *_fields_table(schema), ""]
        for name, definition in schema["$defs"].items():
            lines += [f"### `{name}`", "", *_fields_table(definition), ""]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="shpolicy.schema.json"), 0, container)
        return container.children


def _fields_table(definition: dict[str, Any]) -> list[str]:
    """A Markdown table of *definition*'s properties: name, JSON type, required, description."""
    required = set(definition.get("required", ()))
    rows = [
        definition.get("description", "").replace("\n", " "),
        "",
        "| field | type | required | description |",
        "| --- | --- | --- | --- |",
    ]
    for name, prop in definition.get("properties", {}).items():
        description = prop.get("description", "").replace("|", "\\|").replace("\n", " ")
        kind = _json_type(prop).replace("|", "\\|")
        needed = "yes" if name in required else "no"
        rows.append(f"| `{name}` | {kind} | {needed} | {description} |")
    return rows


def _json_type(prop: dict[str, Any]) -> str:
    """A property's JSON type in words: ``string``, ``array of `Measure` ``, ``one of …``."""
    if "$ref" in prop:
        return f"`{prop['$ref'].rsplit('/', 1)[-1]}`"
    if "const" in prop:
        return f"`{json.dumps(prop['const'])}`"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{json.dumps(v, ensure_ascii=False)}`" for v in prop["enum"])
    if "anyOf" in prop or "oneOf" in prop:
        return " or ".join(_json_type(p) for p in prop.get("anyOf", prop.get("oneOf", ())))
    kind = prop.get("type", "any")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array" and "items" in prop:
        return f"array of {_json_type(prop['items'])}"
    if "format" in prop:
        return f"{kind} ({prop['format']})"
    return str(kind)


def _field_and_data_docs(
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Find the doc of a field or a constant, and warn when a public one has none.

    autodoc documents a constant without a ``#:`` comment with its type's docstring
    (``str(object='') -> str``): that is no documentation of the constant, so it is dropped.
    A constant re-exported by a package takes the comment written where it is defined, an
    attrs field without one the ``description`` of its metadata (the JSON schema's too), and an
    entry of the diagnostics catalogue its code, severity and meaning.
    """
    if what not in ("data", "attribute"):
        return
    if lines and _is_type_doc(obj, lines):
        lines.clear()
    if not any(line.strip() for line in lines):
        lines[:] = _defined_doc(name) or _metadata_doc(name) or _catalogue_doc(obj)
    if not any(line.strip() for line in lines):
        LOG.warning("%s has no doc comment (#: above it)", name, type="shpolicy", subtype="doc")


def _is_type_doc(obj: object, lines: list[str]) -> bool:
    """Whether *lines* are the docstring of *obj*'s type rather than of *obj* itself."""
    own = " ".join("\n".join(lines).split())
    inherited = inspect.getdoc(type(obj)) or ""
    return bool(inherited) and own == " ".join(inherited.split())


def _catalogue_doc(obj: object) -> list[str]:
    """A catalogue entry (``NUMBERING_GAP``) documented by its code, severity and meaning."""
    if not isinstance(obj, DiagnosticKind):
        return []
    # The meaning is one line of Markdown: `code` spans and [text](page.md) links.
    meaning = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", obj.meaning)
    meaning = re.sub(r"`([^`]+)`", r"``\1``", meaning)
    return [f"``{obj.code}`` ({obj.severity}): {meaning}", ""]


def _defined_doc(name: str) -> list[str]:
    """The ``#:`` comment of a constant in the module that *name*'s package imports it from."""
    package, _, attribute = name.rpartition(".")
    origin = _defining_module(package, attribute)
    if origin is None:
        return []
    docs = ModuleAnalyzer.for_module(origin).find_attr_docs()
    return list(docs.get(("", attribute), ()))


def _metadata_doc(name: str) -> list[str]:
    """The ``description`` in the attrs metadata of the field *name* (``module.Class.field``)."""
    owner, _, field = name.rpartition(".")
    module, _, cls_name = owner.rpartition(".")
    try:
        cls = getattr(importlib.import_module(module), cls_name)
    except (ImportError, AttributeError, ValueError):
        return []
    if not attrs.has(cls):
        return []
    found = attrs.fields_dict(cls).get(field)
    description = found.metadata.get("description") if found is not None else None
    return [description, ""] if isinstance(description, str) else []


def _defining_module(package: str, attribute: str) -> str | None:
    """The module that *package*'s ``from .x import attribute`` imports it from."""
    try:
        module = importlib.import_module(package)
    except ImportError:  # the owner is a class, not a module
        return None
    source = getattr(module, "__file__", None)
    if source is None or module.__package__ is None:
        return None
    tree = ast.parse(Path(source).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and any(a.name == attribute for a in node.names):
            relative = "." * node.level + (node.module or "")
            return importlib.util.resolve_name(relative, module.__package__)
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", _site_source)
    app.connect("autodoc-process-docstring", _field_and_data_docs)
    app.add_directive("shpolicy-json-schema", JsonSchemaTables)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
