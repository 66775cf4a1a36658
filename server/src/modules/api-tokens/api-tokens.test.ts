import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Permission } from '@kefu/contracts';
import { createHarness, USER_PASSWORD, type Client, type Harness } from '../../../test/harness.js';

function bearer(secret: string) {
  return { authorization: `Bearer ${secret}` };
}

async function issue(client: Client, permissions: Permission[], options: { name?: string; expiresInDays?: number | null } = {}) {
  const response = await client.post('/api/api-tokens', { name: options.name ?? 'integration', permissions, ...('expiresInDays' in options ? { expiresInDays: options.expiresInDays } : {}) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { token: { id: number; prefix: string; permissions: Permission[]; expiresAt: number | null }; secret: string };
}

/** A signed-in user holding a fresh custom role, so a test can change that role without touching others. */
async function ownerWith(h: Harness, code: string, permissions: Permission[]) {
  const role = await h.admin.post('/api/roles', { code, name: code, dataScope: 'all', permissions });
  expect(role.statusCode, role.body).toBe(200);
  const user = await h.createUser({ roles: [role.json().id] });
  return { roleId: role.json().id as number, userId: user.id, client: await h.login(user.username, user.password) };
}

describe('API tokens', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('shows the secret once at creation and stores only a hash of it', async () => {
    const { token, secret } = await issue(h.admin, ['users.read'], { name: '报表同步' });
    expect(secret).toMatch(new RegExp(`^kefu_${token.prefix}_[A-Za-z0-9_-]{40,}$`));
    expect(token).toMatchObject({ name: '报表同步', permissions: ['users.read'], ownerId: h.adminActor.userId, revokedAt: null, lastUsedAt: null });
    expect(token.expiresAt).toBe(h.clock.now() + 365 * 86_400_000);

    const listed = await h.admin.get('/api/api-tokens');
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(secret);
    expect(listed.body).not.toContain(secret.slice(-20));
    expect(listed.json().find((candidate: { id: number }) => candidate.id === token.id)).toMatchObject({ prefix: token.prefix, name: '报表同步' });

    const row = await h.testDb.db.kysely.selectFrom('api_token').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(secret);
    expect(row.token_hash).not.toContain(secret.slice(-20));
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const audit = (await h.admin.get('/api/audit?action=api_token.created&limit=200')).json().items as AuditEntry[];
    const entry = audit.find((candidate) => candidate.targetId === String(token.id))!;
    expect(entry.details).toEqual({ name: '报表同步', prefix: token.prefix, permissions: ['users.read'] });
    expect(JSON.stringify(entry)).not.toContain(secret);
  });

  it('authenticates a Bearer token without a cookie or CSRF token, and records its last use', async () => {
    // Granting the agent role takes the agent's own permissions (customers.*, work_orders.*, complaints.*, knowledge.read) too.
    const { token, secret } = await issue(h.admin, [
      'users.read',
      'users.manage',
      'roles.read',
      'customers.read',
      'customers.write',
      'work_orders.read',
      'work_orders.create',
      'work_orders.handle',
      'knowledge.read',
      'complaints.read',
      'complaints.manage',
    ]);
    const robot = h.anonymous();
    const list = await robot.get('/api/users', bearer(secret));
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThanOrEqual(1);

    const agentRole = (await robot.get('/api/roles', bearer(secret))).json().find((role: { code: string }) => role.code === 'agent').id;
    const created = await robot.post(
      '/api/users',
      { username: 'made.by.token', displayName: '令牌创建', departmentId: null, roleIds: [agentRole], password: USER_PASSWORD },
      bearer(secret),
    );
    expect(created.statusCode, created.body).toBe(200);
    const audit = (await h.admin.get('/api/audit?action=user.created&limit=200')).json().items as AuditEntry[];
    expect(audit.find((entry) => entry.targetId === String(created.json().id))!.actorName).toBe('admin');

    const listed = (await h.admin.get('/api/api-tokens')).json().find((candidate: { id: number }) => candidate.id === token.id);
    expect(listed.lastUsedAt).toBe(h.clock.now());
  });

  it('grants a token only what both its scope and its owner allow', async () => {
    const { secret } = await issue(h.admin, ['users.read']);
    const robot = h.anonymous();
    expect((await robot.get('/api/users', bearer(secret))).statusCode).toBe(200);
    const write = await robot.post(
      '/api/users',
      { username: 'not.allowed', displayName: '不许', departmentId: null, roleIds: [1], password: USER_PASSWORD },
      bearer(secret),
    );
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('forbidden');
    expect((await robot.get('/api/roles', bearer(secret))).statusCode).toBe(403);
    expect((await robot.get('/api/api-tokens', bearer(secret))).statusCode).toBe(403);
  });

  it("loses a permission as soon as its owner's role loses it", async () => {
    const owner = await ownerWith(h, 'token_owner_role', ['api_tokens.manage', 'users.read', 'roles.read']);
    const { secret } = await issue(owner.client, ['users.read', 'roles.read']);
    const robot = h.anonymous();
    expect((await robot.get('/api/users', bearer(secret))).statusCode).toBe(200);

    const changed = await h.admin.patch(`/api/roles/${owner.roleId}`, { name: 'token_owner_role', dataScope: 'all', permissions: ['api_tokens.manage', 'roles.read'] });
    expect(changed.statusCode).toBe(200);
    expect((await robot.get('/api/users', bearer(secret))).statusCode).toBe(403);
    expect((await robot.get('/api/roles', bearer(secret))).statusCode).toBe(200);
  });

  it('stops working when its owner is disabled', async () => {
    const owner = await ownerWith(h, 'disabled_owner_role', ['api_tokens.manage', 'users.read']);
    const { secret } = await issue(owner.client, ['users.read']);
    expect((await h.anonymous().get('/api/users', bearer(secret))).statusCode).toBe(200);
    expect((await h.admin.patch(`/api/users/${owner.userId}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await h.anonymous().get('/api/users', bearer(secret))).statusCode).toBe(401);
  });

  it('refuses to create a token with a permission its creator does not hold (422)', async () => {
    const owner = await ownerWith(h, 'limited_owner_role', ['api_tokens.manage', 'users.read']);
    const response = await owner.client.post('/api/api-tokens', { name: '越权令牌', permissions: ['users.read', 'users.manage'] });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'api_token.permission_not_held', message: '您不能授予自己没有的权限：users.manage。' });
    expect((await owner.client.get('/api/api-tokens')).json()).toEqual([]);
  });

  it('refuses a token with no permission or an unknown one (400)', async () => {
    expect((await h.admin.post('/api/api-tokens', { name: '空令牌', permissions: [] })).statusCode).toBe(400);
    const unknown = await h.admin.post('/api/api-tokens', { name: '怪令牌', permissions: ['everything'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].path).toBe('permissions.0');
  });

  it('lists only the caller’s own tokens, and another user cannot revoke them (404)', async () => {
    const owner = await ownerWith(h, 'own_tokens_role', ['api_tokens.manage', 'users.read']);
    const { token } = await issue(owner.client, ['users.read']);
    const adminTokens = (await h.admin.get('/api/api-tokens')).json().map((candidate: { id: number }) => candidate.id);
    expect(adminTokens).not.toContain(token.id);
    expect((await owner.client.get('/api/api-tokens')).json().map((candidate: { id: number }) => candidate.id)).toEqual([token.id]);
    expect((await h.admin.delete(`/api/api-tokens/${token.id}`)).statusCode).toBe(404);
  });

  it('rejects a revoked token with 401 and audits the revocation', async () => {
    const { token, secret } = await issue(h.admin, ['users.read']);
    expect((await h.anonymous().get('/api/users', bearer(secret))).statusCode).toBe(200);
    expect((await h.admin.delete(`/api/api-tokens/${token.id}`)).json()).toEqual({ ok: true });
    const after = await h.anonymous().get('/api/users', bearer(secret));
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    expect((await h.admin.delete(`/api/api-tokens/${token.id}`)).statusCode).toBe(404);
    const listed = (await h.admin.get('/api/api-tokens')).json().find((candidate: { id: number }) => candidate.id === token.id);
    expect(listed.revokedAt).toBe(h.clock.now());
    const audit = (await h.admin.get('/api/audit?action=api_token.revoked&limit=200')).json().items as AuditEntry[];
    expect(audit.some((entry) => entry.targetId === String(token.id))).toBe(true);
  });

  it('rejects an unknown or malformed bearer with 401, even alongside a valid session cookie', async () => {
    for (const value of ['Bearer kefu_deadbeef_not-a-real-token', 'Bearer ', 'Bearer kefu']) {
      const response = await h.anonymous().get('/api/users', { authorization: value });
      expect(response.statusCode, value).toBe(401);
    }
    const mixed = await h.admin.get('/api/users', bearer('kefu_deadbeef_not-a-real-token'));
    expect(mixed.statusCode).toBe(401);
  });
});

describe('API token expiry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('rejects a token once it has expired (401); a token without expiry keeps working', async () => {
    const shortLived = await issue(h.admin, ['users.read'], { expiresInDays: 1 });
    const forever = await issue(h.admin, ['users.read'], { expiresInDays: null });
    expect(forever.token.expiresAt).toBeNull();
    const robot = h.anonymous();

    h.clock.advance(86_400_000 - 1);
    expect((await robot.get('/api/users', bearer(shortLived.secret))).statusCode).toBe(200);
    h.clock.advance(1);
    const expired = await robot.get('/api/users', bearer(shortLived.secret));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('unauthenticated');

    h.clock.advance(3 * 365 * 86_400_000);
    expect((await robot.get('/api/users', bearer(forever.secret))).statusCode).toBe(200);
  });
});
