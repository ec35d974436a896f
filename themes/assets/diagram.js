/* journeys: handoff diagrams, drawn with the bundled Mermaid straight into the page. */
(function () {
  "use strict";
  var j = window.journeys;
  if (!j) { return; }
  var blocks = j.all("div.mermaid");  /* Material draws <pre class="mermaid">; these are journeys' */
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
}());
