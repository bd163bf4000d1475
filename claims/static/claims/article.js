// Article page: clicking a highlighted quote or claim shows its rows in the tables below.
(function () {
  "use strict";
  function select(refs) {
    document.querySelectorAll("tr.fc-selected").forEach(function (row) { row.classList.remove("fc-selected"); });
    var first = null;
    refs.split(" ").forEach(function (ref) {
      var row = document.getElementById("ann-" + ref);
      if (row) { row.classList.add("fc-selected"); first = first || row; }
    });
    if (first) { first.scrollIntoView({ behavior: "smooth", block: "center" }); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.querySelector(".fc-body");
    if (!body) { return; }
    body.addEventListener("click", function (event) {
      var span = event.target.closest("[data-ref]");
      if (span) { select(span.getAttribute("data-ref")); }
    });
    body.addEventListener("keydown", function (event) {
      var span = event.target.closest("[data-ref]");
      if (span && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); select(span.getAttribute("data-ref")); }
    });
  });
})();
