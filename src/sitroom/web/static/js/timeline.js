// The timeline: weekly event counts as SVG bars stacked by event type.

import { el, svg, clear } from "./dom.js";
import { orderTypes, typeColour } from "./colors.js";

const WIDTH = 1200;
const HEIGHT = 200;
const MARGIN = { top: 10, right: 10, bottom: 28, left: 36 };
const DAY_MS = 86400000;

/** Monday (UTC Date) of a week label: ISO "2023-W19" or the Monday's date "2023-05-08". */
export function isoWeekMonday(label) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) {
    const day = new Date(`${label}T00:00:00Z`);
    return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  }
  const match = /^(\d{4})-W(\d{1,2})$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayWeek1 = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(mondayWeek1 + (Number(match[2]) - 1) * 7 * DAY_MS);
}

function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

/** Turn {type: [{period, events}]} into sorted weeks [{monday, byType: {type: n}, total}], gaps filled. */
export function stackWeeks(seriesByType) {
  const table = new Map();
  for (const [type, points] of Object.entries(seriesByType)) {
    for (const point of points) {
      const monday = isoWeekMonday(point.period);
      if (!monday || !point.events) continue;
      const key = monday.getTime();
      if (!table.has(key)) table.set(key, {});
      table.get(key)[type] = (table.get(key)[type] || 0) + point.events;
    }
  }
  if (!table.size) return [];
  const keys = [...table.keys()].sort((a, b) => a - b);
  const weeks = [];
  for (let t = keys[0]; t <= keys[keys.length - 1]; t += 7 * DAY_MS) {
    const byType = table.get(t) || {};
    weeks.push({ monday: new Date(t), byType, total: Object.values(byType).reduce((a, b) => a + b, 0) });
  }
  return weeks;
}

/** Draw the stacked weekly bars into `container`; onWeek(mondayISO) is called when a bar is clicked. */
export function drawTimeline(container, seriesByType, onWeek) {
  const weeks = stackWeeks(seriesByType);
  clear(container);
  if (!weeks.length) {
    container.appendChild(el("p", { class: "empty", text: "No dated events match the filters." }));
    return;
  }
  const types = orderTypes(Object.keys(seriesByType));
  const max = Math.max(...weeks.map((w) => w.total));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const step = plotWidth / weeks.length;
  const barWidth = Math.max(1, step * 0.85);
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "timeline", role: "img", "aria-label": "Weekly events by type" });
  root.appendChild(axes(weeks, max, step, plotHeight));
  const bars = svg("g", { class: "bars", transform: `translate(${MARGIN.left},${MARGIN.top})` });
  weeks.forEach((week, i) => {
    if (!week.total) return;
    let y = plotHeight;
    const column = svg("g", { class: "week", dataset: { week: isoDate(week.monday), total: String(week.total) } });
    for (const type of types) {
      const n = week.byType[type];
      if (!n) continue;
      const h = (n / max) * plotHeight;
      y -= h;
      column.appendChild(svg("rect", { x: (i * step).toFixed(2), y: y.toFixed(2), width: barWidth.toFixed(2), height: h.toFixed(2), fill: typeColour(type) },
        svg("title", { text: `week of ${isoDate(week.monday)}: ${n} ${type}` })));
    }
    column.addEventListener("click", () => onWeek && onWeek(isoDate(week.monday)));
    bars.appendChild(column);
  });
  root.appendChild(bars);
  container.appendChild(root);
  container.appendChild(el("div", { class: "legend" }, types.map((type) => {
    const swatch = el("span", { class: "swatch" });
    swatch.style.backgroundColor = typeColour(type);
    return el("span", { class: "legend-item" }, swatch, type);
  })));
}

function axes(weeks, max, step, plotHeight) {
  const group = svg("g", { class: "axes", transform: `translate(${MARGIN.left},${MARGIN.top})` });
  group.appendChild(svg("line", { x1: 0, y1: plotHeight, x2: weeks.length * step, y2: plotHeight }));
  for (const value of [0, Math.ceil(max / 2), max]) {
    const y = plotHeight - (value / max) * plotHeight;
    group.appendChild(svg("text", { x: -6, y: (y + 4).toFixed(1), "text-anchor": "end", text: String(value) }));
  }
  const spanDays = (weeks[weeks.length - 1].monday - weeks[0].monday) / DAY_MS;
  let last = "";
  weeks.forEach((week, i) => {
    const label = spanDays > 400 ? String(week.monday.getUTCFullYear()) : isoDate(week.monday).slice(0, 7);
    if (label === last) return;
    last = label;
    group.appendChild(svg("line", { x1: i * step, y1: plotHeight, x2: i * step, y2: plotHeight + 5 }));
    group.appendChild(svg("text", { x: i * step + 2, y: plotHeight + 18, text: label }));
  });
  return group;
}
