// The one way the web app talks to the server: same-origin fetch with the session cookie, JSON in
// and out, and every refusal turned into an ApiProblem carrying the server's RFC 9457 problem
// details (code, detail, field errors) so that screens can show them as they are.

export type FieldProblem = { in?: string; path: (string | number)[]; code: string; message: string };

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldProblem[];

  constructor(status: number, body: Record<string, unknown> | null) {
    const detail = typeof body?.detail === 'string' ? body.detail : `HTTP ${status}`;
    super(detail);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = typeof body?.code === 'string' ? body.code : 'http_error';
    this.detail = detail;
    this.errors = Array.isArray(body?.errors) ? (body.errors as FieldProblem[]) : [];
  }
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json, application/problem+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status === 204) return null as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) throw new ApiProblem(res.status, json as Record<string, unknown> | null);
  return json as T;
}
