// The ledger's public and admin APIs as the console calls them: the token from this tab's
// session, the answer's envelope unwrapped, a refusal turned into an ApiError that says what to do.

export class ApiError extends Error {
  constructor(status, envelope, retryAfter) {
    super(envelope?.message || (status ? `HTTP ${status}` : 'no answer'));
    this.status = status;
    this.error = envelope?.error;
    this.param = envelope?.param;
    this.requestId = envelope?.requestId;
    this.retryAfter = retryAfter ? Number(retryAfter) : null;
  }

  /** What the person at the console should read. */
  explain() {
    switch (this.status) {
      case 0: return `The ledger did not answer (${this.message}). Is it running?`;
      case 401: return 'The token was refused: it is unknown, revoked or mistyped. Sign in again.';
      case 403: return 'This token may not do that (operators sign in with the admin token).';
      case 429: return `Too many requests for this token: try again in ${this.retryAfter ?? 1} s.`;
      case 503: return `The ledger cannot answer now (${this.message}); try again in ${this.retryAfter ?? 1} s.`;
      default: return this.message + (this.param ? ` (parameter ${this.param})` : '');
    }
  }
}

export function createApi(session) {
  async function call(base, method, path, body) {
    const headers = { Authorization: `Bearer ${session.token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(base + path, {
        method, headers, cache: 'no-store',
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    } catch (failure) {
      throw new ApiError(0, { message: failure.message });
    }
    let envelope = null;
    try {
      envelope = await response.json();
    } catch {
      envelope = null;
    }
    if (!response.ok) {
      throw new ApiError(response.status, envelope, response.headers.get('Retry-After'));
    }
    return { data: envelope?.data, position: response.headers.get('Ledger-Position'), requestId: envelope?.requestId };
  }
  return {
    query: (path, method = 'GET', body) => call('', method, path, body),
    command: (path, method = 'GET', body) => call(session.commandSideUrl, method, path, body),
  };
}

/** Settings the query side gives the console: where the command side's admin API is. */
export async function consoleSettings() {
  const response = await fetch('/console/settings', { cache: 'no-store' });
  return (await response.json()).data;
}
