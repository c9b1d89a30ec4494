// The little script the dashboard needs (htmx is not bundled; no build step).
// - data-refresh="URL" data-every="SECONDS": the element's content is replaced with
//   the HTML fragment at URL every few seconds; a failed fetch keeps what is shown.
// - data-count="URL" data-count-fields="NAME …" inside a form: when the form changes,
//   the element shows the fragment at URL?NAME=… (the live audience count).
// - a form with data-preview="URL" data-preview-frames="FRAME …": what is typed is
//   posted to URL into each named frame, a moment after typing stops (live preview).
// Every page works without it; the script only saves a click.
(function () {
  "use strict";
  function fetchInto(el, url) {
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.ok && !r.redirected ? r.text() : null; })
      .then(function (html) { if (html !== null) { el.innerHTML = html; } })
      .catch(function () {});
  }
  function later(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }
  function liveCount(el) {
    var form = el.closest("form");
    if (!form) { return; }
    var names = (el.dataset.countFields || "").split(/\s+/);
    var update = later(function () {
      var data = new FormData(form), query = new URLSearchParams();
      names.forEach(function (name) {
        data.getAll(name).forEach(function (v) { query.append(name, v); });
      });
      fetchInto(el, el.dataset.count + "?" + query.toString());
    }, 300);
    form.addEventListener("change", function (e) {
      if (e.target && names.indexOf(e.target.name) >= 0) { update(); }
    });
  }
  function livePreview(form) {
    var frames = (form.dataset.previewFrames || "").split(/\s+/).filter(Boolean);
    function show() {
      var action = form.getAttribute("action"), target = form.getAttribute("target");
      frames.forEach(function (name) {
        form.setAttribute("action", form.dataset.preview);
        form.setAttribute("target", name);
        form.submit();  // no submit event: only the preview is sent, nothing is saved
      });
      form.setAttribute("action", action);
      if (target === null) { form.removeAttribute("target"); } else { form.setAttribute("target", target); }
    }
    var soon = later(show, 800);
    form.addEventListener("input", soon);
    form.addEventListener("change", soon);
    form.querySelectorAll("[data-preview-now]").forEach(function (button) {
      button.addEventListener("click", function (e) { e.preventDefault(); show(); });
    });
    show();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-refresh]").forEach(function (el) {
      var seconds = Math.max(2, parseInt(el.dataset.every || "5", 10));
      setInterval(function () { fetchInto(el, el.dataset.refresh); }, seconds * 1000);
    });
    document.querySelectorAll("[data-count]").forEach(liveCount);
    document.querySelectorAll("form[data-preview]").forEach(livePreview);
  });
})();
