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
      // dateStyle/timeStyle cannot be combined with timeZoneName (a TypeError): spell the parts out
      el.title = d.toLocaleString(undefined, {year: "numeric", month: "short", day: "numeric",
                                              hour: "2-digit", minute: "2-digit", timeZoneName: "short"});
      el.textContent = age(d);
    }
  }
  document.addEventListener("DOMContentLoaded", function () { localize(document); });
  document.addEventListener("htmx:afterSwap", function (e) { localize(e.target); });
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.detail.elt;
    if (e.detail.successful && e.detail.xhr && e.detail.xhr.status < 300 && form && form.hasAttribute && form.hasAttribute("data-reset-on-success")) form.reset();
  });
  // A refused form (400 invalid, 422, 429 too many) comes back as a fragment with the reason: show it
  // instead of failing silently. Other errors get a short alert next to the element that asked.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var code = e.detail.xhr.status;
    if (code === 400 || code === 422 || code === 429) { e.detail.shouldSwap = true; e.detail.isError = false; }
  });
  document.addEventListener("htmx:responseError", function (e) {
    var elt = e.detail.elt, note = document.createElement("p");
    note.className = "error"; note.setAttribute("role", "alert");
    note.textContent = "That did not work (" + e.detail.xhr.status + "). Reload the page and try again.";
    if (elt && elt.parentNode) elt.parentNode.insertBefore(note, elt.nextSibling);
  });
  document.addEventListener("htmx:configRequest", function (e) {
    var token = document.querySelector("input[name=csrf_token]");
    if (token) e.detail.headers["X-CSRF-Token"] = token.value;
  });
  setInterval(function () { localize(document); }, 60000);
})();
