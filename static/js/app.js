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
  // Sticky bars (the top bar, a form's save bar) cover the page's edges: the browser scrolls a
  // field reached with Tab only far enough to be inside the scroll padding, so the padding is
  // their height (the CSS holds a guess for a page without this script).
  function padForStickyBars() {
    var root = document.documentElement;
    var top = document.querySelector(".topbar");
    var bottom = document.querySelector(".form-actions");
    var sticky = function (el) { return el && /sticky|fixed/.test(getComputedStyle(el).position); };
    root.style.scrollPaddingTop = sticky(top) ? top.offsetHeight + 8 + "px" : "";
    root.style.scrollPaddingBottom = sticky(bottom) ? bottom.offsetHeight + 8 + "px" : "";
  }
  padForStickyBars();
  window.addEventListener("resize", padForStickyBars);
  // Chromium leaves a field that is partly in view where it is, even under a bar: scroll it
  // clear after focus moves (by keyboard or not), by the part that is covered.
  document.addEventListener("focusin", function (e) {
    var el = e.target;
    var bar = el.closest && !el.closest(".form-actions, .topbar") ? document.querySelector(".form-actions") : null;
    var top = document.querySelector(".topbar");
    var r = el.getBoundingClientRect();
    if (!r.height) { return; }
    var limit = bar && /sticky|fixed/.test(getComputedStyle(bar).position) ? bar.getBoundingClientRect().top : window.innerHeight;
    var start = top && /sticky|fixed/.test(getComputedStyle(top).position) ? top.getBoundingClientRect().bottom : 0;
    if (r.bottom > limit - 8) {
      window.scrollBy(0, Math.min(r.bottom - limit + 8, r.top - start - 8));
    } else if (r.top < start + 8) {
      window.scrollBy(0, r.top - start - 8);
    }
  });
})();
