/* Filters a list or table (the organisations on the "find your organisation" page) as the
   reader types: works without a server. Each item carries its words in data-text.
   Without JavaScript the full list is shown and the browser's own find works. */
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("search-index");
  var status = document.getElementById("search-results");
  if (!input || !list || !status) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll("[data-text]"));
  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = item.getAttribute("data-text") || "";
      var hit = words.every(function (w) { return text.indexOf(w) !== -1; });
      item.hidden = !hit;
      if (hit) { shown += 1; }
    });
    var word = status.getAttribute(shown === 1 ? "data-one" : "data-many") || "";
    status.textContent = words.length ? shown + " " + word : "";
  }
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); }
  input.addEventListener("input", apply);
  apply();
}());
