import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type apiTokenCreateSchema, isPermission, type ApiToken } from '@kefu/contracts';
import type { z } from 'zod';
import type { Database } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { notFound, unprocessable } from '../../platform/errors.js';
import { randomSecret, sha256Hex } from '../../platform/secrets.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { apiTokensRepository } from './api-tokens.repository.js';

type ApiTokenCreateInput = z.output<typeof apiTokenCreateSchema>;

export interface ApiTokensService {
  list(actor: Actor): Promise<ApiToken[]>;
  create(actor: Actor, input: ApiTokenCreateInput, origin: RequestOrigin): Promise<{ token: ApiToken; secret: string }>;
  revoke(actor: Actor, id: number, origin: RequestOrigin): Promise<void>;
}

/**
 * Tokens look like `kefu_<prefix>_<secret>`: the prefix identifies a token in lists and
 * logs without revealing it; the whole string is stored only as a SHA-256 hash.
 */
export function createApiTokensService(deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }): ApiTokensService {
  const { db, clock, audit } = deps;

  async function list(actor: Actor): Promise<ApiToken[]> {
    const rows = await apiTokensRepository.listForOwner(db, actor.userId);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      permissions: (JSON.parse(row.permissions) as string[]).filter(isPermission),
      ownerId: row.owner_id,
      ownerName: row.owner_name,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
    }));
  }

  return {
    list,

    async create(actor, input, origin) {
      const notHeld = input.permissions.find((permission) => !actor.permissions.has(permission));
      if (notHeld) throw unprocessable('api_token.permission_not_held', { permission: notHeld });
      const prefix = randomBytes(4).toString('hex');
      const secret = `kefu_${prefix}_${randomSecret(32)}`;
      const now = clock.now();
      const permissions = [...new Set(input.permissions)].sort();
      const id = await db.transaction().execute(async (trx) => {
        const tokenId = await apiTokensRepository.insert(trx, {
          owner_id: actor.userId,
          name: input.name,
          prefix,
          token_hash: sha256Hex(secret),
          permissions: JSON.stringify(permissions),
          created_at: now,
          expires_at: input.expiresInDays === null ? null : now + input.expiresInDays * 86_400_000,
        });
        await audit.record(trx, {
          action: 'api_token.created',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'api_token', id: tokenId },
          details: { name: input.name, prefix, permissions },
        });
        return tokenId;
      });
      const token = (await list(actor)).find((candidate) => candidate.id === id)!;
      return { token, secret };
    },

    async revoke(actor, id, origin) {
      await db.transaction().execute(async (trx) => {
        const result = await apiTokensRepository.revokeOwned(trx, id, actor.userId, clock.now());
        if (Number(result.numUpdatedRows) === 0) throw notFound();
        await audit.record(trx, {
          action: 'api_token.revoked',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'api_token', id },
        });
      });
    },
  };
}
