// The map: province polygons from the gazetteer (GeoJSON from the API), shaded by event count,
// with events drawn by how precisely they are located. No tiles, no network beyond our API.
//   geo_precision 1 (the named place): a small dot;
//   geo_precision 2 (district / near a place): a translucent halo the size of the uncertainty;
//   geo_precision 3 (province or vaguer): no mark, only the province's shading.

import { el, svg, clear } from "./dom.js";
import { shade, typeColour, SHADE_SCALE } from "./colors.js";

const WIDTH = 800;
const DISTRICT_RADIUS_KM = 20;  // an Afghan district covers ~1,300 km² on average: a circle of ~20 km radius
const KM_PER_DEGREE = 111.32;

/** Build an equirectangular projection (longitudes shrunk by cos(mid-latitude)) fitted to WIDTH. */
export function makeProjection(features) {
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (const ring of allRings(features)) {
    for (const [lon, lat] of ring) {
      minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
    }
  }
  const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const scale = WIDTH / ((maxLon - minLon) * k);
  const project = ([lon, lat]) => [(lon - minLon) * k * scale, (maxLat - lat) * scale];
  return { project, scale, width: WIDTH, height: Math.ceil((maxLat - minLat) * scale) };
}

function* allRings(features) {
  for (const feature of features) {
    const geometry = feature.geometry || {};
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates || [];
    for (const polygon of polygons) yield* polygon;
  }
}

function pathData(feature, project) {
  const parts = [];
  for (const ring of allRings([feature])) {
    parts.push(ring.map((point, i) => `${i ? "L" : "M"}${project(point).map((v) => v.toFixed(1)).join(",")}`).join("") + "Z");
  }
  return parts.join("");
}

/** Draw the map into `container`. options: geojson, events, surges (codes), selected, onProvince, onEvent. */
export function drawMap(container, options) {
  const features = options.geojson.features || [];
  const projection = makeProjection(features);
  const max = Math.max(1, ...features.map((f) => f.properties.events || 0));
  const root = svg("svg", {
    viewBox: `-10 -10 ${projection.width + 20} ${projection.height + 20}`, class: "map", role: "img",
    "aria-label": "Map of events by province",
  });
  const provinces = svg("g", { class: "provinces" });
  const paths = features.map((feature) => provincePath(feature, projection, max, options));
  // Outlined provinces last, so their neighbours do not paint over the outline.
  const rank = (path) => (path.classList.contains("selected") ? 2 : path.classList.contains("surge") ? 1 : 0);
  for (const path of paths.sort((a, b) => rank(a) - rank(b))) provinces.appendChild(path);
  root.appendChild(provinces);
  root.appendChild(eventMarks(options.events || [], projection, options.onEvent));
  root.appendChild(provinceLabels(features, projection));
  clear(container).appendChild(root);
  container.appendChild(legend(max));
  return root;
}

function provincePath(feature, projection, max, options) {
  const p = feature.properties;
  const wanted = String(options.selected || "").toLowerCase();
  const selected = Boolean(wanted) && [String(p.code).toLowerCase(), String(p.name).toLowerCase()].includes(wanted);
  const surging = options.surges && options.surges.has(p.code);
  const path = svg("path", {
    d: pathData(feature, projection.project), fill: shade(p.events, max), "fill-rule": "evenodd",
    class: `province${selected ? " selected" : ""}${surging ? " surge" : ""}`,
    dataset: { code: p.code, name: p.name, events: String(p.events || 0) }, tabindex: "0",
  }, svg("title", { text: `${p.name}: ${p.events || 0} events${surging ? " (surge flagged)" : ""}` }));
  const choose = () => options.onProvince && options.onProvince(p.code, selected);
  path.addEventListener("click", choose);
  path.addEventListener("keydown", (event) => { if (event.key === "Enter") choose(); });
  return path;
}

/** Label provinces that have events, at the mean of their outer ring's vertices. */
function provinceLabels(features, projection) {
  const group = svg("g", { class: "province-labels" });
  for (const feature of features) {
    if (!feature.properties.events) continue;
    let best = [];
    for (const ring of allRings([feature])) if (ring.length > best.length) best = ring;
    if (!best.length) continue;
    const points = best.map(projection.project);
    const x = points.reduce((a, p) => a + p[0], 0) / points.length;
    const y = points.reduce((a, p) => a + p[1], 0) / points.length;
    group.appendChild(svg("text", { x: x.toFixed(1), y: y.toFixed(1), "text-anchor": "middle", text: feature.properties.name }));
  }
  return group;
}

function eventMarks(events, projection, onEvent) {
  const group = svg("g", { class: "events" });
  const haloRadius = (DISTRICT_RADIUS_KM / KM_PER_DEGREE) * projection.scale;
  // Halos first so that precise dots stay clickable on top of them.
  const drawable = events.filter((e) => e.latitude !== null && e.longitude !== null && e.geo_precision < 3);
  drawable.sort((a, b) => b.geo_precision - a.geo_precision);
  for (const event of drawable) {
    const [x, y] = projection.project([event.longitude, event.latitude]);
    const precise = event.geo_precision === 1;
    const mark = svg("circle", {
      cx: x.toFixed(1), cy: y.toFixed(1), r: precise ? 3 : haloRadius.toFixed(1),
      fill: typeColour(event.event_type), class: precise ? "event-dot" : "event-halo",
      dataset: { eventId: event.event_id, precision: String(event.geo_precision) },
    }, svg("title", { text: markTitle(event) }));
    mark.addEventListener("click", () => onEvent && onEvent(event));
    group.appendChild(mark);
  }
  return group;
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
    el("span", { class: "legend-item" }, el("span", { class: "sym-halo" }), `district-level (~${DISTRICT_RADIUS_KM} km)`),
    el("span", { class: "legend-item" }, el("span", { class: "sym-surge" }), "surge flagged"),
    el("span", { class: "legend-note", text: "Province-level reports only shade their province." }));
}
