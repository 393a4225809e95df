/* The write flow's helpers. Every step works without this file: the region lists fill
   by a "Show the next list" button, files are checked again on the server. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  function option(value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  }

  /* The region cascade: a level's change fills the level below with its choices and
     the placeholder CHOSEN (value ""); the levels further down keep only their
     placeholder. Nothing is ever pre-selected for the reporter. */
  function setupRegions() {
    var form = document.querySelector("[data-region-form]");
    if (!form || !window.fetch) { return; }
    var levels = ["province", "regency", "district", "village"];
    var selects = levels.map(function (lv) { return form.querySelector("[data-region-level=" + lv + "]"); });
    selects.forEach(function (select, i) {
      if (!select || i === levels.length - 1) { return; }
      select.addEventListener("change", function () {
        for (var j = i + 1; j < selects.length; j++) {
          var placeholder = selects[j].options[0];
          selects[j].replaceChildren(option("", placeholder ? placeholder.textContent : ""));
          selects[j].value = "";
        }
        if (!select.value) { return; }
        var next = selects[i + 1];
        var asked = select.value;
        next.setAttribute("aria-busy", "true");
        fetch(form.dataset.regionUrl + "?" + levels[i] + "=" + encodeURIComponent(asked), {
          headers: { "Accept": "application/json" }, credentials: "same-origin"
        }).then(function (r) { return r.json(); }).then(function (data) {
          if (select.value !== asked) { return; }  /* changed again meanwhile */
          next.replaceChildren.apply(next, data.options.map(function (pair) { return option(pair[0], pair[1]); }));
          next.value = "";
        }).finally(function () { next.removeAttribute("aria-busy"); });
      });
    });
  }

  /* Files: size, kind and count checked before anything is sent, with the limits the
     server renders from its settings. A refused choice empties the input. */
  function kindLimit(input, file) {
    var video = /^video\//.test(file.type) || /\.(mp4|3gp|webm|mov)$/i.test(file.name);
    return video ? [parseInt(input.dataset.videoMaxBytes, 10), input.dataset.msgVideoTooBig]
                 : [parseInt(input.dataset.maxBytes, 10), input.dataset.msgTooBig];
  }

  var ACCEPTED = /\.(jpe?g|png|webp|heic|heif|pdf|docx?|xlsx?|pptx?|odt|ods|odp|mp4|3gp|webm|mov)$/i;

  function checkFiles(input) {
    var box = document.getElementById(input.id + "_check");
    var problems = [];
    var files = Array.prototype.slice.call(input.files || []);
    if (files.length > parseInt(input.dataset.filesLeft, 10)) { problems.push(input.dataset.msgTooMany); }
    files.forEach(function (file) {
      var limit = kindLimit(input, file);
      if (!ACCEPTED.test(file.name) && !/^(image|video)\//.test(file.type)) {
        problems.push(file.name + ": " + input.dataset.msgType);
      } else if (file.size > limit[0]) {
        problems.push(file.name + ": " + limit[1]);
      }
    });
    if (box) {
      box.textContent = problems.join(" ");
      box.hidden = !problems.length;
    }
    var field = input.closest(".field");
    if (field) { field.classList.toggle("field-error", problems.length > 0); }
    if (problems.length) { input.value = ""; }
    return !problems.length;
  }

  function setupFiles() {
    var input = document.querySelector("input[type=file][data-max-bytes]");
    if (!input) { return; }
    input.addEventListener("change", function () { checkFiles(input); });
    input.form.addEventListener("submit", function (event) {
      if (!checkFiles(input)) { event.preventDefault(); event.stopImmediatePropagation(); return; }
      /* The upload progress (lapor.js) sends FormData(form), which leaves out the
         button pressed: carry it in a hidden field. */
      var pressed = event.submitter;
      if (pressed && pressed.name) {
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = pressed.name;
        hidden.value = pressed.value;
        input.form.appendChild(hidden);
      }
    }, true);
  }

  /* "Similar reports" while the title is typed: only the title and the region code go
     into the URL, never the description. */
  function setupSimilar() {
    var box = document.getElementById("similar");
    var title = document.getElementById("id_title");
    if (!box || !title || !window.fetch) { return; }
    var timer = null;
    var last = "";
    title.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = title.value.trim();
        if (q.length < 5 || q === last) { return; }
        last = q;
        var url = box.dataset.similarUrl + "?title=" + encodeURIComponent(q) + "&region=" + encodeURIComponent(box.dataset.region || "");
        fetch(url, { credentials: "same-origin" }).then(function (r) { return r.text(); })
          .then(function (html) { box.innerHTML = html; });
      }, 600);
    });
  }

  /* The agency search as it is typed: a POST with the search words only. */
  function setupAgencySearch() {
    var form = document.querySelector("[data-agency-form]");
    var q = document.getElementById("id_agency_q");
    var block = document.getElementById("agency-block");
    if (!form || !q || !block || !window.fetch) { return; }
    var timer = null;
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var body = new FormData();
        body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
        body.append("agency_q", q.value);
        var chosen = form.querySelector("[name=target_agency]:checked");
        body.append("target_agency", chosen ? chosen.value : "");
        fetch(form.dataset.agencyUrl, { method: "POST", body: body, credentials: "same-origin" })
          .then(function (r) { return r.text(); })
          .then(function (html) { block.innerHTML = html; });
      }, 500);
    });
  }

  /* Send once: a second tap while the first is on its way does nothing. */
  function setupSendOnce() {
    var form = document.querySelector("form[data-send-once]");
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
    });
  }

  ready(function () {
    setupRegions();
    setupFiles();
    setupSimilar();
    setupAgencySearch();
    setupSendOnce();
  });
})();
