import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Repositories run on either the root handle or a service's open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
