// The event list: one row per canonical event, linking to its event page (filters kept).

import { getJSON } from "./api.js";
import { badge, clear, el, errorBox, figure } from "./dom.js";
import { filterQuery } from "./filters.js";

const PAGE_SIZE = 50;

/** Place of an event as text, most precise first. */
export function placeText(event) {
  return [...new Set([event.location, event.admin2, event.admin1].filter(Boolean))].join(", ") || "unknown place";
}

function row(event, filters) {
  const actors = [event.actor1, event.actor2].filter(Boolean);
  const actorCell = el("td", { class: "actors" });
  actors.forEach((name, i) => {
    if (i) actorCell.appendChild(document.createTextNode(" vs "));
    actorCell.appendChild(el("a", { href: `/actors/${encodeURIComponent(name)}${filterQuery(filters)}`, text: name }));
  });
  const precision = ["", "exact place", "district-level", "province-level"][event.geo_precision] || "";
  return el("tr", { class: "event-row", dataset: { eventId: event.event_id, admin1: event.admin1_code || "" } },
    el("td", { class: "date", text: event.event_date || "undated" }),
    el("td", {}, el("a", { class: "event-link", href: `/events/${encodeURIComponent(event.event_id)}${filterQuery(filters)}`,
      text: event.sub_event_type || event.event_type || "event" })),
    el("td", {}, placeText(event), el("span", { class: "precision", text: precision ? ` (${precision})` : "" })),
    actorCell,
    el("td", { class: "num", title: "killed / injured / detained (best, range)" },
      [figure(event.fatalities_low, event.fatalities_best, event.fatalities_high),
        figure(event.injured_low, event.injured_best, event.injured_high),
        figure(event.detained_low, event.detained_best, event.detained_high)].join(" / ")),
    el("td", {}, badge(event.status), " ", (event.stances || []).filter((s) => s !== "reported" && s !== event.status).map((s) => badge(s))),
    el("td", { class: "num", text: String(event.source_count ?? "") }));
}

/** Load and draw events matching `filters` into `container`, with a "load more" button. */
export async function drawEventList(container, filters, options = {}) {
  const table = el("table", { class: "events-table", id: options.tableId || "event-table" },
    el("thead", {}, el("tr", {}, ["Date", "Event", "Place", "Actors", "Killed / inj. / det.", "Status", "Sources"].map((h, i) => el("th", { text: h, class: i === 4 || i === 6 ? "num" : null })))),
    el("tbody"));
  const heading = el("p", { class: "list-count", id: "event-count", text: "Loading events…" });
  const more = el("button", { type: "button", class: "secondary", text: "Load more", hidden: true });
  clear(container).append(heading, table, more);
  const body = table.tBodies[0];
  let cursor = null;
  const load = async () => {
    try {
      const page = await getJSON("/events", { ...filters, ...(options.extra || {}), limit: PAGE_SIZE, cursor });
      if (page.total !== null && page.total !== undefined) {
        const atLeast = page.total_exact === false ? "at least " : "";  // a capped free-text count
        heading.textContent = `${atLeast}${page.total} event${page.total === 1 ? "" : "s"} match the filters`;
        heading.dataset.total = String(page.total);
      }
      for (const event of page.items) body.appendChild(row(event, filters));
      cursor = page.next_cursor;
      more.hidden = !cursor;
    } catch (error) {
      container.appendChild(errorBox(`Events could not be loaded: ${error.message}`));
    }
  };
  more.addEventListener("click", load);
  await load();
}
