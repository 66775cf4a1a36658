import type { DbDialect } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { sanitizeArticleHtml } from '../modules/knowledge/article-html.js';
import { knowledgeRepository } from '../modules/knowledge/knowledge.repository.js';
import { articleSearchDocument } from '../modules/knowledge/knowledge.service.js';
import { textOfHtml } from '../modules/work-orders/conversation.service.js';
import { searchRepository } from '../platform/search/search.repository.js';

interface DemoArticle {
  kind: 'article' | 'unified_answer';
  category: string;
  title: string;
  summary?: string;
  body: string;
  tags: string[];
  audience: 'internal' | 'public';
  slug?: string;
}

const DEMO_KB_CATEGORIES: ReadonlyArray<[name: string, parent: string | null]> = [
  ['业务办理', null],
  ['补换卡', '业务办理'],
  ['套餐资费', '业务办理'],
  ['故障处理', null],
  ['宽带故障', '故障处理'],
  ['服务规范', null],
];

const DEMO_ARTICLES: readonly DemoArticle[] = [
  {
    kind: 'article',
    category: '补换卡',
    title: 'USIM卡补换卡流程',
    summary: '手机卡丢失、损坏或升级 5G 卡时如何补换卡',
    body: '<h3>办理条件</h3><p>机主本人携带有效身份证原件到任一营业厅办理；代办需同时提供机主和代办人身份证原件。</p><h3>费用</h3><p>补卡工本费 10 元，5G 卡升级免费。</p><h3>注意事项</h3><ul><li>新卡即时生效，原卡自动作废。</li><li>补卡后 24 小时内部分短信业务受限。</li></ul>',
    tags: ['补换卡', 'USIM', '身份证'],
    audience: 'public',
    slug: 'usim-replacement',
  },
  {
    kind: 'article',
    category: '宽带故障',
    title: '宽带断网自助排查',
    summary: '光猫指示灯含义与客户可自行尝试的步骤',
    body: '<p>请客户查看光猫指示灯：</p><ul><li>LOS 灯红色闪烁：光纤信号中断，需登记报修上门处理。</li><li>PON 灯熄灭：请重启光猫，等待 3 分钟。</li><li>指示灯均正常但无法上网：重启路由器，检查网线是否松动。</li></ul><p>以上无效时登记“宽带故障”工单，维修人员 24 小时内联系客户。</p>',
    tags: ['宽带', '断网', '光猫', '红灯'],
    audience: 'public',
    slug: 'broadband-outage',
  },
  {
    kind: 'article',
    category: '套餐资费',
    title: '5G套餐资费说明（2026版）',
    body: '<p>畅享5G 128 元套餐含国内通用流量 60GB、通话 500 分钟；超出流量按 5 元/GB 计费，当月封顶 150 元。</p><p>套餐变更次月生效，合约期内可升档不可降档。</p>',
    tags: ['5G', '套餐', '资费'],
    audience: 'internal',
  },
  {
    kind: 'unified_answer',
    category: '宽带故障',
    title: '宽带故障安抚口径',
    body: '<p>非常抱歉给您的上网带来不便。我已为您登记宽带故障，装维人员将在 24 小时内与您联系上门处理，请保持电话畅通。</p>',
    tags: ['宽带', '断网', '报修'],
    audience: 'internal',
  },
  {
    kind: 'unified_answer',
    category: '服务规范',
    title: '费用争议统一答复',
    body: '<p>您反映的费用问题我已记录，计费部门将在 2 个工作日内核实；如确属误扣，费用将原路退回，请您放心。</p>',
    tags: ['话费', '扣费', '退费'],
    audience: 'internal',
  },
];

/**
 * KEFU_DEMO=1: a small published knowledge base (articles, unified answers, two public FAQ
 * entries) and a current announcement, indexed for search. The announcement is not must-read,
 * so demo sign-ins are not interrupted.
 */
export async function seedDemoKnowledge(ex: Executor, dialect: DbDialect, options: { editorId: number; editorName: string; reviewerId: number; reviewerName: string; publisherId: number; publisherName: string; now: number }) {
  const { now } = options;
  const categoryIds = new Map<string, number>();
  for (const [name, parent] of DEMO_KB_CATEGORIES) {
    categoryIds.set(name, await knowledgeRepository.insertCategory(ex, { parent_id: parent ? categoryIds.get(parent)! : null, name, sort_order: categoryIds.size, created_at: now, updated_at: now }));
  }
  for (const article of DEMO_ARTICLES) {
    const bodyHtml = sanitizeArticleHtml(article.body);
    const categoryId = categoryIds.get(article.category)!;
    const id = await knowledgeRepository.insertArticle(ex, {
      kind: article.kind,
      status: 'published',
      slug: article.slug ?? null,
      title: article.title,
      category_id: categoryId,
      audience: article.audience,
      scope: 'national',
      region: null,
      valid_from: null,
      valid_until: null,
      department_id: null,
      contact_person: null,
      tags: JSON.stringify(article.tags),
      current_version: 1,
      published_version: 1,
      published_at: now,
      live_title: article.title,
      live_category_id: categoryId,
      live_audience: article.audience,
      live_scope: 'national',
      live_region: null,
      live_valid_from: null,
      live_valid_until: null,
      review_comment: null,
      submitted_by: options.editorId,
      submitted_at: now,
      helpful_count: 0,
      unhelpful_count: 0,
      view_count: 0,
      use_count: 0,
      created_by: options.editorId,
      created_at: now,
      updated_at: now,
    });
    const version = {
      article_id: id,
      version: 1,
      title: article.title,
      summary: article.summary ?? null,
      body_html: bodyHtml,
      body_text: textOfHtml(bodyHtml),
      category_id: categoryId,
      tags: JSON.stringify(article.tags),
      audience: article.audience,
      scope: 'national',
      region: null,
      valid_from: null,
      valid_until: null,
      department_id: null,
      contact_person: null,
      author_id: options.editorId,
      author_name: options.editorName,
      change_note: null,
      created_at: now,
      published_at: now,
    };
    await knowledgeRepository.insertVersion(ex, version);
    await knowledgeRepository.addEvent(ex, { article_id: id, version: 1, action: 'approve', from_status: 'in_review', to_status: 'published', actor_id: options.reviewerId, actor_name: options.reviewerName, comment: null, created_at: now });
    await knowledgeRepository.replaceLiveTags(ex, id, article.tags);
    await searchRepository.upsert(ex, dialect, articleSearchDocument(id, version));
  }
  await ex
    .insertInto('announcement')
    .values({
      title: '关于国庆期间营业厅营业时间调整的通知',
      body_html: '<p>10 月 1 日至 7 日各营业厅营业时间调整为 9:00–17:00，热线 7×24 小时服务不变。请各班组在来电时主动告知客户。</p>',
      kind: 'business_change',
      must_read: 0,
      valid_from: now,
      valid_until: null,
      published_by: options.publisherId,
      published_by_name: options.publisherName,
      published_at: now,
      withdrawn_at: null,
    })
    .execute();
}
