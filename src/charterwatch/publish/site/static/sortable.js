/* Adds sort buttons to the headings of tables marked "cw-sortable": progressive
   enhancement only. Without JavaScript the table keeps its own order (the order of the
   list, never a ranking) and every figure is there. A cell's data-sort holds the number to
   sort by; a withheld figure sorts last. */
(function () {
  "use strict";
  var tables = document.querySelectorAll("table.cw-sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var body = table.tBodies[0];
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (head, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cw-sort";
      button.textContent = head.textContent;
      head.textContent = "";
      head.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = head.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var p = x.getAttribute("data-sort"), q = y.getAttribute("data-sort");
          var result;
          if (p !== null || q !== null) {
            if (p === "" || p === null) { return 1; }
            if (q === "" || q === null) { return -1; }
            result = parseFloat(p) - parseFloat(q);
          } else {
            result = x.textContent.localeCompare(y.textContent);
          }
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
}());
