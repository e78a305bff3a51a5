"""Property: no input crashes the reader, and the reconciliation always adds up."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.importing import GroupMode, ImportFileError, ImportSession, auto_map, parse_bytes
from app.core.targets import Target, registered_targets

HEADERS = ["Order No", "Recipient", "Phone", "Country", "Province", "SKU", "Qty", "Remark"]
cell = st.one_of(
    st.sampled_from(
        [
            "",
            "A-1",
            "A-2",
            "Ann",
            "+1 212 555 0100",
            "US",
            "NY",
            "S1",
            "1",
            "0",
            "8.61381E+12",
            "1-Mar",
            "张三",
            '"',
            "a,b",
            "x\ny",
            " ",
        ]
    ),
    st.text(max_size=6),
)
row = st.lists(cell, min_size=0, max_size=len(HEADERS) + 2)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=400), encoding=st.sampled_from([None, "utf-8", "gb18030", "latin-1"])
)
def test_arbitrary_bytes_never_crash_the_reader(data: bytes, encoding: str | None) -> None:
    try:
        table = parse_bytes(data, encoding=encoding)
    except ImportFileError as exc:
        assert str(exc)
        return
    assert all(len(r) == len(table.headers) for r in table.rows)
    assert len(table.line_numbers) == len(table.rows)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(row, max_size=12),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]),
    mode=st.sampled_from(list(GroupMode)),
    excluded=st.sets(st.integers(0, 12), max_size=3),
    target=st.sampled_from(registered_targets()),
)
def test_reconciliation_always_adds_up(
    rows: list[list[str]],
    delimiter: str,
    codec: str,
    mode: GroupMode,
    excluded: set[int],
    target: Target,
) -> None:
    lines = [HEADERS, *rows]
    text = "\n".join(
        delimiter.join('"' + c.replace('"', '""') + '"' for c in line) for line in lines
    )
    try:
        table = parse_bytes(text.encode(codec), encoding=codec)
    except ImportFileError:
        return
    session = ImportSession(table, target, auto_map(target, table.headers), group_mode=mode)
    session.exclude_rows(r for r in excluded if r < len(table.rows))
    rec = session.reconciliation()
    assert rec.adds_up
    placed = sorted([r for o in session.orders for r in o.rows] + list(session.excluded()))
    assert placed == list(range(len(table.rows)))
    assert rec.rows_valid == sum(len(o.rows) for o in session.orders if o.ok)
    assert codecs.lookup(table.encoding)


text_cell = cell.filter(lambda c: "\x00" not in c)  # NUL makes the file binary, not text
edit = st.tuples(st.integers(0, 11), st.integers(0, len(HEADERS) - 1), text_cell)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.lists(text_cell, min_size=len(HEADERS), max_size=len(HEADERS)), min_size=1, max_size=12
    ),
    edits=st.lists(edit, max_size=8),
    mode=st.sampled_from(list(GroupMode)),
)
def test_edits_give_the_same_result_as_a_fresh_import(
    rows: list[list[str]], edits: list[tuple[int, int, str]], mode: GroupMode
) -> None:
    """Incremental re-validation after each edit equals importing the edited file from scratch."""
    text = "\n".join(
        ",".join('"' + c.replace('"', '""') + '"' for c in line) for line in [HEADERS, *rows]
    )
    table = parse_bytes(text.encode(), delimiter=",")
    mapping = auto_map(Target.KA, table.headers)
    session = ImportSession(table, Target.KA, mapping, group_mode=mode)
    session.reconciliation()  # cached, so the edits below must keep it right
    for row, column, value in edits:
        if row < len(table.rows):
            session.edit_cell(row, column, value)
    fresh_table = parse_bytes(text.encode(), delimiter=",")
    fresh_table.rows = [list(r) for r in table.rows]
    fresh = ImportSession(fresh_table, Target.KA, mapping, group_mode=mode)
    assert [(o.rows, o.ok, o.errors) for o in session.orders] == [
        (o.rows, o.ok, o.errors) for o in fresh.orders
    ]
    assert session.reconciliation() == fresh.reconciliation()
