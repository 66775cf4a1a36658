import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY, loadConfig, securityPolicyFrom } from './config.js';

describe('configuration from the environment', () => {
  it('runs on documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      KEFU_DATABASE_URL: 'sqlite:./data/kefu.db',
      KEFU_LOG_LEVEL: 'info',
      KEFU_DEMO: false,
      KEFU_TRUST_PROXY: false,
      KEFU_SESSION_IDLE_MINUTES: 720,
      KEFU_SESSION_MAX_DAYS: 7,
      KEFU_LOCKOUT_THRESHOLD: 5,
      KEFU_LOCKOUT_MINUTES: 15,
    });
    expect(config.KEFU_ADMIN_PASSWORD).toBeUndefined();
  });

  it('reads the values that are set, converting numbers and flags', () => {
    const config = loadConfig({
      PORT: '8080',
      KEFU_DATABASE_URL: 'postgres://kefu@db:5432/kefu',
      KEFU_LOG_LEVEL: 'warn',
      KEFU_DEMO: '1',
      KEFU_TRUST_PROXY: 'true',
      KEFU_SESSION_IDLE_MINUTES: '30',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      KEFU_DATABASE_URL: 'postgres://kefu@db:5432/kefu',
      KEFU_LOG_LEVEL: 'warn',
      KEFU_DEMO: true,
      KEFU_TRUST_PROXY: true,
      KEFU_SESSION_IDLE_MINUTES: 30,
    });
    expect(loadConfig({ KEFU_DATABASE_URL: 'postgresql://kefu@db/kefu' }).KEFU_DATABASE_URL).toBe('postgresql://kefu@db/kefu');
    expect(loadConfig({ KEFU_DEMO: 'false' }).KEFU_DEMO).toBe(false);
  });

  it('turns the settings into the security policy in milliseconds', () => {
    const policy = securityPolicyFrom(loadConfig({ KEFU_SESSION_IDLE_MINUTES: '30', KEFU_SESSION_MAX_DAYS: '2', KEFU_LOCKOUT_MINUTES: '10' }));
    expect(policy).toEqual({ sessionIdleMs: 30 * 60_000, sessionMaxMs: 2 * 86_400_000, lockoutThreshold: 5, lockoutMs: 10 * 60_000 });
    expect(DEFAULT_SECURITY_POLICY).toEqual({ sessionIdleMs: 720 * 60_000, sessionMaxMs: 7 * 86_400_000, lockoutThreshold: 5, lockoutMs: 15 * 60_000 });
  });

  it('names the variable and the rule when the database URL is not sqlite: or postgres://', () => {
    expect(() => loadConfig({ KEFU_DATABASE_URL: 'mysql://root@localhost/kefu' })).toThrow(
      /Invalid configuration:\n\s+KEFU_DATABASE_URL: must start with sqlite: or postgres:\/\//,
    );
  });

  it('names PORT when it is not a port number', () => {
    for (const port of ['http', '70000', '-1', '3000.5']) {
      expect(() => loadConfig({ PORT: port }), port).toThrow(/Invalid configuration:\n\s+PORT: /);
    }
  });

  it('lists every problem at once', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'http', KEFU_LOG_LEVEL: 'loud', KEFU_DEMO: 'yes' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/KEFU_LOG_LEVEL: /);
    expect(message).toMatch(/KEFU_DEMO: /);
  });
});
