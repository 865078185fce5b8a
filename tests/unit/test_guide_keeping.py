"""The empty-submit rule: saved words survive a form sent with every box empty."""

from __future__ import annotations

import pytest

from guide.keeping import has_words, would_erase


@pytest.mark.parametrize(
    ("saved", "typed", "erases"),
    [
        ({"a": "Phones away at 9"}, {"a": ""}, True),
        ({"a": "Phones away at 9"}, {"a": "   \n"}, True),
        ({"a": "Phones away", "b": "Walk"}, {"a": "", "b": "Walk"}, False),  # an edit
        ({"a": "Phones away"}, {"a": "Phones in a drawer"}, False),
        ({"a": ""}, {"a": ""}, False),  # nothing was saved
        ({}, {"a": ""}, False),
        ({"a": "x", "ticked": True}, {"a": "", "ticked": True}, True),  # only words count
    ],
)
def test_would_erase_only_when_every_box_is_empty(saved, typed, erases):
    assert would_erase(saved, typed) is erases


def test_has_words_ignores_white_space_and_non_text():
    assert not has_words({"a": " ", "b": None, "c": True})
    assert has_words({"a": " x "})
