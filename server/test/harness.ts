import type { LightMyRequestResponse } from 'fastify';
import type { BuiltinRoleCode, SessionInfo } from '@kefu/contracts';
import { buildApp, type KefuApp } from '../src/app.js';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from '../src/config.js';
import type { Actor } from '../src/platform/actor.js';
import { ManualClock } from '../src/platform/clock.js';
import type { AttachmentStorageConfig } from '../src/modules/work-orders/attachment-files.js';
import { rolesRepository } from '../src/modules/roles/roles.repository.js';
import { createTestDb, type TestDb } from './test-db.js';

export const ADMIN_PASSWORD = 'admin1234';
export const USER_PASSWORD = 'agent1234';
const LOCAL_ORIGIN = { ip: '127.0.0.1', userAgent: 'vitest' };

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A signed-in (or anonymous) HTTP client over app.inject(): keeps the cookie and sends the CSRF token. */
export class Client {
  constructor(
    private readonly kefu: KefuApp,
    public cookie: string | null = null,
    public csrfToken: string | null = null,
    public info: SessionInfo | null = null,
  ) {}

  request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const allHeaders: Record<string, string> = { ...headers };
    if (this.cookie && !('cookie' in allHeaders)) allHeaders.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in allHeaders)) allHeaders['x-csrf-token'] = this.csrfToken;
    return this.kefu.app.inject({ method, url, headers: allHeaders, ...(body === undefined ? {} : { payload: body as object }) });
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body ?? {}, headers);
  }
  put(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body ?? {}, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }
}

export interface Harness {
  kefu: KefuApp;
  testDb: TestDb;
  clock: ManualClock;
  admin: Client;
  adminActor: Actor;
  anonymous(): Client;
  login(username: string, password: string): Promise<Client>;
  /** Creates a user through the users service, as the administrator. */
  createUser(options: { username?: string; roles: BuiltinRoleCode[] | number[]; departmentId?: number | null; password?: string }): Promise<{ id: number; username: string; password: string }>;
  createDepartment(name: string, parentId?: number | null, kind?: 'center' | 'department' | 'team'): Promise<number>;
  /** A new user holding one built-in role, signed in. */
  signInAs(role: BuiltinRoleCode, departmentId?: number | null): Promise<Client>;
  close(): Promise<void>;
}

let sequence = 0;

export async function createHarness(
  options: { policy?: Partial<SecurityPolicy>; trustProxy?: boolean; attachments?: AttachmentStorageConfig } = {},
): Promise<Harness> {
  const testDb = await createTestDb();
  const clock = new ManualClock();
  const kefu = await buildApp({
    db: testDb.db,
    clock,
    securityPolicy: { ...DEFAULT_SECURITY_POLICY, ...options.policy },
    trustProxy: options.trustProxy,
    attachments: options.attachments,
  });
  await kefu.services.setup.bootstrap({ organizationName: '测试客服中心', adminPassword: ADMIN_PASSWORD });

  async function login(username: string, password: string): Promise<Client> {
    const response = await kefu.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'kefu_session');
    const info = response.json<SessionInfo>();
    return new Client(kefu, `kefu_session=${cookie!.value}`, info.csrfToken, info);
  }

  const admin = await login('admin', ADMIN_PASSWORD);
  const adminActor = await kefu.services.auth.bySessionToken(admin.cookie!.split('=')[1]!, LOCAL_ORIGIN);
  if (!adminActor) throw new Error('admin session did not resolve');

  async function roleIds(roles: BuiltinRoleCode[] | number[]): Promise<number[]> {
    return Promise.all(
      roles.map(async (role) => {
        if (typeof role === 'number') return role;
        const found = await rolesRepository.findByCode(testDb.db.kysely, role);
        if (!found) throw new Error(`no role ${role}`);
        return found.id;
      }),
    );
  }

  const harness: Harness = {
    kefu,
    testDb,
    clock,
    admin,
    adminActor,
    anonymous: () => new Client(kefu),
    login,
    async createUser({ username, roles, departmentId = null, password = USER_PASSWORD }) {
      sequence += 1;
      const name = username ?? `user${sequence}`;
      const user = await kefu.services.users.create(
        adminActor,
        {
          username: name,
          displayName: `测试用户${sequence}`,
          email: null,
          phone: null,
          departmentId,
          roleIds: await roleIds(roles),
          password,
          locale: 'zh-CN',
        },
        LOCAL_ORIGIN,
      );
      return { id: user.id, username: user.username, password };
    },
    async createDepartment(name, parentId = null, kind = 'team') {
      const department = await kefu.services.departments.create(adminActor, { name, parentId, kind, sortOrder: 0 }, LOCAL_ORIGIN);
      return department.id;
    },
    async signInAs(role, departmentId = null) {
      const user = await harness.createUser({ roles: [role], departmentId });
      return login(user.username, user.password);
    },
    async close() {
      await kefu.app.close();
      await testDb.drop();
    },
  };
  return harness;
}
