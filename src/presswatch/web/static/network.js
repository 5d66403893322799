// The actor network: a small force layout in SVG, with drag, hover details and click → dossier.
(function () {
  "use strict";
  var svg = document.getElementById("network");
  var tip = document.getElementById("net-tip");
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var graph = data.graph, colours = data.colours;
  if (!svg || !graph.nodes.length) return;
  var NS = "http://www.w3.org/2000/svg";
  var W = 960, H = 620;

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  // Arrowheads, one per quad class colour.
  var defs = el("defs", {}, svg);
  Object.keys(colours).forEach(function (q) {
    // Sized in user space, so a heavy edge gets a thicker line but not a huge arrowhead.
    var m = el("marker", { id: "arrow-" + q, viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse" }, defs);
    el("path", { d: "M0,0 L10,5 L0,10 z", fill: colours[q] }, m);
  });

  var byId = {};
  var maxW = Math.max.apply(null, graph.nodes.map(function (n) { return n.weight; }));
  graph.nodes.forEach(function (n, i) {
    // Start on a circle (deterministic: the same graph always lays out the same way).
    var a = 2 * Math.PI * i / graph.nodes.length;
    n.x = W / 2 + 220 * Math.cos(a); n.y = H / 2 + 200 * Math.sin(a);
    n.vx = 0; n.vy = 0;
    n.r = 6 + 16 * Math.sqrt(n.weight / maxW);
    byId[n.id] = n;
  });
  var edges = graph.edges.filter(function (e) { return byId[e.source] && byId[e.target]; });
  var reverse = {};
  edges.forEach(function (e) { reverse[e.source + ">" + e.target] = true; });

  var gEdges = el("g", {}, svg), gNodes = el("g", {}, svg);
  edges.forEach(function (e) {
    e.el = el("path", { "class": "edge", stroke: colours[e.quad] || "#999",
      "stroke-width": (1 + 1.6 * Math.log2(1 + e.weight)).toFixed(1),
      "marker-end": "url(#arrow-" + e.quad + ")" }, gEdges);
    e.el.addEventListener("mouseenter", function (ev) { showEdge(e, ev); });
    e.el.addEventListener("mouseleave", hideTip);
  });
  graph.nodes.forEach(function (n) {
    n.g = el("g", { "class": "node", "data-id": n.id }, gNodes);
    el("circle", { r: n.r.toFixed(1), fill: kindColour(n.kind) }, n.g);
    var label = el("text", { x: (n.r + 3).toFixed(1), y: 4 }, n.g);
    label.textContent = n.name;
    n.g.addEventListener("mouseenter", function (ev) { showNode(n, ev); });
    n.g.addEventListener("mouseleave", function () { hideTip(); highlight(null); });
    n.g.addEventListener("pointerdown", function (ev) { startDrag(n, ev); });
  });

  function kindColour(kind) {
    return { person: "#4a5d80", organization: "#7a6a9c", country: "#3f8f8a", group: "#a0633b",
      city: "#6b8e23", region: "#6b8e23" }[kind] || "#8a94a6";
  }

  // --- tooltips -----------------------------------------------------------
  function place(ev) {
    var box = svg.parentNode.getBoundingClientRect();
    tip.style.left = (ev.clientX - box.left + 14) + "px";
    tip.style.top = (ev.clientY - box.top + 10) + "px";
    tip.hidden = false;
  }
  function line(text, strong) {
    var d = document.createElement("div");
    if (strong) { var b = document.createElement("b"); b.textContent = text; d.appendChild(b); }
    else d.textContent = text;
    tip.appendChild(d);
  }
  function showNode(n, ev) {
    if (dragging) return;
    tip.textContent = "";
    line(n.name, true);
    line([n.kind, n.country, n.sector].filter(Boolean).join(" · ") || "actor");
    line(n.weight + " events with the actors shown · click for the dossier");
    place(ev);
    highlight(n);
  }
  function showEdge(e, ev) {
    tip.textContent = "";
    line(byId[e.source].name + " → " + byId[e.target].name, true);
    line(e.weight + " event" + (e.weight === 1 ? "" : "s"));
    Object.keys(e.quads).forEach(function (q) {
      if (e.quads[q]) line(q.replace("_", " ") + ": " + e.quads[q]);
    });
    line(Object.keys(e.types).map(function (t) { return t + " " + e.types[t]; }).join(", "));
    place(ev);
  }
  function hideTip() { tip.hidden = true; }
  function highlight(n) {
    var near = {};
    if (n) {
      near[n.id] = true;
      edges.forEach(function (e) {
        if (e.source === n.id || e.target === n.id) { near[e.source] = near[e.target] = true; }
      });
    }
    graph.nodes.forEach(function (m) { m.g.classList.toggle("dim", !!n && !near[m.id]); });
    edges.forEach(function (e) {
      e.el.classList.toggle("dim", !!n && e.source !== n.id && e.target !== n.id);
    });
  }

  // --- the force layout ---------------------------------------------------
  var alpha = 1;
  function tick() {
    var nodes = graph.nodes, i, j, a, b, dx, dy, d2, d, f;
    for (i = 0; i < nodes.length; i++) {
      a = nodes[i];
      for (j = i + 1; j < nodes.length; j++) {
        b = nodes[j];
        dx = b.x - a.x; dy = b.y - a.y; d2 = Math.max(dx * dx + dy * dy, 100);
        f = 9000 / d2;  // repulsion, inverse square
        d = Math.sqrt(d2);
        a.vx -= f * dx / d; a.vy -= f * dy / d; b.vx += f * dx / d; b.vy += f * dy / d;
      }
    }
    edges.forEach(function (e) {
      a = byId[e.source]; b = byId[e.target];
      dx = b.x - a.x; dy = b.y - a.y; d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      f = (d - 130) * 0.02;  // springs that rest at 130 px
      a.vx += f * dx / d; a.vy += f * dy / d; b.vx -= f * dx / d; b.vy -= f * dy / d;
    });
    nodes.forEach(function (n) {
      n.vx += (W / 2 - n.x) * 0.006; n.vy += (H / 2 - n.y) * 0.008;  // pull to the centre
      if (n.fixed) { n.vx = n.vy = 0; return; }
      n.x += n.vx * alpha; n.y += n.vy * alpha;
      n.vx *= 0.55; n.vy *= 0.55;
      n.x = Math.max(n.r + 2, Math.min(W - n.r - 60, n.x));
      n.y = Math.max(n.r + 2, Math.min(H - n.r - 2, n.y));
    });
    alpha *= 0.985;
  }
  function draw() {
    edges.forEach(function (e) {
      var a = byId[e.source], b = byId[e.target];
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      // Stop at the target's rim; bend when both directions exist so the two stay apart.
      var ex = b.x - dx / d * (b.r + 2), ey = b.y - dy / d * (b.r + 2);
      var bend = reverse[e.target + ">" + e.source] ? 0.18 : 0;
      var mx = (a.x + ex) / 2 - dy * bend, my = (a.y + ey) / 2 + dx * bend;
      e.el.setAttribute("d", "M" + a.x.toFixed(1) + "," + a.y.toFixed(1) + " Q" + mx.toFixed(1) +
        "," + my.toFixed(1) + " " + ex.toFixed(1) + "," + ey.toFixed(1));
    });
    graph.nodes.forEach(function (n) {
      n.g.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")");
    });
  }
  var running = false;
  function run() {
    if (running) return;
    running = true;
    (function frame() {
      for (var k = 0; k < 3; k++) tick();
      draw();
      if (alpha > 0.02 || dragging) requestAnimationFrame(frame);
      else { running = false; svg.setAttribute("data-settled", "1"); }
    })();
  }
  // Settle most of the way before the first paint, so the graph does not fly in.
  for (var k = 0; k < 300; k++) tick();
  draw();
  run();

  // --- drag, and click for the dossier --------------------------------------
  var dragging = null, moved = false;
  function point(ev) {
    var p = svg.createSVGPoint();
    p.x = ev.clientX; p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function startDrag(n, ev) {
    dragging = n; moved = false; n.fixed = true;
    n.g.setPointerCapture(ev.pointerId);
    hideTip();
    ev.preventDefault();
  }
  svg.addEventListener("pointermove", function (ev) {
    if (!dragging) return;
    var p = point(ev);
    if (Math.abs(p.x - dragging.x) + Math.abs(p.y - dragging.y) > 2) moved = true;
    dragging.x = p.x; dragging.y = p.y;
    alpha = Math.max(alpha, 0.3);
    run();
  });
  svg.addEventListener("pointerup", function () {
    if (!dragging) return;
    var n = dragging;
    dragging = null;
    n.fixed = moved;  // a dragged node stays where it was put
    if (!moved) location.href = "/actors/" + encodeURIComponent(n.id);
  });
})();
