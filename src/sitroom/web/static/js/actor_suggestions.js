// The actor page's "Stated in reports" panel: leaders, bases, strength ranges and alliances that
// stored documents state about the group (found by `sitroom profile-facts extract`), each with
// its document, date and the words as written, the values marked. An analyst accepts one into
// the profile or rejects it; everyone else sees them as suggestions.

import { getJSON, getSession, sendJSON } from "./api.js";
import { el } from "./dom.js";

const DECIDING_ROLES = new Set(["analyst", "reviewer", "admin"]);
const WHERE = { true: "inside the country", false: "abroad", null: "place not resolved" };

/** One line saying what the suggestion states. */
export function describe(item) {
  const v = item.value;
  if (item.kind === "leader") return `${v.role}: ${v.name}`;
  if (item.kind === "base") return `based in ${v.place_name || v.place} (${WHERE[String(v.inside)] || WHERE.null})`;
  if (item.kind === "strength") return `${v.low.toLocaleString("en")} – ${v.high.toLocaleString("en")} ${v.unit || "fighters"}`;
  return `${v.kind} of ${v.with}${v.from ? ` since ${v.from}` : ""}`;
}

/** The statement as written, with each value's span marked (spans are offsets in the document). */
function quote(item) {
  const spans = Object.entries(item.evidence).filter(([name]) => name !== "actor")
    .map(([name, [start, end]]) => ({ name, start: start - item.start, end: end - item.start })).sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    parts.push(item.quote.slice(at, span.start), el("mark", { dataset: { field: span.name }, text: item.quote.slice(span.start, span.end) }));
    at = span.end;
  }
  parts.push(item.quote.slice(at));
  return el("q", { class: "statement" }, parts);
}

function decisionButtons(item, reload) {
  const act = (status) => async () => {
    await sendJSON("POST", `/profile-suggestions/${item.suggestion_id}/decision`, { status });
    await reload();
  };
  return el("span", { class: "decide" },
    el("button", { type: "button", class: "secondary accept", text: "Accept", onclick: act("accepted") }), " ",
    el("button", { type: "button", class: "secondary reject", text: "Reject", onclick: act("rejected") }));
}

function row(item, canDecide, reload) {
  const doc = item.document || {};
  return el("li", { class: `suggestion ${item.status}`, dataset: { suggestionId: String(item.suggestion_id), kind: item.kind, status: item.status } },
    el("strong", { class: "what", text: describe(item) }), " ", quote(item),
    el("span", { class: "source-cite", text: ` [${doc.title || item.doc_id}, ${doc.publisher || "?"}, ${item.stated_on || doc.published || "undated"}; document ${item.doc_id}, characters ${item.start}–${item.end}]` }),
    item.status === "suggested" ? null : el("span", { class: `badge ${item.status}`, text: ` ${item.status}${item.decided_by ? ` by ${item.decided_by}` : ""}` }),
    canDecide && item.status === "suggested" ? decisionButtons(item, reload) : null);
}

// The values each kind of statement takes (as the API's POST /profile-suggestions reads them).
const VALUE_FIELDS = {
  leader: [["name", "name, as written"], ["role", "role (leader, founder, commander...)"]],
  base: [["place", "place, as written"]],
  strength: [["low", "low"], ["high", "high"], ["unit", "unit (fighters, men...)"]],
  alliance: [["with", "the other group"], ["kind", "member or ally"], ["from", "since (YYYY)"]],
};

function input(name, label, attrs = {}) {
  return el("label", { class: "field" }, `${label} `, el("input", { name, type: "text", autocomplete: "off", ...attrs }));
}

/** An analyst's form: a statement the patterns missed, from a stored document, added as accepted. */
function statementForm(actorName, reload) {
  const values = el("span", { class: "values" });
  const kind = el("select", { name: "kind" }, Object.keys(VALUE_FIELDS).map((k) => el("option", { value: k, text: k })));
  const showValues = () => values.replaceChildren(...VALUE_FIELDS[kind.value].map(([name, label]) => input(`value-${name}`, label)));
  kind.addEventListener("change", showValues);
  showValues();
  const status = el("p", { class: "form-status", role: "status" });
  const form = el("form", { id: "statement-form", class: "statement-form" },
    el("label", { class: "field" }, "kind ", kind), values,
    input("doc_id", "document id", { required: true }), input("quote", "the document's words, exactly", { required: true, size: 60 }),
    input("why", "why (audited)"), el("button", { type: "submit", text: "Add to profile" }), status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const chosen = {};
    for (const [name] of VALUE_FIELDS[kind.value]) {
      const text = String(data.get(`value-${name}`) || "").trim();
      if (text) chosen[name] = text;
    }
    try {
      await sendJSON("POST", "/profile-suggestions", { actor: actorName, kind: kind.value, values: chosen,
        doc_id: String(data.get("doc_id")).trim(), quote: String(data.get("quote")), why: String(data.get("why") || "") || null });
      await reload();
    } catch (error) {
      status.className = "form-status error";
      status.textContent = error.message;  // text, never markup
    }
  });
  return el("details", { class: "add-statement" }, el("summary", { text: "Add a statement from a stored document" }), form);
}

/** Build the panel for `actorName`; `reload` redraws the profile after a decision. Null when there is nothing to show. */
export async function suggestionsPanel(actorName, reload) {
  const page = await getJSON("/profile-suggestions", { actor: actorName });
  const open = page.items.filter((item) => item.status !== "accepted");
  let role = "";
  try { role = (await getSession()).role || ""; } catch (error) { role = ""; }
  const canDecide = DECIDING_ROLES.has(role);
  if (!open.length && !canDecide) return null;
  return el("section", { class: "panel", id: "suggestions-panel" },
    el("h2", { text: "Stated in reports (suggestions)" }),
    el("p", { class: "note", text: canDecide
      ? "Found in stored documents; accept a statement to add it to the profile with its document as the source."
      : "Found in stored documents; an analyst accepts them into the profile. Not checked." }),
    open.length ? el("ul", { class: "suggestions" }, open.map((item) => row(item, canDecide, reload))) : null,
    canDecide ? statementForm(actorName, reload) : null);
}
