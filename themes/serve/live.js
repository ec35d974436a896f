/* journeys serve: reload the page after a successful rebuild; list the errors of a failed one.
   Injected by `journeys serve` at serve time only; never part of a built site. */
(function () {
  "use strict";
  var me = document.currentScript;
  var generation = Number(me && me.getAttribute("data-generation"));
  var overlay = null;

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function show(errors) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "journeys-serve-errors";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:10000;" +
      "background:#2b0b0b;color:#fff;font:14px/1.5 monospace;padding:1em 1.5em;border-top:4px solid #e53935";
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 .5em;font-weight:bold";
    title.textContent = "journeys: this edit has " + errors.length + " error" + (errors.length === 1 ? "" : "s") +
      "; the last good site is still shown. Fix the file and save.";
    overlay.appendChild(title);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.2em";
    errors.forEach(function (e) {
      var item = document.createElement("li");
      item.textContent = e.file + ":" + e.line + ":" + e.col + ": " + e.severity + ": " + e.message;
      list.appendChild(item);
    });
    overlay.appendChild(list);
    document.body.appendChild(overlay);
  }

  function apply(state) {
    if (state.errors && state.errors.length) {
      show(state.errors);
    } else if (state.generation !== generation) {
      window.location.reload();
    } else {
      hide();
    }
  }

  if (!window.EventSource) return;
  var source = new EventSource("/__journeys__/events");
  source.addEventListener("state", function (event) { apply(JSON.parse(event.data)); });
})();
