"""Backup files: a clean round trip, and a plain refusal for every kind of bad file."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.backup import MAX_BYTES, build_backup, parse_backup
from storage.errors import BackupError
from storage.schema import SCHEMA_VERSION


def good(**compartments) -> dict:
    return {
        "format": "open-door-backup",
        "schema": SCHEMA_VERSION,
        "exported": "2026-11-01",
        "compartments": compartments or {"private": {"journal": [{"text": "hi"}]}},
    }


def raw(doc) -> bytes:
    return json.dumps(doc).encode()


def test_round_trip_leaves_out_links():
    data = build_backup(
        {
            "private": {"journal": [{"text": "x"}], "links": [{"hash": "h"}]},
            "shared": {"replies": [{"note": "y"}]},
        }
    )
    backup = parse_backup(data)
    assert backup.tables["private"] == {"journal": [{"text": "x"}]}
    assert backup.tables["shared"] == {"replies": [{"note": "y"}]}
    assert backup.count() == 2


def test_byte_order_mark_is_accepted():
    assert parse_backup(b"\xef\xbb\xbf" + raw(good())).count() == 1


def nested(depth: int) -> dict:
    value: object = "x"
    for _ in range(depth):
        value = {"a": value}
    return good(private={"deep": [value]})


BAD = {
    "too_big": (b" " * (MAX_BYTES + 1), "larger than"),
    "not_utf8": (b"\xff\xfe\x00garbage", "isn't readable text"),
    "truncated": (raw(good())[:-5], "cut short"),
    "not_json": (b"hello", "cut short"),
    "nan": (b'{"format": "open-door-backup", "schema": 2, "exported": "x", "v": NaN}', "NaN"),
    "infinity": (
        b'{"format": "open-door-backup", "schema": 2, "exported": "x", "v": Infinity}',
        "Infinity",
    ),
    "duplicate_keys": (b'{"format": "open-door-backup", "format": "x"}', "repeats"),
    "wrong_format": (raw({"format": "something-else"}), "doesn't look like"),
    "list_top": (b"[]", "doesn't look like"),
    "no_schema": (raw({**good(), "schema": None}), "which version"),
    "bool_schema": (raw({**good(), "schema": True}), "which version"),
    "future_schema": (raw({**good(), "schema": SCHEMA_VERSION + 1}), "newer version"),
    "no_date": (raw({**good(), "exported": 5}), "date"),
    "bad_compartment": (raw(good(secret={})), "expected shape"),
    "table_not_list": (raw(good(private={"journal": {"1": {}}})), "damaged"),
    "doc_not_dict": (raw(good(private={"journal": ["text"]})), "damaged"),
    "links_smuggled": (raw(good(private={"links": [{"hash": "x"}]})), "unexpected section"),
    "meta_smuggled": (raw(good(private={"_meta": [{}]})), "unexpected section"),
    "odd_table_name": (raw(good(private={"../x": []})), "unexpected section"),
    "too_deep": (raw(nested(30)), "nested"),
    "huge_text": (raw(good(private={"journal": [{"text": "x" * 30_000}]})), "far longer"),
    "lone_surrogate": (
        b'{"format": "open-door-backup", "schema": 2, "exported": "x", '
        b'"compartments": {"private": {"j": [{"t": "\\ud800"}]}}}',
        "broken",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_backups_are_refused_with_a_reason(case):
    data, words = BAD[case]
    with pytest.raises(BackupError) as caught:
        parse_backup(data)
    assert words in caught.value.message
    assert caught.value.message.endswith("Nothing was changed.")


def test_very_deep_json_is_refused_not_crashing():
    with pytest.raises(BackupError):
        parse_backup(b"[" * 100_000 + b"]" * 100_000)


texts = st.text(max_size=200)
docs = st.dictionaries(
    st.text(min_size=1, max_size=12), texts | st.integers() | st.booleans(), max_size=5
)


@settings(max_examples=60, deadline=None)
@given(
    tables=st.dictionaries(
        st.sampled_from(["journal", "quiz", "plan", "scripts"]),
        st.lists(docs, max_size=5),
        max_size=4,
    )
)
def test_any_space_survives_a_backup_round_trip(tables):
    backup = parse_backup(build_backup({"private": tables, "shared": {}}))
    assert backup.tables["private"] == tables
