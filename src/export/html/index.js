// Sorting the index: a click on a column's heading sorts by it (again: the other way). Cells
// carry their sort key in data-v (numbers) or are compared as text.
(function () {
  "use strict";
  var table = document.getElementById("docs"), body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells, order = {};
  function key(row, c) {
    var cell = row.cells[c], v = cell.getAttribute("data-v");
    return v === null ? cell.textContent : (v === "" ? -Infinity : parseFloat(v));
  }
  Array.prototype.forEach.call(heads, function (th, c) {
    th.addEventListener("click", function () {
      var dir = order[c] = -(order[c] || -1);
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, c), y = key(b, c);
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
      rows.forEach(function (r) { body.appendChild(r); });
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    });
  });
})();
