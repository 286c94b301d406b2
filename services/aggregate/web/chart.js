// A time series as SVG: one bar per bucket (articles), oldest on the right since the
// page reads right to left, with the largest value and the first and last times.

import { svg, formatNumber, formatTime } from "./dom.js";

const W = 360;
const H = 140;
const AXIS = 18;

/** The chart of `points` ([{t, mentions, articles}], oldest first). */
export function seriesChart(points) {
  const node = svg("svg", {
    viewBox: `0 0 ${W} ${H}`,
    class: "series",
    role: "img",
    "aria-label": "السلسلة الزمنية Time series",
  });
  const max = Math.max(1, ...points.map((p) => p.articles));
  const n = Math.max(1, points.length);
  const step = (W - 2) / n;
  const plot = H - AXIS;
  node.append(svg("line", { x1: 0, x2: W, y1: plot, y2: plot, class: "axis" }));
  points.forEach((p, i) => {
    const h = (p.articles / max) * (plot - 12);
    // Right to left: the newest bucket is at the left edge.
    const x = W - 1 - (i + 1) * step;
    const bar = svg("rect", {
      x: x.toFixed(2),
      y: (plot - h).toFixed(2),
      width: Math.max(0.5, step - 0.5).toFixed(2),
      height: h.toFixed(2),
      class: p.articles ? "bar" : "bar empty",
      "data-t": p.t,
      "data-articles": p.articles,
    });
    bar.append(svg("title", { text: `${formatTime(p.t)}: ${formatNumber(p.articles)} مقالات articles, ${formatNumber(p.mentions)} إشارات mentions` }));
    node.append(bar);
  });
  node.append(svg("text", { x: W - 2, y: 10, class: "tick max", text: `${formatNumber(max)} ↑` }));
  if (points.length) {
    node.append(svg("text", { x: W - 2, y: H - 4, class: "tick start", text: formatTime(points[0].t) }));
    node.append(svg("text", { x: 2, y: H - 4, class: "tick end", text: formatTime(points[points.length - 1].t) }));
  }
  return node;
}
