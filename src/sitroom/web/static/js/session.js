// The account box in the header: "Log in", or the user's name and role with "Log out".
// Loaded on every page beside the page's own script.

import { getSession, sendJSON } from "./api.js";
import { el, fill } from "./dom.js";

async function logout() {
  await sendJSON("DELETE", "/session");
  window.location.assign("/login");
}

async function main() {
  let session;
  try {
    session = await getSession();
  } catch (error) {
    return;
  }
  document.body.dataset.user = session.user || "";
  document.body.dataset.role = session.role || "";
  if (!session.accounts) {
    fill("account-box", el("span", { class: "public-mode", text: "public, read-only" }));
  } else if (session.user) {
    const button = el("button", { type: "button", class: "secondary", id: "logout", text: "Log out" });
    button.addEventListener("click", logout);
    fill("account-box", el("span", { id: "whoami", text: `${session.user} (${session.role})` }), " ", button);
  } else {
    fill("account-box", el("a", { href: "/login", id: "login-link", text: "Log in" }));
  }
  document.body.dataset.session = "ready";
}

main();
