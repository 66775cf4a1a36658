import { searchRepository } from '../../server/src/platform/search/search.repository.js';
import { SEARCH_ENTITY, SEARCH_WEIGHTS } from '../../server/src/modules/work-orders/work-orders.service.js';
import type { Db } from '../../server/src/db/database.js';

/**
 * The fixed 50 queries: 1–3 words, common service words, rarer phrases, Latin model names,
 * numbers, a phone fragment, order-number fragments and one word nobody wrote.
 */
export const SEARCH_QUERIES: readonly string[] = [
  // one common word
  '宽带', '话费', '补卡', '光猫', '投诉', '退费', '复机', '机顶盒', '停机', '套餐',
  // two or three words
  '宽带 断线', '话费 退费', '投诉 态度', '光猫 红灯', '上门 维修', '补换卡 营业厅', '宽带 网速慢', '5G 套餐', '流量包 扣费', '千兆 测速',
  '机顶盒 电源', '催单 升级', '欠费 停机 复机', '上门 维修 预约', '投诉 装维 态度', '退费 三个工作日', '携号转网 优惠', '基站 优化', '路由器 Wi-Fi', '挂失 补卡',
  // rare
  '携号转网', '雷击', '光交箱 被盗', '听障', '弱电箱', '工信部', '阳光花园 断线', '王师傅 光猫', '内部备注 加急', 'eSIM 智能手表',
  // Latin, numbers, phones, order numbers
  'HG8245H', 'ZXHN F650', 'AX3000', 'ONU 离线', '10GB', '1380', '0755', 'GD2026', '-0001', '不存在的故障',
];

export interface QueryRecall {
  query: string;
  /** Orders a brute-force substring scan finds (bench/data/recall.ts). */
  expected: number;
  /** Orders the product's search finds (the list's own query, in-process). */
  found: number;
  missed: number;
  falseHits: number;
  recall: number;
  /** The HTTP list agrees: its total, and every id of its pages is an expected one; `full` when all pages were read. */
  http: { total: number; checkedIds: number; full: boolean; agrees: boolean };
}

/**
 * Every live order the product's search matches for this query, read to the end as the list
 * reads a rare word's matches (its plan's `all` rows, which `stream` and `test` must agree
 * with: the HTTP check pages through those), joined as the list joins them.
 */
export async function searchedIds(db: Db, query: string): Promise<Set<number>> {
  const plan = await searchRepository.plan(db.kysely, db.dialect, { entityType: SEARCH_ENTITY, query, fieldWeights: SEARCH_WEIGHTS });
  if (!plan) return new Set();
  const rows = await db.kysely
    .selectFrom(plan.all.as('m'))
    .innerJoin('work_order', 'work_order.id', 'm.entity_id')
    .where('work_order.deleted_at', 'is', null)
    .select('work_order.id')
    .distinct()
    .execute();
  return new Set(rows.map((row) => Number(row.id)));
}
