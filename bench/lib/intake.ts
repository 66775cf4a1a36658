import type { IntakeInput } from '@kefu/contracts';
import type { IntakeCategory } from './data.js';

/**
 * Realistic intake bodies (5W1H: when, who, where, what, why, how) as agents file them:
 * existing customers most of the time, some unregistered callers, some answered on the spot.
 * Deterministic from the seed, so two runs send the same mix.
 */
export function intakeBodies(options: { categories: readonly IntakeCategory[]; customerIds: readonly number[]; seed?: number }): () => IntakeInput {
  let state = options.seed ?? 20_260_501;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

  return () => {
    const topic = pick(TOPICS);
    const category = pick(options.categories);
    const name = pick(SURNAMES) + pick(GIVEN);
    const phone = `1${pick(['3', '5', '7', '8', '9'])}${digits(9)}`;
    const address = `${pick(DISTRICTS)}${pick(ROADS)}路${1 + Math.floor(random() * 300)}号${pick(ESTATES)}${1 + Math.floor(random() * 20)}栋${1 + Math.floor(random() * 30)}0${1 + Math.floor(random() * 4)}室`;
    const fill = (text: string) => text.replaceAll('{name}', name).replaceAll('{phone}', phone).replaceAll('{address}', address).replaceAll('{money}', `${1 + Math.floor(random() * 300)}.${digits(2)}`);
    const existing = options.customerIds.length > 0 && random() < 0.7;
    const answered = random() < 0.2;
    const formData: Record<string, string | number> = {};
    for (const field of category.fields) {
      if (!field.required && random() < 0.5) continue;
      formData[field.key] =
        field.type === 'number' ? 1 + Math.floor(random() * 100) : field.type === 'date' ? '2026-03-15' : field.type === 'select' ? pick(field.options) : `gz${digits(8)}`;
    }
    return {
      occurredAt: Date.now() - Math.floor(random() * 600_000),
      customer: existing ? { mode: 'existing', customerId: pick(options.customerIds) } : { mode: 'anonymous' },
      contactName: name,
      contactPhone: phone,
      channel: pick(['phone', 'phone', 'phone', 'phone', 'web', 'wechat', 'visit', 'email', 'sms'] as const),
      location: address,
      type: topic.type,
      categoryId: category.id,
      title: fill(pick(topic.titles)),
      description: fill(pick(topic.descriptions)),
      reason: pick(topic.reasons),
      requestedHandling: pick(['尽快处理并回电客户', '上门维修', '核实后退费', '电话回复处理结果', '短信告知客户']),
      priority: pick(['normal', 'normal', 'normal', 'high', 'low', 'urgent'] as const),
      formData,
      resolution: answered ? { mode: 'answered', answer: fill(pick(topic.answers)) } : { mode: 'order' },
    };
  };
}

const TOPICS = [
  {
    type: 'fault' as const,
    titles: ['宽带断线', '宽带无法上网', '光猫红灯闪烁', '千兆宽带网速慢', 'IPTV无信号'],
    descriptions: [
      '{name}来电反映{address}宽带从昨晚开始断线，光猫LOS灯红灯闪烁，已重启无效，联系电话{phone}。',
      '客户称宽带每天晚上频繁掉线，视频会议经常中断，要求尽快上门检查。',
      '机顶盒提示网络连接失败，电视无法观看，客户家中老人急需使用。',
    ],
    reasons: ['宽带线路故障', '光猫设备故障', '入户光纤损坏'],
    answers: ['指导客户重启光猫并重新插拔光纤后恢复正常。', '远程复位端口后客户确认可以上网。'],
  },
  {
    type: 'query' as const,
    titles: ['话费异常', '账单有疑问', '申请退费', '欠费停机'],
    descriptions: [
      '{name}反映本月话费比平时多扣{money}元，要求核实并退费。',
      '客户查询上月账单，流量包扣费{money}元，表示从未订购。',
      '客户已充值{money}元但仍显示欠费停机，要求立即复机。',
    ],
    reasons: ['增值业务扣费', '套餐外流量费用', '充值未到账'],
    answers: ['已向客户逐项解释账单，客户认可。', '已核实为套餐外流量费用，客户表示理解。'],
  },
  {
    type: 'service_request' as const,
    titles: ['补卡', 'USIM卡补换卡', '副卡办理', '手机卡丢失挂失'],
    descriptions: ['手机卡丢失，客户要求挂失并补卡，身份证已核验，联系电话{phone}。', 'USIM卡损坏无法识别，客户要求到营业厅补换卡。'],
    reasons: ['卡片丢失', '卡片损坏', '新业务办理'],
    answers: ['已为客户办理挂失，并告知就近营业厅补卡。'],
  },
  {
    type: 'complaint' as const,
    titles: ['投诉装维态度差', '多次报修未解决', '投诉营业厅排队'],
    descriptions: ['客户投诉装维人员态度差，多次催单无人处理，要求升级处理。', '{name}第三次来电催修，宽带故障两天未修复，情绪激动，要求赔偿。'],
    reasons: ['服务态度', '处理超时'],
    answers: ['已向客户致歉并记录，承诺今日回电。'],
  },
  {
    type: 'consultation' as const,
    titles: ['5G套餐咨询', '携号转网咨询', '流量包咨询'],
    descriptions: ['客户咨询5G套餐资费及升级方式，当前为4G套餐。', '客户咨询携号转网的条件和办理流程。'],
    reasons: ['资费咨询', '业务变更'],
    answers: ['已向客户介绍5G套餐资费及办理渠道。', '已告知携号转网条件，客户表示考虑后再办理。'],
  },
];
const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '林'];
const GIVEN = ['伟', '芳', '娜', '洋', '静', '磊', '敏', '勇', '杰', '霞', '秀英', '建华', '志强', '海燕'];
const DISTRICTS = ['广州市天河区', '深圳市南山区', '杭州市西湖区', '成都市武侯区', '北京市朝阳区'];
const ROADS = ['中山', '建设', '人民', '解放', '科技'];
const ESTATES = ['阳光花园', '金地名苑', '万科城', '保利花园', '锦绣家园'];
