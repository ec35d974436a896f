/*
 * journeys: changed since you learned it. When a workflow is marked learned, the fingerprints of
 * its steps are remembered (state.seen[workflow].steps). Later, a step whose fingerprint differs
 * (or that is new) is flagged on the workflow page, the role home counts the learned workflows
 * that changed, and the day the learner first sees a change is kept (seen[workflow].changedOn)
 * so review.js puts the workflow due again from that day. Workflows learned before this
 * feature existed have nothing remembered: their current fingerprints are remembered silently.
 */
(function () {
  "use strict";
  var j = window.journeys;
  if (!j) { return; }
  var current = (j.role && j.role.fingerprints) || {};

  function copy(map) { return JSON.parse(JSON.stringify(map || {})); }

  /* Step keys of a learned workflow whose text changed since the learner learned it. */
  function changedSteps(id) {
    var seen = j.data.seen[id];
    if (!j.data.learned[id] || !seen || !seen.steps || !current[id]) { return []; }
    return Object.keys(current[id]).filter(function (key) { return seen.steps[key] !== current[id][key]; });
  }
  function changedWorkflows() {
    return Object.keys(current).filter(function (id) { return changedSteps(id).length > 0; });
  }
  j.changes = { steps: changedSteps, workflows: changedWorkflows };

  j.on("learned", function (event) {
    var id = event.workflow;
    if (!current[id]) { return; }
    j.update(function (s) { s.seen[id] = { steps: copy(current[id]), changedOn: null, pending: false }; });
  });

  /* Remember what is not remembered yet, and the first day a change is seen. */
  function notice() {
    var today = j.dates.today();
    var todo = Object.keys(current).filter(function (id) {
      var seen = j.data.seen[id];
      if (!j.data.learned[id]) { return false; }
      if (!seen || !seen.steps) { return true; }
      return changedSteps(id).length > 0 && !seen.pending;
    });
    if (!todo.length) { return; }
    j.update(function (s) {
      todo.forEach(function (id) {
        var seen = s.seen[id];
        if (!seen || !seen.steps) {
          s.seen[id] = { steps: copy(current[id]), changedOn: null, pending: false };
        } else {
          seen.changedOn = today;
          seen.pending = true;
        }
      });
    });
  }

  /* The workflow page: flag each changed step, and say so at the top. */
  var note = document.querySelector(".journeys-changes-note");
  function renderPage() {
    var id = note.getAttribute("data-journeys-workflow");
    var changed = changedSteps(id);
    j.all("[data-journeys-step]").forEach(function (marker) {
      var item = marker.closest("li") || marker;
      var flagged = changed.indexOf(marker.getAttribute("data-journeys-step")) >= 0;
      var label = item.querySelector(".journeys-changed-label");
      if (flagged) {
        marker.setAttribute("data-journeys-changed", "");
        item.classList.add("journeys-changed");
        if (!label) {
          label = document.createElement("strong");
          label.className = "journeys-changed-label";
          label.textContent = "Changed since you learned it";
          marker.parentNode.insertBefore(label, marker.nextSibling);
        }
      } else {
        marker.removeAttribute("data-journeys-changed");
        item.classList.remove("journeys-changed");
        if (label) { label.remove(); }
      }
    });
    note.hidden = changed.length === 0;
    if (changed.length) {
      var seen = j.data.seen[id];
      note.querySelector(".journeys-changes-note__text").textContent =
        changed.length + (changed.length === 1 ? " step" : " steps") + " of this workflow changed since you learned it" +
        (seen && seen.changedOn ? "; it is due for review again from " + j.dates.human(seen.changedOn) : "") +
        ". The changed steps are marked below.";
    }
  }

  /* The role home: how many learned workflows changed, with links to them. */
  var home = document.querySelector(".journeys-changes-home");
  function renderHome() {
    var ids = changedWorkflows();
    home.hidden = ids.length === 0;
    home.querySelector(".journeys-changes-home__count").textContent = String(ids.length);
    var list = home.querySelector(".journeys-changes-home__list");
    list.textContent = "";
    ids.forEach(function (id, n) {
      var marked = document.querySelector("[data-journeys-workflow='" + id + "']");
      var card = marked && (marked.tagName === "A" ? marked : marked.querySelector("a"));
      var link = document.createElement("a");
      link.href = card ? card.getAttribute("href") : "#";
      link.textContent = card ? card.textContent.replace(/\s*\u2713 learned$/, "") : id;
      if (n) { list.appendChild(document.createTextNode(", ")); }
      list.appendChild(link);
    });
  }

  if (note) {
    note.querySelector(".journeys-changes-note__ack").addEventListener("click", function () {
      var id = note.getAttribute("data-journeys-workflow");
      j.update(function (s) {
        var seen = s.seen[id] || {};
        s.seen[id] = { steps: copy(current[id]), changedOn: seen.changedOn || null, pending: false };
      }, { type: "change-read", workflow: id });
    });
  }
  function render() {
    if (note) { renderPage(); }
    if (home) { renderHome(); }
  }
  j.on("change", render);
  notice();
  render();
}());
