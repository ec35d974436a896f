/* journeys: "Reset my progress" forgets everything this role site remembers, after asking. */
(function () {
  "use strict";
  var j = window.journeys;
  if (!j) { return; }
  j.all(".journeys-reset").forEach(function (button) {
    button.addEventListener("click", function () {
      if (window.confirm("Forget everything this site remembers about your progress: learned workflows, ticks, answers and your start date?")) {
        j.reset();
      }
    });
  });
}());
