import { describe, expect, it } from 'vitest';
import { expandQuery } from './synonyms.js';

const BROADBAND = ['宽带', '网络', '上网'];

describe('expandQuery', () => {
  it('offers the query with each synonym in place of a term, the query itself first', () => {
    expect(expandQuery('宽带故障', [BROADBAND])).toEqual(['宽带故障', '网络故障', '上网故障']);
    expect(expandQuery('上网 慢', [BROADBAND])).toEqual(['上网 慢', '宽带 慢', '网络 慢']);
  });

  it('normalises the query and the groups alike', () => {
    expect(expandQuery('ＷＩＦＩ  信号', [['WiFi', '无线网']])).toEqual(['wifi 信号', '无线网 信号']);
  });

  it('replaces fewer terms first and stops at the limit', () => {
    const all = expandQuery('宽带 补卡', [BROADBAND, ['补卡', '补换卡']]);
    expect(all).toEqual(['宽带 补卡', '网络 补卡', '上网 补卡', '宽带 补换卡', '网络 补换卡', '上网 补换卡']);
    expect(expandQuery('宽带 补卡', [BROADBAND, ['补卡', '补换卡']], { limit: 3 })).toEqual(all.slice(0, 3));
  });

  it('prefers the longest term and merges groups sharing a term', () => {
    expect(expandQuery('宽带故障', [BROADBAND, ['宽带故障', '断网']])).toEqual(['宽带故障', '断网']);
    expect(expandQuery('宽带', [['宽带', '网络'], ['宽带', '光纤']])).toEqual(['宽带', '网络', '光纤']);
  });

  it('does not replace a Latin term inside a longer Latin word', () => {
    expect(expandQuery('internet 断了', [['net', '网']])).toEqual(['internet 断了']);
    expect(expandQuery('net断了', [['net', '网']])).toEqual(['net断了', '网断了']);
  });

  it('returns the query alone without synonyms, and nothing for an empty query', () => {
    expect(expandQuery('话费', [])).toEqual(['话费']);
    expect(expandQuery('  ', [BROADBAND])).toEqual([]);
  });
});
