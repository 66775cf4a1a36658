import type { Db } from '../../db/database.js';
import { searchRepository } from '../../platform/search/search.repository.js';
import { seededRandom } from '../../platform/search/search.fixtures.js';
import { articleSearchDocument } from './knowledge.service.js';

/**
 * A deterministic corpus of service-centre knowledge articles (宽带, 补换卡, 5G套餐, 携号转网,
 * 国际漫游, 发票, 积分 …) for the search recall test and timing runs: the same seed gives the
 * same articles on every machine. Plain data and one bulk loader; nothing here depends on a
 * test runner.
 */
export interface CorpusArticle {
  kind: 'article' | 'unified_answer';
  title: string;
  summary: string | null;
  body: string;
  tags: string[];
  audience: 'internal' | 'public';
  scope: 'national' | 'province' | 'city';
  region: string | null;
}

interface Topic {
  titles: string[];
  bodies: string[];
  tags: string[];
}

const TOPICS: Topic[] = [
  {
    titles: ['宽带断网自助排查', '{area}宽带故障报修流程', '光猫指示灯含义', '宽带提速{speed}M办理说明', '上网慢的常见原因'],
    bodies: [
      '客户反映宽带断网时，先确认光猫 LOS 灯是否红色闪烁；如红灯常亮，说明光纤中断，请登记报修，维修人员 {hours} 小时内上门。',
      '请指导客户重启光猫和路由器，检查网线是否松动。仍无法上网的，核实宽带账号 {account} 是否欠费停机。',
      '{area}片区光缆施工期间，部分用户网络中断，预计 {date} 恢复。可为客户减免当月宽带月租。',
      'Wi-Fi 信号弱时建议使用双频路由器（如 TP-LINK AX3000），5G 频段更快但穿墙能力弱。',
    ],
    tags: ['宽带', '光猫', '断网', '报修'],
  },
  {
    titles: ['USIM卡补换卡流程', '手机卡丢失挂失与补卡', 'eSIM 开通说明', '{area}营业厅补换卡网点'],
    bodies: [
      '客户需携带本人身份证原件到营业厅办理补换卡，工本费 {money} 元，新卡即时生效，原卡作废。',
      '手机卡丢失请先办理挂失，再凭身份证补卡；代办需提供双方身份证。',
      'eSIM 仅支持部分机型，开通前请确认设备支持，并在营业厅核验身份。',
    ],
    tags: ['补换卡', 'USIM', '挂失', '身份证'],
  },
  {
    titles: ['5G套餐资费说明', '{plan}套餐变更规则', '流量包订购与退订', '套餐升级优惠口径'],
    bodies: [
      '{plan}套餐月费 {money} 元，含国内流量 {speed}GB，超出后按 5 元/GB 计费。',
      '套餐变更次月生效；合约期内不可降档，可升档。',
      '流量包当月有效，退订后次月不再扣费，已使用部分不退费。',
    ],
    tags: ['5G', '套餐', '流量', '资费'],
  },
  {
    titles: ['话费账单查询方法', '话费异常扣费处理', '话费退费规则', '电子发票开具说明'],
    bodies: [
      '客户可通过短信 CXZD 到 10086 查询账单，或登录网上营业厅查询近 6 个月账单明细。',
      '客户质疑扣费时，先查询扣费明细和增值业务订购记录，确认误扣的按原路退费，{days}个工作日到账。',
      '电子发票在每月 {date} 后可开具，发票抬头可选个人或单位。',
    ],
    tags: ['话费', '账单', '退费', '发票'],
  },
  {
    titles: ['携号转网办理须知', '携号转网资格查询', '国际漫游开通与资费', '{area}国际漫游服务点'],
    bodies: [
      '携号转网需满足：号码实名登记、无欠费、无合约限制；发送 CXXZ#姓名#证件号 到 10086 查询资格。',
      '国际漫游需提前开通，{plan}用户出境后按日计费，每日 {money} 元封顶。',
      '转出前请结清话费并取消绑定的业务；转网后原积分清零。',
    ],
    tags: ['携号转网', '国际漫游', '实名'],
  },
  {
    titles: ['积分兑换规则', '会员等级与权益', '投诉处理统一口径', '上门维修预约说明'],
    bodies: [
      '积分可兑换话费、流量和礼品，每 100 积分抵 1 元，积分有效期至次年 12 月 31 日。',
      '对客户的投诉表示歉意，承诺在 {hours} 小时内回复处理结果，不推诿、不争辩。',
      '上门维修可预约 {date} 的上午或下午时段，维修人员 {worker} 会提前电话联系客户。',
    ],
    tags: ['积分', '会员', '投诉', '上门维修'],
  },
];

const AREAS = ['天河区', '海珠区', '越秀区', '番禺区', '白云区', '南山区', '福田区', '西湖区'];
const PLANS = ['畅享5G 128', '全家享 199', '冰激凌 99', '大王卡', '校园卡'];
const WORKERS = ['王师傅', '李师傅', '张工', '陈工'];
const REGIONS = ['广东省', '浙江省', '广州市', '深圳市', '杭州市'];
const EXTRA_TAGS = ['常见问题', '新员工必读', '高频', '政策', '营销'];

export function knowledgeCorpus(count: number, seed = 20261127): CorpusArticle[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const fill = (template: string) =>
    template
      .replaceAll('{area}', () => pick(AREAS))
      .replaceAll('{plan}', () => pick(PLANS))
      .replaceAll('{speed}', () => String(50 + Math.floor(random() * 950)))
      .replaceAll('{hours}', () => String(2 + Math.floor(random() * 46)))
      .replaceAll('{days}', () => String(1 + Math.floor(random() * 10)))
      .replaceAll('{money}', () => `${1 + Math.floor(random() * 200)}`)
      .replaceAll('{date}', () => `${1 + Math.floor(random() * 12)}月${1 + Math.floor(random() * 28)}日`)
      .replaceAll('{worker}', () => pick(WORKERS))
      .replaceAll('{account}', () => `gz${digits(8)}`);
  return Array.from({ length: count }, () => {
    const topic = pick(TOPICS);
    const paragraphs = Array.from({ length: 1 + Math.floor(random() * 3) }, () => fill(pick(topic.bodies)));
    const scope = pick(['national', 'national', 'province', 'city'] as const);
    return {
      kind: random() < 0.25 ? 'unified_answer' : 'article',
      title: fill(pick(topic.titles)),
      summary: random() < 0.4 ? fill(pick(topic.bodies)).slice(0, 40) : null,
      body: paragraphs.join('\n'),
      tags: [...new Set([pick(topic.tags), pick(topic.tags), ...(random() < 0.3 ? [pick(EXTRA_TAGS)] : [])])],
      audience: random() < 0.3 ? 'public' : 'internal',
      scope,
      region: scope === 'national' ? null : pick(REGIONS),
    };
  });
}

/** The 30 queries of the recall check: common and rare words, Latin and digits, several words, one nothing matches. */
export const KNOWLEDGE_RECALL_QUERIES: readonly string[] = [
  '宽带', '光猫', '断网', '红灯', '报修', '补换卡', '补卡', '身份证', 'USIM', 'esim',
  '5G', '套餐', '流量包', '冰激凌', '话费', '退费', '番禺区 宽带', '王师傅', '携号转网', '国际漫游',
  '积分', '投诉', '上门维修', '天河区', 'TP-LINK', '10086', '宽带 报修', '套餐 升级', '光猫 红灯 光纤', '量子通信',
];

/**
 * Loads articles as published (version 1, live), tags and search index, in batches:
 * what creating and approving each would leave, without the per-request cost.
 */
export async function loadKnowledgeCorpus(db: Db, corpus: readonly CorpusArticle[], options: { userId: number; now: number }): Promise<number[]> {
  const ids: number[] = [];
  const batchSize = 500;
  for (let start = 0; start < corpus.length; start += batchSize) {
    const batch = corpus.slice(start, start + batchSize);
    await db.kysely.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('kb_article')
        .values(
          batch.map((article, index) => ({
            kind: article.kind,
            status: 'published',
            slug: null,
            title: article.title,
            category_id: null,
            audience: article.audience,
            scope: article.scope,
            region: article.region,
            valid_from: null,
            valid_until: null,
            department_id: null,
            contact_person: null,
            tags: JSON.stringify(article.tags),
            current_version: 1,
            published_version: 1,
            published_at: options.now - (corpus.length - start - index) * 1000,
            live_title: article.title,
            live_category_id: null,
            live_audience: article.audience,
            live_scope: article.scope,
            live_region: article.region,
            live_valid_from: null,
            live_valid_until: null,
            review_comment: null,
            submitted_by: options.userId,
            submitted_at: options.now,
            helpful_count: 0,
            unhelpful_count: 0,
            view_count: 0,
            use_count: 0,
            created_by: options.userId,
            created_at: options.now,
            updated_at: options.now,
          })),
        )
        .returning('id')
        .execute();
      const batchIds = inserted.map((row) => Number(row.id)).sort((a, b) => a - b);
      const versions = batch.map((article, index) => ({
        article_id: batchIds[index]!,
        version: 1,
        title: article.title,
        summary: article.summary,
        body_html: article.body
          .split('\n')
          .map((paragraph) => `<p>${paragraph.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
          .join(''),
        body_text: article.body,
        category_id: null,
        tags: JSON.stringify(article.tags),
        audience: article.audience,
        scope: article.scope,
        region: article.region,
        valid_from: null,
        valid_until: null,
        department_id: null,
        contact_person: null,
        author_id: options.userId,
        author_name: 'corpus',
        change_note: null,
        created_at: options.now,
        published_at: options.now,
      }));
      await trx.insertInto('kb_article_version').values(versions).execute();
      const tags = batch.flatMap((article, index) => article.tags.map((tag) => ({ article_id: batchIds[index]!, tag })));
      await trx.insertInto('kb_article_tag').values(tags).execute();
      await searchRepository.upsertMany(
        trx,
        db.dialect,
        versions.map((version) => articleSearchDocument(version.article_id, version)),
      );
      ids.push(...batchIds);
    });
  }
  return ids;
}
