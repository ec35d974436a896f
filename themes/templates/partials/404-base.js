/* journeys 404 page without site_url: find the site's root, then make every link on the page relative
   to it with <base>. The host shows this page for any missing address, e.g. /repo/sales-rep/typo/.
   1. A path segment that is a published role id: the root is just above it (no request needed).
   2. Otherwise ask the server, from the deepest folder up, which one holds this 404.html. */
(function () {
  var roles = {{ roles | map(attribute="id") | list | tojson }};
  var segments = location.pathname.split("/").slice(0, -1); // the folders of the address
  var base = document.createElement("base");
  base.href = "/";
  document.head.appendChild(base);
  for (var i = 1; i < segments.length; i++) {
    if (roles.indexOf(decodeURIComponent(segments[i])) !== -1) {
      base.href = segments.slice(0, i).join("/") + "/";
      return;
    }
  }
  if (!window.fetch) return;
  var candidates = [];
  for (var depth = segments.length; depth >= 1; depth--) candidates.push(segments.slice(0, depth).join("/") + "/");
  (function probe(k) {
    if (k >= candidates.length) return;
    fetch(candidates[k] + "404.html", { method: "HEAD", cache: "no-store" }).then(function (response) {
      if (response.ok) base.href = candidates[k];
      else probe(k + 1);
    }, function () { probe(k + 1); });
  })(0);
})();
