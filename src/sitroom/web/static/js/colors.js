// Colours shared by the map, the timeline and the legends.

const EVENT_TYPE_COLOURS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#27ae60",
  "Riots": "#795548",
  "Strategic developments": "#2c7fb8",
};
const OTHER = "#7f8c8d";

/** Colour of an ACLED event type (grey for anything else). */
export function typeColour(eventType) {
  return EVENT_TYPE_COLOURS[eventType] || OTHER;
}

/** Event types in a stable order: the ACLED ones first, then others alphabetically. */
export function orderTypes(types) {
  const known = Object.keys(EVENT_TYPE_COLOURS);
  return [...types].sort((a, b) => {
    const ia = known.indexOf(a) === -1 ? 99 : known.indexOf(a);
    const ib = known.indexOf(b) === -1 ? 99 : known.indexOf(b);
    return ia - ib || String(a).localeCompare(String(b));
  });
}

const SHADES = ["#f4f1ec", "#fde0c5", "#f9b384", "#f08350", "#d9502c", "#a92a1c"];

/** Fill colour of a province with `count` events when the busiest has `max`. */
export function shade(count, max) {
  if (!count) return SHADES[0];
  if (max <= 1) return SHADES[3];
  const step = Math.min(SHADES.length - 1, 1 + Math.floor((Math.sqrt(count) / Math.sqrt(max)) * (SHADES.length - 2) + 0.5));
  return SHADES[Math.max(1, step)];
}

export const SHADE_SCALE = SHADES;
