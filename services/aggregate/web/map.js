// Iraq's governorates as SVG, drawn from the embedded GeoJSON (OCHA COD-AB 2014,
// simplified by tools/geo/simplify.py), shaded by a count per governorate.

import { svg, formatNumber } from "./dom.js";

const WIDTH = 520;
const PAD = 8;
// Shade classes q0 (nothing) .. q5 (the most); colours live in style.css.
const SHADES = 5;

/** Polygons of a feature's geometry. */
function polygons(geometry) {
  if (geometry.type === "Polygon") return [geometry.coordinates];
  if (geometry.type === "MultiPolygon") return geometry.coordinates;
  return [];
}

/**
 * A projection fitted to the features: equirectangular with longitude scaled by the
 * cosine of the middle latitude, which keeps shapes true at Iraq's size.
 */
function fit(features) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features)
    for (const polygon of polygons(f.geometry))
      for (const [lon, lat] of polygon[0]) {
        x0 = Math.min(x0, lon);
        x1 = Math.max(x1, lon);
        y0 = Math.min(y0, lat);
        y1 = Math.max(y1, lat);
      }
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const scale = (WIDTH - 2 * PAD) / ((x1 - x0) * k);
  const height = Math.ceil((y1 - y0) * scale + 2 * PAD);
  const project = ([lon, lat]) => [PAD + (lon - x0) * k * scale, PAD + (y1 - lat) * scale];
  return { project, height };
}

/** The centroid of a ring (shoelace), for the label. */
function centroid(ring) {
  let [a, cx, cy] = [0, 0, 0];
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return a === 0 ? ring[0] : [cx / (3 * a), cy / (3 * a)];
}

function area(ring) {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(a / 2);
}

/** The shade class of `n` against the largest count (square-root steps). */
export function shade(n, max) {
  if (!n || !max) return "q0";
  return "q" + Math.max(1, Math.ceil(Math.sqrt(n / max) * SHADES));
}

/**
 * The map, once: an <svg> with a <g> per governorate (path, count label, title).
 * Returns {node, update(counts, selected)} where counts maps adm1 -> number.
 */
export function governorateMap(geojson, onSelect) {
  const { project, height } = fit(geojson.features);
  const node = svg("svg", {
    viewBox: `0 0 ${WIDTH} ${height}`,
    class: "map",
    role: "img",
    "aria-label": "خريطة محافظات العراق Map of Iraq's governorates",
  });
  const regions = new Map();
  const labels = svg("g", { class: "labels" });
  for (const f of geojson.features) {
    const { adm1, name_ar, name_en } = f.properties;
    const parts = polygons(f.geometry);
    const d = parts
      .flatMap((polygon) =>
        polygon.map((ring) => "M" + ring.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L") + "Z"),
      )
      .join("");
    const title = svg("title");
    const path = svg("path", { d, class: "region q0", "data-adm1": adm1 });
    const group = svg("g", {
      class: "governorate",
      "data-adm1": adm1,
      tabindex: 0,
      role: "button",
      onclick: () => onSelect(adm1),
      onkeydown: (e) => (e.key === "Enter" || e.key === " ") && onSelect(adm1),
    }, title, path);
    node.append(group);
    // The label sits at the centroid of the largest ring.
    const largest = parts.map((p) => p[0]).sort((a, b) => area(b) - area(a))[0];
    const [x, y] = project(centroid(largest));
    const count = svg("text", { x: x.toFixed(1), y: (y + 4).toFixed(1), class: "count", "data-adm1": adm1 });
    labels.append(count);
    regions.set(adm1, { group, path, title, count, name_ar, name_en });
  }
  node.append(labels);

  function update(counts, selected) {
    const max = Math.max(0, ...[...regions.keys()].map((k) => counts.get(k) ?? 0));
    for (const [adm1, r] of regions) {
      const n = counts.get(adm1) ?? 0;
      r.path.setAttribute("class", `region ${shade(n, max)}`);
      r.group.classList.toggle("selected", adm1 === selected);
      r.title.textContent = `${r.name_ar} ${r.name_en}: ${formatNumber(n)}`;
      r.count.textContent = n ? formatNumber(n) : "";
    }
  }
  return { node, update, names: regions };
}
