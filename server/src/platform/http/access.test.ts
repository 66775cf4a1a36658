import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, PERMISSIONS, type BuiltinRoleCode } from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';

/**
 * Every /api route declares who may call it, and the declared rule is what the server
 * enforces: the route list comes from the running app, so a new route joins these
 * checks without anyone remembering to add it.
 */
describe('route access policy (ADM-1, house rule 4)', () => {
  let h: Harness;
  const clients = new Map<BuiltinRoleCode, Client>();

  beforeAll(async () => {
    h = await createHarness();
    const team = await h.createDepartment('话务一班');
    for (const role of BUILTIN_ROLES) clients.set(role.code, await h.signInAs(role.code, team));
  });
  afterAll(() => h.close());

  it('every registered /api route declares public, authenticated or a known permission', () => {
    expect(h.kefu.routes.length).toBeGreaterThan(20);
    for (const route of h.kefu.routes) {
      if (route.url.startsWith('/api/docs')) continue;
      const valid = route.access === 'public' || route.access === 'authenticated' || (PERMISSIONS as readonly string[]).includes(route.access ?? '');
      expect(valid, `${route.method} ${route.url} declares ${String(route.access)}`).toBe(true);
    }
  });

  it('only the sign-in, setup and health routes are public', () => {
    const publicRoutes = h.kefu.routes
      .filter((route) => route.access === 'public')
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    expect(publicRoutes).toEqual(['GET /api/health', 'GET /api/setup', 'POST /api/auth/login', 'POST /api/setup']);
  });

  // Signing out ends the client's session, so it is tried last.
  const endsSession = (route: { url: string }) => route.url === '/api/auth/logout';
  const protectedRoutes = () =>
    h.kefu.routes
      .filter((route) => route.access !== 'public' && !route.url.startsWith('/api/docs'))
      .sort((a, b) => Number(endsSession(a)) - Number(endsSession(b)));
  const concrete = (url: string) => url.replace(/:id/g, '999999');

  /**
   * The live-event stream (GET /api/events) never ends, which inject() would wait for: its
   * status line is the answer, then the stream is dropped (the app ends it on close).
   */
  const streams = (route: { url: string }) => route.url === '/api/events';
  async function call(client: Client, route: { method: string; url: string }): Promise<{ statusCode: number; body: string; json(): { error: { code: string } } }> {
    if (!streams(route)) return client.request(route.method as 'GET', concrete(route.url), route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
    const response = await h.kefu.app.inject({ method: 'GET', url: route.url, headers: client.cookie ? { cookie: client.cookie } : {}, payloadAsStream: true });
    const stream = response.stream();
    if (response.statusCode === 200) {
      stream.destroy();
      return { statusCode: 200, body: '(event stream)', json: () => ({ error: { code: '' } }) };
    }
    let body = '';
    for await (const chunk of stream) body += String(chunk);
    return { statusCode: response.statusCode, body, json: () => JSON.parse(body) };
  }

  it('answers 401 with a localised message to anonymous callers on every protected route', async () => {
    for (const route of protectedRoutes()) {
      const response = await h.anonymous().request(route.method as 'GET', concrete(route.url), route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().error).toMatchObject({ code: 'unauthenticated', message: '请先登录。' });
    }
  });

  it('role × route: a role without the permission gets 403, a role with it gets past the policy', async () => {
    const outcomes: string[] = [];
    for (const role of BUILTIN_ROLES) {
      const client = clients.get(role.code)!;
      for (const route of protectedRoutes()) {
        const response = await call(client, route);
        const allowed = route.access === 'authenticated' || (role.permissions as readonly string[]).includes(route.access!);
        if (allowed) {
          expect(response.statusCode, `${role.code} ${route.method} ${route.url}: ${response.body}`).not.toBe(403);
          expect(response.statusCode, `${role.code} ${route.method} ${route.url}`).not.toBe(401);
        } else {
          expect(response.statusCode, `${role.code} ${route.method} ${route.url}`).toBe(403);
          expect(response.json().error.code).toBe('forbidden');
        }
        outcomes.push(`${role.code} ${route.method} ${route.url} ${allowed ? 'allowed' : 'denied'}`);
      }
    }
    // The matrix covers every built-in role against every protected route.
    expect(outcomes).toHaveLength(BUILTIN_ROLES.length * protectedRoutes().length);
  });

  it('gives an agent calling an admin route a localised 403 and audits the denial', async () => {
    const agent = await h.signInAs('agent');
    const zh = await agent.get('/api/users');
    expect(zh.statusCode).toBe(403);
    expect(zh.json().error).toMatchObject({ code: 'forbidden', message: '您没有执行此操作的权限。' });
    const audit = await h.admin.get('/api/audit?action=access.denied&limit=200');
    const entry = audit
      .json()
      .items.find((item: { actorName: string; details: { route: string } }) => item.actorName === agent.info!.user.username && item.details.route === '/api/users');
    expect(entry).toMatchObject({ outcome: 'denied', details: { method: 'GET', permission: 'users.read' } });
  });

  it('an agent holds no administrative permission; an administrator holds them all', () => {
    const agent = clients.get('agent')!;
    expect(agent.info!.user.permissions).toEqual(['complaints.manage', 'complaints.read', 'customers.read', 'customers.write', 'knowledge.read', 'work_orders.create', 'work_orders.handle', 'work_orders.read']);
    expect(agent.info!.user.dataScope).toBe('self');
    const admin = clients.get('administrator')!;
    expect(admin.info!.user.permissions).toEqual([...PERMISSIONS].sort());
  });
});
