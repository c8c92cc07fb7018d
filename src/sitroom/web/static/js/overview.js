// The overview: filter bar, surge alerts, map, weekly timeline and event list, all driven by
// the filters in the URL.

import { getAll, getJSON } from "./api.js";
import { el, errorBox, fill } from "./dom.js";
import { currentFilters, filterQuery, onFiltersChange, renderFilterBar, setFilters } from "./filters.js";
import { drawMap } from "./map.js";
import { drawTimeline } from "./timeline.js";
import { drawEventList } from "./eventlist.js";
import { drawSurges, loadSurges } from "./alerts.js";

const MAP_EVENT_LIMIT = 1500;
const PROVINCE_FILTERS = ["start_date", "end_date", "event_type", "actor", "status"];

function pick(filters, keys) {
  return Object.fromEntries(keys.filter((k) => filters[k]).map((k) => [k, filters[k]]));
}

async function timelineSeries(filters) {
  const summary = await getJSON("/stats/summary", filters);
  const types = Object.keys(summary.by_event_type || {}).filter(Boolean);
  const series = {};
  await Promise.all(types.map(async (type) => {
    const page = await getJSON("/stats/timeseries", { ...filters, event_type: type, interval: "week" });
    series[type] = page.items;
  }));
  return { summary, series };
}

async function drawSummary(summary, filters) {
  const page = await getJSON("/events", { ...filters, limit: 1 });
  const matching = page.total_exact === false ? `${page.total}+` : String(page.total);  // "+": at least
  fill("summary",
    el("span", { class: "big", id: "summary-events", text: matching }),
    ` of ${summary.events} events match the filters · ${summary.documents} documents, ${summary.mentions} event reports in the database`);
}

/** The provinces with most matching events, as bars; a click filters to the province. */
function drawRanking(geojson, surging, filters) {
  const provinces = geojson.features.map((f) => f.properties).filter((p) => p.events).sort((a, b) => b.events - a.events);
  const max = Math.max(1, ...provinces.map((p) => p.events));
  fill("province-ranking", provinces.length ? el("ul", { class: "ranking", id: "ranking-list" }, provinces.slice(0, 12).map((p) => {
    const bar = el("span", { class: "rank-bar" });
    bar.style.width = `${Math.round((p.events / max) * 100)}%`;
    const button = el("button", { type: "button", class: "link", text: p.name, dataset: { code: p.code } });
    button.addEventListener("click", () => setFilters({ admin1: filters.admin1 === p.code ? null : p.code }));
    return el("li", { class: filters.admin1 === p.code ? "selected" : null }, button,
      el("span", { class: "surge-flag", title: surging.has(p.code) ? "surge flagged" : null, text: surging.has(p.code) ? "▲" : "" }),
      el("span", { class: "rank-count", text: ` ${p.events}` }), el("span", { class: "rank-track" }, bar));
  })) : el("p", { class: "empty", text: "No events match the filters." }));
}

async function render(filters) {
  document.body.dataset.ready = "false";
  const surgesPromise = loadSurges(filters).catch((error) => error);
  const mapPromise = Promise.all([
    getJSON("/places/provinces.geojson", pick(filters, PROVINCE_FILTERS)),
    getAll("/events", { ...filters, limit: 500 }, MAP_EVENT_LIMIT),
  ]);
  const listPromise = drawEventList(document.getElementById("event-list"), filters);
  try {
    const { summary, series } = await timelineSeries(filters);
    await drawSummary(summary, filters);
    drawTimeline(document.getElementById("timeline"), series, (monday) => {
      const end = new Date(Date.parse(monday) + 6 * 86400000).toISOString().slice(0, 10);
      setFilters({ start_date: monday, end_date: end });
    });
  } catch (error) {
    fill("timeline", errorBox(`Timeline could not be loaded: ${error.message}`));
  }
  const surges = await surgesPromise;
  drawSurges(document.getElementById("alerts"), surges, filters, (surge) =>
    setFilters({ admin1: surge.province, start_date: surge.week, end_date: surge.week_end }));
  try {
    const [geojson, events] = await mapPromise;
    const surging = new Set(surges instanceof Error ? [] : surges.surges.map((s) => s.province));
    await drawMap(document.getElementById("map"), {
      geojson, events: events.items, surges: surging, selected: filters.admin1 || null,
      onProvince: (code, selected) => setFilters({ admin1: selected ? null : code }),
      onEvent: (event) => window.location.assign(`/events/${encodeURIComponent(event.event_id)}${filterQuery(currentFilters())}`),
    });
    drawRanking(geojson, surging, filters);
    fill("map-note", events.truncated ? `Map shows the ${events.items.length} newest of ${events.total} matching events.` : "");
  } catch (error) {
    fill("map", errorBox(`Map could not be loaded: ${error.message}`));
  }
  await listPromise;
  document.body.dataset.ready = "true";
}

async function main() {
  document.body.dataset.page = "overview";
  document.body.dataset.filtersHere = "true";
  onFiltersChange(render);
  renderFilterBar();
  await render(currentFilters());
}

main();
