"""home.toml: it loads, every field is there, and placeholders name only what journey fills in."""

from __future__ import annotations

import re
import string
from dataclasses import asdict, fields

import pytest

from content import home
from content._loader import ContentError

KNOWN = {"week", "weeks", "week_ends", "next_week", "next_start", "start", "review", "questions"}


def all_text(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in all_text(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in all_text(v)]
    return []


def test_loads_with_every_part():
    words = home.load()
    assert words.welcome.can and words.stages and words.milestones.done
    for part in (words.welcome, words.dashboard, words.milestones):
        for item in fields(part):
            assert getattr(part, item.name)


def test_placeholders_are_known_and_words_are_plain():
    words = home.load()
    texts = all_text(asdict(words.welcome)) + all_text(asdict(words.dashboard))
    texts += all_text({k: asdict(v) for k, v in words.stages.items()})
    texts += all_text(asdict(words.milestones))
    for text in texts:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        assert names <= KNOWN, text
        # Calm words: no shouting, no exclamation marks, no markup a page would have to escape.
        assert "!" not in text and "<" not in text
        assert not re.search(r"\b[A-Z]{4,}\b", text), text


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[welcome]\ntitle = 'x'\n", "missing field 'stages'"),
        ("stages = 1\n", "should be"),
    ],
)
def test_broken_file_fails_loudly(tmp_path, monkeypatch, toml, message):
    (tmp_path / "home.toml").write_text(toml)
    monkeypatch.setattr("content._loader.CONTENT_DIR", tmp_path)
    home.read_toml.cache_clear()
    home.load.cache_clear()
    try:
        with pytest.raises(ContentError, match=message):
            home.load()
    finally:
        home.read_toml.cache_clear()
        home.load.cache_clear()
