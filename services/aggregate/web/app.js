// The live page of Marsad: a map of governorates, the feed of enriched articles with
// their entities, trends, stories, alerts and a time series, over the aggregate
// service's HTTP API (/api/...) and its server-sent events (/api/stream).
//
// Everything the API returns about an article is untrusted: see dom.js for how it
// reaches the page. The state of the page (window, measure, filters) lives in the
// URL's query so that a view can be shared and reloaded.

import { el, bdi, clear, clean, formatNumber, formatTime, segments } from "./dom.js";
import { governorateMap } from "./map.js";
import { seriesChart } from "./chart.js";

/** Articles the feed keeps in the DOM; older ones are dropped as new ones arrive. */
const FEED_CAP = 200;
/** Quiet time after a live article before the counts are asked for again. */
const REFRESH_MS = 2000;

const WINDOWS = {
  "1h": { hours: 1, bucket: "minute", points: 60 },
  "24h": { hours: 24, bucket: "hour", points: 24 },
  "7d": { hours: 168, bucket: "hour", points: 168 },
  "30d": { hours: 720, bucket: "day", points: 30 },
  // The API's largest window (a leap year of hours).
  all: { hours: 8784, bucket: "day", points: 366 },
};

const EVENT_TYPES = {
  BATTLES: "اشتباكات",
  EXPLOSIONS_REMOTE_VIOLENCE: "انفجارات وعنف عن بعد",
  VIOLENCE_AGAINST_CIVILIANS: "عنف ضد المدنيين",
  PROTESTS: "احتجاجات",
  RIOTS: "أعمال شغب",
  STRATEGIC_DEVELOPMENTS: "تطورات استراتيجية",
  STATEMENT: "تصريح",
  MEETING: "اجتماع",
  CONFERENCE: "مؤتمر",
};

// What the map is shaded by. Articles (reports naming a place in the governorate) is
// the default: it is never empty while news flows, whereas events and casualties are
// only as many as the extractors find.
const MEASURES = {
  articles: ["التقارير", "reports"],
  events: ["الأحداث", "events"],
  casualties: ["الضحايا", "casualties"],
};

const ENTITY_TYPES = { PERSON: "شخص", ORG: "منظمة", LOC: "مكان", MISC: "أخرى" };
const CASUALTIES = { KILLED: "قتلى", WOUNDED: "جرحى", KIDNAPPED: "مختطفون" };
const ALERT_KINDS = {
  trending_entity: "اتجاه",
  casualties: "ضحايا",
  story_fatalities: "قصة دامية",
};

// ---- state -------------------------------------------------------------------

const params = new URLSearchParams(location.search);
const state = {
  window: WINDOWS[params.get("window")] ? params.get("window") : "24h",
  metric: MEASURES[params.get("metric")] ? params.get("metric") : "articles",
  adm1: params.get("adm1") || null,
  entity: params.get("entity") || null,
  eventType: params.get("event_type") || null,
};

/** Names learnt from the API, for filter chips: entity id -> {name_ar, name_en, type}. */
const entityNames = new Map();
/** Governorate names from the map: adm1 -> {name_ar, name_en}. */
let governorateNames = new Map();

function saveState() {
  const q = new URLSearchParams();
  if (state.window !== "24h") q.set("window", state.window);
  if (state.metric !== "articles") q.set("metric", state.metric);
  if (state.adm1) q.set("adm1", state.adm1);
  if (state.entity) q.set("entity", state.entity);
  if (state.eventType) q.set("event_type", state.eventType);
  const s = q.toString();
  history.replaceState(null, "", s ? `?${s}` : location.pathname);
}

function win() {
  return WINDOWS[state.window];
}

// ---- API ---------------------------------------------------------------------

async function api(path, query = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v != null && v !== "") q.set(k, v);
  const url = q.toString() ? `${path}?${q}` : path;
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

/** Runs a loader; a failure shows in its panel instead of breaking the page. */
async function guarded(target, load) {
  try {
    await load();
  } catch (error) {
    clear(target).append(el("li", { class: "error", text: `تعذر التحميل — could not load (${error.message})` }));
  }
}

// ---- small pieces ------------------------------------------------------------

function learn(entity) {
  if (entity && entity.id && !entityNames.has(entity.id)) {
    entityNames.set(entity.id, { name_ar: entity.name_ar, name_en: entity.name_en, type: entity.type });
  }
}

/** A link that filters the page by an entity (a same-page query, never javascript:). */
function entityLink(id, content, cls = "entity") {
  const info = entityNames.get(id);
  const link = el("a", {
    class: `${cls}${info?.type ? " t-" + info.type : ""}${id === state.entity ? " active" : ""}`,
    href: `?entity=${encodeURIComponent(id)}`,
    dataset: { entity: id },
    title: info ? `${clean(info.name_ar)}${info.name_en ? " — " + clean(info.name_en) : ""}` : clean(id),
    onclick: (e) => {
      e.preventDefault();
      setFilter("entity", state.entity === id ? null : id);
    },
  });
  link.append(typeof content === "string" ? bdi(content) : content);
  return link;
}

/** An entity's Arabic name with its English name beside it. */
function names(nameAr, nameEn) {
  return [bdi(nameAr, "ar"), nameEn ? el("bdi", { class: "en", lang: "en", text: nameEn }) : null];
}

function governorateName(code) {
  const g = governorateNames.get(code);
  return g ? [bdi(g.name_ar, "ar"), el("bdi", { class: "en", lang: "en", text: g.name_en })] : [bdi(code)];
}

function eventTypeLabel(type) {
  return [bdi(EVENT_TYPES[type] ?? type, "ar"), el("bdi", { class: "en", lang: "en", text: type })];
}

function empty(textAr, textEn) {
  return el("li", { class: "empty" }, textAr + " ", el("span", { class: "en", lang: "en", text: textEn }));
}

// ---- filters -----------------------------------------------------------------

function setFilter(key, value) {
  state[key] = value || null;
  saveState();
  renderFilters();
  loadFeed();
  loadMap();
  loadSeries();
}

function renderFilters() {
  const box = clear(document.getElementById("filters"));
  const chip = (label, key) =>
    el("button", {
      type: "button",
      class: "chip",
      title: "إزالة المرشح remove filter",
      onclick: () => setFilter(key, null),
    }, ...label, el("span", { class: "x", "aria-hidden": "true", text: "×" }));
  if (state.adm1) box.append(chip(governorateName(state.adm1), "adm1"));
  if (state.eventType) box.append(chip(eventTypeLabel(state.eventType), "eventType"));
  if (state.entity) {
    const info = entityNames.get(state.entity);
    box.append(chip(info ? names(info.name_ar, info.name_en) : [bdi(state.entity)], "entity"));
  }
  document.getElementById("event-type").value = state.eventType ?? "";
  for (const b of document.querySelectorAll("#window button")) {
    b.classList.toggle("active", b.dataset.window === state.window);
    b.setAttribute("aria-pressed", String(b.dataset.window === state.window));
  }
  document.getElementById("metric").value = state.metric;
}

function matches(article) {
  return (
    (!state.adm1 || article.governorates?.includes(state.adm1)) &&
    (!state.entity || article.entities?.some((e) => e.id === state.entity)) &&
    (!state.eventType || article.event_type === state.eventType)
  );
}

// ---- map ---------------------------------------------------------------------

let map = null;

async function loadMap() {
  const list = document.getElementById("governorates");
  await guarded(list, async () => {
    const body = await api("/api/governorates", { hours: win().hours });
    const counts = new Map();
    const eventTypes = new Set(Object.keys(EVENT_TYPES));
    for (const g of body.items) {
      for (const t of Object.keys(g.events ?? {})) eventTypes.add(t);
      counts.set(g.adm1, measure(g));
    }
    for (const t of Object.keys(body.unattributed?.events ?? {})) eventTypes.add(t);
    fillEventTypes(eventTypes);
    map.update(counts, state.adm1);

    const label = MEASURES[state.metric];
    clear(document.getElementById("map-measure")).append(
      `${label[0]} `,
      el("span", { class: "en", lang: "en", text: `${label[1]}${state.eventType && state.metric === "events" ? " · " + state.eventType : ""}` }),
    );

    // Every governorate, the most first, with its names and count.
    const rows = [...map.names.entries()]
      .map(([adm1, n]) => ({ adm1, ...n, count: counts.get(adm1) ?? 0 }))
      .sort((a, b) => b.count - a.count || a.name_en.localeCompare(b.name_en));
    clear(list);
    for (const r of rows) {
      list.append(
        el("li", {
          class: `governorate-row${r.adm1 === state.adm1 ? " active" : ""}${r.count ? "" : " zero"}`,
          dataset: { adm1: r.adm1, count: String(r.count) },
        },
        el("button", { type: "button", onclick: () => setFilter("adm1", state.adm1 === r.adm1 ? null : r.adm1) },
          el("span", { class: "name-ar", text: r.name_ar }),
          el("span", { class: "name-en en", lang: "en", text: r.name_en }),
          el("span", { class: "count", text: formatNumber(r.count) })),
        ),
      );
    }
    const none =
      state.metric === "articles" ? 0 : sum(state.metric === "casualties" ? body.unattributed?.casualties : body.unattributed?.events);
    document.getElementById("unattributed").textContent = none
      ? `بلا محافظة ${formatNumber(none)} — without a governorate`
      : "";
  });
}

function sum(object) {
  return Object.values(object ?? {}).reduce((a, b) => a + b, 0);
}

/** The number a governorate row is shaded by. */
function measure(g) {
  if (state.metric === "articles") return g.articles ?? 0;
  if (state.metric === "casualties") return sum(g.casualties);
  if (state.eventType) return g.events?.[state.eventType] ?? 0;
  return sum(g.events);
}

function fillEventTypes(types) {
  const select = document.getElementById("event-type");
  const have = new Set([...select.options].map((o) => o.value));
  for (const t of [...types].sort()) {
    if (have.has(t)) continue;
    select.append(el("option", { value: t, text: `${EVENT_TYPES[t] ?? t} — ${t}` }));
  }
  select.value = state.eventType ?? "";
}

// ---- feed --------------------------------------------------------------------

const feed = () => document.getElementById("feed");
/** Article id -> its element in the feed. */
const shown = new Map();
let feedGeneration = 0;

function articleCard(a) {
  for (const e of a.entities ?? []) learn(e);
  const byId = new Map((a.entities ?? []).map((e) => [e.id, e]));

  const title = a.title ? bdi(a.title) : el("span", { class: "untitled", text: "بلا عنوان — untitled" });
  const heading = el("h3", { class: "title" }, a.url ? el("a", { href: a.url, rel: "noopener noreferrer nofollow", target: "_blank" }, title) : title);

  const meta = el("p", { class: "meta" },
    a.source ? bdi(a.source, "source") : null,
    el("time", { datetime: a.event_time, text: formatTime(a.event_time) }),
    ...(a.governorates ?? []).map((g) =>
      el("a", {
        class: "place",
        href: `?adm1=${encodeURIComponent(g)}`,
        dataset: { adm1: g },
        onclick: (e) => {
          e.preventDefault();
          setFilter("adm1", g);
        },
      }, ...governorateName(g)),
    ),
    a.event_type
      ? el("a", {
        class: "event-type",
        href: `?event_type=${encodeURIComponent(a.event_type)}`,
        onclick: (e) => {
          e.preventDefault();
          setFilter("eventType", a.event_type);
        },
      }, ...eventTypeLabel(a.event_type))
      : null,
    a.killed ? el("span", { class: "killed", text: `${formatNumber(a.killed)} قتيل killed` }) : null,
    a.duplicate_of ? el("span", { class: "duplicate", text: "مكرر duplicate" }) : null,
  );

  // The text with each mention highlighted and linked to its entity.
  const text = el("p", { class: "text" });
  for (const part of segments(a.text, a.mentions)) {
    if (part.span?.entity_id) {
      const e = byId.get(part.span.entity_id);
      const link = entityLink(part.span.entity_id, part.text, "entity mention");
      if (e?.type) link.classList.add(`t-${e.type}`);
      text.append(link);
    } else {
      text.append(document.createTextNode(clean(part.text)));
    }
  }
  const chars = Array.from(a.text ?? "");
  const quotes = (a.quotes ?? []).filter((q) => q.end > q.start && q.end <= chars.length);
  const quoteList = quotes.length
    ? el("ul", { class: "quotes" },
      ...quotes.map((q) =>
        el("li", { class: "quote" },
          el("q", {}, bdi(chars.slice(q.start, q.end).join(""))),
          q.speaker || q.entity_id
            ? el("span", { class: "speaker" }, "— ",
              q.entity_id ? entityLink(q.entity_id, q.speaker ?? byId.get(q.entity_id)?.name_ar ?? q.entity_id) : bdi(q.speaker))
            : null,
        ),
      ))
    : null;
  return el("li", { class: "article", dataset: { id: a.id, t: String(a.t) } }, heading, meta, text, quoteList);
}

async function loadFeed() {
  const generation = ++feedGeneration;
  await guarded(feed(), async () => {
    const body = await api("/api/articles/recent", {
      limit: FEED_CAP,
      adm1: state.adm1,
      entity: state.entity,
      event_type: state.eventType,
    });
    if (generation !== feedGeneration) return; // a newer filter won
    const list = clear(feed());
    shown.clear();
    const fragment = document.createDocumentFragment();
    for (const a of body.items) {
      const card = articleCard(a);
      shown.set(a.id, card);
      fragment.append(card);
    }
    list.append(fragment);
    if (!body.items.length) list.append(empty("لا أخبار بعد", "no articles yet"));
    feedCount(body.total);
  });
  renderFilters();
}

function feedCount(total) {
  clear(document.getElementById("feed-count")).append(
    `${formatNumber(Math.min(shown.size, FEED_CAP))} / ${formatNumber(Math.max(total ?? 0, shown.size))}`,
  );
}

// Live articles arrive in bursts: they are queued and put in the DOM at most every
// FLUSH_MS (in an animation frame), newest first, so that thousands of them cost a few
// layouts a second, not one per article or per frame.
const FLUSH_MS = 400;
let pending = [];
let frame = 0;
let total = 0;

function arrive(article) {
  total += 1;
  if (!matches(article)) return;
  pending.push(article);
  if (!frame) frame = setTimeout(() => requestAnimationFrame(flush), FLUSH_MS);
}

function flush() {
  frame = 0;
  const batch = pending.slice(-FEED_CAP);
  pending = [];
  const list = feed();
  list.querySelector(":scope > .empty")?.remove();
  const fragment = document.createDocumentFragment();
  // Newest (by event time) first within the batch.
  batch.sort((a, b) => b.t - a.t);
  for (const a of batch) {
    shown.get(a.id)?.remove();
    const card = articleCard(a);
    card.classList.add("new");
    shown.set(a.id, card);
    fragment.append(card);
  }
  list.prepend(fragment);
  while (list.children.length > FEED_CAP) {
    const last = list.lastElementChild;
    shown.delete(last.dataset.id);
    last.remove();
  }
  feedCount(total);
}

// ---- trending, top, stories, alerts, series ----------------------------------

function entityRow(row, extra, surprise) {
  learn({ id: row.key ?? row.id, name_ar: row.name_ar, name_en: row.name_en, type: row.type });
  const id = row.key ?? row.id;
  return el("li", { class: "entity-row", dataset: { entity: id } },
    entityLink(id, el("span", {}, ...names(row.name_ar ?? id, row.name_en))),
    row.type ? el("span", { class: "type", title: row.type, text: ENTITY_TYPES[row.type] ?? row.type }) : null,
    el("span", { class: "count", text: extra }),
    surprise ? el("span", { class: "z", title: "z-score against the baseline", text: surprise }) : null,
  );
}

async function loadTrending() {
  const trending = document.getElementById("trending");
  const top = document.getElementById("top");
  const hours = Math.min(win().hours, 168);
  await Promise.all([
    guarded(trending, async () => {
      const body = await api("/api/trending", { kind: "entity", hours, baseline_hours: hours * 7, min_count: 2, limit: 8 });
      clear(trending);
      for (const t of body.items) trending.append(entityRow(t, formatNumber(t.count), `z ${t.z.toFixed(1)}`));
      if (!body.items.length) trending.append(empty("لا شيء رائج الآن", "nothing trending now"));
    }),
    guarded(top, async () => {
      const body = await api("/api/top", { hours: win().hours, limit: 10 });
      clear(top);
      for (const t of body.items) top.append(entityRow(t, formatNumber(t.mentions)));
      if (!body.items.length) top.append(empty("لا كيانات", "no entities"));
      topEntity = body.items[0]?.id ?? null;
    }),
  ]);
}

let topEntity = null;

async function loadStories() {
  const list = document.getElementById("stories");
  await guarded(list, async () => {
    const query = { limit: 8 };
    if (state.window !== "all") query.hours = win().hours;
    const body = await api("/api/stories", query);
    clear(list);
    for (const s of body.items) {
      for (const e of s.top_entities ?? []) learn(e);
      const killed = s.casualties?.KILLED;
      list.append(
        el("li", { class: "story", dataset: { story: s.id } },
          el("p", { class: "title" }, s.title ? bdi(s.title) : el("span", { class: "untitled", text: "بلا عنوان — untitled" })),
          el("p", { class: "meta" },
            el("span", { text: `${formatNumber(s.articles)} مقالات articles` }),
            el("span", {}, ...(s.sources ?? []).map((x) => bdi(x, "source"))),
            ...(s.adm1 ?? []).map((g) => el("span", { class: "place" }, ...governorateName(g))),
            killed
              ? el("span", {
                class: `killed${killed.disagree ? " disagree" : ""}`,
                title: `${killed.min}–${killed.max}, ${killed.reports} reports`,
                text: `${formatNumber(killed.figure)} ${CASUALTIES.KILLED} killed${killed.disagree ? " (±)" : ""}`,
              })
              : null,
            el("time", { datetime: s.last_seen, text: formatTime(s.last_seen) }),
          ),
          el("p", { class: "story-entities" }, ...(s.top_entities ?? []).slice(0, 5).map((e) => entityLink(e.id, e.name_ar))),
        ),
      );
    }
    if (!body.items.length) list.append(empty("لا قصص", "no stories"));
  });
}

/** Alert id -> element, so that an updated alert replaces its earlier version. */
const alertsShown = new Map();

function alertItem(a) {
  return el("li", { class: `alert k-${a.kind.replace(/[^a-z_]/g, "")}`, dataset: { alert: a.id } },
    el("p", { class: "title" },
      el("span", { class: "kind", title: a.kind, text: ALERT_KINDS[a.kind] ?? a.kind }),
      " ",
      bdi(a.title),
    ),
    el("p", { class: "meta" },
      el("time", { datetime: a.last_updated, text: formatTime(a.last_updated) }),
      a.update > 0 ? el("span", { text: `تحديث ${a.update} update` }) : null,
    ),
  );
}

function showAlert(a, live) {
  const list = document.getElementById("alerts");
  list.querySelector(":scope > .empty")?.remove();
  alertsShown.get(a.id)?.remove();
  const item = alertItem(a);
  if (live) item.classList.add("new");
  alertsShown.set(a.id, item);
  if (live) list.prepend(item);
  else list.append(item);
  while (list.children.length > 50) {
    alertsShown.delete(list.lastElementChild.dataset.alert);
    list.lastElementChild.remove();
  }
}

/** Alerts the stream brought while the list was being read (null when none is read). */
let alertsArriving = null;

async function loadAlerts() {
  const list = document.getElementById("alerts");
  alertsArriving = [];
  try {
    await guarded(list, async () => {
      const body = await api("/api/alerts", { limit: 20 });
      clear(list);
      alertsShown.clear();
      for (const a of body.items) showAlert(a, false);
      if (!body.items.length) list.append(empty("لا تنبيهات", "no alerts"));
    });
  } finally {
    // The answer may predate an alert that arrived meanwhile: show that one again on
    // top, or the list would lose it until the page is loaded anew.
    const arrived = alertsArriving;
    alertsArriving = null;
    for (const a of arrived) showAlert(a, true);
  }
}

async function loadSeries() {
  const box = document.getElementById("series");
  const subject = document.getElementById("series-subject");
  const { bucket, points } = win();
  const query = { bucket, points };
  if (state.entity) query.entity = state.entity;
  else if (state.adm1) query.adm1 = state.adm1;
  else if (topEntity) query.entity = topEntity;
  else {
    clear(box);
    subject.textContent = "اختر كياناً — pick an entity";
    return;
  }
  try {
    const body = await api("/api/timeseries", query);
    clear(subject);
    if (query.entity) subject.append(entityLink(query.entity, el("span", {}, ...names(body.name_ar ?? query.entity, body.name_en))));
    else subject.append(...governorateName(query.adm1));
    subject.append(el("span", { class: "en", lang: "en", text: ` · per ${bucket}` }));
    clear(box).append(seriesChart(body.points));
  } catch (error) {
    subject.textContent = `تعذر التحميل — could not load (${error.message})`;
  }
}

async function loadStats() {
  try {
    const s = await api("/api/stats");
    total = Math.max(total, s.articles);
    status([
      el("span", { text: `${formatNumber(s.articles)} مقالة` }),
      el("span", { class: "en", lang: "en", text: "articles" }),
      el("span", { text: "·" }),
      el("span", { class: "en", lang: "en", text: "clock" }),
      el("time", { datetime: s.clock, text: formatTime(s.clock) }),
    ]);
  } catch {
    /* the status line keeps its last words */
  }
}

// ---- live updates ------------------------------------------------------------

let live = "…";
let statusParts = [];

function status(parts) {
  if (parts) statusParts = parts;
  const node = clear(document.getElementById("status"));
  node.append(
    el("span", { class: `live ${live === "on" ? "on" : "off"}` },
      live === "on" ? "مباشر " : "غير متصل ",
      el("span", { class: "en", lang: "en", text: live === "on" ? "live" : "offline" })),
    ...statusParts,
  );
}

let refreshTimer = 0;

function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    loadMap();
    loadTrending().then(loadSeries);
    loadStories();
    loadStats();
  }, REFRESH_MS);
}

function connect() {
  const source = new EventSource("/api/stream");
  source.addEventListener("open", () => {
    live = "on";
    status();
  });
  source.addEventListener("error", () => {
    // EventSource reconnects by itself; say so meanwhile.
    live = "off";
    status();
  });
  source.addEventListener("article", (e) => {
    try {
      arrive(JSON.parse(e.data));
      refreshSoon();
    } catch {
      /* a message that is not JSON is skipped */
    }
  });
  source.addEventListener("alert", (e) => {
    try {
      const a = JSON.parse(e.data);
      alertsArriving?.push(a);
      showAlert(a, true);
    } catch {
      /* skipped likewise */
    }
  });
}

// ---- start -------------------------------------------------------------------

async function start() {
  for (const b of document.querySelectorAll("#window button")) {
    b.addEventListener("click", () => {
      state.window = b.dataset.window;
      saveState();
      renderFilters();
      loadMap();
      loadTrending().then(loadSeries);
      loadStories();
    });
  }
  document.getElementById("metric").addEventListener("change", (e) => {
    state.metric = e.target.value;
    saveState();
    loadMap();
  });
  document.getElementById("event-type").addEventListener("change", (e) => setFilter("eventType", e.target.value));

  const geojson = await (await fetch("/assets/iraq-adm1.geojson")).json();
  governorateNames = new Map(geojson.features.map((f) => [f.properties.adm1, f.properties]));
  map = governorateMap(geojson, (adm1) => setFilter("adm1", state.adm1 === adm1 ? null : adm1));
  document.getElementById("map").append(map.node);
  renderFilters();

  // Listen first, then read what is there: an article in between shows once (by id).
  connect();
  await Promise.all([loadMap(), loadFeed(), loadTrending().then(loadSeries), loadStories(), loadAlerts(), loadStats()]);
  renderFilters();
  document.body.dataset.ready = "true";
}

start();
