import type { SearchDocument } from './search.repository.js';

/**
 * A deterministic corpus of realistic customer-service texts for search tests and timing
 * runs: broadband outages, billing questions, SIM replacement, home repair visits,
 * complaints; phone numbers in several spellings, Latin and full-width letters and digits,
 * FTS query syntax inside the text, invisible characters and odd white space.
 */
export function serviceCorpus(count: number, seed = 20240601, entityType = 'work_order', firstId = 1): SearchDocument[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const phone = () => `1${pick(['3', '5', '7', '8', '9'])}${digits(9)}`;
  const spelledPhone = () => {
    const number = phone();
    return pick([
      number,
      number,
      toFullWidth(number),
      `${number.slice(0, 3)}-${number.slice(3, 7)}-${number.slice(7)}`,
      `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`,
    ]);
  };
  const address = () => `${pick(AREAS)}${pick(ROADS)}${1 + Math.floor(random() * 300)}号${1 + Math.floor(random() * 20)}栋${1 + Math.floor(random() * 6)}单元${digits(1)}0${digits(1)}室`;
  const date = () => `2024-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const money = () => `${1 + Math.floor(random() * 300)}.${digits(2)}`;
  const fill = (template: string) =>
    template
      .replaceAll('{name}', () => pick(NAMES))
      .replaceAll('{address}', address)
      .replaceAll('{phone}', spelledPhone)
      .replaceAll('{date}', date)
      .replaceAll('{money}', money)
      .replaceAll('{plan}', () => pick(PLANS))
      .replaceAll('{shop}', () => pick(SHOPS))
      .replaceAll('{speed}', () => String(1 + Math.floor(random() * 900)))
      .replaceAll('{order}', () => `GD2024${digits(8)}`);

  return Array.from({ length: count }, (_, index) => {
    const topic = pick(TOPICS);
    const replies = Array.from({ length: Math.floor(random() * 4) }, () => fill(pick([...topic.replies, ...COMMON_REPLIES])));
    return {
      entityType,
      entityId: firstId + index,
      fields: {
        title: fill(pick(topic.titles)),
        description: fill(pick(topic.descriptions)) + (random() < 0.3 ? fill(pick(EXTRAS)) : ''),
        replies: replies.join('\n'),
      },
    };
  });
}

/** Queries for the exactness test: 1–3 words, common and rare, every script and spelling. */
export const SEARCH_QUERIES: readonly string[] = [
  '宽带', '断网', '宽带断网', '宽带 断网', '宽带 故障', '光猫', '红灯', 'los', 'LOS灯', '光猫 重启 无效',
  '话费', '话费 退费', '扣费', '退费', '账单', '流量', '流量包', '套餐', '套餐 升级', '5G套餐',
  '5g', '５Ｇ', '4G', 'usim', 'USIM卡', 'ＵＳＩＭ卡', '补卡', '补换卡', '身份证 营业厅', 'esim',
  '上门维修', '上门', '维修 预约', '投诉', '态度', '投诉 态度 升级', '催单', 'Wi-Fi', 'wifi', 'WIFI 密码',
  'Ｗｉ－Ｆｉ', '路由器', '双频', 'TP-LINK', 'ax3000', '138', '1380013', '１３８', '2024-03', '0',
  '8', '卡', '网', '费', '的', '张伟', '王芳 宽带', '朝阳区', '海淀区 断网', '栋',
  '单元', '室', '"宽带"', 'NOT', 'and', 'or', 'near', '*', '-', '¥',
  'GD2024', 'onu', 'ONU offline', 'mbps', '测速', '网速 慢', '携号转网', '副卡', 'iptv 机顶盒', '宽 带',
  '不存在的故障描述', 'zzzz', '😡', '  宽带　　断网  ', '退订', '积分', '充值', '欠费 停机', '复机', '千兆',
  '张伟 补卡', '李娜 话费', '刘洋 宽带 断网', '2024-12-2', '陈静 ＵＳＩＭ', '西湖区 上门',
];

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴霞', '徐明', '孙丽', '马超', '朱婷', '胡军', '郭强'];
const AREAS = ['朝阳区', '海淀区', '浦东新区', '天河区', '南山区', '武侯区', '江北区', '西湖区', '鼓楼区'];
const ROADS = ['建国', '中关村', '世纪大道', '天河北', '科技园', '人民南', '观音桥', '文三', '中山'];
const PLANS = ['5G畅享套餐', '4G飞享套餐', '千兆宽带融合套餐', '流量包', '家庭副卡', 'IPTV', '139元套餐', '不限量套餐'];
const SHOPS = ['中山路', '解放路', '人民广场', '火车站', '万达广场'];

interface Topic {
  titles: string[];
  descriptions: string[];
  replies: string[];
}

const TOPICS: Topic[] = [
  {
    titles: ['宽带断网', '宽带故障报修', '宽带无法上网', '光猫LOS灯红灯', '家里宽带断网了！！', '千兆宽带网速慢'],
    descriptions: [
      '{name}反映{address}宽带断网，光猫LOS灯红灯闪烁，已重启无效，联系电话{phone}',
      '客户来电：宽带从昨晚开始断网，光猫 PON 灯不亮，ONU offline，要求尽快上门维修',
      '用户说"宽带"又断了，这个月第三次，联系电话：{phone}，地址{address}',
      '千兆宽带测速只有{speed}Mbps，网速慢，客户要求核实线路',
      '宽\u200b带断网（客户从微信复制的文字），光猫型号 HG8245，已远程重启',
    ],
    replies: ['已派单至装维班组，预计两小时内上门', '远程检测光功率-28dBm，疑似光纤弯折', '已恢复，客户确认可以正常上网', '光猫重启后恢复正常'],
  },
  {
    titles: ['话费异常', '话费查询', '扣费投诉', '账单有疑问', '欠费停机', '申请退费'],
    descriptions: [
      '客户反映本月话费异常，扣费{money}元，要求核实并退费',
      '{name}查询上月账单，流量包扣费{money}元，表示未订购',
      '欠费停机，客户已充值{money}元，要求立即复机，电话{phone}',
      '客户对话费账单有疑问：套餐外流量费 ¥{money}，要求解释',
      '积分兑换话费失败，订单号{order}',
    ],
    replies: ['已核实为套餐外流量费用，已向客户解释', '已办理退费，三个工作日内到账', '已为客户复机', '已退订该增值业务'],
  },
  {
    titles: ['USIM卡补卡', '补换卡', 'ＵＳＩＭ卡损坏', 'eSIM开通', 'SIM卡无信号', '副卡办理'],
    descriptions: [
      'USIM卡损坏需要补卡，客户携带身份证到{shop}营业厅办理补换卡',
      '客户手机提示"无SIM卡"，更换USIM卡后恢复，联系电话{phone}',
      'ＵＳＩＭ卡丢失，客户要求挂失并补卡，身份证已核验',
      '客户申请开通eSIM，设备型号 Apple Watch，需到营业厅办理',
      '办理家庭副卡两张，主卡号码{phone}',
    ],
    replies: ['已指引客户到营业厅办理补卡', '已为客户挂失', '补换卡已完成，旧卡作废', '副卡已生效'],
  },
  {
    titles: ['预约上门维修', '上门安装', '机顶盒故障', 'IPTV无信号', '路由器更换'],
    descriptions: [
      '预约上门维修，时间{date} 14:00-16:00，联系电话{phone}，地址{address}',
      'IPTV 机顶盒无信号，电视显示“网络连接失败”，需上门检查',
      'Wi-Fi信号弱，卧室无法上网，建议更换双频路由器 TP-LINK AX3000',
      'WIFI 密码忘记，客户要求重置，路由器型号 AX3000',
      '新装千兆宽带，预约{date}上门安装，电话{phone}',
    ],
    replies: ['装维人员已联系客户确认上门时间', '已更换路由器，Wi-Fi 覆盖正常', '上门检查为机顶盒电源故障，已更换', '客户改约至明天上午'],
  },
  {
    titles: ['投诉：装维态度差', '催单', '投诉升级', '服务投诉', '多次报修未解决'],
    descriptions: [
      '投诉装维人员态度差，多次催单无人处理，要求升级处理 😡',
      '客户第三次催单，宽带故障三天未修复，情绪激动，要求赔偿',
      '{name}投诉营业厅排队时间长，NOT acceptable（客户原话）',
      '客户威胁向工信部投诉，要求 24 小时内回复',
      '携号转网咨询：客户对资费不满意，考虑携号转网',
    ],
    replies: ['已安抚客户情绪，承诺今日回复', '已升级至班组长处理', '已向客户致歉并赠送流量包', '回访客户，对处理结果满意'],
  },
  {
    titles: ['5G信号差', '网速慢', '套餐变更', '流量包咨询', '5G套餐升级'],
    descriptions: [
      '5G信号不稳定，网速慢，测速下行{speed}Mbps，地址{address}',
      '套餐变更：由{plan}升级为{plan}，次月生效',
      '客户咨询５Ｇ套餐资费，当前为{plan}',
      '4G/5G 切换频繁，客户手机型号 Mate60，AND 通话中断',
      '客户要求退订{plan}，改为流量包',
    ],
    replies: ['已为客户办理套餐变更', '已提交基站优化工单', '已向客户介绍5G套餐资费', '客户表示考虑后再办理'],
  },
];

const COMMON_REPLIES = ['已联系客户，电话{phone}', '客户未接电话，稍后再联系', '已记录，工单号{order}', '请客户保持电话畅通'];
const EXTRAS = ['　备注：客户为VIP（ＶＩＰ）', '\n\n补充：客户手机 {phone}', ' 附：ＡＢＣ１２３ 型号', ' *紧急*', ' 客户要求 NEAR 期限内处理'];

function toFullWidth(text: string): string {
  return text.replace(/[0-9A-Za-z]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
