import { z } from 'zod';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((value) => value === '1' || value === 'true');

/**
 * Every setting Kefu reads from the environment, validated once at start-up.
 * README.md's configuration table documents the same list.
 */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  KEFU_DATABASE_URL: z
    .string()
    .default('sqlite:./data/kefu.db')
    .refine((url) => url.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(url), {
      message: 'must start with sqlite: or postgres://',
    }),
  KEFU_ADMIN_PASSWORD: z.string().optional(),
  KEFU_ORG_NAME: z.string().default('客服中心'),
  KEFU_DEMO: booleanFlag,
  KEFU_DEMO_PASSWORD: z.string().default('kefu2026'),
  KEFU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KEFU_TRUST_PROXY: booleanFlag,
  KEFU_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).default(12 * 60),
  KEFU_SESSION_MAX_DAYS: z.coerce.number().int().min(1).default(7),
  KEFU_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(5),
  KEFU_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  KEFU_WEB_DIST: z.string().optional(),
  /** `disk` keeps attachment bytes in KEFU_ATTACHMENT_DIR; `db` keeps them in the database (one thing to back up). */
  KEFU_ATTACHMENT_STORAGE: z.enum(['disk', 'db']).default('disk'),
  KEFU_ATTACHMENT_DIR: z.string().default('./data/attachments'),
  KEFU_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(1024).default(20),
  /** How often this node looks for due SLA warnings, breaches and escalations; 0 turns its sweeper off. */
  KEFU_SLA_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  /** Browser tests only: the server's clock can be moved forward through POST /api/test/clock. */
  KEFU_TEST_CLOCK: booleanFlag,
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** Security settings the auth services need; a subset so tests can state them directly. */
export interface SecurityPolicy {
  sessionIdleMs: number;
  sessionMaxMs: number;
  lockoutThreshold: number;
  lockoutMs: number;
}

export function securityPolicyFrom(config: Config): SecurityPolicy {
  return {
    sessionIdleMs: config.KEFU_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: config.KEFU_SESSION_MAX_DAYS * 86_400_000,
    lockoutThreshold: config.KEFU_LOCKOUT_THRESHOLD,
    lockoutMs: config.KEFU_LOCKOUT_MINUTES * 60_000,
  };
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = securityPolicyFrom(configSchema.parse({}));
