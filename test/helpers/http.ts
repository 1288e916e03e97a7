// Signs in as a user and sends requests the way the web app does (cookie + CSRF header).
import type { App } from '../../src/server/app.ts';

export const demo = {
  hr: 'hr@demo.mejora.dev',
  hrRep: 'hr.rep@demo.mejora.dev',
  manager: 'manager@demo.mejora.dev',
  employee: 'employee@demo.mejora.dev',
  mentor: 'mentor@demo.mejora.dev',
  mentor2: 'mentor2@demo.mejora.dev',
  auditor: 'auditor@demo.mejora.dev',
} as const;

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of every shape
export type Response = { status: number; body: any; headers: Record<string, unknown>; text: string };

export type Client = {
  user: { id: string; orgId: string; name: string; employeeId: string | null; roles: string[] };
  csrfToken: string;
  cookie: string;
  get(url: string): Promise<Response>;
  post(url: string, body?: unknown): Promise<Response>;
  patch(url: string, body?: unknown): Promise<Response>;
  put(url: string, body?: unknown): Promise<Response>;
  delete(url: string): Promise<Response>;
};

export async function send(
  app: App,
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    payload: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  let body: unknown = null;
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('json')) body = response.json();
  return { status: response.statusCode, body, headers: response.headers, text: response.body };
}

let signIns = 0;

export async function signIn(app: App, email: string, password = 'mejora-demo'): Promise<Client> {
  // Each sign-in comes from its own address so the login rate limit does not couple tests.
  signIns++;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    headers: { 'x-forwarded-for': `198.51.${Math.floor(signIns / 250) % 250}.${signIns % 250}` },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies.find((c) => c.name === 'mejora_session');
  const cookie = `mejora_session=${setCookie?.value}`;
  const { user, csrfToken } = response.json();
  const call = (method: string) => (url: string, body?: unknown) =>
    send(app, method, url, { body, headers: { cookie, 'x-csrf-token': csrfToken } });
  return {
    user,
    csrfToken,
    cookie,
    get: call('GET'),
    post: call('POST'),
    patch: call('PATCH'),
    put: call('PUT'),
    delete: call('DELETE'),
  };
}
