/* Filters the improvement plan table by section, commitment and status as the reader
   chooses. Without JavaScript every action is listed and the form does nothing harmful. */
(function () {
  "use strict";
  var form = document.getElementById("plan-filter");
  var table = document.getElementById("plan-table");
  var count = document.getElementById("plan-count");
  if (!form || !table || !count) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function has(list, value) { return !value || (" " + list + " ").indexOf(" " + value + " ") !== -1; }
  function apply() {
    var section = form.elements.section.value;
    var commitment = form.elements.commitment.value;
    var status = form.elements.status.value;
    var shown = 0;
    rows.forEach(function (row) {
      var keep = has(row.getAttribute("data-section"), section) &&
        has(row.getAttribute("data-commitments"), commitment) &&
        has(row.getAttribute("data-status"), status);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = (count.getAttribute("data-template") || "{shown} / {total}")
      .replace("{shown}", shown).replace("{total}", rows.length);
  }
  var params = new URLSearchParams(window.location.search);
  ["section", "commitment", "status"].forEach(function (name) {
    if (params.get(name)) { form.elements[name].value = params.get(name); }
  });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  apply();
}());
