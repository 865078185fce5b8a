"""Open Door in Spanish in real Chromium (issue 18, point 6): a browser whose language is Spanish
opens every owner page, the partner view and the safety resources in Spanish, empty, seeded and
in safety mode at phone size (axe-core finds nothing serious; a screenshot of each is kept), and
with the sidebar at laptop size; and the
switch takes a page back to English and keeps what was saved.

"In Spanish" is checked against a list of English words that never occur in Spanish text, after
taking out the names that stay as they are (books, organisations, the app) and the words the test
itself stored in the seeded space (a person's own words are shown as they wrote them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from content import language, plan, resources
from storage.store import Store
from tests.browser.test_accessibility import PHONE, spaces
from tests.support.a11y import serious_violations, settle
from tests.support.browser import no_exception, shot
from tests.support.server import own_server

LAPTOP = {"width": 1280, "height": 900}
# Words of English that Spanish text never holds (short function words and the app's own verbs).
ENGLISH = re.compile(
    r"\b(the|you|your|yours|and|with|this|that|these|what|when|which|will|would|should|could|"
    r"can't|don't|isn't|it's|you're|here|there|from|into|about|only|week|weeks|save|saved|"
    r"partner|link|links|quiz|script|safety|download|choose|open|start|next|back|help|keep|"
    r"kept|rated|rating|target|targets|page|shared|share)\b",
    re.IGNORECASE,
)
# Names kept as they are, besides the books and services the content lists.
STAMP = re.compile(r"\d{4}-\d\d-\d\dT")
NAMES = ("Open Door", "OurRelationship", "myPlan", "Streamlit", "Gottman", "Lifeline")


def _names() -> list[str]:
    found = list(NAMES)
    with language.speaking("es"):
        for book in plan.books():
            found += [book.title, book.author]
        for country in resources.countries().values():
            for service in (*country.emergency, *country.helplines):
                # A word to text ("START") is sent as it is, whatever the page's language.
                found += [service.name, *(c.body or "" for c in service.contacts)]
        found += [r.name for r in resources.directories()]
    return sorted({n for n in found if n}, key=len, reverse=True)


def _stored_words(data: Path, key: str, shared: bool = True) -> list[str]:
    """Every text the seeded space holds (what the person 'typed'), longest first; without
    ``shared``, only the private compartment's, leaving out stamps of when things were saved."""
    store = Store(data)
    access = store.resolve(key)
    assert access is not None
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str) and len(value) > 3:
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(store.private(access).dump())
    if shared:
        walk(store.shared(access).dump())
    else:
        found = {w for w in found if not STAMP.match(w) and w not in language.available()}
    return sorted(found, key=len, reverse=True)


def english_left(text: str, spared: list[str]) -> list[str]:
    """The English words in ``text`` once names and the person's own words are taken out."""
    for words in spared:
        text = text.replace(words, " ")
    return sorted({m.group(0) for m in ENGLISH.finditer(text)})


@pytest.fixture(scope="module")
def site(tmp_path_factory, exit_site) -> Iterator[tuple[str, Path]]:
    yield from own_server(tmp_path_factory, exit_site, "spanish-data")


# The page's words without Material icons, whose names ("quiz", "share") are ligatures, not words.
WORDS_JS = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('[data-testid="stIconMaterial"], .material-symbols-rounded')
    .forEach((icon) => icon.remove());
  copy.querySelectorAll('script, style').forEach((node) => node.remove());
  document.documentElement.appendChild(copy);  // innerText needs it laid out
  copy.style.position = 'absolute';
  const text = copy.innerText;
  copy.remove();
  return text;
}"""


def _visit(page, url: str) -> str:
    page.goto(url)
    settle(page)
    no_exception(page)
    return page.evaluate(WORDS_JS)


def test_every_page_and_the_partner_view_are_in_spanish(browser, site):
    url, data = site
    names = _names()
    problems: list[str] = []
    for size, label in ((LAPTOP, "laptop"), (PHONE, "phone")):
        context = browser.new_context(viewport=size, locale="es-US")
        page = context.new_page()
        try:
            for name, owner, partner, paths in spaces(data):
                if label == "laptop" and name != "empty":
                    continue  # the laptop adds the sidebar's words, which every space shares
                spared = names + _stored_words(data, owner)
                for path in paths:
                    where = f"{label} {name} /{path}"
                    text = _visit(page, f"{url}/{path}?space={owner}")
                    left = english_left(text, spared)
                    if left:
                        problems.append(f"{where}: English words {left}")
                    if label == "phone":
                        problems += serious_violations(page, where)
                        shot(page, f"es-phone-{name}-{path or 'home'}")
                if partner is not None:
                    text = _visit(page, f"{url}/?partner={partner}")
                    left = english_left(text, spared)
                    if left:
                        problems.append(f"{label} {name} partner view: English words {left}")
                    if label == "phone":
                        problems += serious_violations(page, f"{label} {name} partner view")
                        shot(page, f"es-phone-{name}-partner")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)


def test_the_switch_goes_back_to_english_and_keeps_the_words(browser, site):
    url, data = site
    _name, owner, _partner, _paths = spaces(data)[1]  # the seeded space
    context = browser.new_context(viewport=LAPTOP, locale="es-US")
    page = context.new_page()
    try:
        _visit(page, f"{url}/plan?space={owner}")
        expect(page.get_by_text("Plan de seis semanas").first).to_be_visible()
        before = _stored_words(data, owner, shared=False)
        page.locator(".st-key-od_language_switch button", has_text="English").click()
        settle(page)
        expect(page.get_by_text("Six-week plan").first).to_be_visible()
        page.locator(".st-key-od_language_switch button", has_text="Español").click()
        settle(page)
        expect(page.get_by_text("Plan de seis semanas").first).to_be_visible()
        # Every saved word is still stored, as it was (switching adds only the choice itself).
        assert set(before) <= set(_stored_words(data, owner, shared=False))
    finally:
        context.close()
