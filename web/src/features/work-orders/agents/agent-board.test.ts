import { describe, expect, it } from 'vitest';
import type { Availability } from '@kefu/contracts';
import { groupByTeam, loadLevel, loadPercent } from './agent-board';

const broadband = { id: 2, name: '宽带班组' };
const billing = { id: 1, name: '账务班组' };

function agent(userId: number, name: string, department: Availability['department'], status: Availability['status'], load: number, capacity = 10): Availability {
  return { userId, name, department, status, load, capacity, updatedAt: null };
}

describe('groupByTeam', () => {
  const boards = groupByTeam([
    agent(1, '王芳', broadband, 'offline', 0),
    agent(2, '李强', broadband, 'online', 4),
    agent(3, '张伟', null, 'online', 1),
    agent(4, '陈静', billing, 'away', 2, 5),
    agent(5, '赵敏', broadband, 'online', 9, 8),
  ]);

  it('puts named teams first, by name, and agents without a team last', () => {
    expect(boards.map((board) => board.department?.name ?? null)).toEqual(['宽带班组', '账务班组', null]);
    expect(boards.map((board) => board.key)).toEqual([2, 1, 0]);
  });

  it('lists online agents first and sums the team', () => {
    const team = boards[0];
    expect(team?.agents.map((row) => row.userId)).toEqual([2, 5, 1]);
    expect(team?.counts).toEqual({ online: 2, away: 0, offline: 1 });
    expect(team?.load).toBe(13);
    expect(team?.onlineCapacity).toBe(18);
  });
});

describe('load', () => {
  it('is a percentage of capacity, capped at 100', () => {
    expect(loadPercent(3, 10)).toBe(30);
    expect(loadPercent(12, 10)).toBe(100);
    expect(loadPercent(0, 0)).toBe(0);
    expect(loadPercent(1, 0)).toBe(100);
  });

  it('is free, busy from 80 % or full at capacity', () => {
    expect(loadLevel(7, 10)).toBe('free');
    expect(loadLevel(8, 10)).toBe('busy');
    expect(loadLevel(10, 10)).toBe('full');
    expect(loadLevel(11, 10)).toBe('full');
  });
});
