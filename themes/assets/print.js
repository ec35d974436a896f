/* journeys: printing shows every answer (closed details open); the page is put back afterwards.
   A "Print or save as PDF" button (the handout) prints the page. */
(function () {
  "use strict";
  var j = window.journeys;
  if (!j) { return; }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = j.all("details:not([open])");
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
  });
  j.all(".journeys-print").forEach(function (button) {
    var bar = button.closest("[hidden]");
    if (bar) { bar.hidden = false; }
    button.addEventListener("click", function () { window.print(); });
  });
}());
