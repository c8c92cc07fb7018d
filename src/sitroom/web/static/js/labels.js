// Map labels that never collide: each label is a Leaflet marker holding a text element; after
// every zoom or pan a greedy pass shows the labels in order of importance and hides any label
// whose box would overlap one already shown (or that falls outside the map).
//   zoom < DISTRICT_LABEL_ZOOM: province and neighbouring-country names;
//   zoom >= DISTRICT_LABEL_ZOOM: district names as well (province names keep precedence).

import * as L from "../vendor/leaflet/leaflet-src.esm.js";
import { el } from "./dom.js";

export const DISTRICT_LABEL_ZOOM = 7;
const KIND_RANK = { province: 0, neighbour: 1, district: 2 };
const GAP_PX = 2;  // labels keep this much air between them

/** Add a label for `text` at `latlng` to `state.map`; kind: "province", "district" or "neighbour". */
export function addLabel(state, latlng, text, kind, data) {
  if (!state.map.getPane("labels")) {
    const pane = state.map.createPane("labels");
    pane.style.zIndex = "650";
    pane.style.pointerEvents = "none";
  }
  const textNode = el("span", { class: "label-text", text });
  const icon = L.divIcon({ className: `map-label ${kind}-label`, html: textNode, iconSize: null });
  const marker = L.marker(latlng, { icon, pane: "labels", interactive: false, keyboard: false }).addTo(state.map);
  Object.assign(marker.getElement().dataset, { kind, ...data });
  state.labels.push({ marker, kind, data, text, textNode, priority: 0 });
}

function shownAt(kind, zoom) {
  return kind !== "district" || zoom >= DISTRICT_LABEL_ZOOM;
}

function byImportance(a, b) {
  return KIND_RANK[a.kind] - KIND_RANK[b.kind] || b.priority - a.priority || a.text.length - b.text.length || a.text.localeCompare(b.text);
}

const overlaps = (a, b) => a.left < b.right + GAP_PX && b.left < a.right + GAP_PX && a.top < b.bottom + GAP_PX && b.top < a.bottom + GAP_PX;
const inside = (box, frame) => box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom;

/** Show the labels of this zoom level that fit without overlapping, most important first. */
export function layoutLabels(map, labels) {
  const zoom = map.getZoom();
  const frame = map.getContainer().getBoundingClientRect();
  const candidates = [];
  for (const label of labels) {
    const element = label.marker.getElement();
    const wanted = shownAt(label.kind, zoom);
    element.classList.toggle("label-off", !wanted);
    element.classList.remove("label-hidden");
    if (wanted) candidates.push(label);
  }
  const placed = [];
  for (const label of candidates.sort(byImportance)) {
    const box = label.textNode.getBoundingClientRect();
    const fits = inside(box, frame) && !placed.some((other) => overlaps(box, other));
    label.marker.getElement().classList.toggle("label-hidden", !fits);
    if (fits) placed.push(box);
  }
  map.getContainer().dataset.labelsZoom = String(zoom);
  return placed.length;
}
