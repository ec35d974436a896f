/* journeys: the review plan: the day each workflow counts from, and what is due when. */
(function () {
  "use strict";
  var j = window.journeys;
  if (!j) { return; }
  var d = j.dates;

  function sections() {
    return j.all(".journeys-review [data-journeys-interval]").map(function (heading) {
      var items = [];
      var node = heading.nextElementSibling;
      while (node && !/^H[1-3]$/.test(node.tagName)) {
        j.all("li", node).forEach(function (li) {
          var marker = li.querySelector("[data-journeys-tick]");
          if (marker) { items.push({ key: marker.getAttribute("data-journeys-tick"), text: j.textOf(li) }); }
        });
        node = node.nextElementSibling;
      }
      return {
        heading: heading,
        workflow: heading.getAttribute("data-journeys-workflow"),
        title: j.textOf(heading),
        order: +heading.getAttribute("data-journeys-learned-day"),
        interval: +heading.getAttribute("data-journeys-interval"),
        items: items
      };
    });
  }

  var plan = document.querySelector(".journeys-review");
  var weekends = plan ? plan.getAttribute("data-journeys-weekends") === "true" : !!(j.role && j.role.weekends);
  var intervals = plan ? plan.getAttribute("data-journeys-intervals").split(",").map(Number) : [1];

  function learnedOn(section) {
    if (j.data.learned[section.workflow]) { return j.data.learned[section.workflow]; }
    return d.addDays(j.data.start || d.today(), section.order - 1);
  }

  /* The day a learned workflow's steps were first seen changed (changes.js), if after it was learned. */
  function changedOn(section) {
    var seen = j.data.seen[section.workflow];
    var learned = j.data.learned[section.workflow];
    return learned && seen && seen.changedOn && seen.changedOn >= learned ? seen.changedOn : null;
  }

  /* Unless the team works weekends, a review that falls on a Saturday or Sunday moves to the Monday after. */
  function workday(day) {
    if (weekends) { return day; }
    var weekday = d.parse(day).getDay();
    return weekday === 6 ? d.addDays(day, 2) : weekday === 0 ? d.addDays(day, 1) : day;
  }

  function dueOf(section) {
    var changed = changedOn(section);
    /* A changed workflow is due again from the day the change was seen: the first review that day. */
    var due = workday(changed ? d.addDays(changed, section.interval - intervals[0]) : d.addDays(learnedOn(section), section.interval));
    var done = section.items.length > 0 && section.items.every(function (i) { return j.data.ticks[i.key] && (!changed || j.data.ticks[i.key] >= changed); });
    var lag = d.daysBetween(due, d.today());
    var name = done ? "done" : lag > 0 ? "overdue" : lag === 0 ? "today" : "upcoming";
    return { date: due, state: name };
  }

  j.review = { sections: sections, dueOf: dueOf };

  var panel = document.querySelector(".journeys-review-panel");
  if (!panel) { return; }
  panel.hidden = false;
  var found = sections();
  var start = panel.querySelector(".journeys-start");
  start.addEventListener("change", function () {
    var value = d.parse(start.value) ? start.value : null;
    j.update(function (s) { s.start = value; }, { type: "started", day: value });
  });
  found.forEach(function (section) {
    var badge = document.createElement("span");
    badge.className = "journeys-due";
    section.heading.appendChild(badge);
    section.badge = badge;
  });

  var startStatus = panel.querySelector(".journeys-start-status");
  function render() {
    /* The box always shows the day the dates count from, and says whether the learner chose it. */
    start.value = j.data.start || d.today();
    startStatus.textContent = j.data.start
      ? "Dates count from your start date, " + d.human(j.data.start) + "."
      : "You have not set a start date, so the dates count from today, " + d.human(d.today()) + ". Change it if you started earlier.";
    var counts = { overdue: [], today: [] };
    found.forEach(function (section) {
      var due = dueOf(section);
      section.badge.setAttribute("data-state", due.state);
      section.badge.setAttribute("data-due", due.date);
      section.badge.textContent = {
        done: "Done",
        overdue: "Overdue since " + d.human(due.date),
        today: "Due today",
        upcoming: "Due " + d.human(due.date)
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
  }
  j.on("change", render);
  render();
}());
