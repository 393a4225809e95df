// The "Copy the key" button on the new API key's page: shown only with JavaScript
// (without it, the key sits in a read-only box to select and copy by hand).
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var box = document.getElementById(button.getAttribute("data-copy"));
    var status = document.querySelector("[data-copy-status]");
    if (!box || !navigator.clipboard) return;
    (button.closest("[data-copy-row]") || button).hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(box.value).then(function () {
        if (status) status.textContent = button.getAttribute("data-copied");
      }, function () {
        box.select();
      });
    });
  });
})();
