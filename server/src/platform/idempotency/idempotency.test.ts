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

  it('forgets a key past its day even before the periodic prune reaches it', async () => {
    let admin = await h.login('admin', ADMIN_PASSWORD);
    const team = (name: string, key: string) => admin.post('/api/departments', { name, parentId: null, kind: 'team' }, { 'idempotency-key': key });
    expect((await team('巡检一班', 'retry-key-0005')).statusCode).toBe(200);
    h.clock.advance(30_000);
    expect((await team('巡检二班', 'retry-key-0006')).statusCode).toBe(200);
    // A prune runs a day later, just before key 0006 expires: it survives the prune …
    h.clock.advance(IDEMPOTENCY_TTL_MS - 10_000);
    admin = await h.login('admin', ADMIN_PASSWORD);
    expect((await team('巡检三班', 'retry-key-0007')).statusCode).toBe(200);
    // … and is past its day eleven seconds later, with the next prune still most of a minute away.
    h.clock.advance(11_000);
    const later = await team('巡检四班', 'retry-key-0006');
    expect(later.statusCode).toBe(200);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.json().name).toBe('巡检四班');
  });
});
