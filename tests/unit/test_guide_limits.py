"""Length limits say how much to cut and never lose words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guide.limits import limit_hint, too_long


@pytest.mark.parametrize(
    ("size", "limit", "says"),
    [
        (600, 600, None),
        (601, 600, "please cut 1 character,"),
        (5000, 600, "This is 5,000 characters and the box holds 600: please cut 4,400 characters"),
    ],
)
def test_too_long_says_how_much_to_cut(size, limit, says):
    found = too_long("x" * size, limit)
    if says is None:
        assert found is None
    else:
        assert says in found and "still in the box" in found


@given(st.text(max_size=300), st.integers(min_value=1, max_value=300))
def test_too_long_only_when_over(text, limit):
    assert (too_long(text, limit) is None) == (len(text) <= limit)


def test_limit_hint():
    assert limit_hint(1000) == "Up to 1,000 characters."


def test_first_too_long_names_the_first_box_over_its_limit():
    from guide.limits import first_too_long

    assert first_too_long([("Name", "x" * 80, 80), ("Notes", "y" * 10, 10)]) is None
    found = first_too_long([("Name", "ok", 80), ("Notes", "y" * 12, 10), ("Last", "z" * 9, 1)])
    assert found is not None and found.startswith("Notes: this is 12 characters")
    assert "please cut 2 characters" in found
