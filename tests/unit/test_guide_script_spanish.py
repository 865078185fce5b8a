"""guide.script in Spanish: the sentence frames, the lead-ins they already say, and questions.

The Spanish step words (content/es/script.toml) are written to fit "Me siento… cuando… y me
gustaría…", "Cuando… eso me deja…", "Necesito…", "La próxima vez, voy a…" and "Si vuelve a pasar,
voy a…"; these tests check the script built from them reads as whole Spanish sentences, with any
part left out, and that English (the default) is untouched by any of it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest

from content import language
from content.script import STEP_IDS, load_script_content
from guide.script import SAFETY_HIDDEN, TALKING_POINT_LIMIT, Script, ScriptDraft, assemble, prefill

STEP_VALUES: dict[str, dict[str, Any]] = {
    "timing": {"timing_checked": ("calm", "bedtime")},
    "opener": {"opener": "qué te imaginas que pasa en una sesión"},
    "i_statement": {
        "feeling": "lejos de ti",
        "situation": "pasamos días sin hablar",
        "wish": "volver a sentirnos cerca",
    },
    "worries": {"worries": (("blame", "No busco a alguien que te diga lo que haces mal"),)},
    "reframe": {"reframe": "piénsalo como un entrenamiento"},
    "ask": {
        "problem": "nos acaloramos cuando hablamos de dinero",
        "goal": "una forma más tranquila de revisar las cuentas",
        "timeframe": "cuatro sesiones, y después lo decidimos",
    },
    "first_step": {
        "first_step": "te animarías a una llamada de 30 minutos",
        "times": ("el martes a las 7 p. m.", "el jueves a las 8", "el sábado a las 10"),
        "offer_book": True,
        "offer_pay": True,
        "offer_stop_30": True,
    },
    "shared": {"shared": "sé que yo también tengo cosas que mejorar"},
    "if_no": {"if_no": "te escucho, y voy a buscar apoyo para mí"},
    "boundary": {
        "boundary_pattern": "nuestras charlas terminan en gritos",
        "boundary_impact": "sin fuerzas",
        "boundary_need": "que hagamos una pausa",
        "boundary_next": "proponer un descanso de veinte minutos",
        "boundary_consequence": "terminar la conversación",
    },
}
ENGLISH_FRAMES = ("I feel", "I'd like", "When ", "it leaves me", "I need", "Next time", "I'll")


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    with language.speaking("es"):
        yield


def _draft(step_ids: tuple[str, ...]) -> ScriptDraft:
    values: dict[str, Any] = {}
    for step_id in step_ids:
        values.update(STEP_VALUES[step_id])
    return ScriptDraft(**values)


def _step(draft: ScriptDraft, step_id: str) -> str:
    script = assemble(draft, False)
    return dict(script.steps).get(load_script_content().step(step_id).title, "")


def _texts(script: Script) -> list[str]:
    return [
        script.full_markdown,
        script.full_text,
        script.invitation,
        *script.talking_points,
        *(text for _, text in script.steps),
    ]


def assert_reads_as_spanish(script: Script) -> None:
    """Whole sentences, tidy punctuation, and none of the English frames."""
    for text in _texts(script):
        assert "  " not in text and "\n\n\n" not in text
        assert not re.search(r" [,.;:!?]", text), text
        assert not re.search(r"[,;:][.!?]|\.\.", text), text
        for frame in ENGLISH_FRAMES:
            assert frame not in text, (frame, text)
        # A question opened with "¿" is closed with "?" in the same line.
        for line in text.split("\n"):
            assert line.count("¿") <= line.count("?"), line
    for point in script.talking_points:
        assert point.strip() and len(point) <= TALKING_POINT_LIMIT


# ---- the I-statement --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("sola", "no hablamos", "estar cerca"), "Me siento sola cuando no hablamos, y me gustaría estar cerca."),
        (("sola", "no hablamos", ""), "Me siento sola cuando no hablamos."),
        (("sola", "", "estar cerca"), "Me siento sola, y me gustaría estar cerca."),
        (("", "no hablamos", "estar cerca"), "Cuando no hablamos, me gustaría estar cerca."),
        (("sola", "", ""), "Me siento sola."),
        (("", "no hablamos", ""), "Se me hace difícil cuando no hablamos."),
        (("", "", "estar cerca"), "Me gustaría estar cerca."),
        # The lead-ins the boxes already say are not said twice, with or without accents.
        (("Me siento  sola.", "Cuando no hablamos,", "y me gustaría estar cerca!"), "Me siento sola cuando no hablamos, y me gustaría estar cerca."),
        (("me estoy sintiendo sola", "siempre que no hablamos", "me gustaria estar cerca"), "Me siento sola cuando no hablamos, y me gustaría estar cerca."),
        (("yo me siento sola", "cuando no hablamos", "quisiera que habláramos más"), "Me siento sola cuando no hablamos, y me gustaría que habláramos más."),
        (("  ", "\n", "."), ""),
    ],
)  # fmt: skip
def test_i_statement_in_spanish_tolerates_any_subset(parts: tuple[str, str, str], expected: str):
    feeling, situation, wish = parts
    assert _step(ScriptDraft(feeling=feeling, situation=situation, wish=wish), "i_statement") == (
        expected
    )


def test_the_content_example_is_what_the_frame_builds() -> None:
    step = load_script_content().step("i_statement")
    examples = {field.key: field.example for field in step.fields}
    draft = ScriptDraft(
        feeling=examples["feeling"], situation=examples["situation"], wish=examples["wish"]
    )
    assert _step(draft, "i_statement") == step.example


# ---- the ask and the boundary -----------------------------------------------------------------


def test_the_ask_in_spanish() -> None:
    text = _step(_draft(("ask",)), "ask")
    assert text == (
        "Hay una cosa que me gustaría que trabajáramos: nos acaloramos cuando hablamos de "
        "dinero. Lo que busco es una forma más tranquila de revisar las cuentas. Estoy pensando "
        "en un tiempo definido: cuatro sesiones, y después lo decidimos."
    )
    assert _step(ScriptDraft(goal="Mi meta es llevarnos mejor."), "ask") == (
        "Lo que busco es llevarnos mejor."
    )


def test_the_boundary_examples_read_as_the_step_example_does() -> None:
    step = load_script_content().step("boundary")
    draft = ScriptDraft(**{field.key: field.example for field in step.fields})
    assert _step(draft, "boundary") == (
        "Cuando nuestras charlas sobre dinero terminan en gritos, eso me deja sin fuerzas y con "
        "la sensación de quedar fuera. Necesito que hagamos una pausa cuando subimos la voz. La "
        "próxima vez, voy a proponer un descanso de veinte minutos. Si vuelve a pasar, voy a "
        "terminar la conversación, y la retomaremos cuando estemos en calma."
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"boundary_pattern": "gritamos"}, "Cuando gritamos, se me hace difícil."),
        ({"boundary_impact": "eso me deja agotada"}, "Eso me deja agotada."),
        ({"boundary_need": "Necesito una pausa"}, "Necesito una pausa."),
        ({"boundary_next": "la próxima vez, voy a salir a caminar"}, "La próxima vez, voy a salir a caminar."),
        # A part that says its own "I will" is not given a second one.
        ({"boundary_next": "propondré un descanso"}, "La próxima vez, propondré un descanso."),
        ({"boundary_consequence": "me iré a otra habitación"}, "Si vuelve a pasar, me iré a otra habitación."),
        ({"boundary_consequence": "voy a terminar la charla"}, "Si vuelve a pasar, voy a terminar la charla."),
        # Written as its own "si..." sentence, it is kept as written.
        ({"boundary_consequence": "si empiezan los gritos, terminaré la charla"}, "Si empiezan los gritos, terminaré la charla."),
    ],
)  # fmt: skip
def test_boundary_parts_in_spanish(values: dict[str, str], expected: str) -> None:
    assert _step(ScriptDraft(**values), "boundary") == expected


def test_first_step_joins_times_the_spanish_way_and_keeps_clock_dots() -> None:
    text = _step(_draft(("first_step",)), "first_step")
    assert text.startswith("¿Te animarías a una llamada de 30 minutos?")
    assert "el martes a las 7 p. m., el jueves a las 8 o el sábado a las 10." in text
    for remover in load_script_content().friction[1:]:
        assert remover.line in text
    times = ScriptDraft(first_step="hablemos", times=("el lunes a las 9 a. m.",))
    assert _step(times, "first_step").endswith("el lunes a las 9 a. m.")


# ---- questions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An accented interrogative asks; both marks are written.
        ("qué te imaginas", "¿Qué te imaginas?"),
        ("cómo lo ves tú", "¿Cómo lo ves tú?"),
        ("por qué no probamos una sesión", "¿Por qué no probamos una sesión?"),
        ("con quién te sentirías cómodo", "¿Con quién te sentirías cómodo?"),
        # "You would...", "could we...", "would you like...": asking openers.
        ("te animarías a una llamada", "¿Te animarías a una llamada?"),
        ("vendrías conmigo", "¿Vendrías conmigo?"),
        ("podríamos probar tres sesiones", "¿Podríamos probar tres sesiones?"),
        ("te gustaría venir", "¿Te gustaría venir?"),
        ("te parece bien el domingo", "¿Te parece bien el domingo?"),
        ("qué tal si lo intentamos", "¿Qué tal si lo intentamos?"),
        ("te animarias a venir", "¿Te animarias a venir?"),  # typed without its accent
        # A closing "?" without its opening "¿" gets one when the question starts the words.
        ("Te animarías a venir?", "¿Te animarías a venir?"),
        # A "¿" the user put mid-sentence is closed where it is.
        ("Cuando piensas en terapia, ¿qué te imaginas", "Cuando piensas en terapia, ¿qué te imaginas?"),
        ("¿Podemos hablar", "¿Podemos hablar?"),
        ("¡Qué alegría", "¡Qué alegría!"),
        # Statements that only look like questions: no "?".
        ("que quede claro que te quiero", "Que quede claro que te quiero."),
        ("como te dije, me importa", "Como te dije, me importa."),
        ("cuando hablamos me siento mejor", "Cuando hablamos me siento mejor."),
        ("qué bien que podamos hablar", "Qué bien que podamos hablar."),
        ("me gustaría preguntarte algo", "Me gustaría preguntarte algo."),
        ("varias veces lo he pensado", "Varias veces lo he pensado."),
        ("¿Qué piensas? Me gustaría saberlo", "¿Qué piensas? Me gustaría saberlo."),
    ],
)  # fmt: skip
def test_a_spanish_question_gets_both_marks_and_a_statement_a_period(text: str, expected: str):
    assert _step(ScriptDraft(opener=text), "opener") == expected
    cue = load_script_content().step("opener").cue
    assert f"{cue}: {expected}" in assemble(ScriptDraft(opener=text), False).talking_points


# ---- the whole script -------------------------------------------------------------------------


@pytest.mark.parametrize("safety_mode", [False, True])
def test_every_combination_of_steps_reads_as_spanish(safety_mode: bool) -> None:
    content = load_script_content()
    for size in range(len(STEP_IDS) + 1):
        for chosen in itertools.combinations(STEP_IDS, size):
            script = assemble(_draft(chosen), safety_mode)
            assert_reads_as_spanish(script)
            shown = [s for s in chosen if not (safety_mode and s in SAFETY_HIDDEN)]
            assert [title for title, _ in script.steps] == [content.step(s).title for s in shown]


def test_talking_points_use_spanish_joining_words() -> None:
    script = assemble(_draft(("timing", "first_step")), False)
    assert script.talking_points[0] == (
        "Momento: con calma por ambas partes; no justo antes de dormir"
    )
    easy = next(p for p in script.talking_points if p.startswith("Hazlo fácil: "))
    assert "ofrécete a hacer la cita" in easy
    assert not any("Make it easy" in p or "; not " in p for p in script.talking_points)


def test_a_prefilled_spanish_draft_reads_as_spanish() -> None:
    script = assemble(prefill(["blame", "stigma"]), False)
    assert_reads_as_spanish(script)
    assert script.title == "Mi plan para la conversación"
    content = load_script_content()
    assert script.invitation.startswith(content.invitation_opening)
    assert "¿" in script.full_text


def test_english_is_untouched_outside_a_spanish_block() -> None:
    with language.speaking("en"):
        text = _step(ScriptDraft(feeling="lonely", wish="us to talk"), "i_statement")
        assert text == "I feel lonely, and I'd like us to talk."
        assert _step(ScriptDraft(opener="qué tal"), "opener") == "Qué tal."
