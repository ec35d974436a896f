/*
 * journeys LMS packages: the SCO's launch page. An LMS lets a SCO Initialize once per
 * session, but a role site has many pages, so this page stays open for the whole session:
 * it finds the LMS's API, Initializes once, puts the learner's saved state (suspend data)
 * where the site reads it (localStorage under the site's key), shows the unchanged site in
 * a child frame, reports every change of the state (progress, completion, score, passed or
 * failed, suspend data) and, when the learner leaves, sets exit to suspend and Terminates once.
 * Outside an LMS it only shows the site.
 */
(function () {
  "use strict";
  var version = document.documentElement.getAttribute("data-scorm-version");
  var v12 = version === "1.2";
  var LIMIT = v12 ? 4096 : 64000;
  var role = {};
  try { role = JSON.parse(document.getElementById("journeys-role").textContent); } catch (e) { /* no journey data */ }
  /* The site's storage key: journeys.js names it by the site's root URL, which is this page's folder. */
  var KEY = "journeys:v1:" + new URL("./", location.href).href;
  var frame = document.getElementById("journeys-site");
  var started = Date.now();

  function findApi(win) {
    var name = v12 ? "API" : "API_1484_11";
    for (var hops = 0; win && hops < 20; hops += 1) {
      try { if (win[name]) { return win[name]; } } catch (e) { /* another origin: keep climbing */ }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  var api = findApi(window) || (window.opener ? findApi(window.opener) : null);

  var call = {
    init: function () { return String(v12 ? api.LMSInitialize("") : api.Initialize("")) === "true"; },
    get: function (el) { return v12 ? api.LMSGetValue(el) : api.GetValue(el); },
    set: function (el, value) { return v12 ? api.LMSSetValue(el, String(value)) : api.SetValue(el, String(value)); },
    commit: function () { return v12 ? api.LMSCommit("") : api.Commit(""); },
    finish: function () { return v12 ? api.LMSFinish("") : api.Terminate(""); }
  };
  var EL = v12 ? {
    suspend: "cmi.suspend_data", exit: "cmi.core.exit", time: "cmi.core.session_time", entry: "cmi.core.entry",
    raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max"
  } : {
    suspend: "cmi.suspend_data", exit: "cmi.exit", time: "cmi.session_time", entry: "cmi.entry",
    raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max"
  };

  var live = false;
  if (api) {
    try { live = call.init(); } catch (e) { live = false; }
  }

  /* The LMS holds the learner's state: it replaces whatever this browser kept. */
  function restore() {
    var saved = null;
    try { saved = window.journeysSuspend.decode(call.get(EL.suspend), role); } catch (e) { saved = null; }
    try {
      if (saved) {
        var state = { learned: {}, ticks: {}, answers: {}, seen: {}, start: null, mastered: null };
        Object.keys(saved).forEach(function (k) { if (saved[k] !== undefined && saved[k] !== null) { state[k] = saved[k]; } });
        localStorage.setItem(KEY, JSON.stringify(state));
      } else {
        localStorage.removeItem(KEY);
      }
    } catch (e) { /* storage unavailable: the site starts empty */ }
  }

  function duration(ms) {
    var s = Math.round(ms / 1000);
    if (!v12) { return "PT" + s + "S"; }
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return pad(Math.min(9999, Math.floor(s / 3600))) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }

  var last = {};
  function set(el, value) {
    if (last[el] === String(value)) { return false; }
    last[el] = String(value);
    call.set(el, value);
    return true;
  }

  /* Report the site's state: progress, completion, score and success, suspend data. */
  function report(j) {
    if (!live || finished || !j) { return; }
    var workflows = role.workflows || [];
    var learned = workflows.filter(function (id) { return j.data.learned[id]; }).length;
    var complete = workflows.length > 0 && learned === workflows.length;
    var score = j.score ? j.score() : { total: 0 };
    var answered = (role.questions || []).filter(function (k) { return j.data.answers[k]; }).length;
    var changed = set(EL.suspend, window.journeysSuspend.encode(j.data, role, LIMIT).text);
    if (score.total) {
      changed = set(EL.min, 0) || changed;
      changed = set(EL.max, 100) || changed;
      changed = set(EL.raw, score.percent) || changed;
    }
    var success = !score.total ? "unknown" : score.passed ? "passed" : answered === score.total ? "failed" : "unknown";
    if (v12) {
      var status = !complete ? "incomplete" : success === "unknown" ? "completed" : success;
      changed = set("cmi.core.lesson_status", status) || changed;
    } else {
      changed = set("cmi.progress_measure", workflows.length ? (learned / workflows.length).toFixed(4) : 0) || changed;
      changed = set("cmi.completion_status", complete ? "completed" : "incomplete") || changed;
      if (score.total) { changed = set("cmi.score.scaled", (score.percent / 100).toFixed(4)) || changed; }
      if (success !== "unknown") { changed = set("cmi.success_status", success) || changed; }
    }
    if (changed) { call.commit(); }
  }

  var finished = false;
  function finish() {
    if (!live || finished) { return; }
    try { report(frame.contentWindow && frame.contentWindow.journeys); } catch (e) { /* the site is gone */ }
    finished = true;
    try {
      call.set(EL.exit, "suspend");
      call.set(EL.time, duration(Date.now() - started));
      call.commit();
      call.finish();
    } catch (e) { /* the LMS is gone: nothing more to tell it */ }
  }

  /* Every page the frame loads has its own journeys: listen to each. */
  function attach() {
    var j = null;
    try { j = frame.contentWindow.journeys; } catch (e) { j = null; }
    if (!j) { return; }
    j.on("change", function () { report(j); });
    report(j);
  }

  if (live) {
    restore();
    if (v12 && call.get("cmi.core.lesson_status") === "not attempted") { set("cmi.core.lesson_status", "incomplete"); call.commit(); }
    if (!v12 && ["unknown", "not attempted", ""].indexOf(call.get("cmi.completion_status")) >= 0) {
      set("cmi.completion_status", "incomplete");
      call.commit();
    }
    frame.addEventListener("load", attach);
    window.addEventListener("pagehide", finish);
  }
  frame.src = frame.getAttribute("data-src");
}());
