// presswatch web UI: small behaviours on top of server-rendered pages (no library).
(function () {
  "use strict";

  // Filter forms submit as soon as a select or date changes; empty fields stay out of the URL.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("change", function (ev) {
      if (ev.target.matches("select, input[type=date]")) form.requestSubmit();
    });
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (el) {
        if (!el.value) el.disabled = true;
      });
    });
  });

  var text = document.getElementById("article-text");
  if (!text) return;

  // Toggle a kind of highlight on and off.
  document.querySelectorAll("#span-keys input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("hide-" + box.dataset.kind, !box.checked);
    });
  });

  function spansFor(ref) {
    return text.querySelectorAll('.hl[data-refs~="' + CSS.escape(ref) + '"]');
  }

  // Hovering a record beside the text lights its spans, and the other way round.
  document.querySelectorAll("aside.records [data-ref]").forEach(function (li) {
    var ref = li.dataset.ref;
    li.addEventListener("mouseenter", function () {
      spansFor(ref).forEach(function (s) { s.classList.add("lit"); });
    });
    li.addEventListener("mouseleave", function () {
      spansFor(ref).forEach(function (s) { s.classList.remove("lit"); });
    });
  });
  text.addEventListener("mouseover", function (ev) {
    var span = ev.target.closest(".hl");
    document.querySelectorAll("aside.records li.lit").forEach(function (li) { li.classList.remove("lit"); });
    if (!span || !span.dataset.refs) return;
    span.dataset.refs.split(" ").forEach(function (ref) {
      var li = document.querySelector('aside.records [data-ref="' + CSS.escape(ref) + '"]');
      if (li) li.classList.add("lit");
    });
  });

  // A link such as #ev-… (from the timeline) scrolls to the sentence and marks its trigger.
  function focusHash() {
    text.querySelectorAll(".hl.focus").forEach(function (s) { s.classList.remove("focus"); });
    var ref = decodeURIComponent(location.hash.slice(1));
    if (!ref) return;
    var spans = spansFor(ref);
    spans.forEach(function (s) { s.classList.add("focus"); });
    var anchor = document.getElementById(ref);
    // After the browser's own jump to the anchor (which puts it under the sticky header).
    if (anchor) requestAnimationFrame(function () { anchor.scrollIntoView({ block: "center" }); });
  }
  window.addEventListener("hashchange", focusHash);
  focusHash();
})();
