/*
 * journeys: a journey is mastered when every workflow of it is learned and, where the role has
 * quiz questions, the share answered right reaches the pass mark. Emits "mastered" once (and
 * forgets it when that stops being true), so page features, the LMS launcher and the xAPI
 * sender hear it from one place. journeys.score() is the quiz result they report.
 */
(function () {
  "use strict";
  var j = window.journeys;
  if (!j) { return; }
  var role = j.role || {};
  var workflows = role.workflows || [];
  var questions = role.questions || [];
  var passMark = role.pass; /* quiz.pass, always given by the site (its default lives on its field in schema.py) */

  /* {right, total, percent, passed}: answers are journeys.data.answers[key] = {correct: bool, ...}. */
  j.score = function () {
    var right = questions.filter(function (k) { var a = j.data.answers[k]; return a && a.correct; }).length;
    var percent = questions.length ? Math.round((100 * right) / questions.length) : 100;
    return { right: right, total: questions.length, percent: percent, passed: percent >= passMark };
  };

  j.isMastered = function () {
    return workflows.length > 0 && workflows.every(function (id) { return j.data.learned[id]; }) && j.score().passed;
  };

  function check() {
    var now = j.isMastered();
    if (now && !j.data.mastered) {
      var day = j.dates.today();
      j.update(function (s) { s.mastered = day; }, { type: "mastered", role: role.role, day: day, score: j.score() });
    } else if (!now && j.data.mastered) {
      j.update(function (s) { s.mastered = null; });
    }
  }
  j.on("change", check);
}());
