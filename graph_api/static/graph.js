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
  var clustered = false;
  window.cancuNetwork = {network: network, nodes: nodes, edges: edges,
                         clustered: function () { return clustered; }};

  // Labels readable at any zoom: the names of plans and of documents cited more than once
  // keep one size on the screen (their font grows as the view shrinks); the others scale
  // with the view and are not drawn once under the threshold of the options
  // (scaling.label.drawThreshold), so no label is drawn too small to read, and zoomed out
  // only the landmarks are named, not piled on their neighbours.
  var SCREEN_PX = {plan: 15, document: 13};
  var LANDMARK_SIZE = 20;  // a node's size (explorer.py: 12 + 6 * sqrt(citations)) past one
  var framed = false;
  var sizedFor = null;
  function keepLabels() {
    framed = false;
    var scale = network.getScale();
    sizedFor = scale;
    var changes = [];
    nodes.forEach(function (n) {
      var px = SCREEN_PX[n.kind];
      if (px && (n.kind === "plan" || n.size >= LANDMARK_SIZE)) {
        var font = Object.assign({}, n.font || {}, {size: Math.max(px, px / scale)});
        changes.push({id: n.id, font: font});
      }
    });
    nodes.update(changes);
  }
  // any change of scale (the wheel, a pinch, fit(), moveTo()) is seen before the next frame
  network.on("beforeDrawing", function () {
    if (!framed && sizedFor !== null && network.getScale() !== sizedFor) {
      framed = true;
      window.requestAnimationFrame(keepLabels);
    }
  });

  // Clusters by plan: each plan with the documents, articles and bodies drawn for it first
  // gathered into one node, opened by a click.
  function clusterByPlan() {
    Object.keys(data.plans).forEach(function (plan) {
      if (!nodes.get(plan)) { return; }
      network.cluster({
        joinCondition: function (n) { return n.plan === plan; },
        clusterNodeProperties: {id: "cluster:" + plan, label: data.plans[plan], shape: "box",
                                color: "#c0392b", font: {color: "#ffffff", size: 15},
                                kind: "cluster", plan: plan}
      });
    });
    clustered = true;
  }
  function openClusters() {
    Object.keys(data.plans).forEach(function (plan) {
      if (network.isCluster("cluster:" + plan)) { network.openCluster("cluster:" + plan); }
    });
    clustered = false;
  }
  var toggle = document.getElementById("cluster-toggle");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      if (clustered) { openClusters(); } else { clusterByPlan(); }
      toggle.textContent = clustered ? "Mở các cụm" : "Gom theo kế hoạch";
      network.fit();
    });
  }

  // once laid out, hold still and show it all: forceAtlas2 would keep drifting off-screen
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    if (data.cluster) {
      clusterByPlan();
      if (toggle) { toggle.textContent = "Mở các cụm"; }
    }
    network.fit();
    keepLabels();
  });
  network.on("click", function (params) {
    if (!params.nodes.length) { return; }
    var id = params.nodes[0];
    if (network.isCluster(id)) { network.openCluster(id); return; }
    var n = nodes.get(id);
    if (n && n.url) { window.location.href = n.url; }
  });
})();
