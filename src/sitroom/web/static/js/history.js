// An event's review history in words: "fatalities (best) revised 3 → 7 · rita · after the NGO report".

import { el } from "./dom.js";

const LABELS = {
  fatalities_best: "fatalities", fatalities_low: "fatalities (low)", fatalities_high: "fatalities (high)",
  event_type: "type", sub_event_type: "sub-type", event_date: "date", time_precision: "date precision",
  admin1: "province", admin1_code: "province code", admin2: "district", location: "place", geo_precision: "place precision",
  claim_stance: "stance", claim_by: "stance held by", assoc_actors: "associated actors",
};
const VERBS = {
  accept: "accepted", finalise: "finalised", reject: "rejected as no event", send_back: "sent back",
  reopen: "reopened", correct: "corrected", merge: "merged", split: "split",
};

function show(value) {
  if (value === null || value === undefined || value === "") return "–";
  return Array.isArray(value) ? value.join(", ") || "–" : String(value);
}

/** One sentence per changed field, e.g. "fatalities revised 3 → 7". */
export function changeSentences(version) {
  const before = version.before || {}, after = version.after || {};
  return Object.keys(after).filter((name) => !["status", "mentions", "new_mentions", "merged", "split_into", "split_from"].includes(name))
    .map((name) => `${LABELS[name] || name} revised ${show(before[name])} → ${show(after[name])}`);
}

function structure(version) {
  const after = version.after || {}, before = version.before || {};
  if (after.merged) return `merged with ${after.merged.join(", ")}`;
  if (after.split_into) return `split: ${after.split_into} made from some of its sources`;
  if (before.split_from) return `split off ${before.split_from}`;
  if (after.new_mentions) return `new sources: ${after.new_mentions.join(", ")}`;
  return null;
}

/** The review history as a list: what changed, status before → after, who, when and why. */
export function versionList(versions) {
  return el("ul", { class: "history review-history", id: "review-history" }, versions.map((v) => {
    const changes = changeSentences(v);
    const status = v.before && v.after && v.before.status !== v.after.status ? ` (${v.before.status} → ${v.after.status})` : "";
    const what = [VERBS[v.action] || v.action, structure(v), ...changes].filter(Boolean).join("; ");
    return el("li", { dataset: { action: v.action, version: String(v.version) } },
      el("strong", { text: `v${v.version} ` }), `${what}${status}`,
      el("span", { class: "history-meta", text: ` · ${v.who} · ${v.at}${v.why ? ` · ${v.why}` : ""}` }));
  }));
}
