import type { Kysely } from 'kysely';
import type { SavedView } from '@kefu/contracts';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, notFound } from '../../platform/errors.js';
import { savedViewsRepository } from './saved-views.repository.js';

type Scope = SavedView['scope'];

/** A user's own named list filters ("常用筛选"), kept on the server so they follow the user. */
export interface SavedViewsService {
  list(actor: Actor, scope: Scope): Promise<SavedView[]>;
  create(actor: Actor, input: { scope: Scope; name: string; query: Record<string, string> }): Promise<SavedView>;
  remove(actor: Actor, id: number): Promise<void>;
}

export function createSavedViewsService(deps: { db: Kysely<Database>; clock: Clock }): SavedViewsService {
  const { db, clock } = deps;

  async function list(actor: Actor, scope: Scope): Promise<SavedView[]> {
    const rows = await savedViewsRepository.listOwn(db, actor.userId, scope);
    return rows.map((row) => ({ id: row.id, scope: row.scope as Scope, name: row.name, query: JSON.parse(row.query) as Record<string, string>, createdAt: row.created_at }));
  }

  return {
    list,
    async create(actor, input) {
      const id = await db.transaction().execute(async (trx) => {
        if (await savedViewsRepository.findNamed(trx, actor.userId, input.scope, input.name)) throw conflict('saved_view.name_taken', { name: input.name });
        return savedViewsRepository.insert(trx, { user_id: actor.userId, scope: input.scope, name: input.name, query: JSON.stringify(input.query), created_at: clock.now() });
      });
      return (await list(actor, input.scope)).find((view) => view.id === id)!;
    },
    async remove(actor, id) {
      if (!(await savedViewsRepository.deleteOwn(db, actor.userId, id))) throw notFound();
    },
  };
}
