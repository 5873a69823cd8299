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

#: Fields of the JSON document that are not fields of the model, and what they mean.
DOCUMENT_FIELDS: Final = {
    "schema_version": "The version of this JSON format; it changes when the format's shape "
    "does, and `from_json` still reads the older versions.",
}


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
    """``shpolicy-json-schema``: every object of ``shpolicy.schema.json`` as a table of fields.

    Each object is a class of :mod:`shpolicy.model` and each field one of its fields: the
    table links the field to the API reference and describes it by the schema's
    ``description`` or, where the schema has none, by the field's doc comment.
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        schema = schemas.load("shpolicy.schema.json")
        docs = ModuleAnalyzer.for_module("shpolicy.model").find_attr_docs()
        objects = {"Policy": schema, **schema["$defs"]}
        lines: list[str] = []
        for name, definition in objects.items():
            lines += [f"### {{py:class}}`~shpolicy.model.{name}`", ""]
            lines += _fields_table(name, definition, docs)
            lines.append("")
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="shpolicy.schema.json"), 0, container)
        return container.children


def _fields_table(
    name: str, definition: dict[str, Any], docs: dict[tuple[str, str], list[str]]
) -> list[str]:
    """A Markdown table of *definition*'s properties: field, JSON type, required, meaning."""
    required = set(definition.get("required", ()))
    rows = [
        definition.get("description", "").replace("\n", " "),
        "",
        "| field | type | required | meaning |",
        "| --- | --- | --- | --- |",
    ]
    for field, prop in definition.get("properties", {}).items():
        meaning = (
            prop.get("description")
            or _markdown(docs.get((name, field), []))
            or DOCUMENT_FIELDS.get(field, "")
        )
        if (name, field) in docs or "description" in prop:
            shown = f"{{py:attr}}`{field} <shpolicy.model.{name}.{field}>`"
        else:  # a field of the JSON document only (schema_version)
            shown = f"`{field}`"
        kind, meaning = (cell.replace("|", "\\|") for cell in (_json_type(prop), meaning))
        needed = "yes" if field in required else "no"
        rows.append(f"| {shown} | {kind} | {needed} | {meaning} |")
    return rows


def _markdown(rst: list[str]) -> str:
    """A doc comment's reStructuredText as one line of Markdown (literals and roles as code)."""
    text = " ".join(" ".join(rst).split())
    text = re.sub(r":\w+:`~?(?:[\w.]+\.)?([^`<]+?)(?: <[^>]+>)?`", r"`\1`", text)
    return text.replace("``", "`")


def _json_type(prop: dict[str, Any]) -> str:
    """A property's JSON type in words: ``string``, ``array of Measure``, ``one of …``."""
    if "$ref" in prop:
        target = prop["$ref"].rsplit("/", 1)[-1]
        return f"{{py:class}}`~shpolicy.model.{target}`"
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


def _attrs_signature(
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    """An attrs class's constructor as its fields and defaults, without the types.

    Each field is listed below the class with its type and meaning: the signature only says
    which fields are keywords and which may be left out (``Policy(*, title=None, …)``).
    """
    if what not in ("class", "exception") or not (inspect.isclass(obj) and attrs.has(obj)):
        return None
    fields = [f for f in attrs.fields(obj) if f.init]
    parts = ["*"] if fields and all(f.kw_only for f in fields) else []
    for field in fields:
        default = field.default
        if default is attrs.NOTHING:
            parts.append(field.name)
        elif isinstance(default, attrs.Factory):
            parts.append(f"{field.name}=…")
        else:
            parts.append(f"{field.name}={default!r}")
    return f"({', '.join(parts)})", None


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
    app.connect("autodoc-process-signature", _attrs_signature)
    app.add_directive("shpolicy-json-schema", JsonSchemaTables)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
