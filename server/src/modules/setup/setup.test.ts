import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@kefu/contracts';
import { buildApp, type KefuApp } from '../../app.js';
import { ManualClock } from '../../platform/clock.js';
import { createTestDb, type TestDb } from '../../../test/test-db.js';

/** A Kefu on an empty database: migrated, never set up. */
async function freshInstall(): Promise<{ kefu: KefuApp; testDb: TestDb; close(): Promise<void> }> {
  const testDb = await createTestDb();
  const kefu = await buildApp({ db: testDb.db, clock: new ManualClock() });
  return {
    kefu,
    testDb,
    async close() {
      await kefu.app.close();
      await testDb.drop();
    },
  };
}

const validSetup = {
  organizationName: '华东客服中心',
  admin: { username: 'Chief', displayName: '王主任', password: 'first-admin-1' },
};

describe('an empty database', () => {
  let install: Awaited<ReturnType<typeof freshInstall>>;
  beforeAll(async () => {
    install = await freshInstall();
  });
  afterAll(() => install.close());

  it('reports that setup is needed', async () => {
    const status = await install.kefu.app.inject({ method: 'GET', url: '/api/setup' });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ needsSetup: true, organizationName: null });
  });

  it('refuses a weak administrator password with a field error on admin.password, in the browser’s language', async () => {
    const weak = await install.kefu.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { ...validSetup, admin: { ...validSetup.admin, password: 'password' } },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('validation_failed');
    expect(weak.json().error.details.fields).toEqual([{ path: 'admin.password', code: expect.any(String), message: '密码须同时包含字母和数字。' }]);
    expect(weak.cookies).toEqual([]);

    // Nobody is signed in yet, so Accept-Language decides.
    const english = await install.kefu.app.inject({
      method: 'POST',
      url: '/api/setup',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { ...validSetup, admin: { ...validSetup.admin, password: 'abc1' } },
    });
    expect(english.json().error.details.fields).toEqual([expect.objectContaining({ path: 'admin.password', message: 'At least 8 characters.' })]);

    expect((await install.kefu.app.inject({ method: 'GET', url: '/api/setup' })).json().needsSetup).toBe(true);
    expect(await install.testDb.db.kysely.selectFrom('app_user').select('id').execute()).toEqual([]);
  });

  it('refuses a cross-site setup post', async () => {
    const response = await install.kefu.app.inject({ method: 'POST', url: '/api/setup', headers: { origin: 'https://evil.example' }, payload: validSetup });
    expect(response.statusCode).toBe(403);
    expect((await install.kefu.app.inject({ method: 'GET', url: '/api/setup' })).json().needsSetup).toBe(true);
  });
});

describe('completing setup through the web page', () => {
  let install: Awaited<ReturnType<typeof freshInstall>>;
  let done: Awaited<ReturnType<KefuApp['app']['inject']>>;
  let signedIn: { cookie: string };
  beforeAll(async () => {
    install = await freshInstall();
    done = await install.kefu.app.inject({ method: 'POST', url: '/api/setup', payload: validSetup });
    signedIn = { cookie: `kefu_session=${done.cookies.find((c) => c.name === 'kefu_session')?.value}` };
  });
  afterAll(() => install.close());

  const inject = (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
    install.kefu.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('signs the new administrator in with a session cookie and the administrator role', async () => {
    expect(done.statusCode, done.body).toBe(200);
    const cookie = done.cookies.find((c) => c.name === 'kefu_session')!;
    expect(cookie.httpOnly).toBe(true);
    const session = done.json();
    expect(session.organizationName).toBe('华东客服中心');
    expect(session.user).toMatchObject({ username: 'chief', displayName: '王主任', dataScope: 'all', roles: [{ code: 'administrator', name: '系统管理员' }] });
    expect(session.user.permissions).toEqual([...PERMISSIONS].sort());

    // The cookie is a working session: the administrator uses the admin API at once.
    expect((await inject('GET', '/api/auth/session', undefined, signedIn)).json().user.username).toBe('chief');
    const settings = await inject('GET', '/api/settings', undefined, signedIn);
    expect(settings.json()).toEqual({ name: '华东客服中心', timeZone: 'Asia/Shanghai', defaultLocale: 'zh-CN' });
    expect((await inject('POST', '/api/auth/login', { username: 'chief', password: 'first-admin-1' })).statusCode).toBe(200);
  });

  it('then reports setup done and refuses a second setup with 409 setup.already_done', async () => {
    expect((await inject('GET', '/api/setup')).json()).toEqual({ needsSetup: false, organizationName: '华东客服中心' });
    const again = await inject('POST', '/api/setup', { ...validSetup, organizationName: '接管中心', admin: { ...validSetup.admin, username: 'intruder' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'setup.already_done', message: '系统已完成初始化。' });
    expect(again.cookies.find((c) => c.name === 'kefu_session')).toBeUndefined();
    const users = await install.testDb.db.kysely.selectFrom('app_user').select('username').execute();
    expect(users).toEqual([{ username: 'chief' }]);
    expect((await inject('GET', '/api/setup')).json().organizationName).toBe('华东客服中心');
  });

  it('writes setup.completed to the audit log', async () => {
    const audit = await inject('GET', '/api/audit?action=setup.completed', undefined, signedIn);
    expect(audit.json().total).toBe(1);
    expect(audit.json().items[0]).toMatchObject({
      action: 'setup.completed',
      outcome: 'success',
      actorName: 'chief',
      targetType: 'organization',
      details: { organizationName: '华东客服中心', via: 'web' },
    });
  });
});

describe('first-run setup from the environment (bootstrap)', () => {
  let install: Awaited<ReturnType<typeof freshInstall>>;
  beforeAll(async () => {
    install = await freshInstall();
  });
  afterAll(() => install.close());

  it('creates one administrator however often it runs, even twice at once', async () => {
    const setup = install.kefu.services.setup;
    const results = await Promise.all([
      setup.bootstrap({ organizationName: '环境变量中心', adminPassword: 'boot-pass-1' }),
      setup.bootstrap({ organizationName: '另一个中心', adminPassword: 'boot-pass-2' }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await setup.bootstrap({ organizationName: '第三次', adminPassword: 'boot-pass-3' })).toBe(false);

    const kysely = install.testDb.db.kysely;
    const users = await kysely.selectFrom('app_user').select(['username']).execute();
    expect(users).toEqual([{ username: 'admin' }]);
    const organizations = await kysely.selectFrom('organization').select('name').execute();
    expect(organizations).toHaveLength(1);
    const entries = await kysely.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'setup.completed').execute();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.details)).toMatchObject({ via: 'environment', organizationName: organizations[0]!.name });

    const winner = results[0] ? 'boot-pass-1' : 'boot-pass-2';
    const login = await install.kefu.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: winner } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.roles.map((role: { code: string }) => role.code)).toEqual(['administrator']);
    expect((await install.kefu.app.inject({ method: 'GET', url: '/api/setup' })).json().needsSetup).toBe(false);
  });
});
