// The actor page's profile and volume panels: leaders, bases, strength ranges and alliances with
// their sources, aliases by script, dated roles; posts per week and the share of claims confirmed.

import { getJSON } from "./api.js";
import { el, fill } from "./dom.js";
import { suggestionsPanel } from "./actor_suggestions.js";

function actorName() {
  return decodeURIComponent(window.location.pathname.replace(/^\/actors\//, ""));
}

const period = (item) => `${item.start || "?"} – ${item.end || "now"}`;
const cite = (source) => el("span", { class: "source-cite" },
  source.quote ? el("q", { class: "statement", text: source.quote }) : null,
  ` [${source.title}, ${source.publisher}, ${source.date}${source.document_id ? `; document ${source.document_id}` : ""}]`);
const WHERE = { true: "inside the country", false: "abroad" };

function datedList(title, items, describe) {
  if (!items.length) return null;
  return [el("h3", { text: title }), el("ul", {}, items.map((item) => el("li", {}, describe(item), ` (${period(item)})`, cite(item.source))))];
}

function profilePanel(profile) {
  const strength = profile.strength.map((s) => el("li", {},
    `${s.low.toLocaleString("en")} – ${s.high.toLocaleString("en")} (as of ${s.as_of})`,
    s.verified ? null : el("span", { class: "unverified", text: " unverified" }), s.note ? ` — ${s.note}` : "", cite(s.source)));
  return el("section", { class: "panel", id: "profile-panel" },
    el("h2", { text: "Profile" }),
    [profile.leaders, profile.bases, profile.strength, profile.alliances].some((part) => part.length) ? null
      : el("p", { class: "note", id: "profile-empty", text: "No sourced statement about leaders, bases, strength or alliances yet." }),
    datedList("Leaders", profile.leaders, (l) => `${l.fields.name}, ${l.fields.role}`),
    datedList("Based", profile.bases, (b) => `${b.fields.place} (${WHERE[String(b.fields.inside)] || "place not resolved"})`),
    strength.length ? [el("h3", { text: "Strength estimates" }), el("ul", {}, strength)] : null,
    datedList("Alliances and membership", profile.alliances, (a) => `${a.fields.kind} of ${a.fields.with}`),
    el("h3", { text: "Roles (actor dictionary)" }),
    el("ul", {}, profile.roles.map((r) => el("li", { text: `${r.category}${r.affiliation ? `, ${r.affiliation}` : ""} (${r.from || "?"} – ${r.until || "now"})` }))),
    el("h3", { text: "Names" }),
    el("dl", { class: "fields" }, Object.entries(profile.aliases_by_script).flatMap(([script, names]) => [el("dt", { text: script }), el("dd", { text: names.join(" · ") })])));
}

function volumePanel(volume) {
  const claims = volume.claims[0];
  const weeks = Object.values(volume.groups_weekly_posts)[0] || {};
  return el("section", { class: "panel", id: "volume-panel" },
    el("h2", { text: "Posts and claims" }),
    claims ? el("p", { id: "claim-shares", text: `${claims.claims} claims about ${claims.events} events: ${Math.round(100 * claims.share_independently_reported)}% independently reported, ${Math.round(100 * claims.share_confirmed)}% confirmed, ${Math.round(100 * claims.share_denied)}% denied.` }) : el("p", { text: "No claims by this group." }),
    el("table", { class: "ledger", id: "channel-volume" },
      el("thead", {}, el("tr", {}, ["Channel", "Posts", "With an event", "Weeks active"].map((h) => el("th", { text: h })))),
      el("tbody", {}, volume.channels.map((c) => el("tr", {}, el("td", { text: c.publisher }), el("td", { class: "num", text: c.posts }),
        el("td", { class: "num", text: c.posts_with_events }), el("td", { class: "num", text: Object.keys(c.weeks).length }))))),
    el("p", { class: "note", text: `Busiest week: ${Math.max(0, ...Object.values(weeks))} posts. Every post counts, whether or not it holds an event.` }));
}

async function main() {
  const name = actorName();
  const parts = [];
  let group = name;
  try {
    const profile = await getJSON(`/actor-profiles/${encodeURIComponent(name)}`);
    parts.push(profilePanel(profile));
    group = profile.name;
  } catch (error) {
    if (error.status !== 404) parts.push(el("p", { class: "error", text: error.message }));
  }
  try {
    parts.push(await suggestionsPanel(name, main));
  } catch (error) {
    if (error.status !== 404) parts.push(el("p", { class: "error", text: error.message }));
  }
  try {
    const volume = await getJSON("/volume", { group });
    if (volume.channels.length || volume.claims.length) parts.push(volumePanel(volume));
  } catch (error) {
    parts.push(el("p", { class: "error", text: error.message }));
  }
  if (!parts.some(Boolean)) return;
  fill("actor-profile", ...parts);
  placeBesideActivity(document.getElementById("actor-profile"));
}

/** Once the actor page has drawn its activity chart, move the panels right after it. */
function placeBesideActivity(panels, tries = 200) {
  const activity = document.getElementById("actor-activity");
  const section = activity && activity.closest("section");
  if (section) section.after(panels);
  else if (document.body.dataset.ready !== "true" && tries > 0) setTimeout(() => placeBesideActivity(panels, tries - 1), 50);
}

main();
