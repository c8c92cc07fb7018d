// The login page: the form posts JSON with the session's CSRF token, then returns to ?next=.

import { getSession, sendJSON } from "./api.js";
import { fill } from "./dom.js";

function nextPath() {
  const next = new URLSearchParams(window.location.search).get("next") || "/review";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/review";
}

async function submit(event) {
  event.preventDefault();
  const username = document.getElementById("login-username").value;
  const password = document.getElementById("login-password").value;
  try {
    await sendJSON("POST", "/session", { username, password });
  } catch (error) {
    fill("login-status", error.status === 429 ? `Too many attempts: ${error.message}` : error.message);
    return;
  }
  window.location.assign(nextPath());
}

async function main() {
  document.body.dataset.page = "login";
  const session = await getSession();
  document.getElementById("login-csrf").value = session.csrf_token;
  if (!session.accounts) fill("login-status", "This server has no accounts: it is public and read-only.");
  document.getElementById("login-form").addEventListener("submit", submit);
  // The button stays disabled until the handler is attached: a click before that would post the
  // form natively, without the CSRF token, and leave the user on an error page.
  document.getElementById("login-submit").disabled = false;
  document.body.dataset.ready = "true";
}

main();
