// The event page: coded fields, the claims ledger, and every source document with the coded
// spans highlighted and a badge for its stance (claimed, denied, confirmed, reported).

import { getJSON } from "./api.js";
import { badge, el, errorBox, figure, fill, safeHref } from "./dom.js";
import { currentFilters, filterQuery, renderFilterBar } from "./filters.js";
import { evidenceSpans, highlightedText } from "./highlight.js";
import { placeText } from "./eventlist.js";
import { versionList } from "./history.js";

const CONTEXT = 400;  // code points shown either side of the evidence before "show whole document"
const SHOW_WHOLE_BELOW = 1500;
const preservedCopies = new Map();  // doc_id -> preserved raw copies (newest first), from /documents/{id}
const pageLabels = new Map();  // doc_id -> printed page numbers of a PDF ("i", "1", ...), when it has them

function eventIdFromPath() {
  return decodeURIComponent(window.location.pathname.replace(/^\/events\//, ""));
}

function actorLink(name, filters) {
  return el("a", { href: `/actors/${encodeURIComponent(name)}${filterQuery(filters)}`, text: name });
}

function summary(event, filters) {
  const precision = ["", "exact place", "district-level location", "province-level location"][event.geo_precision] || "";
  const actors = [event.actor1, event.actor2, ...(event.assoc_actors || [])].filter(Boolean);
  const rows = [
    ["Date", `${event.event_date || "undated"}${event.time_precision > 1 ? ` (precision: ${["", "day", "week", "month"][event.time_precision] || "vague"})` : ""}`],
    ["Type", [event.event_type, event.sub_event_type].filter(Boolean).join(" · ")],
    ["Place", `${placeText(event)}${precision ? ` (${precision})` : ""}`],
    ["Actors", actors.length ? actors.flatMap((name, i) => (i ? [", ", actorLink(name, filters)] : [actorLink(name, filters)])) : "unknown"],
    ["Killed", figure(event.fatalities_low, event.fatalities_best, event.fatalities_high)],
    ["Injured", figure(event.injured_low, event.injured_best, event.injured_high)],
    ["Detained", figure(event.detained_low, event.detained_best, event.detained_high)],
    ["Status", badge(event.status)],
    ["Stance held by", event.claim_by ? `${event.claim_by} (${event.claim_stance || "reported"})` : "–"],
  ];
  return el("section", { class: "panel" },
    el("h1", { id: "event-title", text: `${event.sub_event_type || event.event_type || "Event"}: ${placeText(event)}` }),
    el("dl", { class: "fields" }, rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", {}, v)])),
    event.text ? el("blockquote", { class: "event-text", text: event.text }) : null);
}

/** Who holds the source's stance: the mention's claimant (the party claiming or denying), else the publisher. */
export function claimantOf(event, source) {
  const mention = (event.mentions || []).find((m) => m.mention_id === source.mention_id);
  return (mention && mention.claim_by) || source.publisher || "unknown";
}

function ledger(event) {
  return el("section", { class: "panel" },
    el("h2", { text: "Claims ledger" }),
    el("table", { class: "ledger" },
      el("thead", {}, el("tr", {}, ["Claimant", "Published by", "Kind", "Stance", "Killed", "Injured", "Detained"].map((h, i) => el("th", { text: h, class: i > 3 ? "num" : null })))),
      el("tbody", {}, (event.sources || []).map((s) => el("tr", {},
        el("td", { class: "claimant", text: claimantOf(event, s) }),
        el("td", { text: s.publisher || "unknown" }), el("td", { text: s.source_kind || "" }),
        el("td", {}, badge(s.stance)), el("td", { class: "num", text: s.fatalities ?? "–" }),
        el("td", { class: "num", text: s.injured ?? "–" }), el("td", { class: "num", text: s.detained ?? "–" }))))));
}

function documentLink(doc) {
  const href = safeHref(doc.url || "");
  if (!doc.url) return null;
  if (href === "#") return el("span", { class: "url-blocked", text: `link not shown (not http/https): ${doc.url}` });
  return el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank", text: "original" });
}

// A link to the copy sitroom preserved (content-addressed, hash-checked), and its WARC record when fetched.
function preservedLink(docId) {
  const copy = (preservedCopies.get(docId) || [])[0];
  if (!copy) return null;
  const title = `SHA-256 ${copy.sha256}, retrieved ${copy.retrieved_at} by ${copy.operator}`;
  return el("span", { class: "preserved" }, " · ",
    el("a", { href: copy.copy_url, class: "preserved-copy", title, text: "preserved copy" }),
    copy.warc_url ? [" · ", el("a", { href: copy.warc_url, class: "preserved-warc", text: "WARC" })] : null);
}

function pagesOf(mention) {
  const pages = [...new Set(Object.values(mention.evidence || {}).map((e) => e.page).filter(Boolean))];
  const labels = pageLabels.get(mention.doc_id);
  const shown = pages.sort((a, b) => a - b).map((p) => (labels && labels[p - 1] && labels[p - 1] !== String(p) ? `${p} (printed ${labels[p - 1]})` : String(p)));
  return shown.length ? ` · ${shown.length > 1 ? "pages" : "page"} ${shown.join(", ")}` : "";
}

function sourceCard(mention, documentText) {
  const doc = mention.document || {};
  const spans = evidenceSpans(mention.evidence);
  const card = el("article", { class: "source", dataset: { docId: mention.doc_id, stance: mention.stance || "reported" } },
    el("header", {},
      badge(mention.stance || "reported"), " ",
      el("strong", { class: "doc-title", text: doc.title || mention.doc_id }),
      el("div", { class: "doc-meta" },
        [doc.publisher, doc.source_kind, doc.published, mention.role].filter(Boolean).join(" · "), " ",
        documentLink(doc), preservedLink(mention.doc_id),
        mention.claim_by ? el("span", { class: "claim-by", text: ` · stance held by ${mention.claim_by}` }) : null)));
  if (documentText === null) {
    card.appendChild(errorBox("The document's text could not be loaded."));
    return card;
  }
  const length = Array.from(documentText).length;
  const starts = spans.map((s) => s.start), ends = spans.map((s) => s.end);
  const long = length > SHOW_WHOLE_BELOW && spans.length;
  const from = long ? Math.max(0, Math.min(...starts) - CONTEXT) : 0;
  const to = long ? Math.min(length, Math.max(...ends) + CONTEXT) : length;
  const excerpt = highlightedText(documentText, spans, from, to);
  if (from > 0) excerpt.prepend("… ");
  if (to < length) excerpt.append(" …");
  card.appendChild(excerpt);
  if (long && (from > 0 || to < length)) {
    const button = el("button", { type: "button", class: "secondary", text: "Show whole document" });
    button.addEventListener("click", () => { excerpt.replaceWith(highlightedText(documentText, spans)); button.remove(); });
    card.appendChild(button);
  }
  card.appendChild(el("p", { class: "legend-note", text: `Highlighted: ${[...new Set(spans.map((s) => s.field))].join(", ") || "no coded spans"}${pagesOf(mention)}` }));
  return card;
}

async function documentTexts(mentions) {
  const texts = new Map();
  await Promise.all([...new Set(mentions.map((m) => m.doc_id))].map(async (docId) => {
    try {
      const detail = await getJSON(`/documents/${encodeURIComponent(docId)}`);
      texts.set(docId, detail.text);
      preservedCopies.set(docId, detail.preserved || []);
      pageLabels.set(docId, (detail.metadata || {}).page_labels || null);
    } catch (error) {
      texts.set(docId, null);
    }
  }));
  return texts;
}

function history(event) {
  const entries = event.history || [];
  if (!entries.length) return null;
  return el("section", { class: "panel" }, el("h2", { text: "History" }),
    el("ul", { class: "history" }, entries.map((h) => el("li", {},
      `${h.at} · ${h.who} · ${h.action}${h.why ? ` · ${h.why}` : ""}`,
      Object.keys(h.changes || {}).length && h.action !== "create"
        ? el("span", { class: "changes", text: ` (${Object.entries(h.changes).map(([f, [a, b]]) => `${f}: ${a} → ${b}`).join("; ")})` })
        : null))));
}

async function main() {
  document.body.dataset.page = "event";
  renderFilterBar();
  const filters = currentFilters();
  fill("back-link", el("a", { href: `/${filterQuery(filters)}`, text: "← back to the overview" }));
  let event;
  try {
    event = await getJSON(`/events/${encodeURIComponent(eventIdFromPath())}`);
  } catch (error) {
    fill("event", errorBox(`Event could not be loaded: ${error.message}`));
    return;
  }
  document.title = `${event.sub_event_type || event.event_type || "Event"} · ${event.event_date || "undated"} · sitroom`;
  const mentions = event.mentions || [];
  const texts = await documentTexts(mentions);
  fill("event", summary(event, filters), ledger(event),
    el("section", { class: "panel", id: "sources" }, el("h2", { text: `Sources (${mentions.length})` }),
      mentions.map((m) => sourceCard(m, texts.get(m.doc_id) ?? null))),
    history(event), el("section", { class: "panel", id: "review-panel" }));
  await reviewSection(event.event_id);
  document.body.dataset.ready = "true";
}

async function reviewSection(eventId) {
  let review;
  try {
    review = await getJSON(`/review/events/${encodeURIComponent(eventId)}`);
  } catch (error) {
    fill("review-panel", errorBox(`Review history could not be loaded: ${error.message}`));
    return;
  }
  fill("review-panel", el("h2", { text: "Review" }),
    el("p", {}, "Status: ", badge(review.review.status), ` · version ${review.review.version} · `,
      el("a", { href: `/review/${encodeURIComponent(eventId)}`, text: "open in the review queue" })),
    review.versions.length ? versionList(review.versions) : el("p", { class: "empty", text: "Not reviewed yet." }));
}

main();
