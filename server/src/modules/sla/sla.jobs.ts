import type { OrderClocks } from './order-clocks.js';

export interface SweeperLog {
  info(data: object, message: string): void;
  error(data: object, message: string): void;
}

/**
 * Runs the SLA sweeper every `intervalMs` in this process. Several nodes may run it against one
 * database: rows are claimed before they are worked (order-clocks.ts), so each warning,
 * breach and escalation still happens once. A pass that claimed a full batch is followed at
 * once by another, so a backlog (after downtime, say) drains without waiting an interval each.
 */
export function startSlaSweeper(clocks: OrderClocks, intervalMs: number, log: SweeperLog): { stop(): Promise<void> } {
  const batch = 200;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function pass(): Promise<void> {
    try {
      for (;;) {
        const result = await clocks.sweep(batch);
        if (result.notifications > 0) log.info({ claimed: result.claimed, notifications: result.notifications }, 'SLA sweep sent notifications');
        if (result.claimed < batch || stopped) break;
      }
    } catch (error) {
      log.error({ err: error }, 'SLA sweep failed; retrying next interval');
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(() => {
        running = null;
        schedule();
      });
    }, intervalMs);
    timer.unref();
  }
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
