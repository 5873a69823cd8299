"""Read an shpolicy Akoma Ntoso export back into a :class:`~shpolicy.model.Policy`.

The text of the document outside ``<meta>`` — every text node, in order —
is the policy's text (characters XML cannot hold are put back from the
record's ``chars`` list); the ``<shp:policy>`` record in ``<proprietary>``
holds the model, whose strings refer into that text (see
:mod:`~shpolicy.akn.record`).  Exports of shpolicy 0.1 (record version 1)
are read by :mod:`~shpolicy.akn.read_v1`; version 2 records as JSON schema 2.0.  Every problem is an
:class:`~shpolicy.errors.AknError` naming the XML line.
"""

from __future__ import annotations

from lxml import etree

from ..errors import AknError, InvalidValueError
from ..model import Policy
from .read_v1 import policy_from_v1
from .record import decode
from .safeparse import parse_akn
from .vocabulary import RECORD_SCHEMA_VERSIONS, SOURCE_ID, A, S

__all__ = ["document_text", "from_akn"]

Element = etree._Element


def from_akn(data: bytes) -> Policy:
    """Rebuild the policy that :func:`~shpolicy.akn.to_akn` exported as *data*."""
    root = parse_akn(data)
    doc = root.find(A + "doc")
    if doc is None:
        raise _fail("expected a <doc> document under <akomaNtoso>", root)
    meta = doc.find(A + "meta")
    if meta is None:
        raise _fail("missing <meta>", doc)
    record = None
    for proprietary in meta.iterchildren(A + "proprietary"):
        if proprietary.get("source") == "#" + SOURCE_ID:
            record = proprietary.find(S + "policy")
    if record is None:
        raise _fail('no <proprietary source="#shpolicy"> block: not an shpolicy export', meta)
    version = record.get("version")
    if version == "1":
        return policy_from_v1(root)
    schema_version = RECORD_SCHEMA_VERSIONS.get(str(version))
    if schema_version is None:
        raise _fail(
            f"shpolicy record version {version!r}: this version of shpolicy reads "
            f"'1', {', '.join(map(repr, RECORD_SCHEMA_VERSIONS))}",
            record,
        )
    text = _restore(document_text(doc), record.get("chars"), record)
    try:
        return decode(
            record,
            text,
            text_kept=record.get("generated") != "true",
            schema_version=schema_version,
        )
    except InvalidValueError as error:
        raise AknError(f"impossible value: {error}") from None


def document_text(doc: Element) -> str:
    """Every text node of *doc* outside ``<meta>`` elements, in document order."""
    pieces: list[str] = []
    _collect(doc, pieces)
    return "".join(pieces)


def _collect(element: Element, pieces: list[str]) -> None:
    if element.text and isinstance(element.tag, str):
        pieces.append(element.text)
    for child in element:
        if child.tag != A + "meta":
            _collect(child, pieces)
        if child.tail:
            pieces.append(child.tail)


def _restore(text: str, chars: str | None, record: Element) -> str:
    """*text* with the characters the record lists put back at their offsets."""
    if not chars:
        return text
    letters = list(text)
    for token in chars.split():
        offset, _, code = token.partition(":")
        try:
            at, value = int(offset), int(code, 16)
            if at < 0:
                raise IndexError(at)
            letters[at] = chr(value)
        except (ValueError, IndexError, OverflowError):
            raise _fail(
                f"@chars: {token[:40]!r} is not offset:hex within the text", record
            ) from None
    return "".join(letters)


def _fail(message: str, element: Element) -> AknError:
    line = element.sourceline
    return AknError(message, line=line if isinstance(line, int) else None)
