import type { Kysely } from 'kysely';
import { normalizePhone, type CustomerImport, type ImportRowError } from '@kefu/contracts';
import type { DbDialect } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { Translator } from '../../platform/i18n.js';
import { searchRepository } from '../../platform/search/search.repository.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { customerImportsRepository } from './customer-imports.repository.js';
import { maskPhone } from './privacy.js';
import { parseCustomerSheet, readSheet, type ValidCustomerRow } from './customer-sheet.js';
import type { CustomersService } from './customers.service.js';

const MAX_STORED_ERRORS = 1000;
const PREVIEW_ROWS = 20;

export interface CustomerImportsService {
  /** Reads and validates a CSV or .xlsx file; nothing is written to the customer tables. */
  upload(actor: Actor, file: Buffer, fileName: string): Promise<CustomerImport>;
  get(actor: Actor, id: number): Promise<CustomerImport>;
  /** Starts writing a validated import; with `wait` answers only when it is done. */
  commit(actor: Actor, id: number, wait: boolean, origin: RequestOrigin): Promise<CustomerImport>;
  /** At start-up: an import a crash interrupted is undone, never left half-visible. */
  recoverInterrupted(): Promise<number>;
}

/**
 * CUS-6 import: validate everything first and report every bad row; commit only a clean
 * file. A commit writes in small transactions (so a 50,000-row file never holds the database
 * for long), with the rows invisible until one final statement activates them all — or, on
 * failure, removes them all.
 */
export function createCustomerImportsService(deps: {
  db: Kysely<Database>;
  dialect: DbDialect;
  clock: Clock;
  audit: AuditService;
  i18n: Translator;
  customers: CustomersService;
  maxRows?: number;
  chunkSize?: number;
}): CustomerImportsService {
  const { db, dialect, clock, audit, i18n, customers } = deps;
  const maxRows = deps.maxRows ?? 100_000;
  // Small enough that other requests wait at most a fraction of a second between chunks.
  const chunkSize = deps.chunkSize ?? 250;
  const running = new Map<number, Promise<void>>();

  async function view(actor: Actor, id: number): Promise<CustomerImport> {
    const row = await customerImportsRepository.findById(db, id);
    if (!row || row.created_by !== actor.userId) throw notFound();
    const rows = JSON.parse(row.rows) as ValidCustomerRow[];
    return {
      id: row.id,
      fileName: row.file_name,
      status: row.status as CustomerImport['status'],
      totalRows: row.total_rows,
      errorCount: row.error_count,
      errors: JSON.parse(row.errors) as ImportRowError[],
      processed: row.processed,
      preview: rows.slice(0, PREVIEW_ROWS).map((input) => ({
        name: input.name,
        type: input.type,
        tier: input.tier,
        // Masked like every other response for callers without pii.view, even from their own file (CUS-8).
        phones: input.phones.map((phone) => (actor.permissions.has('pii.view') ? normalizePhone(phone.number) : maskPhone(normalizePhone(phone.number)))),
        tags: input.tags,
      })),
      createdAt: row.created_at,
      finishedAt: row.finished_at,
    };
  }

  async function undoStaged(importId: number) {
    const staged = (await customerImportsRepository.stagedIds(db, importId)).map((row) => row.id);
    await db.transaction().execute(async (trx) => {
      for (const customerId of staged) await searchRepository.remove(trx, dialect, 'customer', customerId);
      await customerImportsRepository.deleteStaged(trx, staged);
      await customerImportsRepository.finish(trx, importId, 'failed', clock.now());
    });
  }

  async function runCommit(actor: Actor, importId: number, origin: RequestOrigin): Promise<void> {
    const row = await customerImportsRepository.findById(db, importId);
    const inputs = JSON.parse(row!.rows) as ValidCustomerRow[];
    try {
      for (let start = 0; start < inputs.length; start += chunkSize) {
        const chunk = inputs.slice(start, start + chunkSize);
        await db.transaction().execute(async (trx) => {
          await customers.stageImported(trx, actor, chunk, importId);
          await customerImportsRepository.setProcessed(trx, importId, start + chunk.length);
        });
        // Let other requests in between chunks.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await db.transaction().execute(async (trx) => {
        const activated = await customerImportsRepository.activateStaged(trx, importId, clock.now());
        await customerImportsRepository.finish(trx, importId, 'committed', clock.now());
        await audit.record(trx, {
          action: 'customer.imported',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'customer_import', id: importId },
          details: { fileName: row!.file_name, rows: Number(activated.numUpdatedRows) },
        });
      });
    } catch (error) {
      await undoStaged(importId);
      throw error;
    }
  }

  return {
    async upload(actor, file, fileName) {
      const table = await readSheet(file);
      const parsed = parseCustomerSheet(table, i18n, actor.locale, maxRows);
      const id = await customerImportsRepository.insert(db, {
        created_by: actor.userId,
        file_name: fileName,
        status: 'validated',
        total_rows: parsed.totalRows,
        error_count: parsed.errors.length,
        errors: JSON.stringify(parsed.errors.slice(0, MAX_STORED_ERRORS)),
        // A file with errors is never committed, so its rows need not be kept.
        rows: JSON.stringify(parsed.errors.length === 0 ? parsed.rows.map((row) => row.value) : []),
        created_at: clock.now(),
      });
      return view(actor, id);
    },

    get: view,

    async commit(actor, id, wait, origin) {
      const current = await view(actor, id);
      if (current.errorCount > 0) throw new AppError('customer_import.has_errors', 422, { count: current.errorCount });
      if (!(await customerImportsRepository.claimForCommit(db, id))) throw conflict('customer_import.not_committable');
      const job = runCommit(actor, id, origin).finally(() => running.delete(id));
      running.set(id, job);
      if (wait) await job;
      else job.catch(() => undefined);
      return view(actor, id);
    },

    async recoverInterrupted() {
      const interrupted = await customerImportsRepository.interrupted(db);
      for (const { id } of interrupted) if (!running.has(id)) await undoStaged(id);
      return interrupted.length;
    },
  };
}
