"""The tone check in Spanish: what it flags, what it leaves alone, its words, and how fast it is.

The Spanish patterns are content/tone/es.toml (the English ones content/tone/en.toml); the rule ids
and what each rule says are shared with the English check (content/es/script.toml [tone.*]).
"""

from __future__ import annotations

import time
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content import language
from content._loader import ContentError
from content.script import TONE_KINDS, load_script_content
from content.tone_patterns import has_patterns, patterns
from guide.tone import RULE_IDS, advice, check


@pytest.fixture(autouse=True)
def _spanish():
    with language.speaking("es"):
        yield


FLAGGED = [
    # absolutos que culpan
    ("Siempre me interrumpes.", "absolute", "Siempre me interrumpes"),
    ("Nunca me escuchas.", "absolute", "Nunca me escuchas"),
    ("Tú siempre con lo mismo.", "absolute", "Tú siempre"),
    ("Siempre estás con el teléfono.", "absolute", "Siempre estás"),
    ("Nunca vas a cambiar.", "absolute", "Nunca vas"),
    ("Nunca cambiarás.", "absolute", "Nunca cambiarás"),
    ("No me escuchas nunca.", "absolute", "No me escuchas nunca"),
    ("Cada vez que llegas a casa te pones a ver la tele.", "absolute", "Cada vez que llegas"),
    ("Cada vez que tú dices eso, me duele.", "absolute", "Cada vez que tú"),
    ("Me criticas constantemente.", "absolute", "Me criticas constantemente"),
    ("Estás todo el tiempo de mal humor.", "absolute", "Estás todo el tiempo"),
    ("Sigues ignorándome.", "absolute", "Sigues ignorándome"),
    ("No paras de quejarte.", "absolute", "No paras de quejarte"),
    # diagnosticar
    ("Necesitas terapia, no yo.", "diagnosis", "Necesitas terapia"),
    ("Sinceramente, necesitas ayuda.", "diagnosis", "necesitas ayuda"),
    ("Creo que necesitas ir a terapia.", "diagnosis", "necesitas ir a terapia"),
    ("Necesitas ver a un psicólogo.", "diagnosis", "Necesitas ver a un psicólogo"),
    ("Deberías buscar ayuda.", "diagnosis", "Deberías buscar ayuda"),
    ("Eres tú quien necesita ayuda.", "diagnosis", "Eres tú quien necesita ayuda"),
    ("¿Qué te pasa a ti?", "diagnosis", "Qué te pasa a ti"),
    ("¿Qué diablos te pasa?", "diagnosis", "Qué diablos te pasa"),
    ("¿Cuál es tu problema?", "diagnosis", "Cuál es tu problema"),
    ("Algo anda mal contigo.", "diagnosis", "Algo anda mal contigo"),
    ("Tú eres el problema.", "diagnosis", "Tú eres el problema"),
    ("El problema eres tú.", "diagnosis", "El problema eres tú"),
    ("Todo es tu culpa.", "diagnosis", "Todo es tu culpa"),
    ("La culpa es toda tuya.", "diagnosis", "La culpa es toda tuya"),
    ("Tienes problemas.", "diagnosis", "Tienes problemas"),
    ("Tienes serios problemas de ira.", "diagnosis", "Tienes serios problemas de ira"),
    ("Eres tan inseguro.", "diagnosis", "Eres tan inseguro"),
    ("Estás loca.", "diagnosis", "Estás loca"),
    ("eres una egoista", "diagnosis", "eres una egoista"),
    ("¡Qué egoísta eres!", "diagnosis", "Qué egoísta eres"),
    ("Eres muy controladora.", "diagnosis", "Eres muy controladora"),
    ("Estás en negación.", "diagnosis", "Estás en negación"),
    # ultimátums
    ("Ven a terapia o me voy.", "ultimatum", "o me voy"),
    ("Hazlo, o si no...", "ultimatum", "o si no"),
    ("Ven conmigo o si no, me voy de la casa.", "ultimatum", "o si no"),
    ("Terapia o el divorcio.", "ultimatum", "o el divorcio"),
    ("Terapia o se acabó.", "ultimatum", "o se acabó"),
    ("Vienes conmigo o te dejo.", "ultimatum", "o te dejo"),
    ("Si no vienes conmigo, me voy.", "ultimatum", "Si no vienes conmigo, me voy"),
    ("Si no vas, se acabó.", "ultimatum", "Si no vas, se acabó"),
    ("Si te niegas, pido el divorcio.", "ultimatum", "Si te niegas, pido el divorcio"),
    ("Esta es tu última oportunidad.", "ultimatum", "Esta es tu última oportunidad"),
    ("Es tu ultima oportunidad.", "ultimatum", "Es tu ultima oportunidad"),
    ("¡Última advertencia!", "ultimatum", "Última advertencia"),
    ("Último aviso.", "ultimatum", "Último aviso"),
    # desprecio y sarcasmo
    ("Da igual.", "contempt", "Da igual"),
    ("Bueno, da igual.", "contempt", "da igual"),
    ("Lo que sea.", "contempt", "Lo que sea"),
    ("Me da igual.", "contempt", "Me da igual"),
    ("Gracias por nada.", "contempt", "Gracias por nada"),
    ("Ya, claro.", "contempt", "Ya, claro"),
    ("Como si te importara.", "contempt", "Como si te importara"),
    ("Obviamente no te importa.", "contempt", "Obviamente no te importa"),
    ("Obviamente no me escuchas.", "contempt", "Obviamente no me escuchas"),
    ("Madura.", "contempt", "Madura"),
    ("Ya madura de una vez.", "contempt", "madura de una vez"),
    ("¿Cuándo vas a madurar?", "contempt", "madurar"),
    ("Qué patético.", "contempt", "patético"),
    ("Me das pena.", "contempt", "das pena"),
    ("*pone los ojos en blanco* claro.", "contempt", "pone los ojos en blanco"),
    ("Gran plan 🙄", "contempt", "🙄"),
    ("Pfff.", "contempt", "Pfff"),
    ("Eres tan estúpido.", "contempt", "Eres tan estúpido"),
    ("Eres un inútil.", "contempt", "Eres un inútil"),
    ("¡Qué idiota eres!", "contempt", "Qué idiota eres"),
    ("Das asco.", "contempt", "Das asco"),
    ("Eres igual que tu madre.", "contempt", "Eres igual que tu madre"),
    ("Te estás volviendo como tu padre.", "contempt", "Te estás volviendo como tu padre"),
    # exigencias
    ("Tienes que venir conmigo.", "demand", "Tienes que"),
    ("Tú tienes que ir a terapia.", "demand", "Tú tienes que"),
    ("Debes ir a terapia.", "demand", "Debes"),
    ("Más te vale estar ahí.", "demand", "Más te vale"),
    ("Mas te vale venir.", "demand", "Mas te vale"),
    ("Más vale que vengas.", "demand", "Más vale que vengas"),
    ("Necesitas cambiar.", "demand", "Necesitas cambiar"),
    ("Necesitas escucharme.", "demand", "Necesitas escucharme"),
    ("Necesitas calmarte.", "demand", "Necesitas calmarte"),
    # la prueba de amor: el sí como prueba de que quiere
    ("Si me quisieras, vendrías.", "guilt", "Si me quisieras"),
    ("Si de verdad me amaras, irías.", "guilt", "Si de verdad me amaras"),
    ("Si te importara lo nuestro, vendrías.", "guilt", "Si te importara"),
    ("Si te importo, ven conmigo.", "guilt", "Si te importo"),
    ("Demuéstrame que me quieres y ven.", "guilt", "Demuéstrame que me quieres"),
    ("Vendrías si me quisieras.", "guilt", "Vendrías si me quisieras"),
    ("¿Ya no me quieres?", "guilt", "Ya no me quieres"),
    ("¿Acaso no te importamos?", "guilt", "Acaso no te importamos"),
    # culpar del estado de la relación
    ("Estamos así por tu culpa.", "blame", "Estamos así por tu culpa"),
    ("Por tu culpa estamos mal.", "blame", "Por tu culpa estamos mal"),
    (
        "Nuestro matrimonio se está desmoronando por tu culpa.",
        "blame",
        "Nuestro matrimonio se está desmoronando por tu culpa",
    ),
    ("Estás arruinando lo nuestro.", "blame", "Estás arruinando lo nuestro"),
    ("Arruinaste nuestro matrimonio.", "blame", "Arruinaste nuestro matrimonio"),
    ("Lo arruinaste todo.", "blame", "Lo arruinaste todo"),
    ("Estás destruyendo esta familia.", "blame", "Estás destruyendo esta familia"),
]

CLEAN = [
    "Nunca quiero que dejemos de hablar.",
    "Siempre me siento mejor después de hablar contigo.",
    "Siempre pienso en ti.",
    "No siempre sé qué decir.",
    "Nunca es tarde para intentarlo.",
    "Siempre nos reímos juntos.",
    "Nunca te dejaré.",
    "Siempre me haces reír.",
    "Nunca te rindes con nosotros.",
    "Siempre estás ahí para mí.",
    "Gracias por escucharme siempre.",
    "Como siempre, tienes razón.",
    "Cada vez que hablamos, me siento mejor.",
    "Cada vez que pienso en nosotros, sonrío.",
    "Pienso en ti todo el tiempo.",
    "No dejas de sorprenderme.",
    "Sigues siendo la persona más dulce que conozco.",
    "Me siento sola cuando no hablamos, y me gustaría que volviéramos a estar cerca.",
    "¿Podríamos probar una sesión juntos?",
    "No tienes que decidir esta noche.",
    "Debes de estar agotada después de esta semana.",
    "Debes estar cansado.",
    "No debes preocuparte por eso.",
    "Quiero oír lo que tienes que decir.",
    "Si tienes que trabajar hasta tarde, está bien.",
    "Sé que tienes que trabajar el sábado.",
    "¿Tienes que trabajar mañana?",
    "A veces tienes que descansar, y está bien.",
    "¿Necesitas ayuda con los platos?",
    "¿Necesitas ayuda?",
    "Si necesitas parar, paramos.",
    "¿Qué te pasa? Te noto triste.",
    "¿Qué le pasa a tu teléfono?",
    "No es tu culpa.",
    "No estás loca por sentirte así.",
    "El problema es tu horario, no tú.",
    "¿Tienes problemas con el plan?",
    "Tienes problemas de dinero este mes, lo sé.",
    "Cuando eres niño todo parece más fácil.",
    "Da igual lo que decidas, estoy contigo.",
    "Lo que sea que decidas, te apoyo.",
    "Para mí da igual si es el sábado o el domingo.",
    "—¿Me ayudas? —Sí, claro.",
    "Ya, claro, lo entiendo.",
    "Podemos hablar esta noche o, si no, mañana por la mañana.",
    "Podemos hablar esta noche o si no mañana.",
    "Vamos al cine o me voy a dormir temprano.",
    "¿Te llevo o te dejo en la estación?",
    "Lo hacemos hoy o lo dejamos para mañana.",
    "Si no puedes venir hoy, me voy a casa y hablamos mañana.",
    "Si no consigo trabajo aquí, me mudo.",
    "Quiero que nuestros hijos crezcan en un hogar tranquilo.",
    "Me siento muy simpática hoy.",
    "Qué pena que no pudiste venir.",
    "La fruta está madura.",
    "Obviamente te quiero.",
    "Obviamente te entiendo.",
    "Más vale tarde que nunca.",
    "Mejor hablamos mañana.",
    "Parece como si fuéramos extraños últimamente.",
    "Me gustaría que volviéramos a ser un equipo.",
    "Tu madre me llamó ayer.",
    # vecinas de la prueba de amor y de la culpa que deben quedar limpias
    "Te quiero, y me gustaría que lo intentáramos.",
    "Te quiero, y me importa lo nuestro.",
    "Si quieres venir, me haría feliz.",
    "Si me quieres ayudar, trae pan.",
    "Si te gustó la película, podemos ver la segunda.",
    "Sé que me quieres.",
    "Sé que no me quieres hacer daño.",
    "Gracias a ti me reí hoy.",
    "Gracias a ti, tenemos un hogar precioso.",
    "Gracias a ti estamos mejor.",
    "Estamos así por el trabajo, no por ti.",
    "¡Estás arruinando la sorpresa!",
    "Arruinaste la sopa, y te sigo queriendo.",
    "Demuestra que me equivoco: probemos una sesión.",
    "",
]


@pytest.mark.parametrize(("text", "kind", "phrase"), FLAGGED)
def test_flags_phrase_with_kind(text: str, kind: str, phrase: str) -> None:
    assert [(f.kind, f.phrase) for f in check(text)] == [(kind, phrase)]


@pytest.mark.parametrize("text", CLEAN)
def test_leaves_innocent_sentences_alone(text: str) -> None:
    assert check(text) == ()


def test_tables_are_big_enough_and_cover_every_kind_and_rule() -> None:
    assert len(FLAGGED) >= 50
    assert len(CLEAN) >= 40
    assert {kind for _, kind, _ in FLAGGED} == set(TONE_KINDS)
    rules = {
        next(r.id for r in load_script_content().tone if r.why == check(text)[0].why)
        for text, _, _ in FLAGGED
    }
    assert rules == set(RULE_IDS), "every Spanish pattern has a sentence it must flag"


@pytest.mark.parametrize(("text", "kind", "phrase"), FLAGGED)
def test_every_flag_explains_and_offers_a_rewrite_in_spanish(text, kind, phrase) -> None:
    (flag,) = check(text)
    rule = next(r for r in load_script_content().tone if r.why == flag.why)
    with language.speaking("en"):
        english = load_script_content().tone_rule(rule.id)
    assert flag.why.endswith(".") and flag.why != english.why
    assert flag.rewrite.strip() and flag.rewrite != english.rewrite
    # The rewrite is an alternative the user could say, and must not itself be flagged.
    assert check(flag.rewrite) == ()


def test_accents_are_optional_and_the_span_is_the_text_as_typed() -> None:
    text = "Bueno. Tú siempre llegas tarde, y esta es tu ÚLTIMA oportunidad."
    flags = check(text)
    assert [text[f.start : f.end] for f in flags] == [f.phrase for f in flags]
    assert [f.phrase for f in flags] == ["Tú siempre", "esta es tu ÚLTIMA oportunidad"]
    assert [f.kind for f in check("tu siempre llegas tarde, ultima oportunidad")] == [
        "absolute",
        "ultimatum",
    ]


def test_is_case_insensitive() -> None:
    assert [f.kind for f in check("NUNCA ME ESCUCHAS")] == ["absolute"]
    assert [f.kind for f in check("mÁs Te VaLe")] == ["demand"]


@pytest.mark.parametrize(
    "text", ["siempreme", "simpático", "patetismos", "cadavez que", "dasigual", "tienesque"]
)
def test_does_not_match_inside_words(text: str) -> None:
    assert check(text) == ()


def test_several_flags_in_one_text_in_reading_order() -> None:
    text = "Nunca me escuchas. Necesitas ayuda. Hazlo o si no. Da igual."
    assert [f.kind for f in check(text)] == ["absolute", "diagnosis", "ultimatum", "contempt"]


def test_the_same_advice_is_given_once_naming_every_phrase() -> None:
    text = "Siempre me ignoras y nunca me escuchas."
    tips = advice(check(text))
    assert len(tips) == 1
    assert tips[0].phrases == ("Siempre me ignoras", "nunca me escuchas")


def test_english_is_still_checked_in_english() -> None:
    assert check("Nunca me escuchas.") != ()
    with language.speaking("en"):
        assert check("Nunca me escuchas.") == ()
        assert [f.phrase for f in check("You never listen.")] == ["You never"]


def test_app_suggestions_in_spanish_pass_the_spanish_tone_check() -> None:
    content = load_script_content()
    texts = [
        *content.openers,
        *content.reframes,
        *content.shared,
        *content.if_no,
        *(option.line for option in content.first_steps),
        *(remover.line for remover in content.friction),
        *(worry.line for worry in content.worries),
        *(step.example for step in content.steps),
        *(field.example for step in content.steps for field in step.fields),
    ]
    assert any("á" in text or "é" in text for text in texts)  # really the Spanish words
    flagged = {text: check(text) for text in texts if check(text)}
    assert flagged == {}


@pytest.mark.parametrize(
    "text",
    [
        "si no " * 1500,
        "siempre " * 1200,
        "siempre me te " * 800,
        "eres tan " * 1200,
        "o " * 4000,
        ". " * 5000,
        "da igual " * 1100,
        "a" * 10_000,
        "cada vez que " * 700,
        "sigues " + "a" * 10_000,
        "si de verdad " * 700,
        "por tu culpa estamos " * 450,
        "estamos así " * 800,
        "vendrías si " * 800,
        "á" * 10_000,
    ],
)
def test_adversarial_text_is_fast(text: str) -> None:
    started = time.perf_counter()
    check(text)
    assert time.perf_counter() - started < 1.0


def test_ten_kilobytes_of_mixed_text_is_fast() -> None:
    sample = " ".join(text for text, _, _ in FLAGGED) + " " + " ".join(CLEAN)
    text = (sample * (10_000 // len(sample) + 1))[:10_000]
    check(text)  # the first check of a language compiles its patterns
    started = time.perf_counter()
    flags = check(text)
    assert time.perf_counter() - started < 0.5
    assert len(flags) > 25


@given(st.text(max_size=300))
def test_flags_are_well_formed_for_any_text(text: str) -> None:
    flags = check(text)
    for flag in flags:
        assert flag.kind in TONE_KINDS
        assert 0 <= flag.start < flag.end <= len(text)
        assert text[flag.start : flag.end] == flag.phrase
    assert all(a.end <= b.start for a, b in pairwise(flags))


# --- the patterns' files: one per language, every rule in each -----------------------------------


@pytest.mark.parametrize("code", language.available())
def test_each_language_has_a_pattern_for_every_rule(code: str) -> None:
    assert has_patterns(code), f"content/tone/{code}.toml is missing"
    assert set(patterns(code).rules) == set(RULE_IDS)


def test_a_language_without_patterns_is_checked_with_the_english_ones() -> None:
    assert not has_patterns("xx")
    assert patterns("xx") == patterns("en")


def test_spanish_folds_accents_one_for_one() -> None:
    fold = patterns("es").fold
    assert fold
    assert "Última canción".translate(fold) == "Ultima cancion"
    assert "ñ".translate(fold) == "ñ"


def test_a_broken_patterns_file_fails_loudly(tmp_path, monkeypatch) -> None:
    import content.tone_patterns as tone_patterns

    def broken(text: str) -> None:
        folder = tmp_path / "tone"
        folder.mkdir(exist_ok=True)
        (folder / "zz.toml").write_text(text, "utf-8")
        monkeypatch.setattr(tone_patterns, "CONTENT_DIR", tmp_path)
        monkeypatch.setattr(tone_patterns, "read_toml", _reader(tmp_path))
        patterns.cache_clear()

    try:
        broken("[rules]\nyou_always = '{nowhere}'\n")
        with pytest.raises(ContentError, match="no piece called 'nowhere'"):
            patterns("zz")
        broken("[fold]\nfrom = 'áé'\nto = 'a'\n[rules]\nyou_always = 'x'\n")
        with pytest.raises(ContentError, match="as long as each other"):
            patterns("zz")
    finally:
        patterns.cache_clear()


def _reader(folder):
    import tomllib

    def read(name: str):
        return tomllib.loads((folder / name).read_text("utf-8"))

    return read
