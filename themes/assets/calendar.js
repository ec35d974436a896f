/* journeys: the review plan as an iCalendar file (RFC 5545): one all-day event per workflow review. */
(function () {
  "use strict";
  var j = window.journeys;
  if (!j || !j.review) { return; }

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
  function calendar() {
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    var site = document.title.split(" - ").pop();
    var here = location.href.split("#")[0];
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//journeys//review plan//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    j.review.sections().forEach(function (section) {
      var due = j.review.dueOf(section);
      var uid = (section.workflow + "-" + section.interval + "@" + j.key).replace(/[^a-zA-Z0-9@._-]/g, "-");
      var questions = section.items.map(function (i) { return "- " + i.text; }).join("\n");
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + uid,
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + due.date.replace(/-/g, ""),
        "DTEND;VALUE=DATE:" + j.dates.addDays(due.date, 1).replace(/-/g, ""),
        "SUMMARY:" + icsText("Review: " + section.title + " (" + section.interval + "-day)"),
        "DESCRIPTION:" + icsText(site + "\n" + questions + "\n" + here),
        "URL:" + here,
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

  j.calendar = calendar;
  j.all(".journeys-ics").forEach(function (button) {
    button.addEventListener("click", function () { download(calendar(), "review-plan.ics", "text/calendar;charset=utf-8"); });
  });
}());
