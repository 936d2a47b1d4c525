// Same-origin JSON calls of the page (the session cookie goes along by itself).

/** An HTTP error answer of the API: status and the server's message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let onUnauthorized = () => {};

/** Registers what to do when a data call answers 401 (the session ended). */
export function whenUnauthorized(fn) {
  onUnauthorized = fn;
}

async function send(url, init, notify401) {
  const res = await fetch(url, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...init?.headers } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = new ApiError(res.status, body?.error ?? `HTTP ${res.status}`);
    if (res.status === 401 && notify401) onUnauthorized(err);
    throw err;
  }
  return body;
}

/** GETs JSON; throws ApiError (and reports a 401 to the whenUnauthorized handler). */
export const fetchJson = (url) => send(url, {}, true);

/** GETs JSON without reporting a 401 (for /api/me at start). */
export const fetchJsonQuiet = (url) => send(url, {}, false);

/** POSTs a JSON body and reads the JSON answer; throws ApiError. */
export const postJson = (url, body) =>
  send(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, false);

/** POSTs a file as the raw body with its media type and reads the JSON answer; throws ApiError. */
export const postFile = (url, file, type) =>
  send(url, { method: 'POST', headers: { 'Content-Type': type }, body: file }, true);

/** Saves a text as a file through a Blob link (client-side download). */
export function saveText(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
