// The map: Leaflet (vendored, served by sitroom itself: no tiles, no CDN) over the gazetteer's
// province and district polygons, with the neighbouring countries for context. Provinces are
// shaded by event count; events are drawn by how precisely they are located:
//   geo_precision 1 (the named place): a small dot;
//   geo_precision 2 (district / near a place): a translucent halo of ~20 km, on the ground;
//   geo_precision 3 (province or vaguer): no mark, only the province's shading.
// Labels never collide: province names at low zoom, district names from DISTRICT_LABEL_ZOOM on
// (see labels.js). The map's view stays where the user put it when the filters change.

import * as L from "../vendor/leaflet/leaflet-src.esm.js";
import { getJSON } from "./api.js";
import { el } from "./dom.js";
import { shade, typeColour, SHADE_SCALE } from "./colors.js";
import { addLabel, layoutLabels } from "./labels.js";

const DISTRICT_RADIUS_M = 20000;  // an Afghan district covers ~1,300 km² on average: a circle of ~20 km radius
const PANES = { neighbours: 350, provinces: 400, districts: 450, events: 500 };
const ATTRIBUTION = "Boundaries: OCHA / AGCHO (COD-AB 2018); neighbours: Natural Earth";

let base = null;   // the fetched base layers, once per page
let current = null; // { container, map, provinces, events }

/** Fetch the base layers once: district outlines, province label points, neighbouring countries. */
function loadBase() {
  base = base || Promise.all([
    getJSON("/map/districts.geojson"), getJSON("/map/province-labels.geojson"), getJSON("/map/neighbours.geojson"),
  ]).then(([districts, provinceLabels, neighbours]) => ({ districts, provinceLabels, neighbours }))
    .catch((error) => { base = null; throw error; });  // the next render tries again
  return base;
}

const latLngs = (geometry) => L.GeoJSON.coordsToLatLngs(geometry.coordinates, geometry.type === "Polygon" ? 1 : 2);
const labelPoint = (lonLat) => (lonLat ? L.latLng(lonLat[1], lonLat[0]) : null);

/** Draw the map into `container` (async: the base layers are fetched once).
 * options: geojson (provinces with counts), events, surges (codes), selected, onProvince, onEvent. */
export async function drawMap(container, options) {
  const layers = await loadBase();
  if (!current || current.container !== container) current = createMap(container, layers, options.geojson);
  const features = options.geojson.features || [];
  const max = Math.max(1, ...features.map((f) => f.properties.events || 0));
  drawProvinces(current, features, max, options);
  drawEvents(current, options.events || [], options.onEvent);
  current.legend.replaceWith(current.legend = legend(max));
  layoutLabels(current.map, current.labels);
  return current.map;
}

function createMap(container, layers, provinces) {
  container.textContent = "";
  const canvas = el("div", { class: "leaflet-map", id: "leaflet-map", role: "region", "aria-label": "Map of events by province" });
  const legendBox = el("div", { class: "legend" });
  container.append(canvas, legendBox);
  const map = L.map(canvas, { zoomSnap: 0.25, minZoom: 4.5, maxZoom: 11, attributionControl: true, preferCanvas: false });
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution(ATTRIBUTION);
  for (const [name, zIndex] of Object.entries(PANES)) map.createPane(name).style.zIndex = String(zIndex);
  // The view first: Leaflet creates a layer's elements only once the map has one.
  map.fitBounds(L.geoJSON(provinces).getBounds(), { padding: [8, 8] });
  map.getPane("districts").style.pointerEvents = "none";
  const state = { container, map, labels: [], legend: legendBox, provinces: L.layerGroup().addTo(map), events: L.layerGroup().addTo(map) };
  drawNeighbours(state, layers.neighbours);
  drawDistricts(state, layers.districts);
  for (const feature of layers.provinceLabels.features) {
    const [lon, lat] = feature.geometry.coordinates;
    addLabel(state, L.latLng(lat, lon), feature.properties.name, "province", { code: feature.properties.code });
  }
  map.setMaxBounds(L.geoJSON(layers.neighbours).getBounds().pad(0.05));
  L.control.scale({ imperial: false }).addTo(map);
  const remember = () => {
    const centre = map.getCenter();
    Object.assign(container.dataset, { zoom: String(map.getZoom()), centre: `${centre.lat.toFixed(4)},${centre.lng.toFixed(4)}` });
  };
  map.on("zoomend moveend", () => { remember(); layoutLabels(map, state.labels); });
  remember();
  return state;
}

function drawNeighbours(state, neighbours) {
  for (const feature of neighbours.features) {
    L.polygon(latLngs(feature.geometry), { pane: "neighbours", className: "neighbour", interactive: false })
      .addTo(state.map).getElement().dataset.name = feature.properties.name;
    const point = labelPoint(feature.properties.label);
    if (point) addLabel(state, point, feature.properties.name, "neighbour", {});
  }
}

function drawDistricts(state, districts) {
  for (const feature of districts.features) {
    const p = feature.properties;
    const path = L.polygon(latLngs(feature.geometry), { pane: "districts", className: "district", interactive: false, fill: false }).addTo(state.map);
    Object.assign(path.getElement().dataset, { code: String(feature.id), name: p.name, province: p.admin1_code });
    const point = labelPoint(p.label);
    if (point) addLabel(state, point, p.name, "district", { code: String(feature.id), province: p.admin1_code });
  }
}

function drawProvinces(state, features, max, options) {
  state.provinces.clearLayers();
  const wanted = String(options.selected || "").toLowerCase();
  const outlined = [];
  for (const feature of features) {
    const p = feature.properties;
    const selected = Boolean(wanted) && [String(p.code).toLowerCase(), String(p.name).toLowerCase()].includes(wanted);
    const surging = Boolean(options.surges && options.surges.has(p.code));
    const path = L.polygon(latLngs(feature.geometry), {
      pane: "provinces", className: `province${selected ? " selected" : ""}${surging ? " surge" : ""}`,
      fillColor: shade(p.events, max), fillOpacity: 0.85, color: "#8a949c", weight: 0.8,
    }).addTo(state.provinces);
    const element = path.getElement();
    Object.assign(element.dataset, { code: p.code, name: p.name, events: String(p.events || 0) });
    element.setAttribute("tabindex", "0");
    element.appendChild(titleNode(`${p.name}: ${p.events || 0} events${surging ? " (surge flagged)" : ""}`));
    const choose = () => options.onProvince && options.onProvince(p.code, selected);
    path.on("click", choose);
    element.addEventListener("keydown", (event) => { if (event.key === "Enter") choose(); });
    for (const label of state.labels) if (label.kind === "province" && label.data.code === p.code) label.priority = p.events || 0;
    if (selected || surging) outlined.push([selected ? 2 : 1, path]);
  }
  // Outlined provinces last, so their neighbours do not paint over the outline.
  outlined.sort((a, b) => a[0] - b[0]).forEach(([, path]) => path.bringToFront());
}

function drawEvents(state, events, onEvent) {
  state.events.clearLayers();
  // Halos first so that precise dots stay clickable on top of them.
  const drawable = events.filter((e) => e.latitude !== null && e.longitude !== null && e.geo_precision < 3);
  drawable.sort((a, b) => b.geo_precision - a.geo_precision);
  for (const event of drawable) {
    const precise = event.geo_precision === 1;
    const where = [event.latitude, event.longitude];
    const style = { pane: "events", fillColor: typeColour(event.event_type), className: precise ? "event-dot" : "event-halo" };
    const mark = precise
      ? L.circleMarker(where, { ...style, radius: 3, color: "#fff", weight: 1, fillOpacity: 1 })
      : L.circle(where, { ...style, radius: DISTRICT_RADIUS_M, color: "#555", weight: 1.5, opacity: 0.6, fillOpacity: 0.22 });
    mark.addTo(state.events);
    const element = mark.getElement();
    Object.assign(element.dataset, { eventId: event.event_id, precision: String(event.geo_precision) });
    element.appendChild(titleNode(markTitle(event)));
    mark.on("click", () => onEvent && onEvent(event));
  }
}

function titleNode(text) {
  const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
  title.textContent = text;
  return title;
}

function markTitle(event) {
  const place = [event.location, event.admin2, event.admin1].filter(Boolean).join(", ");
  const where = event.geo_precision === 1 ? place : `somewhere in/near ${place} (district-level location)`;
  return `${event.event_date || "undated"} · ${event.sub_event_type || event.event_type || "event"} · ${where}`;
}

function legend(max) {
  const steps = SHADE_SCALE.map((colour, i) => el("span", { class: "swatch", dataset: { colour }, title: i ? "" : "no events" }));
  for (const swatch of steps) swatch.style.backgroundColor = swatch.dataset.colour;  // CSSOM: allowed by the CSP
  return el("div", { class: "legend" },
    el("span", { class: "legend-scale" }, "0 ", steps, ` ${max} events per province`),
    el("span", { class: "legend-item" }, el("span", { class: "sym-dot" }), "exact place"),
    el("span", { class: "legend-item" }, el("span", { class: "sym-halo" }), `district-level (~${DISTRICT_RADIUS_M / 1000} km)`),
    el("span", { class: "legend-item" }, el("span", { class: "sym-surge" }), "surge flagged"),
    el("span", { class: "legend-note", text: "Province-level reports only shade their province. Scroll or use +/− to zoom, drag to pan; district names appear when zoomed in." }));
}
