/*
 * journeys: graded quiz questions, and the role home's score.
 *
 * Every question is in the page's HTML as a plain list with its right answers in a
 * closed <details>; this file turns it into real radio buttons (or checkboxes when
 * several choices are right), a check button, feedback that names what was right and
 * why, and "try again". Answers persist like review ticks:
 *   journeys.data.answers[key] = {response: [choice indices], correct: bool, day}
 * and each check is announced as
 *   {type: "answered", key, workflow, question, correct, response}
 * (question and response as plain text) for the score, mastery and learning records.
 * Keys in the review plan end in "@<interval>": each interval is its own attempt,
 * and only the workflow pages' keys (journeys.role.questions) count toward the score.
 */
(function () {
  "use strict";
  var j = window.journeys;
  if (!j) { return; }

  function setup(box) {
    var key = box.getAttribute("data-journeys-quiz");
    var workflow = box.getAttribute("data-journeys-workflow");
    var choices = j.all(".journeys-quiz__choice", box);
    var inputs = choices.map(function (li) { return li.querySelector("input"); });
    var right = choices.map(function (li) { return li.getAttribute("data-journeys-correct") === "true"; });
    var check = box.querySelector(".journeys-quiz__check");
    var retry = box.querySelector(".journeys-quiz__retry");
    var result = box.querySelector(".journeys-quiz__result");
    var answer = box.querySelector(".journeys-quiz__answer");
    var question = j.textOf(box.querySelector(".journeys-quiz__question"));
    var editing = false; // "try again" pressed: the stored answer stays until the next check
    var shown = null; // what is on screen, to leave a half-made choice alone on unrelated changes

    function textOfChoice(i) { return j.textOf(choices[i].querySelector(".journeys-quiz__text")); }

    box.classList.add("journeys-quiz--live");
    inputs.forEach(function (input) { input.hidden = false; input.disabled = false; });
    box.querySelector(".journeys-quiz__actions").hidden = false;
    if (answer) { answer.hidden = true; }

    function chosen() {
      return inputs.map(function (input, i) { return input.checked ? i : -1; }).filter(function (i) { return i >= 0; });
    }

    check.addEventListener("click", function () {
      var response = chosen();
      if (!response.length) {
        result.textContent = "Choose an answer first.";
        return;
      }
      var correct = right.every(function (isRight, i) { return isRight === (response.indexOf(i) >= 0); });
      var day = j.dates.today();
      editing = false;
      j.update(function (s) { s.answers[key] = { response: response, correct: correct, day: day }; }, {
        type: "answered",
        key: key,
        workflow: workflow,
        question: question,
        correct: correct,
        response: response.map(textOfChoice).join("; ")
      });
      retry.focus();
    });

    retry.addEventListener("click", function () {
      editing = true;
      render();
      inputs[0].focus();
    });

    function clear() {
      box.removeAttribute("data-journeys-result");
      choices.forEach(function (li, i) {
        li.removeAttribute("data-journeys-feedback");
        li.querySelector(".journeys-quiz__mark").textContent = "";
        var why = li.querySelector(".journeys-quiz__why");
        if (why) { why.hidden = true; }
        inputs[i].disabled = false;
      });
      check.hidden = false;
      retry.hidden = true;
      result.textContent = "";
    }

    function show(stored) {
      var response = stored.response || [];
      var several = right.filter(Boolean).length > 1;
      box.setAttribute("data-journeys-result", stored.correct ? "correct" : "incorrect");
      choices.forEach(function (li, i) {
        var picked = response.indexOf(i) >= 0;
        var state = right[i] ? (picked ? "right" : "missed") : (picked ? "wrong" : "");
        inputs[i].checked = picked;
        inputs[i].disabled = true;
        li.querySelector(".journeys-quiz__mark").textContent = {
          right: "Right: you chose it.",
          missed: several ? "Also right: you did not choose it." : "The right answer.",
          wrong: "Not right: you chose it.",
          "": ""
        }[state];
        if (state) { li.setAttribute("data-journeys-feedback", state); } else { li.removeAttribute("data-journeys-feedback"); }
        var why = li.querySelector(".journeys-quiz__why");
        if (why) { why.hidden = !state; }
      });
      var names = right.map(function (isRight, i) { return isRight ? textOfChoice(i) : null; }).filter(Boolean);
      var named = (names.length > 1 ? "The right answers are: " : "The right answer is: ") + names.join("; ") + ".";
      result.textContent = stored.correct
        ? "Correct. " + named + " Read why below each choice."
        : "Not quite. " + named + " Read why below the choices, then try again.";
      check.hidden = true;
      retry.hidden = false;
    }

    function render() {
      var stored = j.data.answers[key];
      if (!stored) { editing = false; }
      var now = editing ? "editing" : JSON.stringify(stored || null);
      if (now === shown) { return; }
      shown = now;
      if (stored && !editing) {
        show(stored);
      } else {
        clear();
        if (!stored) { inputs.forEach(function (input) { input.checked = false; }); }
      }
    }
    j.on("change", render);
    render();
  }

  j.all("[data-journeys-quiz]").forEach(setup);

  /* The role home: right answers out of all the role's questions, and whether the journey passes. */
  j.all("[data-journeys-score]").forEach(function (block) {
    if (!j.score) { return; }
    block.hidden = false;
    function render() {
      var score = j.score();
      block.querySelector(".journeys-score__right").textContent = String(score.right);
      block.querySelector(".journeys-score__verdict").textContent = score.passed
        ? "Your journey passes (" + score.percent + "% right)."
        : "Not passed yet: " + score.percent + "% right so far.";
      block.setAttribute("data-journeys-passed", score.passed ? "true" : "false");
    }
    j.on("change", render);
    render();
  });
}());
