/* pflab: draw every chart of a page from its JSON block (shared by the report and the web app). */
"use strict";
(function () {
  function draw(root) {
    var plots = (root || document).querySelectorAll("div.plot[data-figure]");
    for (var i = 0; i < plots.length; i++) {
      var div = plots[i];
      var source = document.getElementById(div.getAttribute("data-figure"));
      if (!source) { continue; }
      var spec = JSON.parse(source.textContent);
      var layout = spec.layout || {};
      layout.autosize = true;
      window.Plotly.newPlot(div, spec.data || [], layout, {
        responsive: true,
        displaylogo: false,
        modeBarButtonsToRemove: ["sendDataToCloud"],
      });
      div.setAttribute("data-drawn", "true");
    }
  }
  window.pflabDrawCharts = draw;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { draw(document); });
  } else {
    draw(document);
  }
})();
