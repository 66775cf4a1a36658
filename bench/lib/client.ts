/** A signed-in user, as a browser is: the session cookie, and the CSRF token and Origin for writes. */
export interface Session {
  username: string;
  userId: number;
  cookie: string;
  csrfToken: string;
  /** Headers for reads. */
  readHeaders: Record<string, string>;
  /** Headers for cookie-authenticated writes (JSON body). */
  writeHeaders: Record<string, string>;
}

export async function signIn(base: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { csrfToken?: string; user?: { id: number }; error?: { message: string } };
  if (!response.ok || !body.csrfToken) throw new Error(`sign-in as ${username}: ${response.status} ${body.error?.message ?? ''}`);
  const cookie = response.headers
    .getSetCookie()
    .map((value) => value.split(';')[0]!)
    .join('; ');
  return {
    username,
    userId: body.user!.id,
    cookie,
    csrfToken: body.csrfToken,
    readHeaders: { cookie },
    writeHeaders: { cookie, 'x-csrf-token': body.csrfToken, origin: base, 'content-type': 'application/json' },
  };
}

export async function getJson<T>(base: string, path: string, session: Session): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: session.readHeaders });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
