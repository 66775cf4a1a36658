import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createHarness, type Harness } from '../../../test/harness.js';
import { IDEMPOTENCY_TTL_MS } from './idempotency.js';

describe('Idempotency-Key on retried writes (house rule 6)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  const createTeam = (name: string, key?: string) =>
    h.admin.post('/api/departments', { name, parentId: null, kind: 'team' }, key ? { 'idempotency-key': key } : {});

  it('replays the first response to a retry instead of creating twice', async () => {
    const first = await createTeam('夜班', 'retry-key-0001');
    expect(first.statusCode).toBe(200);
    const retry = await createTeam('夜班', 'retry-key-0001');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const teams = (await h.admin.get('/api/departments')).json().filter((d: { name: string }) => d.name === '夜班');
    expect(teams).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    await createTeam('早班', 'retry-key-0002');
    const other = await createTeam('中班', 'retry-key-0002');
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency.key_reused');
  });

  it('releases the key when the request failed, so a corrected retry can use it', async () => {
    await createTeam('周末班');
    const failed = await createTeam('周末班', 'retry-key-0003');
    expect(failed.statusCode).toBe(409);
    const corrected = await createTeam('周末二班', 'retry-key-0003');
    expect(corrected.statusCode).toBe(200);
  });

  it('keeps keys per caller and forgets them after a day', async () => {
    const leader = await h.signInAs('administrator');
    const mine = await createTeam('节假日班', 'retry-key-0004');
    const theirs = await leader.post('/api/departments', { name: '节假日二班', parentId: null, kind: 'team' }, { 'idempotency-key': 'retry-key-0004' });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().id).not.toBe(mine.json().id);
    h.clock.advance(IDEMPOTENCY_TTL_MS + 1);
    const admin = await h.login('admin', ADMIN_PASSWORD);
    const later = await admin.post('/api/departments', { name: '节假日三班', parentId: null, kind: 'team' }, { 'idempotency-key': 'retry-key-0004' });
    expect(later.statusCode).toBe(200);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
  });
});
