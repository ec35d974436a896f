/* journeys: checklists (mastery, review questions) whose ticks persist by a stable key. */
(function () {
  "use strict";
  var j = window.journeys;
  if (!j) { return; }

  j.all("[data-journeys-tick]").forEach(function (marker) {
    var key = marker.getAttribute("data-journeys-tick");
    var item = marker.closest("li");
    var box = item && item.querySelector("input[type=checkbox]");
    if (!box) { return; }
    box.disabled = false;
    if (!box.id) { box.id = "tick-" + key.replace(/[^a-zA-Z0-9_-]/g, "-"); }
    box.setAttribute("aria-label", j.textOf(item));
    box.addEventListener("change", function () {
      if (box.checked) {
        var day = j.dates.today();
        j.update(function (s) { s.ticks[key] = day; }, { type: "reviewed", key: key, day: day });
      } else {
        j.update(function (s) { delete s.ticks[key]; }, { type: "unreviewed", key: key });
      }
    });
    function render() { box.checked = !!j.data.ticks[key]; }
    j.on("change", render);
    render();
  });
}());
