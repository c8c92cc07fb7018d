// The actor page: activity over time, claimed vs independently confirmed events and
// casualties, counterparts, and the actor's events.

import { getJSON } from "./api.js";
import { badge, clear, el, errorBox, fill, svg } from "./dom.js";
import { currentFilters, filterQuery, renderFilterBar } from "./filters.js";
import { drawEventList } from "./eventlist.js";

const STANCES = ["claimed", "confirmed", "denied", "reported"];

function actorName() {
  return decodeURIComponent(window.location.pathname.replace(/^\/actors\//, ""));
}

/** Fill the gaps between "YYYY-MM" periods so the chart's axis is continuous. */
export function continuousMonths(activity) {
  if (!activity.length) return [];
  const byPeriod = new Map(activity.map((a) => [a.period, a]));
  const [y0, m0] = activity[0].period.split("-").map(Number);
  const [y1, m1] = activity[activity.length - 1].period.split("-").map(Number);
  const result = [];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y++, m = 1) : m++) {
    const period = `${y}-${String(m).padStart(2, "0")}`;
    result.push(byPeriod.get(period) || { period, events: 0, fatalities_best: 0 });
  }
  return result;
}

function activityChart(activity) {
  const months = continuousMonths(activity);
  if (!months.length) return el("p", { class: "empty", text: "No dated events." });
  const width = 900, height = 160, left = 30, bottom = 22;
  const max = Math.max(1, ...months.map((m) => m.events));
  const step = (width - left) / months.length;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "timeline", id: "actor-activity", role: "img", "aria-label": "Events per month" });
  const plot = height - bottom - 6;
  months.forEach((month, i) => {
    const h = (month.events / max) * plot;
    root.appendChild(svg("rect", { x: (left + i * step).toFixed(1), y: (6 + plot - h).toFixed(1), width: Math.max(1, step * 0.8).toFixed(1), height: h.toFixed(1), class: "bar" },
      svg("title", { text: `${month.period}: ${month.events} events, ${month.fatalities_best || 0} killed (best)` })));
    if (i === 0 || month.period.endsWith("-01")) {
      root.appendChild(svg("text", { x: (left + i * step).toFixed(1), y: height - 6, text: month.period.slice(0, month.period.endsWith("-01") ? 4 : 7) }));
    }
  });
  root.appendChild(svg("text", { x: 0, y: 14, text: String(max) }));
  root.appendChild(svg("text", { x: 0, y: plot + 6, text: "0" }));
  return root;
}

function claimsTable(ledger) {
  const cell = (value) => el("td", { class: "num", text: value === null || value === undefined ? "–" : String(value) });
  return el("table", { class: "ledger", id: "claims-vs-confirmed" },
    el("thead", {}, el("tr", {}, ["Stance", "Events", "Source reports", "Killed", "Injured", "Detained"].map((h, i) => el("th", { text: h, class: i ? "num" : null })))),
    el("tbody", {}, STANCES.filter((s) => ledger[s]).map((stance) => {
      const row = ledger[stance];
      return el("tr", { dataset: { stance } }, el("td", {}, badge(stance)), cell(row.events), cell(row.sources),
        cell(row.fatalities), cell(row.injured), cell(row.detained));
    })));
}

function headline(ledger) {
  const claimed = ledger.claimed || {};
  const confirmed = ledger.confirmed || {};
  return el("p", { class: "headline" },
    el("strong", { text: `${claimed.events || 0}` }), " events with a claim (", `${claimed.fatalities || 0} killed claimed`, ") · ",
    el("strong", { text: `${confirmed.events || 0}` }), " independently confirmed (", `${confirmed.fatalities || 0} killed confirmed`, ")");
}

async function main() {
  document.body.dataset.page = "actor";
  renderFilterBar();
  const filters = currentFilters();
  const name = actorName();
  fill("back-link", el("a", { href: `/${filterQuery(filters)}`, text: "← back to the overview" }));
  document.title = `${name} · sitroom`;
  let actor;
  try {
    actor = await getJSON(`/actors/${encodeURIComponent(name)}`, { start_date: filters.start_date, end_date: filters.end_date });
  } catch (error) {
    fill("actor", errorBox(`Actor could not be loaded: ${error.message}`));
    return;
  }
  const ledger = actor.claimed_vs_confirmed || {};
  fill("actor",
    el("section", { class: "panel" },
      el("h1", { id: "actor-name", text: actor.name }),
      el("p", { class: "doc-meta", text: [actor.category, `${actor.events} events`, `${actor.first_date || "?"} to ${actor.last_date || "?"}`,
        `${actor.fatalities_best ?? 0} killed (best estimates)`].filter(Boolean).join(" · ") })),
    el("section", { class: "panel" }, el("h2", { text: "Activity per month" }), activityChart(actor.activity || [])),
    el("section", { class: "panel" }, el("h2", { text: "Claimed vs independently confirmed" }), headline(ledger), claimsTable(ledger),
      el("p", { class: "legend-note", text: "Events: the actor's events with at least one source holding that stance. Figures: per event, the highest figure a source with that stance gives." })),
    el("section", { class: "panel" }, el("h2", { text: "Appears with" }),
      el("ul", { class: "counterparts" }, (actor.counterparts || []).map((c) => el("li", {},
        el("a", { href: `/actors/${encodeURIComponent(c.name)}${filterQuery(filters)}`, text: c.name }), ` (${c.events})`)))),
    el("section", { class: "panel" }, el("h2", { text: "Events" }), el("div", { id: "event-list" })));
  await drawEventList(document.getElementById("event-list"), { ...filters, actor: actor.name });
  document.body.dataset.ready = "true";
}

main();
