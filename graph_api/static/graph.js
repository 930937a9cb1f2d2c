// The citation explorer: draws the network whose data the page carries as JSON in
// <script type="application/json" id="graph-data"> (never as script text, so no label of a
// plan can end or open a script element, and the page runs under script-src 'self').
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("network"),
                                {nodes: nodes, edges: edges}, data.options);
  window.cancuNetwork = {network: network, nodes: nodes, edges: edges};
  // once laid out, hold still and show it all: forceAtlas2 would keep drifting off-screen
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    network.fit();
  });
  network.on("click", function (params) {
    if (params.nodes.length) {
      var n = nodes.get(params.nodes[0]);
      if (n && n.url) { window.location.href = n.url; }
    }
  });
})();
