import { expect } from 'vitest';
import { residentIdCheckChar, type AuditEntry, type Customer, type CustomerInput, type Permission } from '@kefu/contracts';
import type { Client, Harness } from '../../../test/harness.js';

/**
 * Test data for the customer archive tests. Every call hands out numbers no other call in
 * the same file has used, so tests never see each other's customers by accident.
 */
let sequence = 0;
const next = () => (sequence += 1);

/** A mainland mobile number (11 digits, 13x) not used before in this file. */
export function mobile(): string {
  return `13${String(next()).padStart(9, '0')}`;
}

/** Appends the GB 11643 check character to 17 digits. */
export function withCheckChar(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}

/** A valid 18-digit resident ID number not used before in this file. */
export function residentId(): string {
  const n = next();
  return withCheckChar(`110105${1950 + Math.floor(n / 1000)}0101${String(n % 1000).padStart(3, '0')}`);
}

/** A word that appears nowhere else: scopes tag filters and searches to one test. */
export function uniqueTag(prefix = 't'): string {
  return `${prefix}${next()}`;
}

export async function createCustomer(client: Client, input: Partial<CustomerInput> = {}): Promise<Customer> {
  const response = await client.post('/api/customers', { name: '测试客户', type: 'personal', ...input });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Customer>();
}

export async function createRole(h: Harness, permissions: Permission[]): Promise<number> {
  const code = `custom_${next()}`;
  const response = await h.admin.post('/api/roles', { code, name: code, dataScope: 'all', permissions });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ id: number }>().id;
}

/** A signed-in user holding exactly these permissions. */
export async function signInWith(h: Harness, permissions: Permission[]): Promise<Client> {
  const user = await h.createUser({ roles: [await createRole(h, permissions)] });
  return h.login(user.username, user.password);
}

/** Audit entries of one action, newest first, optionally only those about one customer or by one user. */
export async function auditOf(h: Harness, action: string, filter: { targetId?: number; actorId?: number } = {}): Promise<AuditEntry[]> {
  const params = new URLSearchParams({ action, limit: '200' });
  if (filter.actorId !== undefined) params.set('actorId', String(filter.actorId));
  const response = await h.admin.get(`/api/audit?${params}`);
  expect(response.statusCode, response.body).toBe(200);
  const items = response.json<{ items: AuditEntry[] }>().items;
  return filter.targetId === undefined ? items : items.filter((entry) => entry.targetId === String(filter.targetId));
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return `/api/customers?${search}`;
}
