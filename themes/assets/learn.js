/* journeys: mark a workflow learned (and undo), and the progress counts on the role home. */
(function () {
  "use strict";
  var j = window.journeys;
  if (!j) { return; }
  var human = j.dates.human;

  j.all(".journeys-learn").forEach(function (box) {
    var id = box.getAttribute("data-journeys-workflow");
    var button = box.querySelector("button");
    var status = box.querySelector(".journeys-learn__status");
    box.hidden = false;
    button.addEventListener("click", function () {
      if (j.data.learned[id]) {
        j.update(function (s) { delete s.learned[id]; }, { type: "unlearned", workflow: id });
      } else {
        var day = j.dates.today();
        j.update(function (s) { s.learned[id] = day; }, { type: "learned", workflow: id, day: day });
      }
    });
    function render() {
      var day = j.data.learned[id];
      button.setAttribute("aria-pressed", day ? "true" : "false");
      button.textContent = day ? "Undo: mark as not learned" : "Mark this workflow as learned";
      status.textContent = day ? "Learned on " + human(day) + "." : "";
    }
    j.on("change", render);
    render();
  });

  j.all("[data-journeys-progress]").forEach(function (box) {
    box.hidden = false;
    function render() {
      var ids = box.getAttribute("data-journeys-workflows").split(" ").filter(Boolean);
      var done = ids.filter(function (id) { return j.data.learned[id]; }).length;
      box.querySelector(".journeys-progress__count").textContent = String(done);
      var bar = box.querySelector("progress");
      if (bar) { bar.value = done; }
    }
    j.on("change", render);
    render();
  });

  j.all("a[data-journeys-workflow]").forEach(function (link) {
    function render() {
      var day = j.data.learned[link.getAttribute("data-journeys-workflow")];
      link.classList.toggle("journeys-learned", !!day);
      link.title = day ? "Learned on " + human(day) : "";
    }
    j.on("change", render);
    render();
  });
}());
