/* lapor: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  /* Move focus to the error summary, so that screen readers announce it first. */
  function focusErrors() {
    var summary = document.querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
  }

  /* Leaflet, loaded only when the reporter asks for the map (it is 150 KB). */
  function loadOnce(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      Object.keys(attrs).forEach(function (k) { el[k] = attrs[k]; });
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  function setupMap() {
    var button = document.getElementById("map-open");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var box = document.getElementById("map");
      var lat = document.getElementById("id_latitude");
      var lng = document.getElementById("id_longitude");
      button.disabled = true;
      Promise.all([
        loadOnce("link", { rel: "stylesheet", href: button.dataset.css }),
        loadOnce("script", { src: button.dataset.js })
      ]).then(function () {
        box.hidden = false;
        button.hidden = true;
        var L = window.L;
        var start = lat.value && lng.value ? [parseFloat(lat.value), parseFloat(lng.value)] : [-2.5, 118];
        var map = L.map(box).setView(start, lat.value ? 16 : 4);
        L.tileLayer(button.dataset.tiles, { maxZoom: 19, attribution: button.dataset.attribution }).addTo(map);
        var marker = lat.value ? L.marker(start).addTo(map) : null;
        map.on("click", function (e) {
          lat.value = e.latlng.lat.toFixed(6);
          lng.value = e.latlng.lng.toFixed(6);
          if (marker) { marker.setLatLng(e.latlng); } else { marker = L.marker(e.latlng).addTo(map); }
        });
      }).catch(function () { button.disabled = false; });
    });
  }

  /* Sending files over a slow connection: show how far the upload is. */
  function setupUploadProgress() {
    var forms = document.querySelectorAll("form[data-upload-progress]");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function (event) {
        var submitter = event.submitter;
        if (submitter && submitter.name === "_step") { return; }
        var files = form.querySelectorAll("input[type=file]");
        var hasFiles = Array.prototype.some.call(files, function (f) { return f.files && f.files.length; });
        if (!hasFiles || !window.FormData || !window.XMLHttpRequest) { return; }
        event.preventDefault();
        var box = form.querySelector(".progress");
        var bar = box && box.querySelector("progress");
        if (box) { box.hidden = false; }
        var buttons = form.querySelectorAll("button[type=submit]");
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.upload.addEventListener("progress", function (e) {
          if (bar && e.lengthComputable) { bar.value = Math.round((e.loaded / e.total) * 100); }
        });
        xhr.onload = function () {
          if (xhr.responseURL && xhr.responseURL.split("#")[0] !== form.action) {
            window.location.assign(xhr.responseURL);
            return;
          }
          document.open();
          document.write(xhr.responseText);
          document.close();
        };
        xhr.onerror = function () {
          if (box) { box.hidden = true; }
          Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
          form.submit();
        };
        xhr.send(new FormData(form));
      });
    });
  }

  ready(function () {
    focusErrors();
    setupMap();
    setupUploadProgress();
  });
})();
