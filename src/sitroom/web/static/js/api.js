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
    const message = (body && (body.message || (typeof body.detail === "string" ? body.detail : null)))
      || `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return body;
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
