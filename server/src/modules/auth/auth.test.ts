import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, USER_PASSWORD, type Harness } from '../../../test/harness.js';

describe('sign-in, sessions and lockout (ADM-2)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ policy: { lockoutThreshold: 5, lockoutMs: 15 * 60_000, sessionIdleMs: 30 * 60_000 } });
  });
  afterAll(() => h.close());

  it('sets an HttpOnly, SameSite=Lax session cookie and returns the session with a CSRF token', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const response = await h.anonymous().post('/api/auth/login', { username: user.username, password: user.password });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'kefu_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const body = response.json();
    expect(body.user.username).toBe(user.username);
    expect(body.user.roles.map((r: { code: string }) => r.code)).toEqual(['agent']);
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
  });

  it('accepts usernames case-insensitively', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const client = await h.login(user.username.toUpperCase(), user.password);
    expect(client.info?.user.username).toBe(user.username);
  });

  it('issues a new session at every login and ends the one the browser carried', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const first = await h.login(user.username, user.password);
    // A browser that lost its CSRF token (new tab) can still sign in over its old cookie.
    const again = await first.post('/api/auth/login', { username: user.username, password: user.password }, { 'x-csrf-token': '' });
    expect(again.statusCode).toBe(200);
    const second = again.cookies.find((c) => c.name === 'kefu_session')!.value;
    expect(`kefu_session=${second}`).not.toBe(first.cookie);
    expect((await first.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('refuses a wrong password with a localised message that does not say which part was wrong', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const zh = await h.anonymous().post('/api/auth/login', { username: user.username, password: 'wrong-pass1' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'auth.invalid_credentials', message: '用户名或密码错误。' });
    const en = await h.anonymous().post('/api/auth/login', { username: 'nobody-here', password: 'x' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json().error).toMatchObject({ code: 'auth.invalid_credentials', message: 'Wrong username or password.' });
    expect(en.headers['x-request-id']).toBe(en.json().error.requestId);
  });

  it('locks the account after 5 wrong passwords, audits every attempt, and unlocks after the lockout', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      statuses.push((await h.anonymous().post('/api/auth/login', { username: user.username, password: `bad-guess${attempt}` })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);

    const whileLocked = await h.anonymous().post('/api/auth/login', { username: user.username, password: user.password });
    expect(whileLocked.statusCode).toBe(423);
    expect(whileLocked.json().error.code).toBe('auth.account_locked');
    expect(whileLocked.json().error.message).toContain('15');

    const audit = await h.admin.get(`/api/audit?limit=50&q=${user.username}`);
    const actions = audit.json().items.map((entry: { action: string }) => entry.action);
    expect(actions.filter((a: string) => a === 'auth.login_failed')).toHaveLength(6);
    expect(actions).toContain('auth.login_locked');

    const listed = await h.admin.get(`/api/users/${user.id}`);
    expect(listed.json().lockedUntil).toBeGreaterThan(h.clock.now());

    h.clock.advance(15 * 60_000 + 1);
    expect((await h.anonymous().post('/api/auth/login', { username: user.username, password: user.password })).statusCode).toBe(200);
  });

  it('lets an administrator unlock a locked account at once', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    for (let attempt = 0; attempt < 5; attempt++) {
      await h.anonymous().post('/api/auth/login', { username: user.username, password: 'nope12345' });
    }
    expect((await h.admin.post(`/api/users/${user.id}/unlock`)).statusCode).toBe(200);
    expect((await h.anonymous().post('/api/auth/login', { username: user.username, password: user.password })).statusCode).toBe(200);
  });

  it('logs out: the cookie no longer works', async () => {
    const client = await h.signInAs('agent');
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    const after = await client.get('/api/auth/session');
    expect(after.statusCode).toBe(401);
  });

  it('lists own sessions and revokes another one', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const laptop = await h.login(user.username, user.password);
    const phone = await h.login(user.username, user.password);
    const sessions = (await laptop.get('/api/auth/sessions')).json();
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s: { current: boolean }) => !s.current);
    expect((await laptop.delete(`/api/auth/sessions/${other.id}`)).statusCode).toBe(200);
    expect((await phone.get('/api/auth/session')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/session')).statusCode).toBe(200);
    // Someone else's session id is "not found", never revocable.
    const stranger = await h.signInAs('agent');
    const mine = (await laptop.get('/api/auth/sessions')).json()[0].id;
    expect((await stranger.delete(`/api/auth/sessions/${mine}`)).statusCode).toBe(404);
  });

  it('changing the password ends every other session and needs the current password', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const here = await h.login(user.username, user.password);
    const elsewhere = await h.login(user.username, user.password);
    const wrong = await here.post('/api/auth/password', { currentPassword: 'not-it-123', newPassword: 'fresh-pass-9' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('auth.wrong_current_password');
    const weak = await here.post('/api/auth/password', { currentPassword: USER_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.fields[0]).toMatchObject({ path: 'newPassword' });
    const ok = await here.post('/api/auth/password', { currentPassword: USER_PASSWORD, newPassword: 'fresh-pass-9' });
    expect(ok.statusCode).toBe(200);
    expect((await here.get('/api/auth/session')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/session')).statusCode).toBe(401);
    await h.login(user.username, 'fresh-pass-9');
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const client = await h.signInAs('agent');
    const missing = await client.post('/api/auth/logout', {}, { 'x-csrf-token': '' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf_failed');
    const forged = await client.post('/api/auth/logout', {}, { 'x-csrf-token': 'forged-token-value-forged-token' });
    expect(forged.statusCode).toBe(403);
  });

  it('refuses a cross-site login post', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const response = await h
      .anonymous()
      .post('/api/auth/login', { username: user.username, password: user.password }, { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
  });

  it('does not authenticate a disabled user, and disabling ends their sessions', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const client = await h.login(user.username, user.password);
    expect((await h.admin.patch(`/api/users/${user.id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
    const login = await h.anonymous().post('/api/auth/login', { username: user.username, password: user.password });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('auth.account_disabled');
  });

  it('remembers the language choice and answers in it', async () => {
    const client = await h.signInAs('agent');
    const updated = await client.patch('/api/auth/profile', { locale: 'en-US' });
    expect(updated.json().user.locale).toBe('en-US');
    const denied = await client.get('/api/users');
    expect(denied.json().error.message).toBe('You do not have permission to do this.');
  });
});

describe('session expiry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ policy: { sessionIdleMs: 30 * 60_000, sessionMaxMs: 24 * 3_600_000 } });
  });
  afterAll(() => h.close());

  it('expires a session idle longer than the idle limit', async () => {
    const client = await h.signInAs('agent');
    h.clock.advance(29 * 60_000);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    h.clock.advance(29 * 60_000);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    h.clock.advance(31 * 60_000);
    const response = await client.get('/api/auth/session');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('session_expired');
  });

  it('expires an active session at its absolute limit', async () => {
    const client = await h.signInAs('agent');
    // Active every 20 minutes (never idle) for 23 h 40 min: still signed in.
    for (let step = 0; step < 71; step++) {
      h.clock.advance(20 * 60_000);
      expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    }
    h.clock.advance(20 * 60_000);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });
});

describe('session cookie over HTTPS', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ trustProxy: true });
  });
  afterAll(() => h.close());

  it('uses the __Host- prefix and Secure behind a TLS-terminating proxy', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const response = await h
      .anonymous()
      .post('/api/auth/login', { username: user.username, password: user.password }, { 'x-forwarded-proto': 'https' });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === '__Host-kefu_session')!;
    expect(cookie).toBeDefined();
    expect(cookie.secure).toBe(true);
    expect(cookie.path).toBe('/');
    expect(cookie.domain).toBeUndefined();
    const session = await h
      .anonymous()
      .get('/api/auth/session', { cookie: `__Host-kefu_session=${cookie.value}`, 'x-forwarded-proto': 'https' });
    expect(session.statusCode).toBe(200);
  });
});
