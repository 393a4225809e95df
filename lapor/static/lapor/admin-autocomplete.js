// Names the admin's autocomplete boxes for assistive technology. select2 renders each
// as role="textbox" labelled by nothing but the chosen value's text, so an empty box has
// no accessible name (axe-core: aria-input-field-name). Each takes its field's label,
// as soon as select2 draws it (whenever jQuery's ready handlers happen to run).
(function () {
  function name(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var box = select.parentElement.querySelector(".select2-selection__rendered");
      if (label && box && !box.hasAttribute("aria-label")) {
        box.setAttribute("aria-label", label.textContent.trim().replace(/:$/, ""));
      }
    });
  }
  new MutationObserver(function () { name(document); }).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
