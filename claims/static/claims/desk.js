// The reviewers' desk: keyboard shortcuts (listed on each page under "Keyboard") and
// suggestions for typed filters (an outlet's name) from the admin's own autocomplete.
(function () {
  "use strict";

  // Keys go to the page unless someone is writing: a text field, not a radio or a button.
  var NOT_TYPED = ["radio", "checkbox", "button", "submit", "reset"];
  function typing(target) {
    var tag = (target.tagName || "").toLowerCase();
    if (tag === "input") { return NOT_TYPED.indexOf((target.type || "").toLowerCase()) < 0; }
    return tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  // --- the queue: a cursor on the rows -------------------------------------------------------
  var cursor = -1;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#conflict-queue tbody tr[data-href]")); }
  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    if (cursor >= 0 && all[cursor]) { all[cursor].classList.remove("fc-cursor"); }
    cursor = Math.max(0, Math.min(all.length - 1, cursor + step));
    all[cursor].classList.add("fc-cursor");
    all[cursor].scrollIntoView({ block: "nearest" });
  }
  function openCurrent() {
    var all = rows();
    var row = all[cursor >= 0 ? cursor : 0];
    if (row) { window.location.href = row.getAttribute("data-href"); }
  }

  // --- the group page: the verdict form ------------------------------------------------------
  function chooseVerdict(n) {
    var radios = document.querySelectorAll("#verdict input[name=verdict]");
    if (radios[n - 1]) { radios[n - 1].checked = true; radios[n - 1].focus(); radios[n - 1].dispatchEvent(new Event("change", { bubbles: true })); }
  }
  function verdictNote() {
    var note = document.querySelector("#verdict textarea");
    if (note) { note.focus(); }
  }

  function toggleKeys() {
    var keys = document.getElementById("keyboard-shortcuts");
    if (keys) { keys.open = !keys.open; }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey) { return; }
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      var form = event.target.closest && event.target.closest("#verdict form");
      if (form) { event.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.submit(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    var key = event.key;
    if (document.getElementById("conflict-queue")) {
      if (key === "j") { move(1); event.preventDefault(); return; }
      if (key === "k") { move(-1); event.preventDefault(); return; }
      if (key === "Enter" || key === "o") { openCurrent(); event.preventDefault(); return; }
    }
    if (/^[1-9]$/.test(key) && document.querySelector("#verdict")) { chooseVerdict(Number(key)); event.preventDefault(); return; }
    if (key === "e" && document.querySelector("#verdict")) { verdictNote(); event.preventDefault(); return; }
    if (key === "?") { toggleKeys(); event.preventDefault(); return; }
    var target = document.querySelector('[data-key="' + (key === "/" ? "/" : key) + '"]');
    if (!target) { return; }
    event.preventDefault();
    if (target.tagName.toLowerCase() === "input") { target.focus(); target.select(); } else { target.click(); }
  });

  // --- typed filters: suggestions ------------------------------------------------------------
  function suggest(input) {
    var parts = (input.getAttribute("data-suggest") || "").split(",");
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-autocomplete-url") || "/admin/autocomplete/";
    if (parts.length !== 3 || !list) { return; }
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var term = input.value.trim();
      if (term.length < 2) { return; }
      timer = setTimeout(function () {
        var query = "?term=" + encodeURIComponent(term) + "&app_label=" + parts[0] + "&model_name=" + parts[1] + "&field_name=" + parts[2];
        fetch(url + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.textContent = "";
            (data.results || []).forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.text;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a convenience: typing still filters */ });
      }, 200);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest]").forEach(suggest);
  });
})();
