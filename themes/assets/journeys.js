/*
 * journeys: in-browser behaviour of a role site. Progress (workflows learned),
 * persistent ticks, review due dates and the calendar download.
 *
 * State lives in localStorage under one key per role site (its root URL), so it
 * survives reloads and rebuilds and never mixes two roles or two academies.
 * Every control it drives is in the page's HTML, hidden until this script runs:
 * without JavaScript the pages read as plain documents.
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

  function load() {
    try {
      var state = JSON.parse(localStorage.getItem(KEY) || "{}");
      return {
        learned: state.learned || {},
        ticks: state.ticks || {},
        start: state.start || null
      };
    } catch (e) {
      return { learned: {}, ticks: {}, start: null };
    }
  }

  var state = load();

  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: keep it in memory */ }
    render();
  }

  /* Dates are whole local days, written YYYY-MM-DD. */
  function today() {
    var now = new Date();
    return iso(new Date(now.getFullYear(), now.getMonth(), now.getDate()));
  }
  function iso(date) {
    var m = String(date.getMonth() + 1).padStart(2, "0");
    var d = String(date.getDate()).padStart(2, "0");
    return date.getFullYear() + "-" + m + "-" + d;
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

  /* Workflow pages: mark learned, and undo. */
  function learnToggles() {
    all(".journeys-learn").forEach(function (box) {
      var id = box.getAttribute("data-journeys-workflow");
      var button = box.querySelector("button");
      var status = box.querySelector(".journeys-learn__status");
      box.hidden = false;
      button.addEventListener("click", function () {
        if (state.learned[id]) { delete state.learned[id]; } else { state.learned[id] = today(); }
        save();
      });
      box._render = function () {
        var day = state.learned[id];
        button.setAttribute("aria-pressed", day ? "true" : "false");
        button.textContent = day ? "Undo: mark as not learned" : "Mark this workflow as learned";
        status.textContent = day ? "Learned on " + human(day) + "." : "";
      };
    });
  }

  /* Checklists (mastery, review questions): ticks persist by a stable key. */
  function ticks() {
    all("[data-journeys-tick]").forEach(function (marker) {
      var key = marker.getAttribute("data-journeys-tick");
      var item = marker.closest("li");
      var box = item && item.querySelector("input[type=checkbox]");
      if (!box) { return; }
      box.disabled = false;
      if (!box.id) { box.id = "tick-" + key.replace(/[^a-zA-Z0-9_-]/g, "-"); }
      box.setAttribute("aria-label", textOf(item));
      box.addEventListener("change", function () {
        if (box.checked) { state.ticks[key] = today(); } else { delete state.ticks[key]; }
        save();
      });
      box._render = function () { box.checked = !!state.ticks[key]; };
    });
  }

  /* Role home: workflows learned, overall and per stage. */
  function progress() {
    all("[data-journeys-progress]").forEach(function (box) {
      box.hidden = false;
      box._render = function () {
        var ids = box.getAttribute("data-journeys-workflows").split(" ").filter(Boolean);
        var done = ids.filter(function (id) { return state.learned[id]; }).length;
        box.querySelector(".journeys-progress__count").textContent = String(done);
        var bar = box.querySelector("progress");
        if (bar) { bar.value = done; }
      };
    });
    all("a[data-journeys-workflow]").forEach(function (link) {
      link._render = function () {
        var day = state.learned[link.getAttribute("data-journeys-workflow")];
        link.classList.toggle("journeys-learned", !!day);
        link.title = day ? "Learned on " + human(day) : "";
      };
    });
  }

  /* Review plan: the day each workflow counts from, and what is due. */
  function reviewSections() {
    return all(".journeys-review [data-journeys-interval]").map(function (heading) {
      var items = [];
      var node = heading.nextElementSibling;
      while (node && !/^H[1-3]$/.test(node.tagName)) {
        all("li", node).forEach(function (li) {
          var marker = li.querySelector("[data-journeys-tick]");
          if (marker) { items.push({ key: marker.getAttribute("data-journeys-tick"), text: textOf(li) }); }
        });
        node = node.nextElementSibling;
      }
      return {
        heading: heading,
        workflow: heading.getAttribute("data-journeys-workflow"),
        title: textOf(heading),
        order: +heading.getAttribute("data-journeys-learned-day"),
        interval: +heading.getAttribute("data-journeys-interval"),
        items: items
      };
    });
  }

  function learnedOn(section) {
    if (state.learned[section.workflow]) { return state.learned[section.workflow]; }
    return addDays(state.start || today(), section.order - 1);
  }

  function dueOf(section) {
    var due = addDays(learnedOn(section), section.interval);
    var done = section.items.length > 0 && section.items.every(function (i) { return state.ticks[i.key]; });
    var lag = daysBetween(due, today());
    var stateName = done ? "done" : lag > 0 ? "overdue" : lag === 0 ? "today" : "upcoming";
    return { date: due, state: stateName };
  }

  function reviewPlan() {
    var panel = document.querySelector(".journeys-review-panel");
    if (!panel) { return; }
    panel.hidden = false;
    var sections = reviewSections();
    var start = panel.querySelector(".journeys-start");
    start.addEventListener("change", function () {
      state.start = parse(start.value) ? start.value : null;
      save();
    });
    sections.forEach(function (section) {
      var badge = document.createElement("span");
      badge.className = "journeys-due";
      section.heading.appendChild(badge);
      section.badge = badge;
    });
    panel.querySelector(".journeys-ics").addEventListener("click", function () {
      download(calendar(sections), "review-plan.ics", "text/calendar;charset=utf-8");
    });
    panel._render = function () {
      start.value = state.start || "";
      var counts = { overdue: [], today: [] };
      sections.forEach(function (section) {
        var due = dueOf(section);
        section.badge.setAttribute("data-state", due.state);
        section.badge.setAttribute("data-due", due.date);
        section.badge.textContent = {
          done: "Done",
          overdue: "Overdue since " + human(due.date),
          today: "Due today",
          upcoming: "Due " + human(due.date)
        }[due.state];
        if (counts[due.state]) { counts[due.state].push(section); }
      });
      var summary = panel.querySelector(".journeys-due-summary");
      summary.textContent = "";
      var line = document.createElement("p");
      line.textContent = counts.today.length + " review" + (counts.today.length === 1 ? "" : "s") + " due today, " +
        counts.overdue.length + " overdue.";
      summary.appendChild(line);
      var list = document.createElement("ul");
      counts.overdue.concat(counts.today).forEach(function (section) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        if (!section.heading.id) { section.heading.id = "review-" + section.workflow + "-" + section.interval; }
        a.href = "#" + section.heading.id;
        a.textContent = section.title + " (" + section.interval + "-day review)";
        li.appendChild(a);
        list.appendChild(li);
      });
      if (list.children.length) { summary.appendChild(list); }
    };
  }

  /* iCalendar (RFC 5545): one all-day event per workflow review. */
  function icsText(value) {
    return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }
  function fold(line) {
    var out = [];
    var bytes = new TextEncoder();
    var current = "";
    Array.from(line).forEach(function (ch) {
      if (bytes.encode(current + ch).length > (out.length ? 74 : 75)) { out.push(current); current = ""; }
      current += ch;
    });
    out.push(current);
    return out.join("\r\n ");
  }
  function calendar(sections) {
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    var site = document.title.split(" - ").pop();
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//journeys//review plan//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    sections.forEach(function (section) {
      var due = dueOf(section);
      var uid = (section.workflow + "-" + section.interval + "@" + KEY).replace(/[^a-zA-Z0-9@._-]/g, "-");
      var questions = section.items.map(function (i) { return "- " + i.text; }).join("\n");
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + uid,
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + due.date.replace(/-/g, ""),
        "DTEND;VALUE=DATE:" + addDays(due.date, 1).replace(/-/g, ""),
        "SUMMARY:" + icsText("Review: " + section.title + " (" + section.interval + "-day)"),
        "DESCRIPTION:" + icsText(site + "\n" + questions + "\n" + location.href.split("#")[0]),
        "URL:" + location.href.split("#")[0],
        "TRANSP:TRANSPARENT",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }
  function download(text, name, type) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function resets() {
    all(".journeys-reset").forEach(function (button) {
      button.addEventListener("click", function () {
        if (window.confirm("Forget everything this site remembers about your progress: learned workflows, ticks and your start date?")) {
          state = { learned: {}, ticks: {}, start: null };
          save();
        }
      });
    });
  }

  /* Printing shows every answer; the page is put back afterwards. */
  function printing() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      opened = all("details:not([open])");
      opened.forEach(function (d) { d.open = true; });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
    });
  }

  /* Handoff diagrams, drawn with the bundled Mermaid straight into the page. */
  function diagrams() {
    var blocks = all("div.mermaid");  /* Material draws <pre class="mermaid">; these are journeys' */
    if (!blocks.length || typeof window.mermaid === "undefined") { return; }
    var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: dark ? "dark" : "default",
      // Edge labels keep WCAG AA contrast on the dark scheme too.
      themeVariables: dark ? { edgeLabelBackground: "#1e2129" } : {}
    });
    blocks.forEach(function (box, n) {
      window.mermaid.render("journeys-diagram-" + n, box.textContent).then(function (result) {
        box.innerHTML = result.svg;
        box.classList.add("journeys-drawn");
      }).catch(function (error) {
        box.textContent = "The diagram could not be drawn: " + error.message;
        box.classList.add("journeys-drawn");
      });
    });
  }

  function render() {
    all(".journeys-learn, [data-journeys-progress], a[data-journeys-workflow], input[type=checkbox], .journeys-review-panel")
      .forEach(function (el) { if (el._render) { el._render(); } });
  }

  /* Another tab changed the state: show it here too. */
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) { state = load(); render(); }
  });

  learnToggles();
  ticks();
  progress();
  reviewPlan();
  resets();
  printing();
  diagrams();
  render();

  window.journeys = { key: KEY, state: function () { return JSON.parse(JSON.stringify(state)); }, calendar: function () { return calendar(reviewSections()); } };
}());
