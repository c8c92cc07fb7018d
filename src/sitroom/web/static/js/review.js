// The review page: coded fields (editable, each group with its confidence) beside the sources with
// their evidence highlighted; accept, correct, finalise, reject, send back, reopen, merge, split.
// Keys (outside text boxes): a accept, m accept the machine's waiting values (a reopened event),
// s save corrections, f finalise, r reject, b send back,
// o reopen, n next event in the queue. Every edit names the version it was made on; a stale one
// is refused (409) and the form keeps what you typed.

import { csrfTokenValue, getJSON, getSession, sendJSON } from "./api.js";
import { badge, el, errorBox, fill } from "./dom.js";
import { evidenceSpans, highlightedText } from "./highlight.js";
import { versionList } from "./history.js";

const TEXT = ["admin1", "admin1_code", "admin2", "location", "actor1", "actor2", "claim_by"];
const NUMBERS = ["latitude", "longitude", "fatalities_low", "fatalities_best", "fatalities_high"];
const LISTS = ["assoc_actors", "tags"];
const GROUPS = {
  event_type: "event_type", sub_event_type: "event_type", event_date: "date", time_precision: "date",
  admin1: "place", admin1_code: "place", admin2: "place", location: "place", latitude: "place", longitude: "place", geo_precision: "place",
  actor1: "actors", actor2: "actors", assoc_actors: "actors", fatalities_low: "fatalities", fatalities_best: "fatalities",
  fatalities_high: "fatalities", claim_stance: "stance", claim_by: "stance", tags: "event_type",
};
const CHOICES = {
  time_precision: [["1", "day"], ["2", "week"], ["3", "month"]],
  geo_precision: [["1", "named place"], ["2", "district"], ["3", "province"]],
  claim_stance: [["reported", "reported"], ["claimed", "claimed"], ["denied", "denied"], ["confirmed", "confirmed"]],
};
const LABELS = {
  event_type: "Type", sub_event_type: "Sub-type", event_date: "Date", time_precision: "Date precision", admin1: "Province",
  admin1_code: "Province code", admin2: "District", location: "Place", latitude: "Latitude", longitude: "Longitude",
  geo_precision: "Place precision", actor1: "Actor 1", actor2: "Actor 2", assoc_actors: "Associated actors",
  fatalities_low: "Killed (low)", fatalities_best: "Killed (best)", fatalities_high: "Killed (high)", claim_stance: "Stance",
  claim_by: "Stance held by", tags: "Tags",
};
const FIELDS = Object.keys(LABELS);
let state = null;  // {data, taxonomy, original}

function eventId() {
  return decodeURIComponent(window.location.pathname.replace(/^\/review\//, ""));
}

function original(event) {
  const values = {};
  for (const name of FIELDS) values[name] = event[name] ?? null;
  return values;
}

function asText(value) {
  if (value === null || value === undefined) return "";
  return Array.isArray(value) ? value.join(", ") : String(value);
}

function select(name, options, value) {
  return el("select", { id: `f-${name}`, name }, options.map(([v, label]) => el("option", { value: v, text: label, selected: v === asText(value) ? "selected" : null })));
}

function input(name, value, taxonomy) {
  if (name === "event_type") return select(name, [["", "–"], ...Object.keys(taxonomy).map((t) => [t, t])], value);
  if (name === "sub_event_type") {
    const type = state.original.event_type;
    return select(name, [["", "–"], ...(taxonomy[type] || []).map((t) => [t, t])], value);
  }
  if (CHOICES[name]) return select(name, CHOICES[name], value);
  if (name === "event_date") return el("input", { id: `f-${name}`, name, type: "date", value: asText(value) });
  if (NUMBERS.includes(name)) return el("input", { id: `f-${name}`, name, type: "number", step: "any", value: asText(value) });
  return el("input", { id: `f-${name}`, name, value: asText(value), maxlength: "300" });
}

function confidence(group) {
  const info = state.data.confidence && state.data.confidence.fields[group];
  if (!info) return null;
  const level = info.score >= 0.7 ? "high" : info.score >= 0.4 ? "mid" : "low";
  return el("span", { class: `conf conf-${level}`, title: info.reason, text: `${Math.round(info.score * 100)}%` });
}

function fieldsForm(taxonomy) {
  const rows = FIELDS.map((name) => el("div", { class: "field-row", dataset: { field: name } },
    el("label", { for: `f-${name}`, text: LABELS[name] }), input(name, state.original[name], taxonomy), confidence(GROUPS[name])));
  const typeSelect = rows[0].querySelector("select");
  typeSelect.addEventListener("change", () => {
    const sub = document.getElementById("f-sub_event_type");
    sub.replaceChildren(...[["", "–"], ...(taxonomy[typeSelect.value] || []).map((t) => [t, t])].map(([v, l]) => el("option", { value: v, text: l })));
  });
  // The token also rides in the X-CSRF-Token header of every request this form makes.
  const token = el("input", { type: "hidden", name: "csrf_token", id: "form-csrf", value: csrfTokenValue() || "" });
  return el("form", { id: "fields-form", class: "fields-form" }, token, rows);
}

const PLACE_FIELDS = ["admin1", "admin1_code", "admin2", "location", "latitude", "longitude", "geo_precision"];

/** Fill the place fields from a gazetteer place (location: the place's own name unless it is a province). */
function usePlace(place) {
  const values = { ...place, location: place.level === "admin1" ? null : place.name, admin2: place.admin2 || null };
  for (const name of PLACE_FIELDS) document.getElementById(`f-${name}`).value = asText(values[name]);
}

async function findPlace() {
  const name = document.getElementById("place-search").value.trim();
  if (!name) return;
  let found;
  try {
    found = await getJSON("/review/places", { name });
  } catch (error) {
    return fill("place-results", errorBox(error.message));
  }
  fill("place-results", found.items.length ? found.items.map((place) => el("button", {
    type: "button", class: "secondary place-choice", dataset: { placeId: place.place_id }, onclick: () => usePlace(place),
    text: `${place.name} (${place.level === "populated" ? "place" : place.level === "admin2" ? "district" : "province"}, ${place.admin1 || "?"})`,
  })) : el("span", { class: "empty", text: "No such place in the gazetteer." }));
}

function placePicker() {
  const search = el("input", { id: "place-search", placeholder: "find a place (any spelling)" });
  search.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); findPlace(); } });
  return el("div", { class: "place-picker" }, search, el("button", { type: "button", class: "secondary", id: "find-place", text: "Find", onclick: findPlace }),
    el("div", { id: "place-results" }));
}

/** The fields the form changes, typed as the API wants them. */
function corrections() {
  const changed = {};
  for (const name of FIELDS) {
    const node = document.getElementById(`f-${name}`);
    if (!node || node.value === asText(state.original[name])) continue;
    let value = node.value.trim();
    if (NUMBERS.includes(name) || name.endsWith("_precision")) value = value === "" ? null : Number(value);
    else if (LISTS.includes(name)) value = value ? value.split(",").map((v) => v.trim()).filter(Boolean) : [];
    else if (value === "") value = null;
    changed[name] = value;
  }
  return changed;
}

function why() {
  return document.getElementById("why").value.trim() || null;
}

function message(text, kind = "ok") {
  fill("review-status", el("span", { class: kind === "ok" ? "ok" : "error", text }));
}

function handle(error) {
  if (error.status === 409) {
    fill("conflict", errorBox(`Conflict: ${error.message}`),
      el("button", { type: "button", class: "secondary", id: "reload", text: "Reload the event (your edits are kept below)", onclick: () => reload(true) }));
  } else {
    message(error.message, "error");
  }
}

async function act(action) {
  const edits = corrections();
  if (action === "correct" && !Object.keys(edits).length) return message("Nothing changed.", "error");
  try {
    await sendJSON("POST", `/review/events/${encodeURIComponent(eventId())}`,
      { action, version: state.data.review.version, why: why(), corrections: action === "accept" || action === "correct" ? edits : {} });
  } catch (error) {
    return handle(error);
  }
  if (action === "accept" && nextEvent()) return window.location.assign(`/review/${encodeURIComponent(nextEvent())}`);
  await reload();
  message(`Done: ${action.replace("_", " ")}.`);
}

async function merge() {
  const other = document.getElementById("merge-id").value.trim();
  if (!other) return message("Give the id of the event to merge into this one.", "error");
  const versions = { [eventId()]: state.data.review.version };
  try {
    const other_review = await getJSON(`/review/events/${encodeURIComponent(other)}`);
    versions[other] = other_review.review.version;
    await sendJSON("POST", "/review/merge", { event_ids: [eventId(), other], versions, why: why() || "same incident" });
  } catch (error) {
    return handle(error);
  }
  await reload();
  message(`Merged ${other} into this event.`);
}

async function split() {
  const picked = [...document.querySelectorAll("input.split-pick:checked")].map((box) => box.value);
  if (!picked.length) return message("Tick the sources to split off.", "error");
  let answer;
  try {
    answer = await sendJSON("POST", `/review/events/${encodeURIComponent(eventId())}/split`,
      { mention_ids: picked, version: state.data.review.version, why: why() || "a different incident" });
  } catch (error) {
    return handle(error);
  }
  await reload();
  fill("review-status", el("span", { class: "ok" }, "Split into ",
    el("a", { href: `/review/${encodeURIComponent(answer.new_event_id)}`, id: "split-result", text: answer.new_event_id })));
}

function nextEvent() {
  const queue = JSON.parse(sessionStorage.getItem("sitroom-queue") || "[]");
  const index = queue.indexOf(eventId());
  return index >= 0 && index + 1 < queue.length ? queue[index + 1] : null;
}

function machinePanel(review) {
  // A reopened event keeps its reviewed values; the machine's new ones wait here until a reviewer takes them.
  const waiting = review.review_pending || {};
  const names = Object.keys(waiting).sort();
  if (!names.length) return null;
  const reviewed = state.original;
  return el("section", { class: "panel machine-values", id: "machine-values" },
    el("h2", { text: "The machine's new values (waiting)" }),
    el("p", { class: "legend-note", text: "A new source or re-extraction moved these fields. The event keeps its reviewed values until a reviewer accepts the machine's (m) or accepts the event as it is (a)." }),
    el("table", { class: "machine-table" },
      el("thead", {}, el("tr", {}, el("th", { text: "field" }), el("th", { text: "reviewed (kept)" }), el("th", { text: "machine" }))),
      el("tbody", {}, names.map((name) => el("tr", { dataset: { field: name } },
        el("th", { text: name }), el("td", { class: "reviewed-value", text: asText(reviewed[name]) }),
        el("td", { class: "machine-value", text: asText(waiting[name]) }))))));
}

function buttons(can, status, review) {
  const waiting = Object.keys(review.review_pending || {}).length > 0;
  const list = [
    ["accept", "Accept (a)", can.accept && ["suggested", "sent_back"].includes(status)],
    ["accept_machine", "Accept machine values (m)", can.accept_machine && waiting && ["suggested", "sent_back"].includes(status)],
    ["correct", "Save corrections (s)", can.correct],
    ["finalise", "Finalise (f)", can.finalise && status === "reviewed"],
    ["reject", "Reject: no event (r)", can.reject && ["suggested", "sent_back", "reviewed"].includes(status)],
    ["send_back", "Send back (b)", can.send_back && ["suggested", "reviewed"].includes(status)],
    ["reopen", "Reopen (o)", can.reopen && status !== "suggested"],
  ];
  return el("div", { class: "review-actions" }, list.filter(([, , shown]) => shown).map(([action, label]) =>
    el("button", { type: "button", id: `do-${action}`, dataset: { action }, text: label, onclick: () => act(action) })));
}

function sourceCard(mention, text) {
  const doc = mention.document || {};
  return el("article", { class: "source", dataset: { mentionId: mention.mention_id, docId: mention.doc_id } },
    el("header", {}, badge(mention.stance || "reported"), " ", el("strong", { class: "doc-title", text: doc.title || mention.doc_id }),
      el("div", { class: "doc-meta", text: [doc.publisher, doc.source_kind, doc.published, mention.mention_id].filter(Boolean).join(" · ") }),
      state.data.can.split ? el("label", { class: "check" }, el("input", { type: "checkbox", class: "split-pick", value: mention.mention_id }), " split off") : null),
    text === null ? errorBox("The document's text could not be loaded.") : highlightedText(text, evidenceSpans(mention.evidence)));
}

async function texts(mentions) {
  const found = new Map();
  await Promise.all([...new Set(mentions.map((m) => m.doc_id))].map(async (docId) => {
    try { found.set(docId, (await getJSON(`/documents/${encodeURIComponent(docId)}`)).text); } catch (error) { found.set(docId, null); }
  }));
  return found;
}

function render(data, taxonomy, documents, keepEdits) {
  const edits = keepEdits ? corrections() : {};
  const event = data.event, review = data.review;
  state = { data, taxonomy, original: original(event) };
  const mentions = event.mentions || [];
  const writer = Object.values(data.can).some(Boolean);
  fill("review",
    el("section", { class: "panel review-head" },
      el("h1", { id: "event-title", text: `${event.sub_event_type || event.event_type || "Event"} · ${event.event_date || "undated"}` }),
      el("p", {}, "Review: ", badge(review.status), el("span", { id: "review-version", dataset: { version: String(review.version) }, text: ` version ${review.version}` }),
        data.confidence ? ` · confidence ${Math.round(data.confidence.confidence * 100)}% · priority ${data.confidence.priority}` : "",
        review.reviewed_by ? ` · accepted by ${review.reviewed_by}` : "", review.finalised_by ? ` · finalised by ${review.finalised_by}` : ""),
      review.comment ? el("p", { class: "comment", id: "review-comment", text: review.comment }) : null,
      el("p", { class: "legend-note", text: `Event ${event.event_id} · claim status ${event.status} · ${mentions.length} source(s)` })),
    machinePanel(review),
    el("div", { class: "review-grid" },
      el("section", { class: "panel" }, el("h2", { text: "Coded fields" }), fieldsForm(taxonomy), writer ? placePicker() : null,
        writer ? el("div", {}, el("label", { for: "why", text: "Why (comment, required to reject, send back or reopen)" }),
          el("textarea", { id: "why", rows: "2", maxlength: "2000" }), buttons(data.can, review.status, review),
          el("div", { id: "conflict" }), el("p", { id: "review-status", role: "status" }),
          data.can.merge ? el("div", { class: "merge-box" }, el("label", { for: "merge-id", text: "Merge another event into this one: " }),
            el("input", { id: "merge-id", placeholder: "ev-…" }), el("button", { type: "button", id: "do-merge", class: "secondary", text: "Merge", onclick: merge }),
            el("button", { type: "button", id: "do-split", class: "secondary", text: "Split ticked sources off", onclick: split })) : null)
          : el("p", { class: "empty", id: "read-only", text: "Read-only: your role cannot change events." })),
      el("section", { class: "panel", id: "sources" }, el("h2", { text: `Sources (${mentions.length})` }),
        mentions.map((m) => sourceCard(m, documents.get(m.doc_id) ?? null)))),
    el("section", { class: "panel" }, el("h2", { text: "History" }),
      data.versions.length ? versionList(data.versions) : el("p", { class: "empty", text: "No review yet." })));
  for (const [name, value] of Object.entries(edits)) {
    const node = document.getElementById(`f-${name}`);
    if (node) node.value = asText(value);
  }
}

async function reload(keepEdits = false) {
  const [data, taxonomy] = await Promise.all([getJSON(`/review/events/${encodeURIComponent(eventId())}`), getJSON("/review/taxonomy")]);
  render(data, taxonomy.event_types, await texts(data.event.mentions || []), keepEdits);
  document.body.dataset.version = String(data.review.version);
}

function keyboard() {
  const keys = { a: "accept", m: "accept_machine", s: "correct", f: "finalise", r: "reject", b: "send_back", o: "reopen" };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, select, textarea")) return;
    if (event.key === "n" && nextEvent()) return window.location.assign(`/review/${encodeURIComponent(nextEvent())}`);
    const button = keys[event.key] && document.getElementById(`do-${keys[event.key]}`);
    if (button) { event.preventDefault(); button.click(); }
  });
}

async function main() {
  document.body.dataset.page = "review";
  try {
    await getSession();
    await reload();
  } catch (error) {
    fill("review", errorBox(`Event could not be loaded: ${error.message}`));
    return;
  }
  keyboard();
  document.body.dataset.ready = "true";
}

main();
