"""shpolicy.tables: rows that count what the model holds, written so they read back exactly."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import shpolicy
from constructed import district_policy, hostile_policy
from shpolicy import Measure, Policy, Section, Span, tables
from shpolicy.tables import ResponsibilityRow, TargetRow

ROOT: Final = Path(__file__).resolve().parent.parent
TEXTS: Final = sorted((ROOT / "samples").glob("*.txt")) + sorted(
    (ROOT / "tests" / "corpus" / "texts").glob("*.txt")
)


def walk(
    sections: tuple[Section, ...], measures: tuple[Measure, ...], above: tuple[str, ...] = ()
) -> Iterator[tuple[Section | Measure, tuple[str, ...]]]:
    """Every section and measure with its labels from the top, straight from the model."""
    for measure in measures:
        yield measure, (*above, measure.label)
    for section in sections:
        labels = (*above, section.label)
        yield section, labels
        yield from walk(section.sections, section.measures, labels)


def model_counts(policy: Policy) -> dict[str, int]:
    elements = [e for e, _ in walk(policy.sections, policy.measures)]
    return {
        "responsibilities": sum(len(e.responsible_units) for e in elements),
        "measures": len(policy.all_measures()),
        "targets": len(policy.targets) + sum(len(e.targets) for e in elements),
        "tasks": sum(max(1, len(t.units)) for t in policy.tasks),
        "documents": 1,
    }


@pytest.fixture(scope="module")
def parsed() -> dict[Path, Policy]:
    return {path: shpolicy.parse_file(path) for path in TEXTS}


def test_the_corpus_is_there() -> None:
    assert len(TEXTS) >= 60


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_row_counts_equal_the_models(path: Path, parsed: dict[Path, Policy]) -> None:
    policy = parsed[path]
    counts = model_counts(policy)
    for name in tables.TABLES:
        table = tables.build(name, [(path.name, policy)])
        assert len(table.rows) == counts[name], name
        assert {row.document for row in table.rows} <= {path.name}


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_paths_and_labels_follow_the_tree(path: Path, parsed: dict[Path, Policy]) -> None:
    policy = parsed[path]
    expected = {id(e): labels for e, labels in walk(policy.sections, policy.measures)}
    measures = tables.measure_rows(policy, document="d")
    assert [row.label for row in measures] == [m.label for m in policy.all_measures()]
    for row, measure in zip(measures, policy.all_measures(), strict=True):
        assert row.path == " / ".join(expected[id(measure)])
        assert (row.title, row.units, row.targets) == (
            measure.title,
            len(measure.responsible_units),
            len(measure.targets),
        )
        assert (row.span_start, row.span_end) == (measure.span.start, measure.span.end)
    # Rows come in printed order.
    for table in (tables.responsibility_rows(policy), tables.target_rows(policy)):
        starts = [getattr(r, "span_start", 0) for r in table]
        assert starts == sorted(starts)


def test_sample_totals() -> None:
    policies = [(p.name, shpolicy.parse_file(p)) for p in TEXTS[:5]]
    sizes = {name: len(tables.build(name, policies).rows) for name in tables.TABLES}
    assert sizes == {
        "responsibilities": 427,
        "measures": 129,
        "targets": 12,
        "tasks": 0,
        "documents": 5,
    }


def test_a_district_policy_with_a_notice_gives_every_column() -> None:
    policy = district_policy()
    rows = tables.responsibility_rows(policy)
    assert [(r.kind, r.path, r.unit_name, r.unit_id, r.role, r.deadline_years) for r in rows] == [
        (
            "measure",
            "一、 / （一） / 1.",
            "区发展改革委",
            "jingan-development-reform-commission",
            "lead",
            (2026,),
        ),
        (
            "measure",
            "一、 / （一） / 1.",
            "区商务委",
            "jingan-commerce-commission",
            "cooperating",
            (2026,),
        ),
        ("measure", "一、 / （一） / 1.", "相关部门", None, "cooperating", (2026,)),
        ("measure", "一、 / （一） / 2.", "区财政局", "jingan-finance-bureau", None, ()),
        ("section", "二、", "区政府办公室", None, None, ()),
    ]
    first = rows[0]
    assert first.document == "jingan-digital-economy-2024.txt"
    assert (first.title, first.doc_number, first.jurisdiction, first.language, first.issued) == (
        "静安区促进数字经济发展若干措施",
        "静府办规〔2024〕1号",
        "cn-sh-jingan",
        "zh",
        dt.date(2024, 3, 1),
    )
    assert (first.label, first.heading) == ("1.", "建立工作机制")
    assert rows[-1].heading == "保障措施"

    targets = tables.target_rows(policy)
    assert [(t.where, t.path, t.text, t.value, t.comparator, t.deadline_year) for t in targets] == [
        ("preamble", "", "500亿元", Decimal(50000000000), "=", 2025),
        ("measure", "一、 / （一） / 1.", "10家以上", Decimal(10), ">=", 2026),
        ("measure", "一、 / （一） / 2.", "不超过2000万元", Decimal(20000000), "<=", None),
        ("closing", "", "不少于100个", Decimal(100), ">=", None),
    ]
    assert all(policy.text[t.span_start : t.span_end] == t.text for t in targets)

    (document,) = tables.document_rows(policy)
    assert (document.sections, document.measures, document.responsibilities, document.bodies) == (
        3,
        3,
        5,
        5,
    )
    assert (document.targets, document.diagnostics, document.jurisdiction) == (4, 4, "cn-sh-jingan")


def test_a_target_inside_the_notice_is_said_to_be_there() -> None:
    policy = district_policy()
    assert policy.notice is not None
    in_notice = attrs.evolve(
        policy.targets[0],
        span=Span(start=policy.notice.span.start + 3, end=policy.notice.span.start + 5),
    )
    moved = attrs.evolve(policy, targets=(in_notice,))
    assert [row.where for row in tables.target_rows(moved)] == ["notice", "measure", "measure"]


def test_columns_are_the_row_fields_in_order() -> None:
    for name in tables.TABLES:
        table = tables.build(name, [])
        assert table.rows == ()
        row_type = {
            "responsibilities": tables.ResponsibilityRow,
            "measures": tables.MeasureRow,
            "targets": tables.TargetRow,
            "tasks": tables.TaskRow,
            "documents": tables.DocumentRow,
        }[name]
        assert [c.name for c in table.columns] == [f.name for f in attrs.fields(row_type)]


def test_a_task_gives_a_row_per_body_and_names_the_measure_it_restates() -> None:
    rows = tables.task_rows(district_policy(), document="d")
    assert [(r.number, r.unit_name, r.unit_id, r.role, r.measure) for r in rows] == [
        ("1", "区发展改革委", "jingan-development-reform-commission", "lead", "一、 / （一） / 1."),
        ("1", "区商务委", "jingan-commerce-commission", "cooperating", "一、 / （一） / 1."),
        ("2", None, None, None, ""),
    ]
    assert [(r.deadline, r.deadline_year) for r in rows] == [
        ("2024年底前", 2024),
        ("2024年底前", 2024),
        (None, None),
    ]


def test_an_unknown_table_is_refused() -> None:
    with pytest.raises(ValueError, match="no table 'units'"):
        tables.build("units", [])


def test_the_document_name_is_the_source_file_name() -> None:
    policy = shpolicy.parse_text("1. A measure.", source="some/dir/x.txt")
    assert tables.document_name(policy) == "x.txt"
    assert tables.document_name(attrs.evolve(policy, source=None), "y") == "y"
    assert tables.document_name(attrs.evolve(policy, source="a\\b\\z.txt")) == "z.txt"


def test_a_policy_read_back_from_json_gives_the_same_rows() -> None:
    policy = shpolicy.parse_file(TEXTS[0])
    again = shpolicy.from_json(shpolicy.to_json(policy))
    for name in tables.TABLES:
        assert tables.build(name, [("d", policy)]) == tables.build(name, [("d", again)])


# --------------------------------------------------------------------------- CSV


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def csv_form(row: tables.Row, table: tables.Table[tables.Row]) -> dict[str, str]:
    """What each cell of *row* must read back as."""
    out = {}
    for column in table.columns:
        value = getattr(row, column.name)
        if value is None:
            out[column.name] = ""
        elif isinstance(value, dt.date):
            out[column.name] = value.isoformat()
        elif isinstance(value, tuple):
            out[column.name] = ";".join(map(str, value))
        else:
            out[column.name] = str(value)
    return out


@pytest.mark.parametrize("name", tables.TABLES)
def test_csv_round_trips_through_the_csv_module(name: str, tmp_path: Path) -> None:
    documents = [(p.name, shpolicy.parse_file(p)) for p in TEXTS[:5]]
    documents.append(("district.txt", district_policy()))
    table = tables.build(name, documents)
    out = tmp_path / "t.csv"
    tables.write(table, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdocument,")  # the BOM spreadsheet programs need
    assert b"\r\n" in data
    assert read_csv(out) == [csv_form(row, table) for row in table.rows]


def test_csv_keeps_chinese_and_exact_decimals(tmp_path: Path) -> None:
    table = tables.build("targets", [("district.txt", district_policy())])
    out = tmp_path / "t.csv"
    tables.write(table, out)
    text = out.read_text("utf-8-sig")
    assert "不超过2000万元" in text
    assert ",50000000000," in text  # no exponent, no float
    values = [Decimal(row["value"]) for row in read_csv(out)]
    assert values == [row.value for row in table.rows if isinstance(row, TargetRow)]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("0.1"), "0.1"),
        (Decimal("1.50"), "1.50"),
        (Decimal("2.6E+11"), "260000000000"),
        (Decimal("123456789012345678901234567890.123"), "123456789012345678901234567890.123"),
        (Decimal("1E+100"), "1E+100"),
    ],
)
def test_decimals_are_written_exactly(value: Decimal, written: str) -> None:
    assert tables.decimal_text(value) == written
    assert Decimal(written) == value


def test_formulas_from_strangers_do_not_run_in_a_spreadsheet() -> None:
    table = tables.build("responsibilities", [("h.txt", hostile_policy())])
    rows = list(csv.DictReader(io.StringIO(tables.csv_bytes(table).decode("utf-8"))))
    assert rows[0]["heading"] == '\'=HYPERLINK("http://example.invalid")'
    assert rows[1]["unit_name"] == "'@SUM(A1:A9)"
    assert rows[2]["unit_name"] == "Evil\u2028Name\ufffd"  # NUL: no CSV can hold it
    # A lone surrogate cannot be UTF-8: it is written as U+FFFD, never an error.
    targets = tables.build("targets", [("h.txt", hostile_policy())])
    (row,) = csv.DictReader(io.StringIO(tables.csv_bytes(targets).decode("utf-8")))
    assert row["value"] == "-5"  # a number is not a formula
    assert row["comparator"] == "="
    raw = io.StringIO(newline="")
    tables.write_csv(table, raw, guard_formulas=False)
    first_row = next(iter(csv.DictReader(io.StringIO(raw.getvalue()))))
    assert first_row["heading"].startswith("=")


# Any text CSV in UTF-8 can hold (not NUL nor a lone surrogate: see the hostile test).
_CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)


@given(title=_CELL, name=_CELL, label=_CELL)
def test_any_text_round_trips_through_csv(title: str, name: str, label: str) -> None:
    policy = district_policy()
    measure = attrs.evolve(
        policy.sections[0].sections[0].measures[1],
        title=title,
        label=label,
        responsible_units=(shpolicy.ResponsibleUnit(name=name),),
    )
    inner = attrs.evolve(policy.sections[0].sections[0], measures=(measure,))
    first = attrs.evolve(policy.sections[0], sections=(inner,))
    changed = attrs.evolve(policy, sections=(first,))
    table = tables.build("responsibilities", [("d.txt", changed)])
    buffer = io.StringIO(newline="")
    tables.write_csv(table, buffer, guard_formulas=False)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    (row,) = (r for r in rows if r["kind"] == "measure")
    assert (row["heading"], row["unit_name"], row["label"]) == (title, name, label)


# --------------------------------------------------------------------------- JSON Lines


def test_json_lines_hold_one_exact_record_per_row(tmp_path: Path) -> None:
    table = tables.build("targets", [("district.txt", district_policy())])
    out = tmp_path / "t.jsonl"
    tables.write(table, out)
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == len(table.rows)
    records = [json.loads(line) for line in lines]
    assert list(records[0]) == [c.name for c in table.columns]
    assert [Decimal(r["value"]) for r in records] == [
        r.value for r in table.rows if isinstance(r, TargetRow)
    ]
    assert records[0]["deadline_year"] == 2025
    assert records[-1]["deadline_year"] is None
    responsibilities = tables.build("responsibilities", [("district.txt", district_policy())])
    buffer = io.StringIO()
    tables.write_jsonl(responsibilities, buffer)
    first = json.loads(buffer.getvalue().splitlines()[0])
    assert first["deadline_years"] == [2026]
    assert first["issued"] == "2024-03-01"
    assert first["unit_name"] == "区发展改革委"


def test_an_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown table format"):
        tables.write(tables.build("measures", []), tmp_path / "t.xlsx")
    assert tables.format_for("x.CSV") == "csv"
    assert tables.format_for("x.ndjson") == "jsonl"
    assert tables.format_for("x.txt") is None


# --------------------------------------------------------------------------- optional extras


def test_without_pyarrow_parquet_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(shpolicy.MissingDependencyError, match=r"shpolicy\[parquet\]") as info:
        tables.write(tables.build("measures", []), tmp_path / "t.parquet")
    assert isinstance(info.value, shpolicy.ShpolicyError)
    assert info.value.extra == "parquet"
    with pytest.raises(shpolicy.MissingDependencyError, match="pyarrow"):
        tables.require_parquet()


def test_without_pandas_to_dataframe_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(shpolicy.MissingDependencyError, match=r"shpolicy\[pandas\]"):
        tables.to_dataframe(tables.build("measures", []))


def sample_and_district() -> list[tuple[str, Policy]]:
    documents = [(p.name, shpolicy.parse_file(p)) for p in TEXTS[:5]]
    return [*documents, ("district.txt", district_policy())]


@pytest.mark.parametrize("name", tables.TABLES)
def test_parquet_reads_back_exactly(name: str, tmp_path: Path) -> None:
    pq = pytest.importorskip(
        "pyarrow.parquet", reason="pyarrow (shpolicy[parquet]) is not installed"
    )
    table = tables.build(name, sample_and_district())
    out = tmp_path / "t.parquet"
    tables.write(table, out)
    read = pq.read_table(out)
    assert read.column_names == [c.name for c in table.columns]
    assert read.schema.metadata[b"shpolicy.table"] == name.encode()
    records = read.to_pylist()
    assert len(records) == len(table.rows)
    for record, row in zip(records, table.rows, strict=True):
        for column in table.columns:
            value = getattr(row, column.name)
            got = record[column.name]
            if column.kind == "decimal":
                assert Decimal(got) == value
            elif column.kind == "years":
                assert tuple(got) == value
            else:
                assert got == value, column.name


def np_object(pd: Any) -> Any:
    """numpy's ``object`` dtype, the dtype of a column of Python objects."""
    return pd.Series([], dtype="object").dtype


@pytest.mark.parametrize("name", tables.TABLES)
def test_dataframe_has_documented_dtypes_and_exact_values(name: str) -> None:
    pd = pytest.importorskip("pandas", reason="pandas (shpolicy[pandas]) is not installed")
    table = tables.build(name, sample_and_district())
    frame = tables.to_dataframe(table)
    assert list(frame.columns) == [c.name for c in table.columns]
    assert len(frame) == len(table.rows)
    for column in table.columns:
        dtype = frame[column.name].dtype
        if column.kind in ("text", "optional-text"):
            assert isinstance(dtype, pd.StringDtype), column.name
        elif column.kind == "integer":
            assert str(dtype) == "int64"
        elif column.kind == "optional-integer":
            assert str(dtype) == "Int64"
        elif column.kind == "date":
            assert pd.api.types.is_datetime64_any_dtype(dtype)
        else:
            assert dtype == np_object(pd), column.name
    if name == "targets":
        values = list(frame["value"])
        assert all(isinstance(v, Decimal) for v in values)
        assert values == [r.value for r in table.rows if isinstance(r, TargetRow)]
    if name == "responsibilities":
        rows = [r for r in table.rows if isinstance(r, ResponsibilityRow)]
        assert list(frame["deadline_years"]) == [r.deadline_years for r in rows]
        district = frame[frame["document"] == "district.txt"]
        assert district["issued"].iloc[0] == pd.Timestamp("2024-03-01")
        assert frame["unit_id"].isna().sum() == sum(r.unit_id is None for r in rows)


@pytest.mark.parametrize("name", tables.TABLES)
def test_csv_round_trips_through_pandas(name: str, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas", reason="pandas (shpolicy[pandas]) is not installed")
    table = tables.build(name, sample_and_district())
    out = tmp_path / "t.csv"
    tables.write(table, out)
    frame = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8")
    assert list(frame.columns) == [c.name for c in table.columns]  # the BOM is not in a name
    assert frame.to_dict("records") == [csv_form(row, table) for row in table.rows]
    if name == "targets":
        assert [Decimal(v) for v in frame["value"]] == [
            r.value for r in table.rows if isinstance(r, TargetRow)
        ]


def test_row_counts_on_the_real_texts(shared_dir: Path) -> None:
    texts = sorted((shared_dir / "real").glob("*.txt"))
    if not texts:
        pytest.skip(f"no real texts in {shared_dir / 'real'}")
    documents = [(p.name, shpolicy.parse_file(p)) for p in texts]
    for name in tables.TABLES:
        table = tables.build(name, documents)
        assert len(table.rows) == sum(model_counts(p)[name] for _, p in documents), name
    # A real text's table survives the CSV round trip too.
    table = tables.build("responsibilities", documents)
    text = tables.csv_bytes(table).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows == [csv_form(row, table) for row in table.rows]
