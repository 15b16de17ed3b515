// Every call to the review API goes through here: same-origin cookies, the CSRF token on state changes, errors as
// ApiError with the server's code. The CSRF token lives in this module's memory only (never localStorage): a page
// reload asks GET /api/session for it again.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfter?: string | null,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session is gone, the app goes back to the login screen. */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function headersFor(method: string, hasBody: boolean, background = false): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (background) headers['x-background'] = '1';
  if (hasBody) headers['content-type'] = 'application/json';
  if (STATE_CHANGING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = res.statusText || `The server answered ${res.status}.`;
  let details: unknown;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown }; code?: string; message?: string; details?: unknown };
    const e = body.error ?? body;
    code = e.code ?? code;
    message = e.message ?? message;
    details = e.details;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  return new ApiError(res.status, code, message, details, res.headers.get('retry-after'));
}

export interface CallOptions {
  /** Login and the session probe answer 401 as part of their job: do not bounce to the login screen. */
  quiet401?: boolean;
  /** Sent by the page on its own (polls, lease renewals): the server does not count it as activity for the idle timeout. */
  background?: boolean;
}

export async function request(method: string, path: string, body?: unknown, opts: CallOptions = {}): Promise<Response> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: headersFor(method, body !== undefined, opts.background),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401 && !opts.quiet401) onUnauthorized();
  if (!res.ok) throw await errorOf(res);
  return res;
}

/** A JSON call; `null` for 204 answers. */
export async function api<T>(method: string, path: string, body?: unknown, opts?: CallOptions): Promise<T | null> {
  const res = await request(method, path, body, opts);
  if (res.status === 204) return null;
  return (await res.json()) as T;
}

export const get = <T>(path: string, opts?: CallOptions) => api<T>('GET', path, undefined, opts) as Promise<T>;

/** Releases a lease while the page unloads: `keepalive` lets the request outlive the page. */
export function releaseOnUnload(path: string): void {
  void fetch(path, { method: 'DELETE', credentials: 'same-origin', keepalive: true, headers: headersFor('DELETE', false) }).catch(() => {});
}

export function describe(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
