"""Every language holds every word: the content files mirror the English ones, every message the
code marks has its translation, and placeholders match everywhere (issue 18, point 6)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from content import language, messages
from content._loader import CONTENT_DIR, overlay, read_toml
from guide.language import choose, from_locale

ROOT = Path(__file__).resolve().parents[2]
OTHERS = [code for code in language.available() if code != language.SOURCE]
CONTENT_FILES = sorted(p.name for p in CONTENT_DIR.glob("*.toml"))
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")
# Fields that name things rather than say them: the same in every language.
NOT_WORDS = {"id", "code", "kind", "value", "source_url", "url"}
NOT_WORDS_IN = {"script.toml": {"first_step"}, "guides.toml": {"page"}}
# Lists a language may write its own way (a service's own lines in that language; what a person
# types in that language), so their length may differ from the English ones.
OWN_LISTS = {"contact", "phrases", "unobservable_words", "markers"}
CODE = ("streamlit_app.py", "app_pages", "ui", "guide", "content", "records", "storage")


def _differences(source: Any, words: Any, path: str, own: bool = False) -> list[str]:
    """What ``words`` (another language's file) gets wrong against ``source``; ``own`` is true
    inside a line of that language's own (a service's Spanish chat has its own address)."""
    if isinstance(source, dict):
        if not isinstance(words, dict):
            return [f"{path}: should be a table"]
        found = [f"{path}.{k}: missing" for k in source if k not in words]
        own = own or words.get("language", language.SOURCE) != language.SOURCE
        for key in source.keys() & words.keys():
            found += _differences(source[key], words[key], f"{path}.{key}", own)
        return found
    if isinstance(source, list):
        name = path.rsplit(".", 1)[-1].split("[")[0]
        if not isinstance(words, list):
            return [f"{path}: should be a list"]
        if len(words) != len(source):
            return [] if name in OWN_LISTS else [f"{path}: {len(source)} items, {len(words)} here"]
        found = []
        for i, (a, b) in enumerate(zip(source, words, strict=True)):
            found += _differences(a, b, f"{path}[{i}]", own)
        return found
    if isinstance(source, str):
        if not isinstance(words, str) or not words.strip():
            return [f"{path}: no words"]
        name = path.rsplit(".", 1)[-1].split("[")[0]
        names = NOT_WORDS | NOT_WORDS_IN.get(path.split(".toml")[0] + ".toml", set())
        if name in names and words != source and not own:
            return [f"{path}: names something, must stay {source!r}"]
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(words)):
            return [f"{path}: placeholders {PLACEHOLDER.findall(source)} here {words!r}"]
        return []
    if words == source or own:
        return []
    return [f"{path}: {source!r} is not words and must not change"]


def test_spanish_is_available():
    assert "es" in language.available() and language.available()[0] == "en"


@pytest.mark.parametrize("code", OTHERS)
@pytest.mark.parametrize("name", CONTENT_FILES)
def test_each_content_file_has_every_word_in_each_language(code, name):
    path = CONTENT_DIR / code / name
    assert path.exists(), f"content/{code}/{name} is missing"
    source = tomllib.loads((CONTENT_DIR / name).read_text("utf-8"))
    words = tomllib.loads(path.read_text("utf-8"))
    assert _differences(source, words, name) == []


@pytest.mark.parametrize("code", OTHERS)
def test_every_marked_message_has_its_translation_with_the_same_placeholders(code):
    marked: dict[str, str] = {}
    for where in CODE:
        base = ROOT / where
        for path in [base] if base.is_file() else sorted(base.rglob("*.py")):
            found = extract_from_file("python", path, keywords={"t": None, "tn": (1, 2)})
            for line, message, _comments, _context in found:
                key = message[0] if isinstance(message, tuple) else message
                marked.setdefault(key, f"{path.relative_to(ROOT)}:{line}")
    assert marked, "no message is marked with t()/tn()"
    catalogue = messages.catalogue(code)
    missing = [
        f"{at}: {m!r}"
        for m, at in marked.items()
        if m not in catalogue.singular and m not in catalogue.plural
    ]
    assert missing == []
    wrong = []
    for message, words in catalogue.singular.items():
        if sorted(set(PLACEHOLDER.findall(message))) != sorted(set(PLACEHOLDER.findall(words))):
            wrong.append((message, words))
    for message, forms in catalogue.plural.items():
        for words in forms:
            if not set(PLACEHOLDER.findall(words)) <= set(PLACEHOLDER.findall(message)) | {
                "{count}"
            }:
                wrong.append((message, words))
    assert wrong == []


@pytest.mark.parametrize("code", OTHERS)
def test_the_catalogue_files_parse_and_say_their_language(code):
    files = sorted((messages.LOCALE_DIR / code / "LC_MESSAGES").glob("*.po"))
    assert files
    for path in files:
        with path.open("rb") as handle:
            po = read_po(handle)
        assert str(po.locale) == code, path.name


def test_a_message_speaks_the_language_of_its_block():
    with language.speaking("es"):
        assert language.current() == "es"
    assert language.current() == "en"
    with language.speaking("xx"):  # a language we don't have is English
        assert language.current() == "en"


def test_a_missing_word_falls_back_to_english_and_ids_never_change():
    source = {"id": "a", "text": "Hello", "n": 3, "items": [{"id": "x", "say": "One"}]}
    words = {"id": "zz", "text": "Hola", "n": 9, "items": [{"id": "x", "say": ""}]}
    assert overlay(source, words) == {
        "id": "zz",  # text is taken: a changed id is caught by the mirror test above
        "text": "Hola",
        "n": 3,
        "items": [{"id": "x", "say": "One"}],
    }


def test_spanish_content_loads_through_the_same_loaders():
    from content import quiz

    english = quiz.load_quiz()
    english_home = read_toml("home.toml")
    with language.speaking("es"):
        spanish = quiz.load_quiz()
        assert read_toml("home.toml") != english_home
    assert [i.id for i in spanish] == [i.id for i in english]
    assert [dict(i.weights) for i in spanish] == [dict(i.weights) for i in english]
    assert [i.scale.id for i in spanish] == [i.scale.id for i in english]
    assert all(a.text != b.text for a, b in zip(spanish, english, strict=True))


@pytest.mark.parametrize(
    ("chosen", "saved", "browser", "expected"),
    [
        (None, None, "es-US", "es"),
        (None, None, "es_419", "es"),
        (None, None, "ES", "es"),
        (None, None, "en-GB", "en"),
        (None, None, "ja-JP", "en"),
        (None, None, None, "en"),
        (None, "es", "en-US", "es"),
        ("en", "es", "es-MX", "en"),
        ("fr", None, "es-MX", "es"),
    ],
)
def test_the_language_is_the_persons_choice_then_the_spaces_then_the_browsers(
    chosen, saved, browser, expected
):
    assert choose(chosen, saved, browser, ("en", "es"), "en") == expected


def test_a_locale_that_is_not_text_is_no_language():
    assert from_locale(42, ("en", "es")) is None and from_locale("  ", ("en", "es")) is None


@pytest.mark.parametrize("code", OTHERS)
def test_a_message_in_two_catalogues_says_the_same_in_both(code):
    """The catalogues are read as one: the same English must not mean two things (gettext would
    keep whichever file comes last)."""
    said: dict[object, dict[object, str]] = {}
    for path in sorted((messages.LOCALE_DIR / code / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id:
                    words = message.string
                    said.setdefault(message.id, {})[
                        tuple(words) if isinstance(words, list | tuple) else words
                    ] = path.name
    assert {m: w for m, w in said.items() if len(w) > 1} == {}


@pytest.mark.parametrize(
    ("raw", "spanish"),
    [
        (b"\xff\xfe not text", "no es texto que se pueda leer"),
        (b'{"format": "something else"}', "no parece una copia de seguridad"),
        (b'{"format": ', "no es una copia de seguridad completa"),
    ],
)
def test_a_broken_backup_is_explained_in_the_persons_language(raw, spanish):
    from storage.backup import parse_backup
    from storage.errors import BackupError

    with language.speaking("es"), pytest.raises(BackupError) as refused:
        parse_backup(raw)
    assert spanish in refused.value.message and "No se cambió nada." in refused.value.message
    with pytest.raises(BackupError) as english:
        parse_backup(raw)
    assert "Nothing was changed." in english.value.message
