"""The one registry of Open Door's pages: each page's name, file, title, icon and address.

Everything that links to, switches to or registers a page asks here by the page's short name
(``path("plan")``), so a page can move or be renamed in one place. A title is English here and
shown in the run's language (:attr:`PageInfo.shown_title`, looked up each time a ``st.Page`` is
built, so build them per run); the address (``url_path``) is the same in every language. The front door builds its
navigation from :data:`OWNER_SECTIONS` and :data:`PARTNER`; the sidebar, Home's next step, the
notices and the tests use :func:`path`. ``guide/`` decides *which* page comes next by name only,
and never learns where the file lives.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from content.messages import t

FOLDER = "app_pages"


@dataclass(frozen=True)
class PageInfo:
    """One page: its short name (also its file's stem), what the sidebar calls it, and its address."""

    name: str
    title: str
    icon: str  # a Material Symbols name
    url_path: str

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.name}.py"

    @property
    def shown_title(self) -> str:
        """The title in this run's language (the English title if it has no words there)."""
        return titles().get(self.title, self.title)

    def st_page(self, **extra: object) -> st.Page:
        """This page for ``st.navigation``, titled in this run's language (build it per run)."""
        return st.Page(
            self.path,
            title=self.shown_title,
            icon=f":material/{self.icon}:",
            url_path=self.url_path,
            **extra,
        )


HOME = PageInfo("home", "Home", "home", "home")
# The owner's pages, by the sidebar's sections, in the order the sidebar shows them.
OWNER_SECTIONS: dict[str, tuple[PageInfo, ...]] = {
    "": (HOME,),
    "Your path": (
        PageInfo("quiz", "Quiz", "quiz", "quiz"),
        PageInfo("script", "Script builder", "edit_note", "script"),
        PageInfo("plan", "Six-week plan", "event_available", "plan"),
        PageInfo("share", "Share with partner", "share", "share"),
    ),
    "Guides": (
        PageInfo("going_alone", "Going alone", "self_improvement", "going-alone"),
        PageInfo("therapist", "Choosing a therapist", "handshake", "therapist"),
    ),
    "Safety and data": (
        PageInfo("safety", "Safety", "health_and_safety", "safety"),
        PageInfo("my_data", "My data", "folder_managed", "my-data"),
    ),
}
# The one page a partner link opens; hidden from the owner's sidebar.
PARTNER = PageInfo("partner", "An invitation", "mail", "partner")

ALL: dict[str, PageInfo] = {
    page.name: page for section in OWNER_SECTIONS.values() for page in section
} | {PARTNER.name: PARTNER}


def titles() -> dict[str, str]:
    """Each English title and its words in this run's language (written out so the catalogue
    tools find every title)."""
    return {
        "Home": t("Home"),
        "Quiz": t("Quiz"),
        "Script builder": t("Script builder"),
        "Six-week plan": t("Six-week plan"),
        "Share with partner": t("Share with partner"),
        "Going alone": t("Going alone"),
        "Choosing a therapist": t("Choosing a therapist"),
        "Safety": t("Safety"),
        "My data": t("My data"),
        "An invitation": t("An invitation"),
    }


def info(name: str) -> PageInfo:
    """The page called ``name`` (a KeyError names a page that does not exist)."""
    return ALL[name]


def path(name: str) -> str:
    """The file of the page called ``name``, as ``st.page_link`` and ``st.switch_page`` take it."""
    return ALL[name].path
