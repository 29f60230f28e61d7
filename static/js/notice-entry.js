// The notice entry page: add and remove conclusion and task rows in place, show the deadline
// fields that fit the kind chosen, and the meeting section chosen. Without this script the
// "Thêm ..." buttons ask the server for one more row and "Xóa" is a checkbox.
(function () {
  "use strict";
  var form = document.querySelector("form[data-notice-entry]");
  if (!form) { return; }

  function setUpDelete(holder) {
    if (holder.hasAttribute("data-ready")) { return; }
    holder.setAttribute("data-ready", "");
    var box = holder.querySelector("input[type=checkbox]");
    var row = holder.closest("[data-row]");
    var isTask = row.classList.contains("task-row");
    var what = isTask ? "nhiệm vụ" : "kết luận";
    var button = document.createElement("button");
    var note = document.createElement("p");
    var undo = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-small btn-danger";
    button.textContent = isTask ? "Xóa nhiệm vụ" : "Xóa kết luận";
    note.className = "row-removed";
    note.setAttribute("role", "status");
    note.textContent = "Đã xóa một " + what + ". ";
    undo.type = "button";
    undo.className = "btn-link";
    undo.textContent = "Hoàn tác";
    note.appendChild(undo);
    holder.querySelector(".field").hidden = true;
    holder.appendChild(button);

    function remove() {
      box.checked = true;
      row.hidden = true;
      row.parentNode.insertBefore(note, row);
      undo.focus();
    }
    button.addEventListener("click", remove);
    undo.addEventListener("click", function () {
      box.checked = false;
      row.hidden = false;
      note.remove();
      button.focus();
    });
    if (box.checked) { remove(); }
  }

  function setUpDeadline(group) {
    if (group.hasAttribute("data-ready")) { return; }
    group.setAttribute("data-ready", "");
    var kind = group.querySelector("select");
    var parts = [
      { field: group.querySelector(".when-date"), kind: "date" },
      { field: group.querySelector(".when-recurring"), kind: "recurring" },
    ];
    function update(initial) {
      parts.forEach(function (part) {
        if (!part.field) { return; }
        var control = part.field.querySelector("input, select");
        // On first showing keep a filled-in or flagged field visible, so nothing is hidden from the clerk.
        var keep = initial && (control.value || part.field.classList.contains("field-error"));
        var show = kind.value === part.kind || keep;
        part.field.hidden = !show;
        control.disabled = !show; // a hidden value is not sent, and so not saved
      });
    }
    kind.addEventListener("change", function () { update(false); });
    update(true);
  }

  function setUp(scope) {
    scope.querySelectorAll("[data-row-delete]").forEach(setUpDelete);
    scope.querySelectorAll("[data-deadline]").forEach(setUpDeadline);
    if (window.AgencyPicker) { window.AgencyPicker.enhance(scope); }
  }

  function addRow(prefix) {
    var template = form.querySelector('template[data-template-for="' + prefix + '"]');
    var total = form.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var rows = form.querySelector('[data-rows="' + prefix + '"]');
    if (!template || !total || !rows) { return false; }
    var index = parseInt(total.value, 10) || 0;
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.split(template.getAttribute("data-placeholder")).join(String(index));
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    setUp(row);
    var first = row.querySelector("textarea, input[type=text]");
    if (first) { first.focus(); }
    return true;
  }

  form.addEventListener("click", function (e) {
    var button = e.target.closest("[data-add-row]");
    if (button && addRow(button.getAttribute("data-add-row"))) { e.preventDefault(); }
  });

  var modes = form.querySelectorAll("[data-meeting-mode] input[type=radio]");
  function showMeetingPanel() {
    var chosen = form.querySelector("[data-meeting-mode] input[type=radio]:checked");
    form.querySelectorAll("[data-meeting-panel]").forEach(function (panel) {
      panel.hidden = !chosen || panel.getAttribute("data-meeting-panel") !== chosen.value;
    });
  }
  modes.forEach(function (radio) { radio.addEventListener("change", showMeetingPanel); });
  showMeetingPanel();

  // The meeting block only for the kinds that need one (a conclusion notice); for the others
  // it stays reachable behind "Gắn với một cuộc họp", and "no meeting" is chosen while the
  // clerk has typed no meeting. The server checks the same either way.
  var kindSelect = form.querySelector("select[data-document-kind]");
  var meetingSection = form.querySelector("[data-meeting-section]");
  function radio(value) { return form.querySelector("[data-meeting-mode] input[value='" + value + "']"); }
  function followKind() {
    if (!kindSelect || !meetingSection) { return; }
    var option = kindSelect.options[kindSelect.selectedIndex];
    var needs = option && option.getAttribute("data-needs-meeting") === "1";
    var none = radio("none");
    var title = form.querySelector("[name='meeting-title']");
    if (needs && none && none.checked) { radio("new").checked = true; }
    if (!needs && none && radio("new").checked && (!title || !title.value.trim())) { none.checked = true; }
    meetingSection.setAttribute("data-needs-meeting", needs ? "1" : "0");
    if (none) { none.closest("label, div").hidden = needs; }
    showMeetingPanel();
  }
  if (kindSelect) { kindSelect.addEventListener("change", followKind); followKind(); }

  setUp(form);
  var summary = document.getElementById("entry-errors");
  if (summary) { summary.focus(); }
})();
