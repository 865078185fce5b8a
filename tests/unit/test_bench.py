"""The benchmark's pure parts (statistics, table, JSON) and a quick run of its storage section."""

from __future__ import annotations

import json
import math
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench import interaction
from bench.__main__ import main, parse
from bench.report import Row, format_table, to_json, write_json
from bench.stats import (
    Target,
    alternate,
    growth_exponent,
    median,
    quartiles,
    ratio_of_medians,
)


@pytest.mark.parametrize(
    ("samples", "expected"),
    [([3.0], 3.0), ([1.0, 3.0], 2.0), ([5.0, 1.0, 3.0], 3.0), ([1.0, 1.0, 1.0, 100.0], 1.0)],
)
def test_median(samples, expected):
    assert median(samples) == expected


@pytest.mark.parametrize(
    ("ours", "theirs", "expected"),
    [([2.0, 2.0, 9.0], [1.0, 1.0, 1.0], 2.0), ([1.0], [4.0], 0.25), ([3.0, 1.0, 2.0], [2.0], 1.0)],
)
def test_ratio_of_medians(ours, theirs, expected):
    assert ratio_of_medians(ours, theirs) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("call", "args"),
    [(median, ([],)), (ratio_of_medians, ([1.0], [0.0])), (growth_exponent, ([1.0], [1.0]))],
)
def test_bad_input_is_refused(call, args):
    with pytest.raises(ValueError):
        call(*args)


def test_quartiles_bracket_the_median():
    low, high = quartiles([1.0, 2.0, 3.0, 4.0, 5.0])
    assert (low, high) == (2.0, 4.0)
    assert quartiles([7.0]) == (7.0, 7.0)


@given(
    exponent=st.floats(min_value=-1, max_value=3),
    scale=st.floats(min_value=1e-6, max_value=1e3),
)
def test_growth_exponent_recovers_a_power_law(exponent, scale):
    sizes = [42, 365, 1825]
    times = [scale * s**exponent for s in sizes]
    assert growth_exponent(sizes, times) == pytest.approx(exponent, abs=1e-6)


def test_alternate_rotates_who_goes_first_and_drops_warmup():
    order: list[str] = []

    def side(name: str, value: float):
        def run() -> float:
            order.append(name)
            return value

        return run

    got = alternate({"a": side("a", 1.0), "b": side("b", 2.0)}, rounds=3, warmup=1)
    assert got == {"a": [1.0, 1.0, 1.0], "b": [2.0, 2.0, 2.0]}
    assert order == ["a", "b", "b", "a", "a", "b", "b", "a"]


@pytest.mark.parametrize(
    ("target", "value", "met", "text"),
    [
        (Target("<=", 1.3), 1.3, True, "<= 1.3"),
        (Target("<=", 1.3), 1.31, False, "<= 1.3"),
        (Target(">=", 10), 12, True, ">= 10"),
        (Target("within", 0.10), 0.91, True, "1 ± 10%"),
        (Target("within", 0.10), 1.11, False, "1 ± 10%"),
    ],
)
def test_targets(target, value, met, text):
    assert target.met(value) is met
    assert target.describe() == text


ROWS = [
    Row("storage", "save / raw write", 1.5, target=Target("<=", 2.0), note="n=3"),
    Row("storage", "save time", 12.345, unit="ms"),
    Row("cold start", "ratio", 1.6, target=Target("<=", 1.3)),
    Row("interaction", "quiz", None, note="page not built yet"),
    Row("memory", "odd", math.inf, unit="MB", data={"samples": [math.nan, 1.0]}),
]


def test_verdicts():
    assert [r.verdict for r in ROWS] == ["PASS", "", "MISS", "SKIP", ""]


def test_table_has_every_row_and_a_tally():
    table = format_table(ROWS)
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["section", "measure", "value"]
    assert "1.50×" in table and "12.3 ms" in table and "—" in table
    assert "page not built yet" in table
    assert lines[-1] == "1 PASS, 1 MISS, 1 SKIP"
    # the value column lines up
    starts = {line.index("×") for line in lines if "×" in line}
    assert len(starts) == 1


def test_json_is_strict_and_complete(tmp_path):
    document = to_json(ROWS, {"quick": True})
    path = write_json(document, tmp_path / "out" / "results.json")
    loaded = json.loads(path.read_text("utf-8"))
    assert [r["name"] for r in loaded["rows"]] == [r.name for r in ROWS]
    assert loaded["rows"][0] == {
        "section": "storage",
        "name": "save / raw write",
        "value": 1.5,
        "unit": "x",
        "target": "<= 2",
        "verdict": "PASS",
        "note": "n=3",
        "data": {},
    }
    assert loaded["rows"][4]["value"] == "inf"
    assert loaded["rows"][4]["data"]["samples"] == ["nan", 1.0]
    assert loaded["run"] == {"quick": True}
    assert loaded["machine"]["cpus"] >= 1


@pytest.mark.parametrize(
    ("argv", "sections"),
    [
        (
            [],
            [
                "storage",
                "concurrency",
                "memory",
                "cold_start",
                "interaction",
                "first_charts",
                "postgres",
            ],
        ),
        (["--only", "interaction,storage"], ["storage", "interaction"]),
        (["--only", "cold-start"], ["cold_start"]),
    ],
)
def test_sections_are_picked_in_a_fixed_order(argv, sections):
    assert parse(argv).sections == sections


def test_an_unknown_section_is_refused():
    with pytest.raises(SystemExit):
        parse(["--only", "storage,speed"])


def test_quick_storage_run_completes(tmp_path, capsys):
    started = time.monotonic()
    assert main(["--quick", "--only", "storage", "--out", str(tmp_path)]) == 0
    took = time.monotonic() - started
    printed = capsys.readouterr().out
    assert "save (put) / raw write" in printed
    document = json.loads((tmp_path / "results.json").read_text("utf-8"))
    rows = {r["name"]: r for r in document["rows"]}
    assert rows["save (put) / raw write"]["value"] > 0
    assert rows["save (put) / raw write"]["verdict"] in ("PASS", "MISS")
    assert rows["save time growth exponent (vs days)"]["verdict"] in ("PASS", "MISS")
    assert all(r["value"] is not None for r in document["rows"]), "no storage row was skipped"
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"], "scratch files left behind"
    assert took < 60, f"the quick storage run took {took:.0f} s"


def _action(source: str, needs: tuple[str, ...]):
    from bench.interaction import Action

    return Action("x", "x", source, needs, lambda page, n: None, lambda page, n: None)


@pytest.mark.parametrize(
    ("source", "needs", "reason"),
    [
        ("app_pages/not_a_page.py", (), "does not exist yet"),
        ("streamlit_app.py", ("no_such_widget_key",), "has no no_such_widget_key"),
        ("streamlit_app.py", ("st.navigation",), None),
    ],
)
def test_an_action_says_why_it_cannot_run(source, needs, reason):
    found = _action(source, needs).missing()
    if reason is None:
        assert found is None
    else:
        assert reason in found


@pytest.mark.parametrize("action", interaction.ACTIONS, ids=lambda a: a.name)
def test_every_interaction_finds_its_widgets_in_the_app(action):
    """A page that moved its widgets into ui/<feature>/ must not turn its benchmark row into a SKIP
    (the restructuring of issue 16 did, until the check looked in the folders a page imports)."""
    assert action.missing() is None
