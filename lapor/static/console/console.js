/* Console keyboard shortcuts and small helpers. Everything here is optional: the
   pages work as plain links and forms without it. */
(function () {
  "use strict";

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    if (tag === "INPUT") return !/^(checkbox|radio|button|submit|reset)$/.test(el.type);
    return el.isContentEditable || tag === "TEXTAREA" || tag === "SELECT";
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

  // The shortcut legend: a modal dialog, opened by "?" or the menu's button; Escape
  // (the browser's own) or its button closes it, and the focus goes back where it was.
  var opener = null;
  function legend() { return document.getElementById("shortcuts"); }
  function openLegend() {
    var dialog = legend();
    if (!dialog || dialog.open) return;
    opener = document.activeElement;
    dialog.showModal();
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest("[data-shortcuts-open], [data-shortcuts-close]") : null;
    if (!t) return;
    if (t.hasAttribute("data-shortcuts-open")) openLegend();
    else if (legend()) legend().close();
  });
  document.addEventListener("close", function (ev) {
    if (ev.target !== legend()) return;
    if (opener && opener.focus && document.contains(opener)) opener.focus();
    opener = null;
  }, true);
  function showLegendButton() {
    var buttons = document.querySelectorAll("[data-shortcuts-open]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }

  // A target inside a closed disclosure (the report page's other actions) opens it.
  function reveal(el) {
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
  }
  function openFromHash() {
    var id = window.location.hash.slice(1);
    var el = id && document.getElementById(id);
    if (el) { reveal(el); if (el.tagName === "DETAILS") el.open = true; }
  }

  document.addEventListener("keydown", function (ev) {
    // Enter in an agency search looks (as typing does); it never submits the form.
    if (ev.key === "Enter" && ev.target.matches && ev.target.matches("[data-agency-search]")) {
      ev.preventDefault();
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    var dialog = legend();
    if (dialog && dialog.open) return;
    var key = ev.key;
    if (key === "?") { openLegend(); ev.preventDefault(); return; }
    if (key === "j") { move(1); ev.preventDefault(); return; }
    if (key === "k") { move(-1); ev.preventDefault(); return; }
    if (key === "Enter" && /^(INPUT|BUTTON|SELECT|TEXTAREA|SUMMARY|A)$/.test(ev.target.tagName)) return;
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
      reveal(target);
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
  function ready() { focusErrors(); showLegendButton(); openFromHash(); }
  document.addEventListener("DOMContentLoaded", ready);
  document.addEventListener("htmx:afterSettle", function (ev) {
    // A page (boosted link or form) settles with its error summary; a typeahead's
    // matches settle while the official types, and the focus stays in the field.
    var elt = ev.detail && ev.detail.elt;
    if (elt && elt.querySelector && elt.querySelector("[data-autofocus]")) focusErrors();
    showLegendButton();
  });
})();
