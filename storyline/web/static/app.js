// Storyline: show times in the reader's zone, keep ages fresh, small HTMX helpers. No inline scripts.
(function () {
  "use strict";
  var UNITS = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];
  function age(date) {
    var s = (Date.now() - date.getTime()) / 1000, future = s < 0;
    s = Math.abs(s);
    for (var i = 0; i < UNITS.length; i++) {
      if (s >= UNITS[i][1]) {
        var n = Math.floor(s / UNITS[i][1]), t = n + " " + UNITS[i][0] + (n === 1 ? "" : "s");
        return future ? "in " + t : t + " ago";
      }
    }
    return "just now";
  }
  function localize(root) {
    var nodes = (root || document).querySelectorAll("time[datetime]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i], d = new Date(el.getAttribute("datetime"));
      if (isNaN(d.getTime())) continue;
      el.title = d.toLocaleString(undefined, {dateStyle: "medium", timeStyle: "short", timeZoneName: "short"});
      el.textContent = age(d);
    }
  }
  document.addEventListener("DOMContentLoaded", function () { localize(document); });
  document.addEventListener("htmx:afterSwap", function (e) { localize(e.target); });
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.detail.elt;
    if (e.detail.successful && form && form.hasAttribute && form.hasAttribute("data-reset-on-success")) form.reset();
  });
  document.addEventListener("htmx:configRequest", function (e) {
    var token = document.querySelector("input[name=csrf_token]");
    if (token) e.detail.headers["X-CSRF-Token"] = token.value;
  });
  setInterval(function () { localize(document); }, 60000);
})();
