// Building DOM from untrusted data. Article titles and text come from anyone who can
// publish to the raw subject, so nothing here ever parses a string as HTML: elements
// come from createElement, strings go in through textContent, links are checked to be
// http(s), and bidi controls are removed from each string, which is also isolated
// in its own <bdi> so that it cannot reorder the text around it.

const SVG_NS = "http://www.w3.org/2000/svg";

// Explicit embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
// Arabic and Latin mix correctly without them; in untrusted text they only serve to
// make a string display as something else.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The string without bidi controls; `null` and `undefined` become "". */
export function clean(value) {
  return value == null ? "" : String(value).replace(BIDI_CONTROLS, "");
}

/**
 * An element: `el("a", {class: "x", href: "…", text: "…", dataset: {…}}, child…)`.
 * `text` is set with textContent; children are nodes or strings (text nodes).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = clean(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "href") {
      const href = safeHref(value);
      if (href) node.setAttribute("href", href);
    } else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** An SVG element with attributes (never data as markup either). */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null) continue;
    if (key === "text") node.textContent = clean(value);
    else if (key === "class") node.setAttribute("class", value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(clean(child)) : child);
  }
}

/** An untrusted string, isolated for bidi. */
export function bdi(value, cls) {
  return el("bdi", { class: cls, text: value });
}

/**
 * The link target when it is an absolute http(s) URL or a same-page query ("?…"),
 * else null: javascript:, data:, vbscript: and relative paths are refused.
 */
export function safeHref(value) {
  const raw = clean(value).trim();
  if (raw.startsWith("?")) return raw;
  let url;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}

/** Removes every child of `node`. */
export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

// Latin digits throughout: the counts are read next to English labels, and Iraqi
// news sites write them so too.
const DATE = new Intl.DateTimeFormat("ar-IQ-u-nu-latn", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Asia/Baghdad",
});
const NUMBER = new Intl.NumberFormat("en-US");

export function formatTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? clean(iso) : DATE.format(d);
}

export function formatNumber(n) {
  return NUMBER.format(n ?? 0);
}

/**
 * Splits `text` at character offsets (Unicode scalar values, as the API gives them;
 * JavaScript strings index UTF-16 units, so the text goes through Array.from).
 * `spans` are {start, end, ...}; overlapping spans after the first are skipped.
 * Returns [{text, span|null}] covering the whole text in order.
 */
export function segments(text, spans) {
  const chars = Array.from(text ?? "");
  const out = [];
  let at = 0;
  const sorted = [...(spans ?? [])].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const span of sorted) {
    if (!(span.start >= at && span.end > span.start && span.end <= chars.length)) continue;
    if (span.start > at) out.push({ text: chars.slice(at, span.start).join(""), span: null });
    out.push({ text: chars.slice(span.start, span.end).join(""), span });
    at = span.end;
  }
  if (at < chars.length) out.push({ text: chars.slice(at).join(""), span: null });
  return out;
}
