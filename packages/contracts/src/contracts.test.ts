import { describe, expect, it } from 'vitest';
import zhCN from './locales/zh-CN.json' with { type: 'json' };
import enUS from './locales/en-US.json' with { type: 'json' };
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, DEPARTMENT_KINDS, USER_STATUSES } from './admin.js';
import { passwordSchema, usernameSchema } from './auth.js';
import { isCalendarDate } from './customers.js';
import { ERROR_CODES } from './errors.js';
import { BUILTIN_ROLES, BUILTIN_ROLE_CODES, DATA_SCOPES, PERMISSIONS } from './permissions.js';

const locales = { 'zh-CN': zhCN, 'en-US': enUS } as const;

function lookup(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree);
}

describe('every code the API can return has words in both languages', () => {
  const required: string[] = [
    ...ERROR_CODES.map((code) => `errors.${code}`),
    ...PERMISSIONS.map((permission) => `permissions.${permission}`),
    ...BUILTIN_ROLE_CODES.flatMap((code) => [`roles.${code}.name`, `roles.${code}.description`]),
    ...AUDIT_ACTIONS.map((action) => `auditActions.${action}`),
    ...AUDIT_OUTCOMES.map((outcome) => `auditOutcomes.${outcome}`),
    ...DATA_SCOPES.map((scope) => `dataScopes.${scope}`),
    ...DEPARTMENT_KINDS.map((kind) => `departmentKinds.${kind}`),
    ...USER_STATUSES.map((status) => `userStatuses.${status}`),
  ];
  for (const [locale, tree] of Object.entries(locales)) {
    it(`${locale}`, () => {
      const missing = required.filter((key) => typeof lookup(tree, key) !== 'string' || (lookup(tree, key) as string).trim() === '');
      expect(missing).toEqual([]);
    });
  }

  it('validation messages named by contracts (i18n:<key>) exist', () => {
    const named = ['validation.password_letters_digits', 'validation.username_chars', 'validation.role_code_chars', 'validation.time_zone'];
    for (const tree of Object.values(locales)) for (const key of named) expect(typeof lookup(tree, key)).toBe('string');
  });
});

describe('built-in roles', () => {
  it('are the roles of PRODUCT.md, each defined once', () => {
    expect(BUILTIN_ROLES.map((role) => role.code).sort()).toEqual([...BUILTIN_ROLE_CODES].sort());
  });
  it('only the administrator holds every permission; agents hold no administrative one', () => {
    const administrator = BUILTIN_ROLES.find((role) => role.code === 'administrator')!;
    expect([...administrator.permissions].sort()).toEqual([...PERMISSIONS].sort());
    const agent = BUILTIN_ROLES.find((role) => role.code === 'agent')!.permissions;
    // Front-line work only: customers, work orders and complaints they take, reading the knowledge base; no supervision or administration.
    expect(agent.filter((permission) => !['customers.', 'work_orders.', 'complaints.'].some((prefix) => permission.startsWith(prefix)) && permission !== 'knowledge.read')).toEqual([]);
    expect(agent.filter((permission) => ['work_orders.supervise', 'work_orders.delete', 'work_orders.purge', 'work_orders.configure'].includes(permission))).toEqual([]);
  });
});

describe('password policy (ADM-2)', () => {
  it.each([
    ['short1', false],
    ['lettersonly', false],
    ['1234567890', false],
    ['kefu2026', true],
    ['长密码也可以abc123', true],
  ])('%s → %s', (password, ok) => {
    expect(passwordSchema.safeParse(password).success).toBe(ok);
  });

  it('usernames are ASCII handles', () => {
    expect(usernameSchema.safeParse('zhou.ting_01').success).toBe(true);
    expect(usernameSchema.safeParse('周婷').success).toBe(false);
    expect(usernameSchema.safeParse('a').success).toBe(false);
  });
});

describe('calendar dates', () => {
  it.each([
    ['1990-02-28', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1990-13-45', false],
    ['1990-1-5', false],
  ])('%s → %s', (value, ok) => expect(isCalendarDate(value)).toBe(ok));
});
