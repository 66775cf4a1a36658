import { describe, expect, it } from 'vitest';
import { highlight } from './highlight.js';

const text = (segments: Array<{ text: string }>) => segments.map((segment) => segment.text).join('');

describe('highlight', () => {
  it('marks matches where the search finds them, showing the text as written', () => {
    expect(highlight('客户的ＵＳＩＭ卡损坏', 'usim卡', { maxLength: 100 })).toEqual([
      { text: '客户的', match: false },
      { text: 'ＵＳＩＭ卡', match: true },
      { text: '损坏', match: false },
    ]);
    expect(highlight('宽\u200b带又断了', '宽带', { maxLength: 100 })).toEqual([
      { text: '宽\u200b带', match: true },
      { text: '又断了', match: false },
    ]);
  });

  it('marks every occurrence of every word, merging overlaps', () => {
    expect(highlight('宽带断网，宽带', '宽带 断网', { maxLength: 100 })).toEqual([
      { text: '宽带断网', match: true },
      { text: '，', match: false },
      { text: '宽带', match: true },
    ]);
    expect(highlight('网络故障，上网', ['宽带 故障', '网络 故障', '上网 故障'], { maxLength: 100 })).toEqual([
      { text: '网络故障', match: true },
      { text: '，', match: false },
      { text: '上网', match: true },
    ]);
  });

  it('cuts a long text to an excerpt centred on the first match', () => {
    const long = `${'前文'.repeat(50)}客户反映宽带断网${'后文'.repeat(50)}`;
    const excerpt = highlight(long, '宽带', { maxLength: 20 });
    expect(excerpt[0]!.text.startsWith('…')).toBe(true);
    expect(excerpt[excerpt.length - 1]!.text.endsWith('…')).toBe(true);
    expect(Array.from(text(excerpt).replaceAll('…', ''))).toHaveLength(20);
    const matchAt = text(excerpt).indexOf('宽带');
    expect(excerpt.find((segment) => segment.match)).toEqual({ text: '宽带', match: true });
    expect(Math.abs(matchAt - (text(excerpt).length - matchAt - 2))).toBeLessThanOrEqual(3);
  });

  it('shows the beginning when nothing matches, and collapses white space', () => {
    expect(highlight('第一行\n\n  第二行', '投诉', { maxLength: 100 })).toEqual([{ text: '第一行 第二行', match: false }]);
    expect(highlight('一二三四五六七八九十', '', { maxLength: 4 })).toEqual([{ text: '一二三四…', match: false }]);
    expect(highlight('', '宽带', { maxLength: 10 })).toEqual([]);
  });

  it('starts the excerpt at a match longer than the excerpt', () => {
    expect(highlight('前面的话客户反映宽带断网后面的话', '客户反映宽带断网', { maxLength: 4 })).toEqual([
      { text: '…', match: false },
      { text: '客户反映', match: true },
      { text: '…', match: false },
    ]);
  });

  it('never splits a character outside the Basic Multilingual Plane', () => {
    const excerpt = highlight(`${'𠮷'.repeat(30)}野家${'𠮷'.repeat(30)}`, '野家', { maxLength: 6 });
    expect(text(excerpt)).toBe('…𠮷𠮷野家𠮷𠮷…');
  });
});
