import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies the WAL back into the database file on a thread of its own.
 *
 * SQLite's automatic checkpoint runs inside whichever commit pushes the WAL past its limit:
 * a thousand pages copied and two fsyncs, on the event loop, while every request waits. At
 * intake load that was half the cost of all commits together (issue 5). Here a worker thread
 * with its own connection runs `wal_checkpoint(PASSIVE)` every `intervalMs`: it never blocks a
 * writer or a reader, and the fsyncs happen off the event loop. The server's own connection
 * keeps a much larger automatic checkpoint as a safety net, so the WAL stays bounded even if
 * this thread stalls.
 */
export interface Checkpointer {
  /** Checkpoints once more and ends the thread. */
  stop(): Promise<void>;
}

/** Pages the WAL may hold before the server's connection checkpoints by itself (~40 MB). */
export const SAFETY_NET_AUTOCHECKPOINT_PAGES = 10_000;

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export function startCheckpointer(file: string, options: { intervalMs?: number; onError?: (message: string) => void } = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: options.intervalMs ?? 250 } });
  // The server's shutdown decides when the process ends, not this thread.
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    if (message.error) options.onError?.(message.error);
  });
  worker.on('error', (error) => options.onError?.(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
