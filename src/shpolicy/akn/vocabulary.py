"""Names shared by the Akoma Ntoso writer and reader: namespaces, classes, fixed ids.

Keeping them in one module means the reader recognises exactly what the
writer produces, and ``docs/akoma-ntoso.md`` has one place to point at.
"""

from __future__ import annotations

from typing import Final

from ..model import Language

AKN_NS: Final = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
"""The OASIS LegalDocML Akoma Ntoso 3.0 namespace."""

SHP_NS: Final = "https://shpolicy.readthedocs.io/ns/akn/1.0"
"""shpolicy's own namespace for the ``<proprietary>`` block."""

SHP_FORMAT_VERSION: Final = "4"
"""Version of the ``<shp:policy>`` record; exports of versions 1 to 3 are still read.

Version 4 records the model of JSON schema 2.2 (the annexes' tasks); version 3 that
of schema 2.1 (a validity period's ``provisional``); version 2 that of schema 2.0."""

RECORD_SCHEMA_VERSIONS: Final = {"2": "2.0", "3": "2.1", SHP_FORMAT_VERSION: "2.2"}
"""The JSON schema_version each record version's fields are read as."""

A: Final = "{" + AKN_NS + "}"
S: Final = "{" + SHP_NS + "}"

DOC_NAME: Final = "policy"
"""``<doc name="policy">``: the policy, the root document or a notice's attachment."""

NOTICE_DOC_NAME: Final = "notice"
"""``<doc name="notice">``: a notice of issuance, with the policy as its attachment."""

# eId of the TLCOrganization that stands for shpolicy itself (markup source).
SOURCE_ID: Final = "shpolicy"
UNKNOWN_AUTHOR_ID: Final = "author-unknown"
VALIDITY_ID: Final = "validity"
ON_ANNOUNCEMENT_ID: Final = "on-announcement"

EVENT_ISSUED: Final = "e-issued"
EVENT_PUBLISHED: Final = "e-published"
EVENT_START: Final = "e-validity-start"
EVENT_END: Final = "e-validity-end"

# ``class`` of the paragraphs that are not plain running text.
CLASS_RESPONSIBILITY: Final = "responsibility"
CLASS_TARGETS: Final = "targets"
CLASS_IMPLEMENTS: Final = "implements"
RESPONSIBLE_LABEL_NAME: Final = "responsibleLabel"

CONTAINER_CLOSING: Final = "closing"
CONTAINER_VALIDITY: Final = "validity"

# Akoma Ntoso element (and eId prefix) for a section at each depth; deeper
# sections than listed use the last entry.
SECTION_ELEMENTS: Final = (
    ("chapter", "chp"),
    ("section", "sec"),
    ("subsection", "subsec"),
    ("division", "dvs"),
)
SECTION_TAGS: Final = frozenset(name for name, _ in SECTION_ELEMENTS)
MEASURE_ELEMENT: Final = ("paragraph", "para")

LANGUAGE_CODES: Final[dict[Language, str]] = {"en": "eng", "zh": "zho"}
"""Model language -> ISO 639-2/B code used in FRBRlanguage and the expression URI."""

NULL_DATE: Final = "0001-01-01"
"""cobalt's placeholder for a date Akoma Ntoso requires but the document lacks."""
