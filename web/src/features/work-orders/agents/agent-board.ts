import type { Availability, AvailabilityStatus } from '@kefu/contracts';

const STATUS_ORDER: Record<AvailabilityStatus, number> = { online: 0, away: 1, offline: 2 };

export interface TeamBoard {
  /** 0 for agents without a team. */
  key: number;
  department: { id: number; name: string } | null;
  agents: Availability[];
  counts: Record<AvailabilityStatus, number>;
  load: number;
  /** Capacity of the agents who are online: what the team can take on right now. */
  onlineCapacity: number;
}

/** Agents grouped by team (named teams first, by name), online agents first within each. */
export function groupByTeam(rows: readonly Availability[]): TeamBoard[] {
  const boards = new Map<number, TeamBoard>();
  for (const row of rows) {
    const key = row.department?.id ?? 0;
    const board = boards.get(key) ?? {
      key,
      department: row.department,
      agents: [],
      counts: { online: 0, away: 0, offline: 0 },
      load: 0,
      onlineCapacity: 0,
    };
    board.agents.push(row);
    board.counts[row.status] += 1;
    board.load += row.load;
    if (row.status === 'online') board.onlineCapacity += row.capacity;
    boards.set(key, board);
  }
  for (const board of boards.values()) {
    board.agents.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name, 'zh-CN'));
  }
  return [...boards.values()].sort((a, b) => {
    if (!a.department || !b.department) return a.department ? -1 : b.department ? 1 : 0;
    return a.department.name.localeCompare(b.department.name, 'zh-CN');
  });
}

export type LoadLevel = 'free' | 'busy' | 'full';

/** Share of capacity in use, 0–100 (an agent over capacity shows as full). */
export function loadPercent(load: number, capacity: number): number {
  if (capacity <= 0) return load > 0 ? 100 : 0;
  return Math.min(100, Math.max(0, Math.round((load / capacity) * 100)));
}

/** Full agents get no automatic assignments; from 80 % on a supervisor should look. */
export function loadLevel(load: number, capacity: number): LoadLevel {
  if (load >= capacity) return 'full';
  return loadPercent(load, capacity) >= 80 ? 'busy' : 'free';
}
