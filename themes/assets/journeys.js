/*
 * journeys: the one event source of a role site's browser side.
 *
 * It keeps the learner's state (workflows learned, ticks, answers, start date)
 * in localStorage under one key per role site (its root URL), so it survives
 * reloads and rebuilds and never mixes two roles or two academies. Features
 * (progress, review plan, quiz, change flags), the LMS launcher and the xAPI
 * sender are separate small files that only listen and ask:
 *
 *   journeys.on(type, fn)      listen: "learned", "unlearned", "reviewed", "unreviewed",
 *                              "answered", "mastered", and "change" after every update
 *   journeys.update(fn, event) change the state in fn(state), save, then tell everyone
 *   journeys.data              the current state (read it, change it only through update)
 *   journeys.state()           a copy of it
 *   journeys.role              this role's journey: {role, title, workflows, questions, pass}
 *
 * Every control is in the page's HTML, hidden until a script runs: without
 * JavaScript the pages read as plain documents.
 */
(function () {
  "use strict";

  var DAY = 86400000;

  function siteRoot() {
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep "." */ }
    }
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  }

  var KEY = "journeys:v1:" + siteRoot();

  /* The role's journey, written into every page at build time: {role, title, workflows, questions, pass}. */
  function roleData() {
    var node = document.getElementById("journeys-role");
    try { return JSON.parse(node ? node.textContent : "{}"); } catch (e) { return {}; }
  }
  var EMPTY = function () { return { learned: {}, ticks: {}, answers: {}, seen: {}, start: null, mastered: null }; };

  function load() {
    try {
      var stored = JSON.parse(localStorage.getItem(KEY) || "{}");
      var state = EMPTY();
      Object.keys(state).forEach(function (k) { if (stored[k] !== undefined) { state[k] = stored[k]; } });
      return state;
    } catch (e) {
      return EMPTY();
    }
  }

  var listeners = {};

  function on(type, fn) {
    (listeners[type] = listeners[type] || []).push(fn);
  }

  function emit(type, detail) {
    (listeners[type] || []).slice().forEach(function (fn) {
      try { fn(detail || {}, journeys.data); } catch (e) { if (window.console) { console.error(e); } }
    });
  }

  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(journeys.data)); } catch (e) { /* private mode: keep it in memory */ }
  }

  /* Change the state, save it, then announce `event` ({type, ...detail}) and "change". */
  function update(mutate, event) {
    mutate(journeys.data);
    save();
    if (event && event.type) { emit(event.type, event); }
    emit("change", event || {});
  }

  /* Dates are whole local days, written YYYY-MM-DD. */
  function iso(date) {
    var m = String(date.getMonth() + 1).padStart(2, "0");
    var d = String(date.getDate()).padStart(2, "0");
    return date.getFullYear() + "-" + m + "-" + d;
  }
  function today() {
    var now = new Date();
    return iso(new Date(now.getFullYear(), now.getMonth(), now.getDate()));
  }
  function parse(text) {
    var p = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    return p ? new Date(+p[1], +p[2] - 1, +p[3]) : null;
  }
  function addDays(text, days) {
    var date = parse(text);
    date.setDate(date.getDate() + days);
    return iso(date);
  }
  function daysBetween(a, b) {
    return Math.round((parse(b) - parse(a)) / DAY);
  }
  function human(text) {
    return parse(text).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function textOf(element) {
    var copy = element.cloneNode(true);
    all(".headerlink, .journeys-due", copy).forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  var journeys = window.journeys = {
    key: KEY,
    role: roleData(),
    data: load(),
    on: on,
    emit: emit,
    update: update,
    reset: function () { update(function (s) { var fresh = EMPTY(); Object.keys(fresh).forEach(function (k) { s[k] = fresh[k]; }); }, { type: "reset" }); },
    state: function () { return JSON.parse(JSON.stringify(journeys.data)); },
    dates: { today: today, iso: iso, parse: parse, addDays: addDays, daysBetween: daysBetween, human: human },
    all: all,
    textOf: textOf
  };

  /* Another tab changed the state: show it here too. */
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) { journeys.data = load(); emit("change", { type: "storage" }); }
  });
}());
