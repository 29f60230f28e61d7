// The agency picker: a text box with a searchable dropdown fed by /agencies/search/.
// Without this script the same markup still works: chosen agencies are ticked checkboxes and
// names typed in the box (separated by ";") are resolved on the server.
(function () {
  "use strict";
  var counter = 0;

  function enhance(root) {
    if (root.hasAttribute("data-picker-ready")) { return; }
    var input = root.querySelector("input[type=text]");
    var chips = root.querySelector(".picker-chips");
    if (!input || !chips || !root.getAttribute("data-search-url")) { return; }
    root.setAttribute("data-picker-ready", "");
    var multiple = root.hasAttribute("data-multiple");
    var url = root.getAttribute("data-search-url");
    var listId = "picker-list-" + (++counter);
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var results = [];
    var active = -1;
    var timer = null;
    var controller = null;

    input.removeAttribute("list"); // this dropdown replaces the browser's own suggestions
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    list.id = listId;
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Cơ quan gợi ý");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    root.appendChild(list);
    root.appendChild(status);

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = Math.max(0, Math.min(index, options.length - 1));
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function render(found) {
      results = found;
      list.innerHTML = "";
      active = -1;
      if (!found.length) {
        var empty = document.createElement("li");
        empty.className = "picker-empty";
        empty.textContent = "Không tìm thấy cơ quan phù hợp";
        list.appendChild(empty);
      }
      found.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var label = document.createElement("span");
        label.textContent = item.label;
        option.appendChild(label);
        if (item.hint) {
          var hint = document.createElement("span");
          hint.className = "picker-hint";
          hint.textContent = item.hint;
          option.appendChild(hint);
        }
        // mousedown, not click: it comes before the text box loses focus and closes the list.
        option.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = found.length ? found.length + " cơ quan gợi ý" : "Không tìm thấy cơ quan phù hợp";
    }

    function addChip(value, text) {
      var exists = Array.prototype.some.call(chips.querySelectorAll("input"), function (box) { return box.value === value; });
      if (exists) { return; }
      var chip = document.createElement("li");
      var label = document.createElement("label");
      var box = document.createElement("input");
      chip.className = "chip";
      box.type = "checkbox";
      box.name = input.name;
      box.value = value;
      box.checked = true;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + text));
      chip.appendChild(label);
      chips.appendChild(chip);
      chips.hidden = false;
    }

    function choose(index) {
      var item = results[index];
      if (!item) { return; }
      if (!multiple) { chips.innerHTML = ""; }
      addChip(item.value, item.label);
      input.value = "";
      close();
      status.textContent = "Đã chọn " + item.label;
      input.dispatchEvent(new Event("input", { bubbles: true })); // marks the form as changed
    }

    function search() {
      var query = input.value.trim();
      if (!query) { close(); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      var address = url + (url.indexOf("?") >= 0 ? "&" : "?") + "q=" + encodeURIComponent(query);
      fetch(address, { signal: controller.signal, credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) { if (document.activeElement === input) { render(found); } })
        .catch(function () { /* aborted or offline: the typed name is still resolved on saving */ });
    }

    input.addEventListener("input", function (e) {
      if (!e.isTrusted) { return; }
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (list.hidden) { search(); } else { highlight(active + 1); }
      } else if (e.key === "ArrowUp") {
        if (!list.hidden) { e.preventDefault(); highlight(active - 1); }
      } else if (e.key === "Enter") {
        // Enter picks a suggestion; it never submits the whole notice by accident.
        e.preventDefault();
        if (!list.hidden && results.length) { choose(active >= 0 ? active : 0); } else { search(); }
      } else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    // The names the server suggested for an unknown one: a click puts the name in its place.
    root.querySelectorAll("[data-picker-suggest]").forEach(function (suggest) {
      suggest.hidden = false;
      suggest.addEventListener("click", function (e) {
        var button = e.target.closest("button[data-with]");
        if (!button) { return; }
        var typed = button.getAttribute("data-replace").trim().toLowerCase();
        var chosen = button.getAttribute("data-with");
        var names = input.value.split(/[;\n]+/).map(function (n) { return n.trim(); }).filter(Boolean);
        var at = names.map(function (n) { return n.toLowerCase(); }).indexOf(typed);
        if (at >= 0) { names[at] = chosen; } else if (multiple) { names.push(chosen); } else { names = [chosen]; }
        input.value = names.join("; ");
        suggest.remove();
        status.textContent = "Đã điền " + chosen;
        input.focus();
        input.dispatchEvent(new Event("input", { bubbles: true })); // marks the form as changed
      });
    });
    chips.addEventListener("change", function (e) {
      if (e.target.type === "checkbox" && !e.target.checked) {
        e.target.closest(".chip").remove();
        if (!chips.children.length) { chips.hidden = true; }
        input.focus();
      }
    });
  }

  function enhanceAll(scope) {
    (scope || document).querySelectorAll("[data-agency-picker]").forEach(enhance);
  }

  window.AgencyPicker = { enhance: enhanceAll };
  enhanceAll(document);
})();
