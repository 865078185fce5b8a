"""Bad input everywhere: every handler that takes what a person typed, or what storage held.

Hypothesis feeds odd text (control and RTL characters, lone surrogates, markup, 100 kB strings)
and odd stored documents to the pure handlers behind every form and every read. Each must either
accept the input or refuse it with its own calm error type: never crash with anything else.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide import plan, routines, sharing, tone
from guide.quiz import result_from_dict
from guide.safety import safety_plan_from_dict, safety_plan_markdown
from guide.script import ScriptDraft, assemble, check_draft, draft_from_dict
from storage import keys
from storage.errors import StorageError
from tests.support.compartments import file_compartment

NASTY = [
    "",
    " ",
    "\x00\x01\x1b[31m",
    "\u202eevil\u202c",
    "مرحبا بك",
    "שלום",
    "😀" * 50,
    "<script>alert(1)</script>",
    "**bold** [x](javascript:alert(1)) ![i](http://e/i.png)",
    "# heading\n---\n> quote",
    "\ud800 lone",
    "x" * 100_000,
    "a\r\nb\rc\n",
    "'; DROP TABLE spaces; --",
    "{{7*7}} ${7*7}",
]
texts = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec=None), max_size=60),
)
json_like = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=6)
    ),
    max_leaves=25,
)
SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(text=texts)
def test_tone_check_never_crashes_and_spans_fit(text):
    for flag in tone.check(text):
        assert 0 <= flag.start < flag.end <= len(text)


@SETTINGS
@given(fields=st.lists(texts, min_size=6, max_size=6), safety=st.booleans())
def test_any_script_text_assembles(fields, safety):
    draft = ScriptDraft(
        opener=fields[0],
        feeling=fields[1],
        situation=fields[2],
        wish=fields[3],
        problem=fields[4],
        if_no=fields[5],
    )
    script = assemble(draft, safety)
    assert "<script>" not in script.full_markdown or "\\<script" in script.full_markdown
    check_draft(draft)


@SETTINGS
@given(data=json_like)
def test_stored_documents_of_any_shape_are_read_or_refused_calmly(data):
    draft_from_dict(data)  # repairs rather than refuses
    for reader, errors in (
        (safety_plan_from_dict, ValueError),
        (result_from_dict, ValueError),
        (plan.Cycle.from_dict, plan.PlanError),
        (plan.Rating.from_dict, plan.PlanError),
    ):
        try:
            reader(data)
        except errors:
            pass
        except (TypeError, AttributeError, KeyError) as exc:  # a crash, not a calm refusal
            raise AssertionError(f"{reader.__qualname__} crashed on {data!r}") from exc
    sharing.partner_view(data)
    sharing.reply_from_dict(data)
    sharing.choices_from_dict(data)


@SETTINGS
@given(note=texts, ids=st.lists(texts, max_size=4))
def test_partner_reply_is_accepted_or_refused_with_a_sentence(note, ids):
    view = sharing.partner_view(
        {
            "invitation": "hi",
            "explainer": False,
            "options": [{"id": "call", "label": "A call"}],
            "targets": None,
            "cycle_start": None,
            "published_at": "2026-11-01T00:00:00+00:00",
        }
    )
    assert view is not None
    try:
        reply = sharing.make_reply(view, ids, note, now=datetime.now(UTC))
    except sharing.SharingError as exc:
        assert str(exc).endswith(".")
    else:
        assert len(reply.note) <= sharing.NOTE_LIMIT
        assert set(reply.options) <= {"call"}


@SETTINGS
@given(text=texts)
def test_targets_and_journal_lines_take_any_text(text):
    plan.target_hint(text)
    with contextlib.suppress(plan.PlanError):
        plan.make_target(text, "t1")
    line = routines.tidy_line(text)
    assert len(line) <= max(len(text), routines.JOURNAL_LIMIT)


@SETTINGS
@given(place=texts, notes=texts)
def test_safety_plan_download_takes_any_text(place, notes):
    parsed = safety_plan_from_dict({"version": 1, "safe_place": place, "incident_notes": notes})
    assert isinstance(safety_plan_markdown(parsed), str)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=st.dictionaries(st.text(max_size=10), json_like, max_size=5))
def test_storage_takes_any_json_document(tmp_path, doc):
    comp = file_compartment(tmp_path / "f.private.db", "private", KEY, b"x/private")
    comp.put("things", "k", doc)
    again = file_compartment(tmp_path / "f.private.db", "private", KEY, b"x/private")
    assert again.get("things", "k") is not None


KEY = keys.new_data_key()


def test_non_finite_numbers_are_refused_calmly(tmp_path):
    comp = file_compartment(tmp_path / "n.private.db", "private", KEY, b"x/private")
    for bad in (float("inf"), float("-inf"), float("nan")):
        try:
            comp.put("things", "k", {"v": [bad]})
        except StorageError as exc:
            assert "real number" in exc.message
        else:
            raise AssertionError("a non-finite number was stored")
    assert comp.get("things", "k") is None


def test_lone_surrogates_are_mended_not_fatal(tmp_path):
    comp = file_compartment(tmp_path / "g.private.db", "private", KEY, b"x/private")
    comp.insert("journal", {"text": "before \ud800 after", "day": date.today().isoformat()})
    assert comp.all("journal")[0]["text"] == "before \ufffd after"
