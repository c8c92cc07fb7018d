// Surge alerts: weeks in which a province had far more events than its own baseline
// (Poisson test with Bonferroni correction, computed by the server: docs/surges.md).

import { getJSON } from "./api.js";
import { clear, el, errorBox } from "./dom.js";

/** Fetch the surge report for the filters (dates bound the weeks tested). */
export async function loadSurges(filters) {
  return getJSON("/alerts/surges", {
    since: filters.start_date, until: filters.end_date, event_type: filters.event_type, actor: filters.actor,
  });
}

function matchesProvince(surge, admin1) {
  if (!admin1) return true;
  const wanted = admin1.toLowerCase();
  return [String(surge.province).toLowerCase(), String(surge.province_name).toLowerCase()].includes(wanted);
}

/** Draw the list of surges; onPick(surge) filters the views to that province and week. */
export function drawSurges(container, report, filters, onPick) {
  clear(container);
  container.appendChild(el("h2", { text: "Surge alerts" }));
  if (report instanceof Error) {
    container.appendChild(errorBox(`Surges could not be computed: ${report.message}`));
    return;
  }
  const shown = report.surges.filter((s) => matchesProvince(s, filters.admin1));
  const span = report.weeks_tested ? `${report.weeks_tested[0]} to ${report.weeks_tested[1]}` : "no week with a baseline";
  container.appendChild(el("p", { class: "legend-note", text:
    `Weekly events per province vs its previous ${report.settings.baseline_weeks} weeks; Poisson p < ${report.threshold.toPrecision(2)} `
    + `(α ${report.settings.alpha}, Bonferroni over ${report.cells} province-weeks), at least ${report.settings.min_count} events. Weeks tested: ${span}.` }));
  if (!shown.length) {
    container.appendChild(el("p", { class: "empty", id: "no-surges", text: "No significant surge." }));
    return;
  }
  container.appendChild(el("ul", { class: "surges", id: "surge-list" }, shown.map((surge) => {
    const button = el("button", { type: "button", class: "link", title: "Show this province and week",
      text: `${surge.province_name}, week of ${surge.week}` });
    button.addEventListener("click", () => onPick(surge));
    return el("li", { class: "surge-item", dataset: { province: surge.province, week: surge.week } },
      el("span", { class: "surge-flag", text: "▲" }), button,
      el("span", { class: "surge-figures", text:
        ` ${surge.count} events vs ${surge.baseline_mean.toFixed(2)}/week baseline (p = ${surge.p_value.toExponential(1)})` }));
  })));
}
