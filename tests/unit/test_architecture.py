"""The house rules, checked from the source (AST only: nothing is imported, so this runs fast).

- ``guide/`` decides: it imports neither Streamlit nor ``storage/`` nor ``records/``.
- ``records/`` owns what is stored: it imports neither Streamlit nor ``ui/``.
- Only ``storage/`` imports TinyDB (a second backend must be possible).
- ``app_pages/``, ``ui/`` and the front door never work a compartment themselves: no method or field
  is used on ``x.private``/``x.shared``/``store.private(access)`` there (except asking its version,
  or whether it was recovered), and none is kept under a name of its own; it is handed on to a
  records function (or returned, by ``Here``'s properties).
- Each stored table is named once: a ``*_TABLE`` constant declared in one records module, which is
  what every compartment call in records/ names; no table name appears as a string anywhere else
  in the app (words that also mean something else are listed, with that meaning).
- Page files are spelled in one place, ``ui/pages.py``: everything else (and ``guide/``, which
  names pages only by their short names) asks it, so a page can move without a hunt.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ("app_pages", "ui", "guide", "content", "storage", "records", "streamlit_app.py")
FACES = ("app_pages", "ui", "streamlit_app.py")  # pages, views and the front door
COMPARTMENT_CALLS = {
    "all",
    "get",
    "find",
    "put",
    "insert",
    "update",
    "remove",
    "replace_table",
    "transaction",
    "dump",
    "load",
    "loaded",
    "snapshot",
}
COMPARTMENT_FACTS = {"version", "recovered_at"}  # what a face may ask a compartment itself
# Table names that are also ordinary words of the app, with the other meaning they have there.
OTHER_MEANINGS = {
    "safety": "the quiz's safety questions, the Safety page and its journey stage",
    "journal": "the journal routine (guide.plan.ROUTINES)",
    "shares": "the plan page's chart of how often each target was kept",
}


def _files(*roots: str) -> Iterator[Path]:
    for root in roots:
        path = ROOT / root
        if path.suffix == ".py":
            yield path
        else:
            yield from sorted(path.rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports (top level or inside functions), as dotted names."""
    found: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _breaks(roots: tuple[str, ...], banned: tuple[str, ...]) -> list[str]:
    return [
        f"{_rel(path)} imports {name}"
        for path in _files(*roots)
        for name in sorted(_imports(path))
        if any(name == b or name.startswith(b + ".") for b in banned)
    ]


@pytest.mark.parametrize(
    ("roots", "banned"),
    [
        (("guide",), ("streamlit", "storage", "records", "ui", "tinydb")),
        (("records",), ("streamlit", "ui", "app_pages", "tinydb")),
        (("storage",), ("streamlit", "ui", "records", "guide", "app_pages")),
        (("content",), ("streamlit", "storage", "records", "ui", "guide")),
        (("app_pages", "ui", "records", "guide", "content", "streamlit_app.py"), ("tinydb",)),
        (("bench", "tools", "tests"), ("tinydb",)),
    ],
    ids=["guide", "records", "storage", "content", "tinydb-app", "tinydb-elsewhere"],
)
def test_layers_import_only_what_they_may(roots, banned):
    assert _breaks(roots, banned) == []


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _is_compartment(node: ast.AST, parent: ast.AST | None) -> bool:
    """``x.private`` / ``x.shared`` as a value, or a call ``store.private(access)``."""
    if isinstance(node, ast.Call):
        func = node.func
        return isinstance(func, ast.Attribute) and func.attr in ("private", "shared")
    if isinstance(node, ast.Attribute) and node.attr in ("private", "shared"):
        return not (isinstance(parent, ast.Call) and parent.func is node)  # the call is checked
    return False


def compartment_misuse(source: str, name: str = "<source>") -> list[str]:
    """Where ``source`` works a compartment itself instead of handing it to records/."""
    tree = ast.parse(source, filename=name)
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        parent = parents.get(node)
        if not _is_compartment(node, parent):
            continue
        if isinstance(parent, ast.Attribute):
            worked = parent.attr not in COMPARTMENT_FACTS  # a method or field of its own
        else:
            # Kept under a name of its own, to be worked later (``c = place.private``).
            worked = isinstance(parent, ast.Assign | ast.AnnAssign | ast.NamedExpr | ast.withitem)
        if worked:
            found.append(f"{name}:{node.lineno} {ast.unparse(parent)[:80]}")
    return found


def test_pages_views_and_the_front_door_never_work_a_compartment():
    found = [
        line for path in _files(*FACES) for line in compartment_misuse(path.read_text(), _rel(path))
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "place.private.get('journal', 'x')",
        "here.shared.put(T, k, {})",
        "store.private(access).all('journal')",
        "c = place.private\nc.all(T)",
        "with place.private.transaction() as txn: pass",
        "docs = place.private",
    ],
)
def test_the_compartment_rule_catches_direct_use(source):
    assert compartment_misuse(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "records.history(place.private)",
        "records.save(private=place.private)",
        "version = here.private.version()",
        "if here.private.recovered_at: pass",
        "backup.private_now(store.private(access))",
        "def f(self):\n    return self.store.private(self.access)",
    ],
)
def test_the_compartment_rule_lets_a_compartment_be_handed_on(source):
    assert compartment_misuse(source) == []


def _declared_tables() -> dict[str, list[str]]:
    """Every ``*_TABLE`` string constant declared at the top of a records module, by value."""
    found: dict[str, list[str]] = {}
    for path in _files("records"):
        for node in _tree(path).body:
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                names = target.elts if isinstance(target, ast.Tuple) else [target]
                values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                for name, value in zip(names, values, strict=False):
                    if (
                        isinstance(name, ast.Name)
                        and name.id.endswith("_TABLE")
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                    ):
                        found.setdefault(value.value, []).append(f"{_rel(path)}:{name.id}")
    return found


TABLES = _declared_tables()


def test_the_records_layer_declares_every_table_the_app_stores():
    assert len(TABLES) >= 18  # quiz 2, script 2, plan 3, routines 3, safety 3, therapist 1, ...


@pytest.mark.parametrize("table", sorted(TABLES))
def test_each_table_is_declared_once(table):
    assert len(TABLES[table]) == 1, TABLES[table]


def test_records_name_tables_only_through_their_constants():
    """A compartment call in records/ names its table by a ``*_TABLE`` constant, never a string."""
    found = []
    for path in _files("records"):
        for node in ast.walk(_tree(path)):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in COMPARTMENT_CALLS - {"transaction", "dump", "load"}
                and node.args
            ):
                continue
            table = node.args[0]
            if isinstance(node.func.value, ast.Name) and node.func.value.id in (
                "private",
                "shared",
                "txn",
                "compartment",
            ):
                name = table.id if isinstance(table, ast.Name) else ast.unparse(table)
                if not name.endswith("_TABLE") and name != "table":
                    found.append(f"{_rel(path)}:{node.lineno} {ast.unparse(node)[:80]}")
    assert found == []


@pytest.mark.parametrize("table", sorted(TABLES))
def test_a_table_name_appears_only_in_its_records_module(table):
    (declared,) = TABLES[table]
    home = ROOT / declared.split(":")[0]
    found = []
    for path in _files(*APP):
        if path == home:
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Constant) and node.value == table:
                found.append(f"{_rel(path)}:{node.lineno}")
    if table in OTHER_MEANINGS:
        # The word is in use with its other meaning; no storage call can name it outside
        # records/ (the compartment rule), and records/ names it only through its constant.
        return
    assert found == []


def test_words_with_another_meaning_are_real_tables():
    assert set(OTHER_MEANINGS) <= set(TABLES)


PAGE_FILE = re.compile(r"^app_pages/[\w{}.]*$")  # a path as code passes it, not prose about it


def _spells_a_page_path(path: Path) -> list[str]:
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        else:
            continue
        if PAGE_FILE.match(text):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_only_the_page_registry_spells_a_page_file():
    registry = ROOT / "ui" / "pages.py"
    found = [
        where
        for path in _files(*APP, "bench")
        if path != registry
        for where in _spells_a_page_path(path)
    ]
    assert not found, f"page files spelled outside ui/pages.py: {found}"


def test_the_page_rule_catches_a_spelled_path(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('import streamlit as st\nst.switch_page(f"app_pages/{name}.py")\n')
    assert _spells_a_page_path(sample)


def test_every_registered_page_has_its_file_and_every_file_is_registered():
    registered = {
        node.args[0].value
        for node in ast.walk(_tree(ROOT / "ui" / "pages.py"))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "PageInfo"
        and isinstance(node.args[0], ast.Constant)
    }
    files = {path.stem for path in (ROOT / "app_pages").glob("*.py")}
    assert registered == files


# The one rule for pages and views (README, "How it is built").
SHARED_UI = {
    "__init__",
    "callbacks",
    "chrome",
    "clock",
    "confirm",
    "context",
    "language",
    "feedback",
    "notices",
    "pages",
    "settings",
    "warm",
}


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "app_pages").glob("*.py")))
def test_a_page_only_lays_out_its_sections_and_ends_in_main(page):
    tree = _tree(ROOT / "app_pages" / page)
    functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    assert functions == ["main"], f"{page}: sections and callbacks live under ui/<feature>/"
    assert not [n for n in tree.body if isinstance(n, ast.ClassDef)], f"{page} declares a class"
    last = tree.body[-1]
    assert (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and getattr(last.value.func, "id", "") == "main"
        and not last.value.args
    ), f"{page} must end with main()"
    # Nothing else runs at import: only imports, constants, the docstring, main, and its call.
    for node in tree.body[:-1]:
        assert isinstance(
            node,
            ast.Import | ast.ImportFrom | ast.FunctionDef | ast.Assign | ast.AnnAssign | ast.Expr,
        ), f"{page}:{node.lineno} runs something outside main()"
        if isinstance(node, ast.Expr):
            assert isinstance(node.value, ast.Constant), f"{page}:{node.lineno} outside main()"


def test_ui_holds_shared_helpers_at_its_top_and_one_folder_per_feature():
    top = {p.stem for p in (ROOT / "ui").glob("*.py")}
    assert top == SHARED_UI, f"a feature's part belongs in ui/<feature>/: {sorted(top - SHARED_UI)}"
    features = {p.name for p in (ROOT / "ui").iterdir() if p.is_dir() and p.name != "__pycache__"}
    for feature in features:
        assert (ROOT / "ui" / feature / "__init__.py").exists(), f"ui/{feature}/ has no docstring"
