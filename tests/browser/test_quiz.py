"""Graded questions in a real headless Chromium, on the built sample.

The sample's sales-rep journey has six questions: update-stage/quiz-1 (single choice,
choice 1 right), update-stage/quiz-2 (multiple choice, choices 0 and 1 right), and two
each on log-opportunity and handoff-to-cs (choice 1 right in each).
"""

from __future__ import annotations

import pytest

WORKFLOW = "sales-rep/workflows/update-stage/"
SINGLE = "update-stage/quiz-1"
MULTIPLE = "update-stage/quiz-2"


def _fresh(browser, path: str) -> None:
    browser.open(path)
    browser.clear_storage()
    browser.open(path)


def _quiz(browser, key: str):
    return browser.driver.find_element("css selector", f'[data-journeys-quiz="{key}"]')


def _answer(browser, key: str, indices: list[int]) -> None:
    """Choose these choices with real clicks, then press the check button."""
    quiz = _quiz(browser, key)
    for n, box in enumerate(quiz.find_elements("css selector", "input.journeys-quiz__input")):
        if box.is_selected() != (n in indices):
            box.click()
    quiz.find_element("css selector", ".journeys-quiz__check").click()


def _result(browser, key: str) -> str | None:
    return _quiz(browser, key).get_attribute("data-journeys-result")


def _visible_whys(browser, key: str) -> list[int]:
    return browser.js(
        "return [...arguments[0].querySelectorAll('.journeys-quiz__choice')]"
        ".filter(li => { const w = li.querySelector('.journeys-quiz__why'); return w && !w.hidden && w.offsetParent !== null; })"
        ".map(li => +li.dataset.journeysChoice)",
        _quiz(browser, key),
    )


def _stored(browser) -> dict:
    return browser.js("return (JSON.parse(localStorage.getItem(window.journeys.key)) || {}).answers || {}")


def test_with_javascript_the_quiz_has_real_inputs_and_no_spoiler(browser) -> None:
    _fresh(browser, WORKFLOW)
    quiz = _quiz(browser, SINGLE)
    radios = quiz.find_elements("css selector", "fieldset input[type=radio]")
    assert len(radios) == 3 and all(r.is_displayed() and r.is_enabled() for r in radios)
    assert quiz.find_element("css selector", "fieldset legend").text.startswith("Your buyer says")
    assert not quiz.find_element("css selector", "details").is_displayed(), "the right answer is not shown before checking"
    assert quiz.find_element("css selector", ".journeys-quiz__check").is_displayed()
    assert not quiz.find_element("css selector", ".journeys-quiz__retry").is_displayed()
    assert len(_quiz(browser, MULTIPLE).find_elements("css selector", "fieldset input[type=checkbox]")) == 4
    assert _visible_whys(browser, SINGLE) == []


def test_wrong_answer_is_incorrect_with_feedback_then_right_after_try_again_and_both_survive_reload(browser) -> None:
    _fresh(browser, WORKFLOW)
    _answer(browser, SINGLE, [0])
    assert _result(browser, SINGLE) == "incorrect"
    # The why of the chosen choice and of the right one are visible; the other's is not.
    assert _visible_whys(browser, SINGLE) == [0, 1]
    quiz = _quiz(browser, SINGLE)
    result = quiz.find_element("css selector", ".journeys-quiz__result").text
    assert result.startswith("Not quite.") and "Keep it in Propose" in result
    marks = [m.text for m in quiz.find_elements("css selector", ".journeys-quiz__mark")]
    assert marks == ["Not right: you chose it.", "The right answer.", ""]
    stored = _stored(browser)[SINGLE]
    assert stored["response"] == [0] and stored["correct"] is False and len(stored["day"]) == 10

    browser.open(WORKFLOW)
    assert _result(browser, SINGLE) == "incorrect"
    assert browser.js("return [...arguments[0].querySelectorAll('input')].map(i => i.checked)", _quiz(browser, SINGLE)) == [True, False, False]
    assert _visible_whys(browser, SINGLE) == [0, 1]

    # Try again: the choices open up, then a right answer replaces the wrong one.
    _quiz(browser, SINGLE).find_element("css selector", ".journeys-quiz__retry").click()
    assert _result(browser, SINGLE) is None and _visible_whys(browser, SINGLE) == []
    _answer(browser, SINGLE, [1])
    assert _result(browser, SINGLE) == "correct"
    assert _quiz(browser, SINGLE).find_element("css selector", ".journeys-quiz__result").text.startswith("Correct.")
    assert _visible_whys(browser, SINGLE) == [1]
    browser.open(WORKFLOW)
    assert _result(browser, SINGLE) == "correct"
    assert _stored(browser)[SINGLE]["response"] == [1]


def test_checking_without_a_choice_asks_for_one(browser) -> None:
    _fresh(browser, WORKFLOW)
    _answer(browser, SINGLE, [])
    assert _result(browser, SINGLE) is None
    assert _quiz(browser, SINGLE).find_element("css selector", ".journeys-quiz__result").text == "Choose an answer first."
    assert _stored(browser) == {}


@pytest.mark.parametrize(
    "chosen, result",
    [([0], "incorrect"), ([1], "incorrect"), ([0, 1, 2], "incorrect"), ([2, 3], "incorrect"), ([0, 1], "correct")],
)
def test_multiple_choice_needs_every_correct_choice_and_no_other(browser, chosen: list[int], result: str) -> None:
    _fresh(browser, WORKFLOW)
    _answer(browser, MULTIPLE, chosen)
    assert _result(browser, MULTIPLE) == result
    assert _stored(browser)[MULTIPLE]["response"] == chosen
    # Feedback: every right choice and every chosen one says why.
    assert _visible_whys(browser, MULTIPLE) == sorted(set(chosen) | {0, 1})


def test_answered_event_carries_what_learning_records_need(browser) -> None:
    _fresh(browser, WORKFLOW)
    browser.js("window.__answered = []; journeys.on('answered', d => window.__answered.push(d));")
    _answer(browser, MULTIPLE, [0, 2])
    events = browser.js("return window.__answered")
    assert events == [
        {
            "type": "answered",
            "key": MULTIPLE,
            "workflow": "update-stage",
            "question": "A customer signs. You set the stage to Closed Won. Who starts working on the deal because of it?",
            "correct": False,
            "response": "Customer Success; Marketing",
        }
    ]


def _score(browser) -> tuple[str, str]:
    return (
        browser.js("return document.querySelector('[data-journeys-score] .journeys-score__right').textContent"),
        browser.js("return document.querySelector('[data-journeys-score] .journeys-score__verdict').textContent"),
    )


def test_role_home_counts_right_answers_and_says_when_the_journey_passes(browser) -> None:
    _fresh(browser, "sales-rep/")
    block = browser.driver.find_element("css selector", "[data-journeys-score]")
    assert block.is_displayed() and "of 6 questions answered right" in block.text
    assert _score(browser) == ("0", "Not passed yet: 0% right so far.")

    browser.open(WORKFLOW)
    _answer(browser, SINGLE, [1])
    _answer(browser, MULTIPLE, [0])  # wrong: does not count
    browser.open("sales-rep/")
    assert _score(browser) == ("1", "Not passed yet: 17% right so far.")

    # Five of six right reaches the 80% pass mark.
    for path, key in [("sales-rep/workflows/log-opportunity/", "log-opportunity/quiz-1"), ("sales-rep/workflows/log-opportunity/", "log-opportunity/quiz-2"),
                      ("sales-rep/workflows/handoff-to-cs/", "handoff-to-cs/quiz-1"), ("sales-rep/workflows/handoff-to-cs/", "handoff-to-cs/quiz-2")]:
        browser.open(path)
        _answer(browser, key, [1])
    browser.open("sales-rep/")
    assert _score(browser) == ("5", "Your journey passes (83% right).")
    assert browser.js("return journeys.score()") == {"right": 5, "total": 6, "percent": 83, "passed": True}


def test_the_quiz_works_from_the_keyboard_alone(browser) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _fresh(browser, WORKFLOW)
    keys = ActionChains(browser.driver)

    def press(*sequence: str) -> None:
        for key in sequence:
            keys.send_keys(key)
        keys.perform()

    def focused() -> str:
        return browser.js(
            "const e = document.activeElement; const q = e.closest('[data-journeys-quiz]');"
            "const c = [...e.classList].find(n => n.startsWith('journeys-quiz__')) || '';"
            "return (q ? q.dataset.journeysQuiz + ' ' : '') + e.tagName + ' ' + (e.type || '') + ' ' + (e.tagName === 'INPUT' ? e.value : c)"
        )

    # Start on the heading's permalink just before the quiz, as a keyboard user tabbing down the page would.
    browser.js("document.querySelector('#test-yourself .headerlink').focus()")
    press(Keys.TAB)
    assert focused() == f"{SINGLE} INPUT radio 0"
    press(Keys.ARROW_DOWN)  # arrows move and choose within a radio group
    assert focused() == f"{SINGLE} INPUT radio 1"
    press(Keys.TAB)
    assert focused() == f"{SINGLE} BUTTON button journeys-quiz__check"
    press(Keys.ENTER)
    assert _result(browser, SINGLE) == "correct"
    assert focused() == f"{SINGLE} BUTTON button journeys-quiz__retry", "focus moves to Try again after checking"
    press(Keys.ENTER)
    assert _result(browser, SINGLE) is None
    assert focused() == f"{SINGLE} INPUT radio 0", "focus returns to the first choice"

    # The multiple choice: Tab between checkboxes, Space ticks.
    browser.js("arguments[0].focus()", _quiz(browser, MULTIPLE).find_element("css selector", "input"))
    press(Keys.SPACE, Keys.TAB, Keys.SPACE, Keys.TAB, Keys.TAB, Keys.TAB)
    assert focused() == f"{MULTIPLE} BUTTON button journeys-quiz__check"
    press(Keys.SPACE)
    assert _result(browser, MULTIPLE) == "correct"


def test_review_plan_attempts_are_independent_per_interval(browser) -> None:
    _fresh(browser, "sales-rep/review/")
    keys = browser.js("return [...document.querySelectorAll('[data-journeys-quiz]')].map(q => q.dataset.journeysQuiz)")
    assert len(keys) == len(set(keys)), "every key on the page is unique"
    assert {f"{SINGLE}@{i}" for i in (1, 3, 7, 14, 30)} <= set(keys)

    _answer(browser, f"{SINGLE}@1", [1])
    _answer(browser, f"{SINGLE}@3", [0])
    browser.open("sales-rep/review/")
    assert _result(browser, f"{SINGLE}@1") == "correct"
    assert _result(browser, f"{SINGLE}@3") == "incorrect"
    assert _result(browser, f"{SINGLE}@7") is None
    assert set(_stored(browser)) == {f"{SINGLE}@1", f"{SINGLE}@3"}

    # The workflow page's own question is untouched, and review attempts do not count toward the role's score.
    browser.open(WORKFLOW)
    assert _result(browser, SINGLE) is None
    browser.open("sales-rep/")
    assert _score(browser)[0] == "0"

    # Trying again at 3 days leaves the 1-day attempt as it was.
    browser.open("sales-rep/review/")
    _quiz(browser, f"{SINGLE}@3").find_element("css selector", ".journeys-quiz__retry").click()
    _answer(browser, f"{SINGLE}@3", [1])
    browser.open("sales-rep/review/")
    assert [_result(browser, f"{SINGLE}@{i}") for i in (1, 3, 7)] == ["correct", "correct", None]


def test_review_plan_due_dates_unchanged_by_quiz_attempts(browser) -> None:
    _fresh(browser, "sales-rep/review/")
    browser.js("localStorage.setItem(journeys.key, JSON.stringify({learned: {'update-stage': '2026-01-12'}, start: '2026-01-01'}))")
    browser.open("sales-rep/review/")

    def due() -> dict:
        return browser.js(
            "return Object.fromEntries([...document.querySelectorAll('[data-journeys-interval]')].map("
            "h => [h.dataset.journeysWorkflow + '@' + h.dataset.journeysInterval, h.querySelector('.journeys-due').dataset.due]))"
        )

    before = due()
    # Learned on a Monday: the 1- and 30-day reviews fall on weekdays (weekend dates would move to Monday).
    assert before["update-stage@1"] == "2026-01-13" and before["update-stage@30"] == "2026-02-11"
    _answer(browser, f"{SINGLE}@1", [0])
    browser.open("sales-rep/review/")
    assert due() == before


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_answered_quiz_is_accessible(browser, scheme: str) -> None:
    browser.open(WORKFLOW, scheme=scheme)
    browser.clear_storage()
    browser.open(WORKFLOW, scheme=scheme)
    _answer(browser, SINGLE, [0])
    _answer(browser, MULTIPLE, [0, 2])
    assert browser.console_errors() == []
    violations = browser.axe()
    assert [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def test_a_review_is_done_when_its_questions_are_ticked_and_its_quiz_answered(browser) -> None:
    ticks = {f"update-stage/review-{n}@1": "2026-01-11" for n in (1, 2, 3)}
    _fresh(browser, "sales-rep/review/")
    browser.js("localStorage.setItem(journeys.key, JSON.stringify(arguments[0]))", {"learned": {"update-stage": "2026-01-10"}, "ticks": ticks})
    browser.open("sales-rep/review/")

    def state() -> str:
        return browser.js("return document.querySelector('[data-journeys-workflow=\"update-stage\"][data-journeys-interval=\"1\"] .journeys-due').dataset.state")

    assert state() == "overdue"
    _answer(browser, f"{SINGLE}@1", [0])  # an attempt, right or wrong, is the retrieval practice
    assert state() == "overdue"
    _answer(browser, f"{MULTIPLE}@1", [0, 1])
    assert state() == "done"
