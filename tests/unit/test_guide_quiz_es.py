"""A quiz result read in another language than it was taken in: its questions and answers shown in
the run's language (found by item id and option), today's rules still applied, and nothing stored
changed."""

from __future__ import annotations

from dataclasses import replace

from content import language
from content.quiz import load_quiz
from content.reasons import load_reasons
from guide.quiz import answer_position, because_words, compare, reread, score


def _english_result(chosen: dict[str, int]):
    with language.speaking("en"):
        items = load_quiz()
        answers = {item.id: 0 for item in items} | chosen
        return score(answers, items, load_reasons())


def test_because_shows_the_question_and_answer_in_the_runs_language() -> None:
    result = _english_result({"takes_sides": 3})
    because = next(s for s in result.ranked if s.reason_id == "blame").because[0]
    assert because.answer == "Often"
    with language.speaking("es"):
        items = load_quiz()
        sides = next(i for i in items if i.id == "takes_sides")
        assert because_words(because, items) == (sides.text, sides.scale.options[3])
        assert sides.scale.options[3] != "Often"
    with language.speaking("en"):
        assert because_words(because, load_quiz()) == (because.text, "Often")


def test_an_answer_is_found_by_its_label_in_any_language() -> None:
    with language.speaking("es"):
        spanish = next(i for i in load_quiz() if i.id == "takes_sides")
    with language.speaking("en"):
        english = next(i for i in load_quiz() if i.id == "takes_sides")
        assert answer_position(english, spanish.scale.options[2]) == 2
        assert answer_position(english, "no such label") is None
    with language.speaking("es"):
        assert answer_position(spanish, "Rarely") == 1


def test_words_no_language_knows_are_shown_as_stored() -> None:
    result = _english_result({"takes_sides": 3})
    because = next(s for s in result.ranked if s.reason_id == "blame").because[0]
    gone = replace(because, item_id="gone", text="An old question", answer="Often")
    renamed = replace(because, answer="A label since renamed")
    with language.speaking("es"):
        items = load_quiz()
        assert because_words(gone, items) == ("An old question", "Often")
        assert because_words(renamed, items)[1] == "A label since renamed"


def test_todays_rules_apply_to_a_result_taken_in_another_language() -> None:
    result = _english_result({"takes_sides": 3})
    blame = next(s for s in result.ranked if s.reason_id == "blame")
    quiet = replace(
        blame.because[0], answer="Rarely"
    )  # stored before quiet answers stopped counting
    older = replace(result, ranked=(replace(blame, because=(quiet,)),), top=("blame",))
    with language.speaking("es"):
        again = reread(older, load_quiz())
    assert again.ranked[0].because == () and again.top == ()
    with language.speaking("es"):
        assert reread(result, load_quiz()) == result


def test_what_changed_names_reasons_in_the_runs_language() -> None:
    before = _english_result({"takes_sides": 3})
    after = _english_result({"wont_work": 3})
    with language.speaking("es"):
        names = {reason_id: r.name for reason_id, r in load_reasons().items()}
        sentences = compare(before, after, load_reasons())
    assert any(names["hopeless"] in s and names["blame"] in s for s in sentences)
    assert all("stands out" not in s for s in sentences)
