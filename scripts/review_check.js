// Injected by scripts/review_check.sh into a copy of a review page, after the page's own
// script, with window.EXPECTED = {zh: [...], en: [...]} (the sentences the page must show, read
// from the inputs independently of the page). On load it checks the rendered page and writes
// the verdict as JSON into <pre id="review-check">, which headless Chromium's --dump-dom prints.
window.addEventListener("load", function () {
  "use strict";
  var result = { failures: [] };
  function fail(message) { if (result.failures.length < 20) result.failures.push(message); }
  try {
    // Time from navigation to a laid-out page: the load event, then a forced layout of the
    // whole document (what the first paint needs).
    var t0 = performance.now();
    var height = document.documentElement.scrollHeight;
    document.body.getBoundingClientRect();
    result.ready_ms = Math.round(performance.now());
    result.layout_after_load_ms = Math.round(performance.now() - t0);
    var nav = performance.getEntriesByType("navigation")[0];
    if (nav) result.dom_content_loaded_ms = Math.round(nav.domContentLoadedEventEnd);

    var rows = document.querySelectorAll("#rows .row");
    result.rows = rows.length;
    var norm = function (t) { return t.replace(/\s+/g, " ").trim(); };
    ["zh", "en"].forEach(function (side) {
      var got = Array.prototype.map.call(
        document.querySelectorAll("#rows .row ." + side + " .s"),
        function (s) { return norm(s.textContent); });
      var want = EXPECTED[side].map(norm);
      result[side + "_sentences"] = got.length;
      if (got.length !== want.length) fail(side + ": " + got.length + " sentences on the page, " + want.length + " expected");
      for (var i = 0; i < Math.min(got.length, want.length); i++) {
        if (got[i] !== want[i]) { fail(side + " sentence " + i + ": page has '" + got[i] + "', expected '" + want[i] + "'"); break; }
      }
    });

    // Colours: each row's score cell has its band's colour; so has its plot point.
    var colours = ["rgb(215, 48, 39)", "rgb(252, 141, 89)", "rgb(254, 224, 139)", "rgb(145, 207, 96)", "rgb(26, 152, 80)"];
    var points = ["rgb(215, 48, 39)", "rgb(252, 141, 89)", "rgb(224, 184, 48)", "rgb(145, 207, 96)", "rgb(26, 152, 80)"];
    var band = function (s) { return s >= 0.8 ? 4 : s >= 0.6 ? 3 : s >= 0.4 ? 2 : s >= 0.2 ? 1 : 0; };
    var svg = document.querySelector("#plot svg");
    var circles = svg ? svg.querySelectorAll("circle") : [];
    if (!svg) fail("no SVG plot");
    result.plot_points = circles.length;
    if (circles.length !== rows.length) fail(circles.length + " plot points for " + rows.length + " links");
    // Points are drawn confident first; each names its link in data-l, once.
    var pointOf = {};
    for (var q = 0; q < circles.length; q++) {
      var l = circles[q].getAttribute("data-l");
      if (pointOf[l]) fail("two plot points for link " + l);
      pointOf[l] = circles[q];
    }
    var bands = [0, 0, 0, 0, 0], omitted = 0;
    for (var k = 0; k < rows.length; k++) {
      var row = rows[k], b = band(parseFloat(row.getAttribute("data-s")));
      bands[b]++;
      var cell = getComputedStyle(row.querySelector(".sc")).backgroundColor;
      if (cell !== colours[b]) { fail("link " + k + ": score cell " + cell + ", band " + b + " is " + colours[b]); break; }
      var om = row.classList.contains("om");
      if (om) omitted++;
      var c = pointOf[String(k)];
      if (!c) { fail("no plot point for link " + k); break; }
      var fill = c && getComputedStyle(c).fill;
      if (c && !om && fill !== points[b]) { fail("plot point " + k + ": fill " + fill + ", expected " + points[b]); break; }
      if (c && om && getComputedStyle(c).stroke !== colours[0]) { fail("plot point " + k + ": omission not outlined red"); break; }
    }
    result.bands = bands;
    result.omissions = omitted;
    var legend = document.querySelectorAll(".legend i");
    for (var l = 0; l < 5; l++) {
      if (!legend[l] || getComputedStyle(legend[l]).backgroundColor !== colours[l]) fail("legend swatch " + l + " is not " + colours[l]);
    }

    // Controls: hiding confident links leaves exactly the doubtful ones; "next" selects one;
    // a click on a plot point selects its row.
    var slider = document.getElementById("thr"), hide = document.getElementById("hide");
    slider.value = "0.5"; slider.dispatchEvent(new Event("input"));
    hide.checked = true; hide.dispatchEvent(new Event("change"));
    var doubtful = 0, visible = 0;
    for (var m = 0; m < rows.length; m++) {
      var d = rows[m].classList.contains("om") || parseFloat(rows[m].getAttribute("data-s")) < 0.5;
      if (d) doubtful++;
      if (!rows[m].hidden) visible++;
    }
    result.doubtful = doubtful;
    if (visible !== doubtful) fail("with confident links hidden " + visible + " rows show, " + doubtful + " are doubtful");
    hide.checked = false; hide.dispatchEvent(new Event("change"));
    if (doubtful > 0) {
      document.getElementById("next").click();
      var cur = document.querySelector("#rows .row.cur");
      if (!cur) fail("'next doubtful link' selected nothing");
      else if (!(cur.classList.contains("om") || parseFloat(cur.getAttribute("data-s")) < 0.5)) fail("'next doubtful link' selected a confident link");
    }
    if (circles.length > 0) {
      var target = circles[circles.length >> 1];
      target.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      var selected = document.querySelector("#rows .row.cur");
      if (!selected || selected.id !== "l" + target.getAttribute("data-l")) fail("a click on plot point " + target.getAttribute("data-l") + " did not select its row");
    }

    // Scrolling: jump through the page in twenty steps, each forcing the layout and hit test a
    // frame needs; the slowest step is what a reader would feel as a stall.
    var slowest = 0;
    for (var step = 0; step <= 20; step++) {
      var s0 = performance.now();
      window.scrollTo(0, height * step / 20);
      document.elementFromPoint(400, 300);
      slowest = Math.max(slowest, performance.now() - s0);
    }
    window.scrollTo(0, 0);
    result.slowest_scroll_step_ms = Math.round(slowest);
  } catch (e) {
    fail("exception: " + e);
  }
  result.ok = result.failures.length === 0;
  var pre = document.createElement("pre");
  pre.id = "review-check";
  pre.textContent = "REVIEW-CHECK " + JSON.stringify(result) + " END";
  document.body.appendChild(pre);
});
