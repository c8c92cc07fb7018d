// Evidence highlighting: split a document's text at the evidence offsets and wrap each
// covered piece in a <mark> built with the DOM, never by editing HTML.
// Offsets are counted in Unicode code points (as Python counts them), not UTF-16 units,
// so text with emoji or other astral characters still lines up.

import { el } from "./dom.js";

// Fields whose spans cover a whole statement; drawn lighter so the precise fields stand out.
const BROAD_FIELDS = new Set(["claim", "text", "notes"]);

/** Split `chars` (an array of code points) into segments [{start, end, fields[]}] at span edges. */
export function segments(length, spans) {
  const edges = new Set([0, length]);
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0 && s.end <= length);
  for (const span of valid) { edges.add(span.start); edges.add(span.end); }
  const points = [...edges].sort((a, b) => a - b);
  const result = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i], end = points[i + 1];
    const fields = valid.filter((s) => s.start <= start && s.end >= end).map((s) => s.field);
    result.push({ start, end, fields: [...new Set(fields)] });
  }
  return result;
}

/** Return a node holding text[from:to] with the evidence spans marked; offsets in code points. */
export function highlightedText(text, spans, from = 0, to = null) {
  const chars = Array.from(text || "");
  const end = to === null ? chars.length : Math.min(to, chars.length);
  const container = el("div", { class: "doc-text" });
  for (const piece of segments(chars.length, spans)) {
    if (piece.end <= from || piece.start >= end) continue;
    const content = chars.slice(Math.max(piece.start, from), Math.min(piece.end, end)).join("");
    if (!piece.fields.length) {
      container.appendChild(document.createTextNode(content));
      continue;
    }
    const precise = piece.fields.filter((f) => !BROAD_FIELDS.has(f));
    container.appendChild(el("mark", {
      class: precise.length ? "evidence" : "evidence-broad",
      title: piece.fields.join(", "),
      dataset: { fields: piece.fields.join(" "), start: String(piece.start), end: String(piece.end) },
      text: content,
    }));
  }
  return container;
}

/** Turn an API evidence object {field: {start, end, ...}} into spans [{field, start, end}]. */
export function evidenceSpans(evidence) {
  return Object.entries(evidence || {}).map(([field, span]) => ({ field, start: span.start, end: span.end, quote: span.quote }));
}
