// Fetching the JSON API. Source text arrives as plain JSON strings; callers put it in the
// page with textContent only.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Return the query string for params, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** GET a JSON resource under /api/v1; raise ApiError with the server's message on failure. */
export async function getJSON(path, params) {
  const response = await fetch(`/api/v1${path}${query(params)}`, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    body = null;
  }
  if (!response.ok) {
    if (response.status === 401 && !window.location.pathname.startsWith("/login") && !path.startsWith("/session")) {
      // This server has accounts: reading needs a login.
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    throw apiError(response, body);
  }
  return body;
}

function apiError(response, body) {
  const message = (body && (body.message || (typeof body.detail === "string" ? body.detail : null)))
    || `${response.status} ${response.statusText}`;
  const error = new ApiError(response.status, message);
  error.body = body;
  return error;
}

let csrfToken = null;

/** Return the session (user, role, csrf_token, accounts); `fresh` asks the server again. */
export async function getSession(fresh = false) {
  const session = await getJSON("/session");
  csrfToken = session.csrf_token;
  return session;
}

/** The CSRF token of the session (null before getSession), for hidden form fields. */
export function csrfTokenValue() {
  return csrfToken;
}

/** Send a state-changing request (POST / DELETE) with the session's CSRF token; ApiError on failure. */
export async function sendJSON(method, path, body) {
  if (!csrfToken) await getSession();
  const response = await fetch(`/api/v1${path}`, {
    method, credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrfToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let answer = null;
  try {
    answer = await response.json();
  } catch (error) {
    answer = null;
  }
  if (!response.ok) throw apiError(response, answer);
  if (answer && answer.csrf_token) csrfToken = answer.csrf_token;  // login and logout start new sessions
  return answer;
}

/** Follow next_cursor pages of a list endpoint until `max` items are collected. */
export async function getAll(path, params, max = 2000) {
  const items = [];
  let cursor = null;
  let total = null;
  do {
    const page = await getJSON(path, { ...params, cursor, with_total: total === null ? "true" : "false" });
    if (total === null) total = page.total;
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  return { items: items.slice(0, max), total: total ?? items.length, truncated: Boolean(cursor) };
}
