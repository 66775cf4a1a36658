import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';

describe('audit log (ADM-3): append-only, hash-chained, verifiable', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  async function makeSomeHistory() {
    const user = await h.createUser({ roles: ['agent'] });
    await h.anonymous().post('/api/auth/login', { username: user.username, password: 'wrong-pass1' });
    await h.login(user.username, user.password);
    await h.admin.patch(`/api/users/${user.id}`, { displayName: '改名后的坐席' });
    return user;
  }

  it('records sign-ins, failures and user changes, newest first, filterable', async () => {
    const user = await makeSomeHistory();
    const all = (await h.admin.get(`/api/audit?q=${user.username}&limit=100`)).json();
    const actions = all.items.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.login_succeeded']));
    const ids = all.items.map((entry: { id: number }) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const failures = (await h.admin.get('/api/audit?outcome=failure&limit=100')).json();
    expect(failures.items.every((entry: { outcome: string }) => entry.outcome === 'failure')).toBe(true);
    const changes = (await h.admin.get(`/api/audit?action=user.updated&limit=100`)).json();
    expect(changes.items[0].details).toMatchObject({ displayName: { after: '改名后的坐席' } });
    const window = (await h.admin.get(`/api/audit?from=${h.clock.now() + 1}`)).json();
    expect(window.total).toBe(0);
  });

  it('verifies an intact chain', async () => {
    await makeSomeHistory();
    const result = (await h.admin.post('/api/audit/verify')).json();
    expect(result).toMatchObject({ ok: true, firstBrokenId: null });
    expect(result.checked).toBeGreaterThan(3);
  });

  it('refuses UPDATE and DELETE on the audit table in the database itself', async () => {
    const kysely = h.testDb.db.kysely;
    await expect(kysely.updateTable('audit_log').set({ actor_name: 'someone else' }).execute()).rejects.toThrow(/append-only/);
    await expect(kysely.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });

  it('detects an edited row, naming the first broken entry', async () => {
    await makeSomeHistory();
    const kysely = h.testDb.db.kysely;
    const victim = await kysely.selectFrom('audit_log').select(['id']).where('action', '=', 'auth.login_failed').orderBy('id').executeTakeFirstOrThrow();
    await withoutAppendOnlyGuard(h, async () => {
      await kysely.updateTable('audit_log').set({ details: '{"reason":"nothing to see"}' }).where('id', '=', victim.id).execute();
    });
    const result = (await h.admin.post('/api/audit/verify')).json();
    expect(result).toMatchObject({ ok: false, firstBrokenId: victim.id });
  });
});

describe('audit log tampering by deletion', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('detects a removed entry in the middle and a removed newest entry', async () => {
    for (let i = 0; i < 3; i++) await h.signInAs('agent');
    const kysely = h.testDb.db.kysely;
    const rows = await kysely.selectFrom('audit_log').select('id').orderBy('id').execute();
    const middle = rows[Math.floor(rows.length / 2)]!.id;
    await withoutAppendOnlyGuard(h, () => kysely.deleteFrom('audit_log').where('id', '=', middle).execute());
    expect((await h.admin.post('/api/audit/verify')).json()).toMatchObject({ ok: false, firstBrokenId: middle + 1 });
  });

  it('detects truncation of the newest entries through the chain head', async () => {
    const fresh = await createHarness();
    try {
      await fresh.signInAs('agent');
      const kysely = fresh.testDb.db.kysely;
      const newest = await kysely.selectFrom('audit_log').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
      await withoutAppendOnlyGuard(fresh, () => kysely.deleteFrom('audit_log').where('id', '=', newest.id).execute());
      expect((await fresh.kefu.services.audit.verify()).ok).toBe(false);
    } finally {
      await fresh.close();
    }
  });
});

/** Simulates someone with DDL rights: drops the append-only triggers, tampers, restores nothing. */
async function withoutAppendOnlyGuard(h: Harness, tamper: () => Promise<unknown>): Promise<void> {
  const { kysely, dialect } = h.testDb.db;
  if (dialect === 'sqlite') {
    await sql`drop trigger if exists audit_log_no_update`.execute(kysely);
    await sql`drop trigger if exists audit_log_no_delete`.execute(kysely);
  } else {
    await sql`drop trigger if exists audit_log_append_only on audit_log`.execute(kysely);
  }
  await tamper();
}
