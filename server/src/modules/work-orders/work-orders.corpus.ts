import type { Insertable } from 'kysely';
import type { Channel, Priority, WorkOrderStatus, WorkOrderType } from '@kefu/contracts';
import type { Db } from '../../db/database.js';
import type { WorkOrderMessageTable, WorkOrderTable } from '../../db/schema.js';
import { searchRepository, type SearchDocument } from '../../platform/search/search.repository.js';
import { seededRandom } from '../../platform/search/search.fixtures.js';
import { SEARCH_ENTITY } from './work-orders.service.js';

/**
 * A deterministic corpus of service-centre work orders (宽带故障, 话费账单, 补换卡, 上门维修,
 * 投诉 …) for the search recall test and the benchmarks: the same seed gives the same orders
 * on every machine. Plain data and one bulk loader; nothing here depends on a test runner.
 */
export interface CorpusMessage {
  kind: 'reply' | 'note';
  text: string;
}

export interface CorpusOrder {
  /** GD20260301-0001: unique within the corpus (the day and sequence are made up, never the app's). */
  number: string;
  type: WorkOrderType;
  channel: Channel;
  priority: Priority;
  status: WorkOrderStatus;
  title: string;
  description: string;
  reason: string;
  requestedHandling: string;
  location: string;
  contactName: string;
  /** 11 digits, as intake stores a normalised phone. */
  contactPhone: string;
  /** 0-based index into the departments the loader is given: spreads orders over teams. */
  team: number;
  /** Milliseconds before the loader's `now`: older orders first. */
  age: number;
  messages: CorpusMessage[];
}

export interface CorpusOptions {
  seed?: number;
  /** How many teams orders are spread over (see CorpusOrder.team). */
  teams?: number;
  /** Letters before the date in the numbers. */
  numberPrefix?: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ORDERS_PER_DAY = 120;

/** Who and where an order is about: the placeholders `{name}`, `{phone}`, `{address}` (and `{account}` when given). */
export interface OrderTextContext {
  name: string;
  phone: string;
  address: string;
  /** Broadband account; a random one per placeholder when absent. */
  account?: string;
}

function fillTemplate(template: string, context: OrderTextContext, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  return template
    .replaceAll('{name}', context.name)
    .replaceAll('{phone}', context.phone)
    .replaceAll('{address}', context.address)
    .replaceAll('{money}', () => `${1 + Math.floor(random() * 300)}.${digits(2)}`)
    .replaceAll('{plan}', () => pick(PLANS))
    .replaceAll('{shop}', () => pick(SHOPS))
    .replaceAll('{speed}', () => String(1 + Math.floor(random() * 900)))
    .replaceAll('{modem}', () => pick(MODEMS))
    .replaceAll('{worker}', () => pick(WORKERS))
    .replaceAll('{hours}', () => String(2 + Math.floor(random() * 70)))
    .replaceAll('{date}', () => `${1 + Math.floor(random() * 12)}月${1 + Math.floor(random() * 28)}日`)
    .replaceAll('{account}', () => context.account ?? `${pick(['gz', 'sz', 'bj', 'hz'])}${digits(8)}`);
}

export function workOrderCorpus(count: number, options: CorpusOptions = {}): CorpusOrder[] {
  const random = seededRandom(options.seed ?? 20_260_301);
  const teams = options.teams ?? 4;
  const prefix = options.numberPrefix ?? 'GD';
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const phone = () => `1${pick(['3', '5', '7', '8', '9'])}${digits(9)}`;
  const address = () => corpusAddress(random);
  const fill = (template: string, context: OrderTextContext) => fillTemplate(template, context, random);

  return Array.from({ length: count }, (_, index) => {
    const topic = pick(TOPICS);
    const context = { name: pick(SURNAMES) + pick(GIVEN_NAMES), phone: phone(), address: address() };
    const description = [fill(pick(topic.descriptions), context)];
    if (chance(0.35)) description.push(fill(pick(DETAILS), context));
    if (chance(0.004)) description.push(pick(RARE_DETAILS));
    const messageCount = 1 + Math.floor(random() * 3);
    const messages = Array.from({ length: messageCount }, (): CorpusMessage => {
      const note = chance(0.25);
      const text = fill(pick(note ? NOTES : chance(0.7) ? topic.replies : COMMON_REPLIES), context);
      return { kind: note ? 'note' : 'reply', text: chance(0.003) ? `${text}（${pick(RARE_DETAILS)}）` : text };
    });
    const day = Math.floor(index / ORDERS_PER_DAY);
    const date = new Date(Date.UTC(2026, 2, 1) + day * DAY);
    const ymd = `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
    return {
      number: `${prefix}${ymd}-${String((index % ORDERS_PER_DAY) + 1).padStart(4, '0')}`,
      type: topic.type,
      channel: pick(CHANNEL_MIX),
      priority: pick(PRIORITY_MIX),
      status: pick(STATUS_MIX),
      title: fill(pick(topic.titles), context),
      description: description.join(''),
      reason: fill(pick(topic.reasons), context),
      requestedHandling: pick(REQUESTS),
      location: context.address,
      contactName: context.name,
      contactPhone: context.phone,
      team: Math.floor(random() * teams),
      age: (count - index) * 60_000 + Math.floor(random() * 60_000),
      messages,
    };
  });
}

/** Where an order is: a plausible street address (the corpus's cities, districts, roads and estates). */
export function corpusAddress(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return `${pick(CITIES)}${pick(AREAS)}${pick(ROADS)}路${1 + Math.floor(random() * 300)}号${pick(ESTATES)}${1 + Math.floor(random() * 20)}栋${1 + Math.floor(random() * 6)}单元${1 + Math.floor(random() * 30)}0${1 + Math.floor(random() * 4)}室`;
}

/** The subjects orders are about; callers that choose their own mix (the benchmark data) name one. */
export const CORPUS_TOPICS = ['broadband', 'billing', 'card', 'visit', 'complaint', 'mobile', 'praise', 'suggestion'] as const;
export type CorpusTopic = (typeof CORPUS_TOPICS)[number];

/** The texts of one order, as an agent and the back office would write them. */
export interface OrderTexts {
  type: WorkOrderType;
  title: string;
  description: string;
  reason: string;
  requestedHandling: string;
  messages: CorpusMessage[];
}

/**
 * One order's texts on a given topic, about a given person and place, with `messageCount`
 * messages (replies and internal notes). Same vocabulary and rare details as
 * {@link workOrderCorpus}; the caller owns the random source, so a generator decides the
 * mix of topics, the people and the times itself.
 */
export function composeOrderTexts(random: () => number, topicKey: CorpusTopic, context: OrderTextContext, messageCount: number): OrderTexts {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const fill = (template: string) => fillTemplate(template, context, random);
  const topic = [...TOPICS, ...EXTRA_TOPICS].find((candidate) => candidate.key === topicKey)!;
  const description = [fill(pick(topic.descriptions))];
  if (chance(0.35)) description.push(fill(pick(DETAILS)));
  if (chance(0.004)) description.push(pick(RARE_DETAILS));
  const messages = Array.from({ length: messageCount }, (): CorpusMessage => {
    const note = chance(0.25);
    const text = fill(pick(note ? NOTES : chance(0.7) ? topic.replies : COMMON_REPLIES));
    return { kind: note ? 'note' : 'reply', text: chance(0.003) ? `${text}（${pick(RARE_DETAILS)}）` : text };
  });
  return {
    type: topic.type,
    title: fill(pick(topic.titles)),
    description: description.join(''),
    reason: fill(pick(topic.reasons)),
    requestedHandling: pick(REQUESTS),
    messages,
  };
}

export interface CorpusTargets {
  categoryId: number;
  /** Owner and creator of every order, author of every message. */
  userId: number;
  /** Teams the orders are spread over (CorpusOrder.team indexes this list, modulo its length). */
  departmentIds: readonly number[];
  now: number;
}

/**
 * Inserts the orders and their messages in batches, in one transaction, and indexes them for
 * search exactly as the service's `reindex()` does (see {@link searchDocumentOf}). Returns the
 * new ids, in corpus order. Orders of a final status are stored as closed (`unclosed = 0`).
 */
export async function loadWorkOrderCorpus(db: Db, orders: readonly CorpusOrder[], targets: CorpusTargets, options: { batchSize?: number } = {}): Promise<number[]> {
  // About 50 columns a row: 400 rows stay well inside both databases' bound-parameter limits.
  const batchSize = options.batchSize ?? 400;
  return db.kysely.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (let start = 0; start < orders.length; start += batchSize) {
      const batch = orders.slice(start, start + batchSize);
      const rows = batch.map((order) => orderRow(order, targets));
      const inserted = await trx.insertInto('work_order').values(rows).returning(['id', 'number']).execute();
      // RETURNING order is not promised: match by the unique number.
      const idByNumber = new Map(inserted.map((row) => [row.number, Number(row.id)]));
      const batchIds = batch.map((order) => idByNumber.get(order.number)!);
      ids.push(...batchIds);
      const messages = batch.flatMap((order, position) => messageRows(order, batchIds[position]!, targets));
      // Seven columns a row: a whole batch's messages fit one statement.
      for (let offset = 0; offset < messages.length; offset += MESSAGE_BATCH) {
        await trx.insertInto('work_order_message').values(messages.slice(offset, offset + MESSAGE_BATCH)).execute();
      }
      await searchRepository.upsertMany(
        trx,
        db.dialect,
        batch.map((order, position) => searchDocumentOf({ id: batchIds[position]!, ...order })),
        { batchSize },
      );
    }
    return ids;
  });
}

/**
 * What `reindex()` in work-orders.service.ts indexes for an order: number, title, description,
 * contact (name and phone) and the texts of all its messages, oldest first. Keep the two alike.
 */
export function searchDocumentOf(order: Pick<CorpusOrder, 'number' | 'title' | 'description' | 'contactName' | 'contactPhone' | 'messages'> & { id: number }): SearchDocument {
  return {
    entityType: SEARCH_ENTITY,
    entityId: order.id,
    fields: {
      number: order.number,
      title: order.title,
      description: order.description,
      contact: [order.contactName, order.contactPhone].filter(Boolean).join(' '),
      replies: order.messages.map((message) => message.text).join('\n'),
    },
  };
}

const MESSAGE_BATCH = 2000;
const FINAL_STATUSES: readonly WorkOrderStatus[] = ['resolved', 'visited', 'closed', 'cancelled'];
const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

function orderRow(order: CorpusOrder, targets: CorpusTargets): Insertable<WorkOrderTable> {
  const createdAt = targets.now - order.age;
  const updatedAt = createdAt + order.messages.length * HOUR;
  const departmentId = targets.departmentIds.length > 0 ? targets.departmentIds[order.team % targets.departmentIds.length]! : null;
  const final = FINAL_STATUSES.includes(order.status);
  return {
    number: order.number,
    type: order.type,
    category_id: targets.categoryId,
    channel: order.channel,
    priority: order.priority,
    priority_rank: PRIORITY_RANK[order.priority],
    status: order.status,
    title: order.title,
    description: order.description,
    reason: order.reason,
    requested_handling: order.requestedHandling,
    location: order.location,
    contact_name: order.contactName,
    contact_phone: order.contactPhone,
    customer_id: null,
    occurred_at: createdAt,
    owner_id: targets.userId,
    owner_department_id: departmentId,
    handler_id: order.status === 'new' ? null : targets.userId,
    department_id: departmentId,
    due_at: createdAt + 2 * DAY,
    form_data: '{}',
    first_contact_resolution: 0,
    result: final ? '已处理完毕' : null,
    confirmation_method: null,
    confirmation_note: null,
    confirmed_at: null,
    confirmed_by: null,
    resolved_at: final ? updatedAt : null,
    closed_at: order.status === 'closed' ? updatedAt : null,
    suspended_from: order.status === 'suspended' ? 'in_progress' : null,
    reopen_count: 0,
    reminder_count: 0,
    last_activity_at: updatedAt,
    merged_into_id: null,
    unclosed: final ? 0 : 1,
    deleted_at: null,
    deleted_by: null,
    delete_reason: null,
    created_by: targets.userId,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

function messageRows(order: CorpusOrder, orderId: number, targets: CorpusTargets): Array<Insertable<WorkOrderMessageTable>> {
  const createdAt = targets.now - order.age;
  return order.messages.map((message, index) => ({
    order_id: orderId,
    kind: message.kind,
    body_html: `<p>${escapeHtml(message.text)}</p>`,
    body_text: message.text,
    author_id: targets.userId,
    mentions: '[]',
    created_at: createdAt + (index + 1) * HOUR,
  }));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Plain text made safe to store as message HTML (corpus and benchmark messages). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

interface Topic {
  key: CorpusTopic;
  type: WorkOrderType;
  titles: string[];
  descriptions: string[];
  reasons: string[];
  replies: string[];
}

const TOPICS: Topic[] = [
  {
    key: 'broadband',
    type: 'fault',
    titles: ['宽带断线', '宽带故障报修', '宽带无法上网', '光猫红灯闪烁', '家里宽带断网了', '千兆宽带网速慢', '宽带频繁掉线'],
    descriptions: [
      '我家的宽带从昨天开始一直断线，光猫LOS灯红灯闪烁，已重启无效。',
      '{name}反映{address}宽带断网，光猫型号{modem}，联系电话{phone}。',
      '客户来电称宽带每天晚上八点后频繁掉线，打游戏延迟很高，宽带账号{account}。',
      '千兆宽带测速只有{speed}Mbps，网速慢，客户要求核实线路。',
      '宽带断线{hours}小时未恢复，客户在家办公急需网络，要求尽快上门维修。',
      '光猫PON灯不亮，ONU离线，疑似入户光纤被装修工人剪断。',
    ],
    reasons: ['宽带线路故障', '光猫设备故障', '光纤衰耗过大', '区域性网络中断'],
    replies: [
      '已派单至装维班组，预计两小时内上门。',
      '远程检测光功率-28dBm，疑似光纤弯折。',
      '装维人员{worker}已上门更换光猫，宽带恢复正常。',
      '已恢复，客户确认可以正常上网。',
      '光猫重启后恢复正常，建议客户观察两天。',
      '经查为小区机房设备故障，已于{date}修复。',
    ],
  },
  {
    key: 'billing',
    type: 'query',
    titles: ['话费异常', '话费查询', '扣费疑问', '账单有疑问', '欠费停机', '申请退费', '话费突然变多'],
    descriptions: [
      '客户反映本月话费异常，比平时多扣{money}元，要求核实并退费。',
      '{name}查询上月账单，流量包扣费{money}元，表示从未订购。',
      '欠费停机，客户已充值{money}元，要求立即复机，电话{phone}。',
      '客户对话费账单有疑问：套餐外流量费{money}元，要求逐项解释。',
      '积分兑换话费失败，积分已扣除但话费未到账。',
    ],
    reasons: ['增值业务扣费', '套餐外流量费用', '充值未到账', '账单计费争议'],
    replies: [
      '已核实为套餐外流量费用，已向客户解释。',
      '已办理退费{money}元，三个工作日内到账。',
      '已为客户复机，话费余额{money}元。',
      '已退订该增值业务，并开通短信提醒。',
      '客户认可账单明细，同意结单。',
    ],
  },
  {
    key: 'card',
    type: 'service_request',
    titles: ['补卡', 'USIM卡补换卡', 'SIM卡损坏', 'eSIM开通', '手机卡无信号', '副卡办理', '手机卡丢失挂失'],
    descriptions: [
      'USIM卡损坏需要补卡，客户携带身份证到{shop}营业厅办理补换卡。',
      '客户手机提示无SIM卡，更换USIM卡后恢复，联系电话{phone}。',
      '手机卡丢失，客户要求挂失并补卡，身份证已核验。',
      '客户申请开通eSIM，设备为智能手表，需到营业厅办理。',
      '办理家庭副卡两张，主卡号码{phone}，套餐为{plan}。',
    ],
    reasons: ['卡片损坏', '卡片丢失', '新业务办理', '设备更换'],
    replies: ['已指引客户到营业厅办理补卡。', '已为客户挂失，号码暂停使用。', '补换卡已完成，旧卡作废。', '副卡已生效，共享{plan}。'],
  },
  {
    key: 'visit',
    type: 'fault',
    titles: ['预约上门维修', '上门安装宽带', '机顶盒故障', 'IPTV无信号', '路由器更换', '电视没有信号'],
    descriptions: [
      '预约上门维修，时间{date}下午，联系电话{phone}，地址{address}。',
      'IPTV机顶盒无信号，电视显示网络连接失败，需上门检查。',
      'Wi-Fi信号弱，卧室无法上网，建议更换双频路由器AX3000。',
      '新装千兆宽带，预约{date}上门安装，电话{phone}。',
      '机顶盒遥控器失灵，更换电池无效，客户要求上门更换。',
    ],
    reasons: ['设备故障', '新装业务', '信号覆盖不足'],
    replies: [
      '装维人员{worker}已联系客户确认上门时间。',
      '已更换路由器，Wi-Fi覆盖正常。',
      '上门检查为机顶盒电源故障，已更换。',
      '客户改约至{date}上午。',
    ],
  },
  {
    key: 'complaint',
    type: 'complaint',
    titles: ['投诉装维态度差', '催单', '投诉升级', '服务投诉', '多次报修未解决', '投诉营业厅排队'],
    descriptions: [
      '投诉装维人员态度差，多次催单无人处理，要求升级处理。',
      '客户第三次催单，宽带故障{hours}小时未修复，情绪激动，要求赔偿。',
      '{name}投诉{shop}营业厅排队时间长，工作人员推诿。',
      '客户表示要向工信部投诉，要求二十四小时内回复。',
      '客户对资费不满意，考虑携号转网，要求给出优惠方案。',
    ],
    reasons: ['服务态度', '处理超时', '资费不满'],
    replies: [
      '已安抚客户情绪，承诺今日回复。',
      '已升级至班组长处理。',
      '已向客户致歉并赠送10GB流量包。',
      '回访客户，对处理结果满意。',
      '客户仍不满意，已转投诉专席。',
    ],
  },
  {
    key: 'mobile',
    type: 'consultation',
    titles: ['5G信号差', '手机网速慢', '套餐变更', '流量包咨询', '5G套餐升级', '携号转网咨询'],
    descriptions: [
      '5G信号不稳定，网速慢，测速下行{speed}Mbps，地址{address}。',
      '套餐变更：由{plan}升级为{plan}，次月生效。',
      '客户咨询5G套餐资费，当前为{plan}。',
      '客户要求退订{plan}，改为流量包。',
      '客户咨询携号转网的条件和办理流程。',
    ],
    reasons: ['资费咨询', '网络覆盖', '业务变更'],
    replies: ['已为客户办理套餐变更。', '已提交基站优化工单。', '已向客户介绍5G套餐资费。', '客户表示考虑后再办理。'],
  },
];

/** Topics only {@link composeOrderTexts} uses (workOrderCorpus keeps its original mix). */
const EXTRA_TOPICS: Topic[] = [
  {
    key: 'praise',
    type: 'praise',
    titles: ['表扬装维师傅', '表扬客服热情', '感谢及时处理', '表扬营业厅服务'],
    descriptions: [
      '客户来电表扬装维人员{worker}上门及时、态度好，宽带当天修复。',
      '{name}表扬{shop}营业厅工作人员耐心办理补换卡业务。',
      '客户表示话费问题处理迅速，特意来电致谢，联系电话{phone}。',
    ],
    reasons: ['服务表扬'],
    replies: ['已将表扬转达相关班组。', '感谢客户认可，已记录。', '已通报表扬{worker}。'],
  },
  {
    key: 'suggestion',
    type: 'suggestion',
    titles: ['建议延长营业时间', '建议优化语音导航', 'APP使用建议', '建议增加上门时段'],
    descriptions: [
      '客户建议营业厅周末延长营业时间，方便上班族办理业务。',
      '客户反映热线语音导航层级太多，建议增加人工服务快捷键。',
      '{name}建议APP增加宽带故障自助报修和进度查询功能。',
      '客户建议装维上门增加晚上七点后的预约时段。',
    ],
    reasons: ['服务建议', '渠道优化'],
    replies: ['已将建议提交产品部门。', '感谢客户建议，已记录并反馈。', '已电话回复客户，建议已受理。'],
  },
];

const DETAILS = [
  '客户为VIP客户，请优先处理。',
  '客户手机{phone}，白天可联系。',
  '此前{date}已报修过一次。',
  '客户要求短信告知处理结果。',
  '备用联系人{name}，电话{phone}。',
  '光猫型号{modem}，宽带账号{account}。',
];
/** Words that occur in a handful of orders only: the search must still find every one. */
const RARE_DETAILS = ['雷击导致设备损坏', '楼道弱电箱被水淹', '小区光交箱被盗', '客户为听障人士，请短信沟通', 'ZXHN F650光猫死机'];
const COMMON_REPLIES = ['已联系客户，电话{phone}。', '客户未接电话，稍后再联系。', '请客户保持电话畅通。', '已记录，等待处理结果。'];
const NOTES = ['内部备注：客户情绪激动，注意沟通方式。', '内部备注：{worker}明天上午处理。', '内部备注：已和班组长确认，加急处理。', '内部备注：疑似重复工单，待核实。'];
const REQUESTS = ['尽快处理并回电客户', '上门维修', '核实后退费', '电话回复处理结果', '短信告知客户'];
const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN_NAMES = ['伟', '芳', '娜', '洋', '静', '磊', '敏', '勇', '杰', '霞', '明', '丽', '超', '婷', '军', '强', '秀英', '建华', '志强', '海燕'];
const CITIES = ['广州市', '深圳市', '北京市', '杭州市', '成都市'];
const AREAS = ['天河区', '海淀区', '南山区', '西湖区', '武侯区', '越秀区', '朝阳区'];
const ROADS = ['中山', '建设', '人民', '解放', '科技', '文三', '天府'];
const ESTATES = ['阳光花园', '金地名苑', '碧桂园', '万科城', '保利花园', '锦绣家园'];
const PLANS = ['5G畅享套餐', '4G飞享套餐', '千兆宽带融合套餐', '不限量套餐', '家庭副卡', '139元套餐'];
const SHOPS = ['中山路', '解放路', '人民广场', '火车站', '万达广场'];
const MODEMS = ['HG8245H', 'HG8546M', 'ZXHN F650', 'PT926G', 'TEWA-800G'];
const WORKERS = ['王师傅', '李师傅', '陈工', '赵工', '周师傅'];
const CHANNEL_MIX: Channel[] = ['phone', 'phone', 'phone', 'phone', 'web', 'wechat', 'visit', 'email', 'sms'];
const PRIORITY_MIX: Priority[] = ['normal', 'normal', 'normal', 'high', 'low', 'urgent'];
const STATUS_MIX: WorkOrderStatus[] = ['new', 'accepted', 'in_progress', 'in_progress', 'pending_confirmation', 'resolved', 'closed', 'closed', 'closed', 'suspended', 'cancelled'];
