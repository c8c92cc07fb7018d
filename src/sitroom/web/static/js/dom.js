// DOM helpers: every node is built with createElement / textContent, never from HTML strings,
// so text that comes from sources (titles, quotes, names) can never become markup.

const SVG_NS = "http://www.w3.org/2000/svg";

function applyAttrs(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = String(value);
    else if (name === "class") node.setAttribute("class", value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "href") node.setAttribute("href", safeHref(value));
    else node.setAttribute(name, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Create an HTML element: el("a", {href: "/x", text: "label"}, child, "text child"). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  applyAttrs(node, attrs);
  return append(node, children);
}

/** Create an SVG element with attributes and children. */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  applyAttrs(node, attrs);
  return append(node, children);
}

/** Only same-origin paths and http(s) URLs become links; anything else (javascript:, data:) is dropped. */
export function safeHref(value) {
  const text = String(value || "").trim();
  if (text.startsWith("/") && !text.startsWith("//")) return text;
  try {
    const url = new URL(text, window.location.origin);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch (error) {
    // not a URL at all: fall through
  }
  return "#";
}

/** Remove every child of a node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Replace the children of the element with the given id. */
export function fill(id, ...children) {
  const node = document.getElementById(id);
  if (!node) return null;
  return append(clear(node), children);
}

/** A small coloured badge for a stance or a status. */
export function badge(kind, label) {
  const value = String(kind || "unknown");
  const css = value.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return el("span", { class: `badge badge-${css}`, text: label || value, title: value });
}

/** A figure with its range: "7 (3-12)", or "–" when unknown. */
export function figure(low, best, high) {
  if (best === null || best === undefined) return "–";
  if (low !== null && high !== null && low !== undefined && high !== undefined && (low !== best || high !== best)) {
    return `${best} (${low}–${high})`;
  }
  return String(best);
}

/** A message shown in place of content that failed to load. */
export function errorBox(message) {
  return el("p", { class: "error", role: "alert", text: message });
}
