// "New since": documents stored since a moment (default: your previous visit to this page)
// and the events they report.

import { getJSON } from "./api.js";
import { badge, el, errorBox, fill } from "./dom.js";
import { currentFilters, filterQuery, renderFilterBar } from "./filters.js";

const LAST_VISIT_KEY = "sitroom.newSince.lastVisit";
const MAX_DOCUMENTS = 200;

function sinceFromUrl() {
  return new URLSearchParams(window.location.search).get("since");
}

/** A Date as the local "YYYY-MM-DDTHH:MM" a datetime-local input shows. */
function localInputValue(date) {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return shifted.toISOString().slice(0, 16);
}

async function newDocuments(sinceMs) {
  const found = [];
  let cursor = null;
  do {
    const page = await getJSON("/documents", { limit: 100, cursor, with_total: "false" });
    for (const doc of page.items) {
      if (doc.stored_at && Date.parse(doc.stored_at) < sinceMs) return found;
      found.push(doc);
    }
    cursor = page.next_cursor;
  } while (cursor && found.length < MAX_DOCUMENTS);
  return found;
}

function sinceForm(since) {
  const input = el("input", { type: "datetime-local", id: "since-input", value: localInputValue(since) });
  const form = el("form", { class: "filters", id: "since-form" }, el("label", { class: "filter-field" }, el("span", { text: "New since" }), input),
    el("button", { type: "submit", text: "Show" }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams(window.location.search);
    params.set("since", input.value);
    window.location.search = params.toString();
  });
  return form;
}

async function main() {
  document.body.dataset.page = "new";
  renderFilterBar();
  const filters = currentFilters();
  const previous = window.localStorage.getItem(LAST_VISIT_KEY);
  const parsed = Date.parse(sinceFromUrl() || previous || "");
  const since = new Date(Number.isNaN(parsed) ? Date.now() - 7 * 86400000 : parsed);
  window.localStorage.setItem(LAST_VISIT_KEY, new Date().toISOString());
  fill("since", sinceForm(since));
  let docs;
  try {
    docs = await newDocuments(since.getTime());
  } catch (error) {
    fill("new-items", errorBox(`New documents could not be loaded: ${error.message}`));
    return;
  }
  const details = await Promise.all(docs.slice(0, 50).map((d) => getJSON(`/documents/${encodeURIComponent(d.doc_id)}`).catch(() => null)));
  fill("new-items",
    el("p", { class: "list-count", id: "new-count", text: `${docs.length} document${docs.length === 1 ? "" : "s"} stored since ${since.toLocaleString()}` }),
    el("ul", { class: "new-docs" }, docs.map((doc, i) => {
      const detail = details[i];
      const events = detail ? detail.event_ids || [] : [];
      return el("li", { class: "new-doc" },
        el("div", {}, badge(doc.source_kind), " ", el("strong", { text: doc.title || doc.doc_id })),
        el("div", { class: "doc-meta", text: [doc.publisher, doc.published, `stored ${doc.stored_at}`, `${doc.mention_count} mentions`].filter(Boolean).join(" · ") }),
        events.length ? el("div", {}, "Events: ", events.flatMap((id, j) => [j ? ", " : "",
          el("a", { href: `/events/${encodeURIComponent(id)}${filterQuery(filters)}`, text: id })])) : null);
    })));
  document.body.dataset.ready = "true";
}

main();
