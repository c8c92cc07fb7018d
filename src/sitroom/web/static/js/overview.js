// The overview: filter bar, surge alerts, map, weekly timeline and event list, all driven by
// the filters in the URL.

import { getAll, getJSON } from "./api.js";
import { badge, el, errorBox, fill } from "./dom.js";
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

function drawSummary(summary) {
  fill("summary",
    el("span", { class: "big", id: "summary-events", text: String(summary.events) }), " events from ",
    el("span", { class: "big", text: String(summary.documents) }), " documents  ",
    Object.entries(summary.by_status || {}).map(([status, n]) => el("span", { class: "chip" }, badge(status), ` ${n}`)));
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
    drawSummary(summary);
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
    drawMap(document.getElementById("map"), {
      geojson, events: events.items, surges: surging, selected: filters.admin1 || null,
      onProvince: (code, selected) => setFilters({ admin1: selected ? null : code }),
      onEvent: (event) => window.location.assign(`/events/${encodeURIComponent(event.event_id)}${filterQuery(currentFilters())}`),
    });
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
