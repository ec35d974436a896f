/*
 * journeys: learning records. Only when journeys.yml has `xapi` (journeys.role.xapi), this
 * file turns the events of journeys.js into xAPI 1.0.3 statements and sends them to the LRS:
 *
 *   experienced  a workflow page (on every visit)
 *   completed    a workflow (marked learned)
 *   answered     a quiz question, with result.success and result.response
 *   mastered     the journey (every workflow learned and the quiz passed)
 *
 * The actor is a pseudonymous account (a random id kept in this browser, homePage the site's
 * URL) unless the page was launched with `endpoint`, `auth` and `actor` in its query string
 * (the Tin Can launch convention, e.g. by an LMS or an intranet page), which then take
 * precedence for this browser tab. Every statement gets its id here and waits in a queue in
 * localStorage until the LRS answers 2xx (or 409: that id is already stored), so an
 * unreachable LRS, a reload or a closed tab loses nothing and nothing is stored twice.
 * Sending never blocks the page and never throws.
 */
(function () {
  "use strict";
  var j = window.journeys;
  var config = j && j.role && j.role.xapi;
  if (!config || !config.endpoint || !window.fetch || !window.JSON) { return; }

  var ROOT = j.key.replace(/^journeys:v1:/, "");          /* where this site is served from */
  var SITE = config.site || ROOT;                         /* its published URL: activity ids */
  var QUEUE = j.key + ":xapi:queue";
  var LEARNER = j.key + ":xapi:learner";
  var LAUNCH = j.key + ":xapi:launch";
  var VERBS = "http://adlnet.gov/expapi/verbs/";

  function read(storage, key, fallback) {
    try { var v = JSON.parse(storage.getItem(key)); return v === null || v === undefined ? fallback : v; } catch (e) { return fallback; }
  }
  function write(storage, key, value) {
    try { storage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);  /* plain-http intranets have no randomUUID */
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  /* Tin Can launch parameters: kept for this tab (sessionStorage), then removed from the address bar. */
  function first(v) { return Array.isArray(v) ? v[0] : v; }
  function launchAgent(text) {
    var a = JSON.parse(text);
    var agent = { objectType: "Agent" };
    if (first(a.name)) { agent.name = first(a.name); }
    ["mbox", "mbox_sha1sum", "openid"].forEach(function (k) { if (first(a[k])) { agent[k] = first(a[k]); } });
    var account = first(a.account);
    if (account) {
      agent.account = { homePage: account.homePage || account.accountServiceHomePage, name: account.name || account.accountName };
    }
    return agent;
  }
  function launch() {
    var params = new URLSearchParams(location.search);
    if (params.get("endpoint") && params.get("auth") && params.get("actor")) {
      try {
        var given = { endpoint: params.get("endpoint"), auth: params.get("auth"), actor: launchAgent(params.get("actor")), registration: params.get("registration") || null };
        write(sessionStorage, LAUNCH, given);
        ["endpoint", "auth", "actor", "registration"].forEach(function (k) { params.delete(k); });
        var rest = params.toString();
        history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
      } catch (e) { /* malformed actor: use the site's own settings */ }
    }
    return read(sessionStorage, LAUNCH, null);
  }
  var launched = launch();

  function actor() {
    if (launched) { return launched.actor; }
    var id = read(localStorage, LEARNER, null);
    if (!id) { id = uuid(); write(localStorage, LEARNER, id); }
    return { objectType: "Agent", account: { homePage: SITE, name: id } };
  }
  var target = launched
    ? { endpoint: launched.endpoint, auth: launched.auth }
    : { endpoint: config.endpoint, auth: config.key ? "Basic " + config.key : null };
  target.endpoint = target.endpoint.replace(/\/?$/, "/");

  function activity(id, type, name) {
    var a = { objectType: "Activity", id: id, definition: { type: "http://adlnet.gov/expapi/activities/" + type } };
    if (name) { a.definition.name = { "en-US": name }; }
    return a;
  }
  var site = activity(SITE, "course", j.role.title);
  function workflowId(id) { return SITE + "workflows/" + encodeURIComponent(id) + "/"; }
  function workflowName(id) {
    var h1 = document.querySelector(".md-content h1");
    return document.querySelector('.journeys-learn[data-journeys-workflow="' + id + '"]') && h1 ? j.textOf(h1) : null;
  }

  function statement(verb, object, result) {
    var s = {
      id: uuid(),
      actor: actor(),
      verb: { id: VERBS + verb, display: { "en-US": verb } },
      object: object,
      timestamp: new Date().toISOString(),
      context: { platform: "journeys", contextActivities: { parent: [site] } }
    };
    if (document.documentElement.lang) { s.context.language = document.documentElement.lang; }
    if (launched && launched.registration) { s.context.registration = launched.registration; }
    if (result) { s.result = result; }
    return s;
  }

  /* The queue: [{endpoint, auth, statement}], oldest first, shared by every tab of this site. */
  var KEEP = 1000;  /* an LRS that refuses for weeks must not fill the browser's storage */
  function enqueue(s) {
    var queue = read(localStorage, QUEUE, []);
    queue.push({ endpoint: target.endpoint, auth: target.auth, statement: s });
    if (queue.length > KEEP) { queue = queue.slice(queue.length - KEEP); }
    write(localStorage, QUEUE, queue);
    flush();
  }
  function forget(id) {
    write(localStorage, QUEUE, read(localStorage, QUEUE, []).filter(function (item) { return item.statement.id !== id; }));
  }

  var busy = false;
  var delay = 0;
  var timer = null;
  function later() {
    delay = Math.min(delay ? delay * 2 : 2000, 300000);
    clearTimeout(timer);
    timer = setTimeout(flush, delay);
  }
  function flush() {
    if (busy || navigator.onLine === false) { return; }
    var item = read(localStorage, QUEUE, [])[0];
    if (!item) { delay = 0; return; }
    busy = true;
    var headers = { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" };
    if (item.auth) { headers.Authorization = item.auth; }
    var url = item.endpoint + "statements?statementId=" + encodeURIComponent(item.statement.id);
    fetch(url, { method: "PUT", headers: headers, body: JSON.stringify(item.statement), mode: "cors", credentials: "omit", keepalive: true })
      .then(function (response) {
        busy = false;
        /* 2xx: stored; 409: this id is stored already; 400: the LRS will never take it. */
        if (response.ok || response.status === 409 || response.status === 400) {
          forget(item.statement.id);
          delay = 0;
          flush();
        } else {
          later();
        }
      }, function () {
        busy = false;  /* unreachable: try again later */
        later();
      });
  }

  j.on("learned", function (event) {
    enqueue(statement("completed", activity(workflowId(event.workflow), "lesson", workflowName(event.workflow)), { completion: true }));
  });
  j.on("answered", function (event) {
    var question = activity(workflowId(event.workflow || String(event.key).split("/")[0]) + "#" + encodeURIComponent(event.key), "cmi.interaction", null);
    question.definition.interactionType = "choice";
    if (event.question) { question.definition.description = { "en-US": String(event.question) }; }
    enqueue(statement("answered", question, { success: !!event.correct, response: String(event.response === undefined ? "" : event.response) }));
  });
  j.on("mastered", function (event) {
    var score = event.score || (j.score ? j.score() : null);
    var result = { success: true, completion: true };
    if (score && score.total) { result.score = { scaled: score.right / score.total, raw: score.right, min: 0, max: score.total }; }
    enqueue(statement("mastered", site, result));
  });

  /* A workflow page (it has the workflow's learn buttons, at its top and its end): experienced. */
  var shown = j.all(".journeys-learn[data-journeys-workflow]").map(function (box) { return box.getAttribute("data-journeys-workflow"); });
  shown.filter(function (id, i) { return shown.indexOf(id) === i; }).forEach(function (id) {
    enqueue(statement("experienced", activity(workflowId(id), "lesson", workflowName(id))));
  });
  window.addEventListener("online", flush);
  flush();
}());
