// The alerts page: alerts of the analysts' rules with the events and documents behind each,
// and the rules with who made and changed them. Text from the API is set with textContent only.

import { getJSON } from "./api.js";
import { el, errorBox, fill } from "./dom.js";

function alertRow(alert) {
  return el("tr", {},
    el("td", { text: alert.updated.slice(0, 10) }),
    el("td", { text: alert.rule }),
    el("td", { class: "alert-title", text: alert.title }),
    el("td", {}, alert.event_ids.flatMap((id, i) => [i ? ", " : null, el("a", { href: `/events/${encodeURIComponent(id)}`, text: id })])),
    el("td", {}, alert.doc_ids.flatMap((id, i) => [i ? ", " : null, el("a", { href: `/api/v1/documents/${encodeURIComponent(id)}`, text: id })])));
}

function ruleRow(rule) {
  const params = Object.entries(rule.params || {}).map(([k, v]) => `${k}=${v}`).join(", ") || "–";
  const changes = (rule.history || []).map((h) => `${h.at.slice(0, 16)} ${h.who} ${h.action}${h.why ? `: ${h.why}` : ""}`);
  return el("tr", {},
    el("td", { text: rule.name }), el("td", { text: rule.kind }), el("td", { text: params }),
    el("td", { text: rule.enabled ? "on" : "off" }),
    el("td", { text: `${rule.created_by} (${rule.created_at.slice(0, 10)})` }),
    el("td", {}, el("ul", { class: "history" }, changes.map((line) => el("li", { text: line })))));
}

async function main() {
  try {
    const [alerts, rules] = await Promise.all([getJSON("/alerts"), getJSON("/alert-rules")]);
    fill("rule-alerts", alerts.items.length
      ? el("table", { class: "ledger", id: "rule-alerts-table" },
          el("thead", {}, el("tr", {}, ["Latest", "Rule", "Alert", "Events", "Documents"].map((h) => el("th", { text: h })))),
          el("tbody", {}, alerts.items.map(alertRow)))
      : el("p", { class: "empty", text: `No alert fires on ${alerts.as_of}.` }));
    fill("alert-rules", rules.items.length
      ? el("table", { class: "ledger", id: "alert-rules-table" },
          el("thead", {}, el("tr", {}, ["Rule", "Kind", "Parameters", "State", "Created by", "History"].map((h) => el("th", { text: h })))),
          el("tbody", {}, rules.items.map(ruleRow)))
      : el("p", { class: "empty", text: "No rules yet: sitroom alert-rule add NAME --kind unconfirmed-claim --province Panjshir" }));
  } catch (error) {
    fill("rule-alerts", errorBox(error.message));
  }
}

main();
