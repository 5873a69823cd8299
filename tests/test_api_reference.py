"""The API reference (docs/api/*.rst) documents every public name, and every public name has a doc.

The public names are the ``__all__`` of ``shpolicy`` and of its public modules.  A name
counts as documented when an autodoc directive of the reference (``.. autoclass::
shpolicy.units.Unit``) names the same object under the same name, whichever module the
directive goes through (``shpolicy.Policy`` is documented as ``shpolicy.model.Policy``).

The docs themselves are read as text, so this runs without Sphinx; the strict build
(``tox -e docs``) checks the rest: that each directive renders, and that every reference in
a docstring resolves.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import types
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

import attrs
import pytest

import shpolicy
from shpolicy.diagnostics import DiagnosticKind

ROOT: Final = Path(__file__).resolve().parent.parent
API: Final = ROOT / "docs" / "api"
# The modules whose __all__ is public API: the package, the subpackages it exports, the
# modules of the classes it exports, and the catalogue of diagnostics.
PUBLIC_MODULES: Final = (
    "shpolicy",
    "shpolicy.model",
    "shpolicy.errors",
    "shpolicy.diagnostics",
    "shpolicy.akn",
    "shpolicy.batch",
    "shpolicy.read",
    "shpolicy.report",
    "shpolicy.schemas",
    "shpolicy.tables",
    "shpolicy.units",
)
DIRECTIVE: Final = re.compile(
    r"^\.\. auto(module|class|exception|function|method|data|attribute)::\s+(\S+)", re.M
)
DOC_COMMENT: Final = "#:"


def directive_targets(texts: Iterable[str]) -> list[tuple[str, str]]:
    """The kind and dotted name of each autodoc directive of *texts*, in order."""
    return [match for text in texts for match in DIRECTIVE.findall(text)]


def resolve(dotted: str, *, module: bool = False) -> object:
    """The object a directive's dotted name denotes, found as autodoc finds it.

    The longest importable module before the last part, then attributes: ``shpolicy.read.sniff``
    is the function the package exports, not its module of the same name.
    """
    parts = dotted.split(".")
    if module:
        return importlib.import_module(dotted)
    for cut in range(len(parts) - 1, 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            found = getattr(found, attribute)
        return found
    raise ImportError(dotted)


def is_code(value: object) -> bool:
    """A module, class or function (cached ones too): what carries a docstring of its own."""
    return (
        inspect.ismodule(value)
        or inspect.isclass(value)
        or inspect.isroutine(inspect.unwrap(value) if callable(value) else value)
    )


def undocumented(
    modules: Iterable[types.ModuleType], targets: Iterable[tuple[str, str]]
) -> list[str]:
    """``module.name`` for each name of the modules' ``__all__`` that no directive documents."""
    documented: dict[str, list[object]] = {}
    for kind, target in targets:
        found = resolve(target, module=kind == "module")
        documented.setdefault(target.rpartition(".")[2], []).append(found)
    missing = []
    for module in modules:
        for name in module.__all__:
            value = getattr(module, name)
            if not any(value is found for found in documented.get(name, ())):
                missing.append(f"{module.__name__}.{name}")
    return missing


def public_modules() -> list[types.ModuleType]:
    return [importlib.import_module(name) for name in PUBLIC_MODULES]


def reference_targets() -> list[tuple[str, str]]:
    return directive_targets(p.read_text(encoding="utf-8") for p in sorted(API.glob("*.rst")))


def public_objects() -> Iterator[tuple[str, object]]:
    for module in public_modules():
        for name in module.__all__:
            yield f"{module.__name__}.{name}", getattr(module, name)


def test_every_public_module_of_the_package_is_covered() -> None:
    exported = {
        f"shpolicy.{name}" for name in shpolicy.__all__ if inspect.ismodule(getattr(shpolicy, name))
    }
    assert exported <= set(PUBLIC_MODULES)


def test_every_public_name_is_in_the_api_reference() -> None:
    targets = reference_targets()
    assert len(targets) > 100  # the reference was read
    assert undocumented(public_modules(), targets) == []


def test_every_directive_names_an_object_that_exists() -> None:
    broken = []
    for kind, target in reference_targets():
        try:
            resolve(target, module=kind == "module")
        except (ImportError, AttributeError):
            broken.append(target)
    assert broken == []


def test_a_name_left_out_or_documented_as_another_object_is_found() -> None:
    module = types.ModuleType("shpolicy_fake")
    module.Policy = shpolicy.Policy  # type: ignore[attr-defined]
    module.Target = shpolicy.Target  # type: ignore[attr-defined]
    module.parse = shpolicy.parse_text  # type: ignore[attr-defined]
    module.__all__ = ["Policy", "Target", "parse"]  # type: ignore[attr-defined]
    targets = directive_targets(
        [
            ".. autoclass:: shpolicy.model.Policy\n   :members:\n",
            # the same name, another object
            ".. autofunction:: shpolicy.tables.build\n.. autodata:: shpolicy.schemas.NAMES\n",
            # parse_text is documented, but not under the name "parse"
            ".. autofunction:: shpolicy.parse_text\n",
        ]
    )
    assert targets == [
        ("class", "shpolicy.model.Policy"),
        ("function", "shpolicy.tables.build"),
        ("data", "shpolicy.schemas.NAMES"),
        ("function", "shpolicy.parse_text"),
    ]
    assert undocumented([module], targets) == ["shpolicy_fake.Target", "shpolicy_fake.parse"]


def test_classes_functions_and_modules_have_docstrings() -> None:
    bare = [
        name
        for name, value in public_objects()
        if is_code(value) and not (inspect.getdoc(value) or "").strip()
    ]
    assert bare == []


def field_lines(cls: type) -> dict[str, tuple[str, str]]:
    """Each attrs field of *cls*: its line in the class body and the line above it."""
    lines, _ = inspect.getsourcelines(cls)
    found: dict[str, tuple[str, str]] = {}
    for above, line in zip(["", *lines], lines, strict=False):
        match = re.match(r"\s+(\w+):", line)
        if match and match[1] not in found:
            found[match[1]] = (line, above)
    return found


def test_every_field_of_a_public_class_has_a_doc() -> None:
    classes = {id(v): v for _, v in public_objects() if inspect.isclass(v) and attrs.has(v)}
    assert len(classes) > 20
    bare = []
    for cls in classes.values():
        lines = field_lines(cls)
        for field in attrs.fields(cls):
            line, above = lines[field.name]
            commented = DOC_COMMENT in line or above.strip().startswith(DOC_COMMENT)
            if not commented and not field.metadata.get("description"):
                bare.append(f"{cls.__module__}.{cls.__qualname__}.{field.name}")
    assert bare == []


def constant_docs(module: types.ModuleType) -> dict[str, bool]:
    """Whether a ``#:`` comment or a string documents each module-level name of *module*."""
    source = inspect.getsource(module)
    lines = source.splitlines()
    tree = ast.parse(source)
    docs: dict[str, bool] = {}
    for node, following in zip(tree.body, [*tree.body[1:], None], strict=True):
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        else:
            continue
        above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
        string_after = (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        )
        commented = above.startswith(DOC_COMMENT) or DOC_COMMENT in lines[node.lineno - 1]
        for name in names:
            docs[name] = commented or string_after
    return docs


def test_every_public_constant_has_a_doc() -> None:
    package = [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(shpolicy.__path__, "shpolicy.")
        if not info.name.endswith("__main__")
    ]
    package.append(shpolicy)
    bare = []
    for qualified, value in public_objects():
        if is_code(value):
            continue
        if isinstance(value, DiagnosticKind):  # documented by its meaning in the catalogue
            continue
        name = qualified.rpartition(".")[2]
        defined = [m for m in package if name in vars(m) and vars(m)[name] is value]
        if not any(constant_docs(m).get(name) for m in defined):
            bare.append(qualified)
    assert bare == []


@pytest.mark.parametrize("page", sorted(p.stem for p in API.glob("*.rst")))
def test_every_reference_page_is_in_the_reference_index(page: str) -> None:
    index = (API / "index.rst").read_text(encoding="utf-8")
    assert page == "index" or re.search(rf"^\s+{re.escape(page)}$", index, re.M)
