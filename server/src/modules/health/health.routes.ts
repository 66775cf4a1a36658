import { healthResponseSchema } from '@kefu/contracts';
import type { Db } from '../../db/database.js';
import type { KefuFastify } from '../../platform/http/types.js';

export function registerHealthRoutes(app: KefuFastify, deps: { db: Db; version: string }): void {
  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['platform'], response: { 200: healthResponseSchema } } }, async () => {
    await deps.db.ping();
    return { status: 'ok' as const, db: deps.db.dialect, version: deps.version };
  });
}
