/**
 * Chinese names and mobile numbers for the generated customers and staff: common surnames
 * weighted roughly by how common they are, one- and two-character given names, and unique
 * 11-digit numbers with real mobile prefixes.
 */

/** The commonest surnames first; the weights fall off so 王/李/张 dominate as they do. */
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯',
  '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向', '欧阳',
];
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平',
  '刚', '桂', '英', '华', '玉', '萍', '红', '斌', '辉', '鹏', '建', '文', '志', '国', '海', '燕', '婷', '雪', '琳', '晨',
  '宇', '浩', '凯', '欣', '怡', '佳', '子', '梓', '涵', '轩', '博', '思', '雨', '嘉', '俊', '晓', '春', '梅', '兰', '峰',
  '飞', '亮', '波', '宁', '昊', '然', '颖', '倩', '瑶', '慧', '琪', '璐', '丹', '蕾', '莉', '薇', '彤', '悦', '瑞', '航',
  '晶', '洁', '荣', '德', '成', '福', '兵', '鑫', '龙', '新', '立', '永', '庆', '东', '金', '宏', '健', '林', '森', '阳',
];
const COMPANY_WORDS = ['恒达', '华信', '金桥', '宏图', '天诚', '佳和', '瑞丰', '新联', '鼎盛', '博远', '中科', '海纳', '通达', '锦程', '安泰'];
const COMPANY_TRADES = ['科技', '贸易', '物流', '餐饮', '建筑', '医疗器械', '教育咨询', '物业管理', '电子', '文化传媒'];
const CITY_PREFIXES = ['广州', '深圳', '北京', '杭州', '成都', '佛山', '东莞'];

/** Cumulative weights for surname picks (Zipf-like: the k-th surname weighs 1/(k+5)). */
const SURNAME_CUMULATIVE = (() => {
  const weights = SURNAMES.map((_, index) => 1 / (index + 5));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  return weights.map((weight) => (running += weight / total));
})();

export function surname(random: () => number): string {
  const roll = random();
  const index = SURNAME_CUMULATIVE.findIndex((bound) => roll < bound);
  return SURNAMES[index === -1 ? SURNAMES.length - 1 : index]!;
}

export function personName(random: () => number): string {
  const pick = () => GIVEN[Math.floor(random() * GIVEN.length)]!;
  return surname(random) + (random() < 0.3 ? pick() : pick() + pick());
}

export function companyName(random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return `${pick(CITY_PREFIXES)}${pick(COMPANY_WORDS)}${pick(COMPANY_TRADES)}有限公司`;
}

/** China Mobile, Unicom and Telecom number blocks (130–139, 15x, 18x, 19x). */
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '180', '181', '182', '183', '184', '185', '186', '187', '188', '189',
  '191', '193', '195', '196', '197', '198', '199',
];
const SUFFIXES = 100_000_000;
/** Odd and not a multiple of 5, so `index × MULTIPLIER mod 10^8` visits every suffix once. */
const MULTIPLIER = 7_654_321;

/**
 * The `index`-th mobile number of this seed: distinct indexes give distinct numbers (a
 * prefix per index modulo the prefixes, and a bijection of the rest onto 8-digit suffixes),
 * so a quarter of a million customers get unique numbers without a lookup table.
 */
export function mobileNumber(index: number, seed: number): string {
  const prefix = MOBILE_PREFIXES[index % MOBILE_PREFIXES.length]!;
  const rank = Math.floor(index / MOBILE_PREFIXES.length);
  // Exact in doubles: rank × MULTIPLIER stays far below 2^53 for any realistic count.
  const suffix = (((rank * MULTIPLIER) % SUFFIXES) + (Math.abs(seed) % SUFFIXES)) % SUFFIXES;
  return prefix + String(suffix).padStart(8, '0');
}
