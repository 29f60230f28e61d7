// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-nav-toggle]");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = document.body.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  // Ask before leaving a form with unsaved changes, so a clerk never loses typed work.
  document.querySelectorAll("form[data-guard-unsaved]").forEach(function (form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (e) {
      if (dirty) { e.preventDefault(); e.returnValue = ""; }
    });
  });
  // A form with data-confirm asks first; a hidden [data-confirmed] input tells the server it
  // was confirmed here (without JavaScript the server shows its own confirmation page).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { e.preventDefault(); return; }
      var flag = form.querySelector("[data-confirmed]");
      if (flag) { flag.value = "1"; }
    });
  });
})();
