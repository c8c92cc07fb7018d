// The filter bar shared by every view. The URL's query string holds the filters, so any view
// can be bookmarked or shared; the names are the API's own filter parameters.

import { getJSON } from "./api.js";
import { el, fill } from "./dom.js";

export const FILTER_KEYS = ["start_date", "end_date", "admin1", "event_type", "actor", "status", "source_kind", "q"];
const STATUSES = ["reported", "claimed", "contested", "independently-reported", "confirmed"];
const SOURCE_KINDS = ["news", "claim", "official", "ngo", "social"];

const listeners = [];

/** Return the filters in the current URL as an object (only non-empty keys). */
export function currentFilters() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** Return "?..." holding the given filters (for links that keep the filters). */
export function filterQuery(filters) {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) search.set(key, filters[key]);
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Call `listener(filters)` whenever the filters change (bar, map click, back button). */
export function onFiltersChange(listener) {
  listeners.push(listener);
}

/** Merge `changes` into the URL's filters (null removes a key) and notify listeners. */
export function setFilters(changes) {
  const filters = { ...currentFilters(), ...changes };
  for (const key of Object.keys(filters)) if (!filters[key]) delete filters[key];
  if (!document.body.dataset.filtersHere) {
    // Views without their own results (event page) send filter changes to the overview.
    window.location.assign(`/${filterQuery(filters)}`);
    return;
  }
  window.history.pushState(null, "", `${window.location.pathname}${filterQuery(filters)}`);
  notify();
}

function notify() {
  const filters = currentFilters();
  syncBar(filters);
  for (const listener of listeners) listener(filters);
}

window.addEventListener("popstate", notify);

function field(label, control) {
  return el("label", { class: "filter-field" }, el("span", { text: label }), control);
}

function select(name, options, emptyLabel) {
  return el("select", { name, id: `filter-${name}` },
    el("option", { value: "", text: emptyLabel }),
    options.map(([value, label]) => el("option", { value, text: label })));
}

/** Draw the filter bar into #filter-bar; options (provinces, types, actors) come from the API. */
export async function renderFilterBar() {
  const form = el("form", { id: "filters", class: "filters", role: "search" },
    field("From", el("input", { type: "date", name: "start_date", id: "filter-start_date" })),
    field("To", el("input", { type: "date", name: "end_date", id: "filter-end_date" })),
    field("Province", select("admin1", [], "all provinces")),
    field("Event type", select("event_type", [], "all types")),
    field("Actor", el("input", { type: "text", name: "actor", id: "filter-actor", list: "actor-names", placeholder: "any actor" })),
    field("Status", select("status", STATUSES.map((s) => [s, s]), "any status")),
    field("Source", select("source_kind", SOURCE_KINDS.map((s) => [s, s]), "any source")),
    field("Text", el("input", { type: "search", name: "q", id: "filter-q", placeholder: "words in reports" })),
    el("div", { class: "filter-buttons" },
      el("button", { type: "submit", text: "Apply" }),
      el("button", { type: "button", id: "filter-clear", class: "secondary", text: "Clear" })),
    el("datalist", { id: "actor-names" }));
  fill("filter-bar", form);
  form.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT" || event.target.type === "date") applyForm(form);
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); applyForm(form); });
  document.getElementById("filter-clear").addEventListener("click", () => {
    const cleared = {};
    for (const key of FILTER_KEYS) cleared[key] = null;
    setFilters(cleared);
  });
  syncBar(currentFilters(), false);
  await loadOptions();
  syncBar(currentFilters());
}

function applyForm(form) {
  const changes = {};
  for (const key of FILTER_KEYS) changes[key] = form.elements[key].value.trim() || null;
  setFilters(changes);
}

function syncBar(filters, addMissing = true) {
  const form = document.getElementById("filters");
  if (!form) return;
  for (const key of FILTER_KEYS) {
    const control = form.elements[key];
    if (!control) continue;
    const value = filters[key] || "";
    if (addMissing && control.tagName === "SELECT" && value && ![...control.options].some((o) => o.value === value)) {
      control.appendChild(el("option", { value, text: value }));  // e.g. a code typed into the URL
    }
    control.value = value;
  }
}

async function loadOptions() {
  try {
    const [provinces, summary, actors] = await Promise.all([
      getJSON("/places/provinces"), getJSON("/stats/summary"), getJSON("/actors", { limit: 300 }),
    ]);
    const provinceSelect = document.getElementById("filter-admin1");
    const named = provinces.items.filter((p) => p.code).sort((a, b) => a.name.localeCompare(b.name));
    for (const p of named) provinceSelect.appendChild(el("option", { value: p.code, text: `${p.name} (${p.events})` }));
    const typeSelect = document.getElementById("filter-event_type");
    for (const name of Object.keys(summary.by_event_type || {}).filter(Boolean).sort()) {
      typeSelect.appendChild(el("option", { value: name, text: name }));
    }
    const list = document.getElementById("actor-names");
    for (const actor of actors.items) list.appendChild(el("option", { value: actor.name }));
  } catch (error) {
    fill("filter-status", `Filter options could not be loaded: ${error.message}`);
  }
}
