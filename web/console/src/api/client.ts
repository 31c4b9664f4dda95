import { t } from '../strings';

/** An API error as the server states it: a stable code, a pt-BR message and maybe the field. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
let onSignedOut: (() => void) | undefined;

/** The session's CSRF token, sent back on every state-changing call (the cookie alone is not enough). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when any call answers 401 `not_signed_in`: the session ended elsewhere or expired. */
export function onSessionLost(callback: () => void): void {
  onSignedOut = callback;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network', t.genericError);
  }
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => undefined)) as
    | { code?: string; message?: string; field?: string }
    | undefined;
  if (!response.ok) {
    const error = new ApiError(
      response.status,
      payload?.code ?? 'http_error',
      payload?.message ?? t.genericError,
      payload?.field,
    );
    if (error.code === 'not_signed_in' && !path.endsWith('/auth/me')) onSignedOut?.();
    throw error;
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A message for a person from anything thrown by a call. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : t.genericError;
}
