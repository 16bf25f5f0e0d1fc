// The review page's controls: the doubt threshold, hiding confident links, stepping from one
// doubtful link to the next, and the alignment plot's clicks. Plain script, no network: the
// page works from file://. Rows are looked up once; the threshold only toggles `hidden`, so a
// document of thousands of links stays responsive.
(function () {
  "use strict";
  var rows = document.querySelectorAll("#rows .row");
  var n = rows.length;
  var scores = new Float64Array(n), omitted = new Uint8Array(n);
  for (var i = 0; i < n; i++) {
    scores[i] = parseFloat(rows[i].getAttribute("data-s"));
    omitted[i] = rows[i].classList.contains("om") ? 1 : 0;
  }
  var slider = document.getElementById("thr"), shown = document.getElementById("thrv");
  var hide = document.getElementById("hide"), pos = document.getElementById("pos");
  var svg = document.querySelector("#plot svg");
  var threshold = parseFloat(slider.value), current = -1;

  // A link is doubtful when a side is missing or its score is under the threshold.
  function doubtful(k) { return omitted[k] === 1 || scores[k] < threshold; }

  function apply() {
    threshold = parseFloat(slider.value);
    shown.textContent = threshold.toFixed(2);
    var count = 0, hiding = hide.checked;
    for (var k = 0; k < n; k++) {
      var d = doubtful(k);
      if (d) count++;
      var h = hiding && !d && k !== current;
      if (rows[k].hidden !== h) rows[k].hidden = h;
    }
    pos.textContent = count + " doubtful of " + n + " links";
  }

  function point(k) { return svg ? svg.querySelector('circle[data-l="' + k + '"]') : null; }

  function go(k) {
    if (current >= 0) {
      rows[current].classList.remove("cur");
      var old = point(current);
      if (old) old.classList.remove("cur");
    }
    current = k;
    rows[k].hidden = false;
    rows[k].classList.add("cur");
    var p = point(k);
    if (p) p.classList.add("cur");
    rows[k].scrollIntoView({ block: "center" });
    if (history.replaceState) history.replaceState(null, "", "#" + rows[k].id);
  }

  // The first row under the header when nothing is selected yet.
  function start() {
    if (current >= 0) return current;
    var top = document.querySelector("header").getBoundingClientRect().bottom;
    for (var k = 0; k < n; k++) {
      if (!rows[k].hidden && rows[k].getBoundingClientRect().bottom > top) return k - 1;
    }
    return -1;
  }

  function step(dir) {
    var from = start();
    for (var k = from + dir; k >= 0 && k < n; k += dir) {
      if (doubtful(k)) { go(k); return; }
    }
    pos.textContent = dir > 0 ? "no doubtful link after this one" : "no doubtful link before this one";
  }

  slider.addEventListener("input", apply);
  hide.addEventListener("change", apply);
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "INPUT" && e.target.type !== "range") return;
    if (e.key === "n" || e.key === "j") step(1);
    else if (e.key === "p" || e.key === "k") step(-1);
  });
  // A click on the plot selects the point under it, or else the nearest one, so that small
  // points need no aim.
  function nearest(e) {
    var l = e.target.getAttribute && e.target.getAttribute("data-l");
    if (l !== null && l !== undefined) return parseInt(l, 10);
    var pt = svg.createSVGPoint();
    pt.x = e.clientX; pt.y = e.clientY;
    var p = pt.matrixTransform(svg.getScreenCTM().inverse());
    var points = svg.querySelectorAll("circle"), best = -1, dist = Infinity;
    for (var k = 0; k < points.length; k++) {
      var dx = points[k].cx.baseVal.value - p.x, dy = points[k].cy.baseVal.value - p.y;
      if (dx * dx + dy * dy < dist) { dist = dx * dx + dy * dy; best = k; }
    }
    return best < 0 ? -1 : parseInt(points[best].getAttribute("data-l"), 10);
  }
  if (svg) {
    svg.addEventListener("click", function (e) {
      var k = nearest(e);
      if (k >= 0) go(k);
    });
  }
  apply();
})();
