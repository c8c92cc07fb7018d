// The review queue: events waiting for review, most urgent first, each with its field confidences.
// Keys: j / k move the selection, Enter opens the selected event.

import { getJSON } from "./api.js";
import { badge, el, errorBox, fill } from "./dom.js";

const STATUSES = ["suggested", "sent_back", "reviewed", "finalised", "rejected"];
const SORTS = [["priority", "most urgent"], ["confidence", "lowest confidence"], ["fatalities", "most killed"],
  ["confidence.place", "least sure place"], ["confidence.date", "least sure date"], ["confidence.actors", "least sure actors"],
  ["confidence.event_type", "least sure type"], ["confidence.fatalities", "least sure figures"]];
const FIELDS = ["event_type", "date", "place", "actors", "fatalities", "stance"];

function params() {
  const search = new URLSearchParams(window.location.search);
  return { status: search.getAll("status").length ? search.getAll("status") : ["suggested", "sent_back"], sort: search.get("sort") || "priority" };
}

function controls(current) {
  const statusBox = el("div", { class: "filter-field" }, "Status",
    el("div", {}, STATUSES.map((status) => el("label", { class: "check" },
      el("input", { type: "checkbox", name: "status", value: status, checked: current.status.includes(status) ? "checked" : null }), ` ${status} `))));
  const sort = el("select", { id: "queue-sort", name: "sort" }, SORTS.map(([value, label]) =>
    el("option", { value, text: label, selected: value === current.sort ? "selected" : null })));
  const form = el("form", { class: "filters", id: "queue-form" }, statusBox, el("label", { class: "filter-field" }, "Order", sort),
    el("div", { class: "filter-buttons" }, el("button", { type: "submit", text: "Show" })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const search = new URLSearchParams();
    for (const box of form.querySelectorAll("input[name=status]:checked")) search.append("status", box.value);
    search.set("sort", sort.value);
    window.location.search = search.toString();
  });
  return form;
}

function meter(field, info) {
  const level = info.score >= 0.7 ? "high" : info.score >= 0.4 ? "mid" : "low";
  return el("span", { class: `conf conf-${level}`, title: `${field}: ${info.reason}`, dataset: { field, score: String(info.score) },
    text: `${field.replace("_", " ")} ${Math.round(info.score * 100)}` });
}

function row(item, index) {
  const place = [item.location, item.admin2, item.admin1].filter(Boolean).filter((v, i, all) => all.indexOf(v) === i).join(", ");
  const href = `/review/${encodeURIComponent(item.event_id)}`;
  return el("tr", { dataset: { eventId: item.event_id, index: String(index) }, class: "queue-row" },
    el("td", { class: "num", text: item.priority.toFixed(2) }),
    el("td", {}, el("a", { href, class: "queue-link", text: [item.sub_event_type || item.event_type || "Event"].join("") })),
    el("td", { class: "date", text: item.event_date || "undated" }),
    el("td", { text: place || "unknown place" }),
    el("td", { class: "num", text: item.fatalities_best ?? "–" }),
    el("td", {}, badge(item.review.status), item.review.comment ? el("div", { class: "comment", text: item.review.comment }) : null),
    el("td", { class: "confs" }, FIELDS.map((f) => meter(f, item.fields[f]))),
    el("td", { text: item.new_actors.join(", ") }));
}

function table(items) {
  if (!items.length) return el("p", { class: "empty", text: "Nothing waiting for review." });
  return el("table", { class: "events-table", id: "queue-table" },
    el("thead", {}, el("tr", {}, ["Priority", "Event", "Date", "Place", "Killed", "Review", "Field confidence", "New actors"].map((h) => el("th", { text: h })))),
    el("tbody", {}, items.map(row)));
}

function keyboard() {
  let selected = 0;
  const rows = () => [...document.querySelectorAll("#queue-table tbody tr")];
  const mark = () => rows().forEach((r, i) => r.classList.toggle("selected", i === selected));
  mark();
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, select, textarea")) return;
    const all = rows();
    if (!all.length) return;
    if (event.key === "j") selected = Math.min(all.length - 1, selected + 1);
    else if (event.key === "k") selected = Math.max(0, selected - 1);
    else if (event.key === "Enter") { all[selected].querySelector("a").click(); return; }
    else return;
    mark();
    all[selected].scrollIntoView({ block: "nearest" });
  });
}

async function main() {
  document.body.dataset.page = "review-queue";
  const current = params();
  fill("queue-controls", controls(current));
  let queue;
  try {
    const search = new URLSearchParams({ sort: current.sort, limit: "200" });
    current.status.forEach((status) => search.append("status", status));
    queue = await getJSON(`/review/queue?${search}`);
  } catch (error) {
    fill("queue", errorBox(`The queue could not be loaded: ${error.message}`));
    return;
  }
  sessionStorage.setItem("sitroom-queue", JSON.stringify(queue.items.map((item) => item.event_id)));
  fill("queue", table(queue.items));
  keyboard();
  document.body.dataset.ready = "true";
}

main();
