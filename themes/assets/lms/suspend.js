/*
 * journeys LMS packages: the learner's state (journeys.data) as compact SCORM suspend data.
 *
 * An LMS keeps at most 4096 characters of suspend data in SCORM 1.2 and 64000 in 2004,
 * and many enforce it by cutting the text. This codec writes dates as day offsets in
 * base 36 and names workflows and quiz questions by their place in the role's journey,
 * then drops what matters least until the text fits: seen markers, then review ticks,
 * then quiz answers beyond the limit. What the LMS reports (learned workflows) goes first.
 *
 *   journeysSuspend.encode(state, role, limit) -> {text, dropped: [...]}
 *   journeysSuspend.decode(text, role)         -> state (null if the text is not ours)
 *
 * Text: "j1|BASE|START|MASTERED|LEARNED|ANSWERS|TICKS|SEEN|OTHER", BASE the earliest date
 * (YYYYMMDD), each list "key=value,key=value". A key is "*N" (the Nth workflow, base 36),
 * "#N" (the Nth quiz question), "*N/rest" (a key under the Nth workflow) or the key
 * itself, URI-encoded. A date value is its offset from BASE; another value is "~" and its
 * URI-encoded JSON. An answer is "RESPONSE.CORRECT.DATE" (choices as base-36 digits).
 * OTHER: any other part of the state (a feature added later), as URI-encoded JSON; it goes first.
 */
(function () {
  "use strict";
  var DAY = 86400000;
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  function dayNumber(text) {
    var p = DATE.exec(text);
    return p ? Math.round(Date.UTC(+p[1], +p[2] - 1, +p[3]) / DAY) : null;
  }
  function dayText(number) {
    return new Date(number * DAY).toISOString().slice(0, 10);
  }

  function Codec(role, state) {
    this.workflows = role.workflows || [];
    this.questions = role.questions || [];
    var days = [];
    function collect(value) {
      if (typeof value === "string" && dayNumber(value) !== null) { days.push(dayNumber(value)); }
      else if (value && typeof value === "object") { Object.keys(value).forEach(function (k) { collect(value[k]); }); }
    }
    if (state) { collect(state); }
    this.base = days.length ? Math.min.apply(null, days) : null;
  }

  Codec.prototype.key = function (key) {
    var q = this.questions.indexOf(key);
    if (q >= 0) { return "#" + q.toString(36); }
    var slash = key.indexOf("/");
    var w = this.workflows.indexOf(slash < 0 ? key : key.slice(0, slash));
    if (w >= 0) { return "*" + w.toString(36) + (slash < 0 ? "" : "/" + encodeURIComponent(key.slice(slash + 1))); }
    return encodeURIComponent(key);
  };
  Codec.prototype.unkey = function (text) {
    if (text.charAt(0) === "#") { return this.questions[parseInt(text.slice(1), 36)]; }
    if (text.charAt(0) === "*") {
      var slash = text.indexOf("/");
      var id = this.workflows[parseInt(slash < 0 ? text.slice(1) : text.slice(1, slash), 36)];
      return id === undefined ? undefined : id + (slash < 0 ? "" : "/" + decodeURIComponent(text.slice(slash + 1)));
    }
    return decodeURIComponent(text);
  };
  Codec.prototype.value = function (value) {
    var n = typeof value === "string" ? dayNumber(value) : null;
    if (n !== null && this.base !== null) { return (n - this.base).toString(36); }
    return "~" + encodeURIComponent(JSON.stringify(value === undefined ? null : value));
  };
  Codec.prototype.unvalue = function (text) {
    if (text.charAt(0) === "~") { return JSON.parse(decodeURIComponent(text.slice(1))); }
    return dayText(this.base + parseInt(text, 36));
  };
  Codec.prototype.answer = function (a) {
    if (!a || typeof a !== "object" || !Array.isArray(a.response) || a.response.some(function (i) { return !(i >= 0 && i < 36); })) {
      return this.value(a);
    }
    return a.response.map(function (i) { return i.toString(36); }).join("") + "." + (a.correct ? 1 : 0) + "." + (a.day ? this.value(a.day) : "");
  };
  Codec.prototype.unanswer = function (text) {
    if (text.charAt(0) === "~") { return this.unvalue(text); }
    var p = text.split(".");
    var a = { response: p[0].split("").map(function (c) { return parseInt(c, 36); }), correct: p[1] === "1" };
    if (p[2]) { a.day = this.unvalue(p[2]); }
    return a;
  };
  Codec.prototype.list = function (map, encodeValue) {
    var self = this;
    return Object.keys(map || {}).map(function (k) { return self.key(k) + "=" + encodeValue.call(self, map[k]); });
  };
  Codec.prototype.unlist = function (text, decodeValue) {
    var self = this;
    var map = {};
    (text ? text.split(",") : []).forEach(function (entry) {
      var eq = entry.indexOf("=");
      var key = self.unkey(entry.slice(0, eq));
      if (key !== undefined) { map[key] = decodeValue.call(self, entry.slice(eq + 1)); }
    });
    return map;
  };

  var KNOWN = ["start", "mastered", "learned", "answers", "ticks", "seen"];

  function join(c, parts) {
    return ["j1", c.base === null ? "" : dayText(c.base).replace(/-/g, ""), parts.start, parts.mastered,
      parts.learned.join(","), parts.answers.join(","), parts.ticks.join(","), parts.seen.join(","), parts.other].join("|");
  }

  function encode(state, role, limit) {
    var c = new Codec(role || {}, state);
    var parts = {
      start: state.start ? c.value(state.start) : "",
      mastered: state.mastered ? c.value(state.mastered) : "",
      learned: c.list(state.learned, c.value),
      answers: c.list(state.answers, c.answer),
      ticks: c.list(state.ticks, c.value),
      seen: c.list(state.seen, c.value),
      other: ""
    };
    var other = {};
    Object.keys(state).forEach(function (k) { if (KNOWN.indexOf(k) < 0) { other[k] = state[k]; } });
    if (Object.keys(other).length) { parts.other = encodeURIComponent(JSON.stringify(other)); }
    var dropped = [];
    var text = join(c, parts);
    if (text.length > limit && parts.other) { parts.other = ""; dropped.push("other"); text = join(c, parts); }
    ["seen", "ticks"].forEach(function (part) {
      if (text.length > limit && parts[part].length) { parts[part] = []; dropped.push(part); text = join(c, parts); }
    });
    while (text.length > limit && parts.answers.length) {
      parts.answers.pop();
      if (dropped.indexOf("answers") < 0) { dropped.push("answers"); }
      text = join(c, parts);
    }
    while (text.length > limit && parts.learned.length) {
      parts.learned.pop();
      if (dropped.indexOf("learned") < 0) { dropped.push("learned"); }
      text = join(c, parts);
    }
    return { text: text.length > limit ? "" : text, dropped: dropped };
  }

  function decode(text, role) {
    var p = (text || "").split("|");
    if (p[0] !== "j1" || p.length !== 9) { return null; }
    var c = new Codec(role || {}, null);
    c.base = p[1] ? dayNumber(p[1].slice(0, 4) + "-" + p[1].slice(4, 6) + "-" + p[1].slice(6, 8)) : null;
    try {
      var state = p[8] ? JSON.parse(decodeURIComponent(p[8])) : {};
      var known = {
        start: p[2] ? c.unvalue(p[2]) : null,
        mastered: p[3] ? c.unvalue(p[3]) : null,
        learned: c.unlist(p[4], c.unvalue),
        answers: c.unlist(p[5], c.unanswer),
        ticks: c.unlist(p[6], c.unvalue),
        seen: c.unlist(p[7], c.unvalue)
      };
      KNOWN.forEach(function (k) { state[k] = known[k]; });
      return state;
    } catch (e) {
      return null;
    }
  }

  window.journeysSuspend = { encode: encode, decode: decode };
}());
