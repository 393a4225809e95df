/* Console keyboard shortcuts and small helpers. Everything here is optional: the
   pages work as plain links and forms without it. */
(function () {
  "use strict";

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return el.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("[data-list] tr[data-row]")); }
  function current() { return document.querySelector("[data-list] tr[data-current]"); }
  function mark(row) {
    var old = current();
    if (old) old.removeAttribute("data-current");
    if (row) {
      row.setAttribute("data-current", "");
      var link = row.querySelector("[data-open]");
      if (link) link.focus({ preventScroll: false });
    }
  }
  function move(step) {
    var all = rows();
    if (!all.length) return;
    var i = all.indexOf(current());
    var next = i < 0 ? all[0] : all[Math.min(all.length - 1, Math.max(0, i + step))];
    mark(next);
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    var key = ev.key;
    if (key === "j") { move(1); ev.preventDefault(); return; }
    if (key === "k") { move(-1); ev.preventDefault(); return; }
    if (key === "o" || key === "Enter") {
      var row = current();
      var link = row && row.querySelector("[data-open]");
      if (link) { link.click(); ev.preventDefault(); }
      return;
    }
    if (key === "x") {
      var r = current();
      var box = r && r.querySelector("input[type=checkbox]");
      if (box) { box.checked = !box.checked; ev.preventDefault(); }
      return;
    }
    var target = document.querySelector('[data-shortcut="' + key + '"]');
    if (!target) return;
    ev.preventDefault();
    if (target.tagName === "A" || target.tagName === "BUTTON") {
      target.click();
    } else {
      target.scrollIntoView({ block: "center" });
      target.focus();
    }
  });

  // A saved text fills an empty box (or replaces it, after asking).
  document.addEventListener("change", function (ev) {
    var select = ev.target;
    if (!select.matches || !select.matches("select[data-template-for]")) return;
    var option = select.options[select.selectedIndex];
    var box = document.getElementById(select.getAttribute("data-template-for"));
    var body = option && option.getAttribute("data-body");
    if (!box || !body) return;
    if (!box.value.trim() || window.confirm(box.getAttribute("data-replace-question") || "Ganti teks yang sudah ditulis?")) {
      box.value = body;
      box.focus();
    }
  });

  // After an error, move focus to the summary so that a screen reader reads it.
  function focusErrors() {
    var summary = document.querySelector("[data-autofocus]");
    if (summary) summary.focus();
  }
  document.addEventListener("DOMContentLoaded", focusErrors);
  document.addEventListener("htmx:afterSettle", focusErrors);
})();
