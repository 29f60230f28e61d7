// The import review: a task row and its sentence in the source text find each other. Focusing
// or clicking a task scrolls its highlighted sentence into view; clicking a highlight (or
// pressing Enter on it) moves to the first task it holds. Without this script the page still
// works: every highlight names its task numbers.
(function () {
  "use strict";
  var source = document.querySelector("[data-import-source]");
  var form = document.querySelector("form[data-notice-entry]");
  if (!source || !form) { return; }
  var marks = Array.prototype.slice.call(source.querySelectorAll("mark[data-start]"));
  var active = null;

  function startOf(row) {
    var input = row.querySelector("input[name$='-source_start']");
    var value = input ? parseInt(input.value, 10) : NaN;
    return isNaN(value) ? null : value;
  }

  function markFor(start) {
    for (var i = 0; i < marks.length; i++) {
      var from = parseInt(marks[i].getAttribute("data-start"), 10);
      var to = parseInt(marks[i].getAttribute("data-end"), 10);
      if (start >= from && start < to) { return marks[i]; }
    }
    return null;
  }

  function show(mark) {
    if (active === mark) { return; }
    if (active) { active.classList.remove("active"); }
    active = mark;
    if (!mark) { return; }
    mark.classList.add("active");
    // Scroll only the source pane (not the page), so the field being typed in stays put.
    // The pane is positioned, so a highlight's offsetTop counts from the pane's top.
    var top = mark.offsetTop - source.clientHeight / 3;
    if (typeof source.scrollTo === "function") {
      source.scrollTo({ top: Math.max(top, 0), behavior: "smooth" });
    } else {
      source.scrollTop = Math.max(top, 0);
    }
  }

  function rowHolding(target) {
    return target && target.closest ? target.closest("fieldset.task-row") : null;
  }

  function follow(event) {
    var row = rowHolding(event.target);
    if (!row) { return; }
    var start = startOf(row);
    show(start === null ? null : markFor(start));
  }
  form.addEventListener("focusin", follow);
  form.addEventListener("click", follow);

  function goToTask(mark) {
    var from = parseInt(mark.getAttribute("data-start"), 10);
    var to = parseInt(mark.getAttribute("data-end"), 10);
    var rows = form.querySelectorAll("fieldset.task-row");
    for (var i = 0; i < rows.length; i++) {
      var start = startOf(rows[i]);
      if (start !== null && start >= from && start < to && !rows[i].hidden) {
        var field = rows[i].querySelector("textarea, input:not([type=hidden]), select");
        rows[i].scrollIntoView({ block: "center" });
        if (field) { field.focus({ preventScroll: true }); }
        show(mark);
        return;
      }
    }
  }

  marks.forEach(function (mark) {
    mark.setAttribute("tabindex", "0");
    mark.setAttribute("role", "button");
    mark.addEventListener("click", function () { goToTask(mark); });
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        goToTask(mark);
      }
    });
  });
})();
