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
  // ---- triage: read / starred / saved marks, mark all read, keyboard shortcuts (j k o s l m A / ?)
  var csrfMeta = document.querySelector("meta[name=csrf-token]");
  function items() { return Array.prototype.slice.call(document.querySelectorAll("[data-article], [data-story]")); }
  function articleItems() { return Array.prototype.slice.call(document.querySelectorAll("[data-article]")); }
  function applyMarks(marks) {
    articleItems().forEach(function (el) {
      var m = marks[el.getAttribute("data-article")] || {};
      el.classList.toggle("is-read", !!m.read);
      var star = el.querySelector("button.mark-star"), save = el.querySelector("button.mark-save");
      if (star) { star.setAttribute("aria-pressed", m.star ? "true" : "false"); star.textContent = m.star ? "★" : "☆"; }
      if (save) { save.setAttribute("aria-pressed", m.save ? "true" : "false"); save.textContent = m.save ? "Saved" : "Save"; }
    });
  }
  var current = {};
  function postMarks(ids, kind, on) {
    if (!csrfMeta || !ids.length) return Promise.resolve(null);
    var body = new URLSearchParams({ids: ids.join(","), kind: kind, on: on ? "1" : "0", csrf_token: csrfMeta.content});
    return fetch("/marks", {method: "POST", headers: {"Accept": "application/json"}, body: body, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return null;
        ids.forEach(function (id) { current[id] = data.marks[id] || {read: false, star: false, save: false}; });
        applyMarks(current);
        return data;
      });
  }
  function toggle(el, kind) {
    var id = el && el.getAttribute("data-article");
    if (!id) return;
    var m = current[id] || {};
    postMarks([id], kind, !m[kind]);
  }
  function addButtons() {
    articleItems().forEach(function (el) {
      if (el.querySelector("button.mark-star") || el.tagName === "ARTICLE") return;
      ["star", "save"].forEach(function (kind) {
        var b = document.createElement("button");
        b.type = "button"; b.className = "mark mark-" + kind; b.setAttribute("aria-pressed", "false");
        b.setAttribute("aria-label", kind === "star" ? "Star" : "Save for later");
        b.textContent = kind === "star" ? "☆" : "Save";
        b.addEventListener("click", function () { toggle(el, kind); });
        el.appendChild(b);
      });
    });
    var list = articleItems();
    var main = document.querySelector("main");
    if (list.length > 1 && main && !document.getElementById("mark-all-read")) {
      var all = document.createElement("button");
      all.type = "button"; all.id = "mark-all-read"; all.className = "secondary small";
      all.textContent = "Mark all read"; all.title = "Shift+A";
      all.addEventListener("click", markAllRead);
      main.insertBefore(all, main.firstChild);
    }
  }
  function markAllRead() {
    postMarks(articleItems().map(function (el) { return el.getAttribute("data-article"); }), "read", true);
  }
  function loadMarks() {
    if (!csrfMeta) return;
    addButtons();
    var ids = articleItems().map(function (el) { return el.getAttribute("data-article"); });
    if (!ids.length) return;
    fetch("/marks.json?ids=" + ids.slice(0, 500).join(","), {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : {marks: {}}; })
      .then(function (data) { current = data.marks || {}; applyMarks(current); });
  }
  var selected = -1;
  function select(i) {
    var list = items();
    if (!list.length) return;
    selected = Math.max(0, Math.min(list.length - 1, i));
    list.forEach(function (el, j) { el.classList.toggle("is-selected", j === selected); });
    list[selected].scrollIntoView({block: "nearest"});
  }
  function selectedItem() { var list = items(); return selected >= 0 ? list[selected] : null; }
  function help(show) {
    var box = document.getElementById("kbd-help");
    if (box) box.hidden = !show;
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target, tag = t && t.tagName;
    if (e.ctrlKey || e.metaKey || e.altKey || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    var el = selectedItem();
    if (e.key === "j") select(selected + 1);
    else if (e.key === "k") select(selected < 0 ? 0 : selected - 1);
    else if ((e.key === "o" || e.key === "Enter") && el) {
      var link = el.querySelector("a.headline, h2 a, h3 a, a");
      if (link) { e.preventDefault(); window.location.href = link.href; }
      return;
    }
    else if (e.key === "s" && el) toggle(el, "star");
    else if (e.key === "l" && el) toggle(el, "save");
    else if (e.key === "m" && el) toggle(el, "read");
    else if (e.key === "A") markAllRead();
    else if (e.key === "?") help(document.getElementById("kbd-help").hidden);
    else if (e.key === "Escape") help(false);
    else if (e.key === "/") { var q = document.getElementById("site-q"); if (q) { e.preventDefault(); q.focus(); } }
    else return;
  });
  document.addEventListener("click", function (e) {
    if (e.target && e.target.hasAttribute && e.target.hasAttribute("data-close-help")) help(false);
  });
  document.addEventListener("DOMContentLoaded", loadMarks);
  setInterval(function () { localize(document); }, 60000);
})();
