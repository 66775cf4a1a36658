import { describe, expect, it } from 'vitest';
import { escapeHtml, formatFileSize, mentionedUsers, textToHtml } from './composer';

describe('textToHtml', () => {
  it('escapes markup so typed text is shown, never run', () => {
    expect(textToHtml('<script>alert("x")</script> & \'q\'')).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p>');
    expect(escapeHtml('a<b>c')).toBe('a&lt;b&gt;c');
  });

  it('makes paragraphs at blank lines and <br> at single breaks', () => {
    expect(textToHtml('您好，\n已为您登记。\n\n请保持电话畅通。')).toBe('<p>您好，<br>已为您登记。</p><p>请保持电话畅通。</p>');
    expect(textToHtml('one\r\ntwo\r\n\r\n\r\nthree')).toBe('<p>one<br>two</p><p>three</p>');
  });

  it('gives nothing for blank text', () => {
    expect(textToHtml('   \n\n  ')).toBe('');
  });
});

describe('mentionedUsers', () => {
  const users = [
    { id: 1, username: 'zhangsan' },
    { id: 2, username: 'li.si' },
    { id: 3, username: 'wang_wu' },
  ];

  it('finds each mentioned user once, in order', () => {
    expect(mentionedUsers('@li.si 请协助，抄送@zhangsan。@li.si', users).map((user) => user.id)).toEqual([2, 1]);
  });

  it('ignores e-mail addresses, unknown names and a trailing full stop', () => {
    expect(mentionedUsers('mail zhangsan@example.com', users)).toEqual([]);
    expect(mentionedUsers('@nobody @wang_wu.', users).map((user) => user.id)).toEqual([3]);
    expect(mentionedUsers('@ZhangSan', users).map((user) => user.id)).toEqual([1]);
  });
});

describe('formatFileSize', () => {
  it('picks a unit and keeps one decimal only for small values', () => {
    expect(formatFileSize(0)).toBe('0 B');
    expect(formatFileSize(1023)).toBe('1023 B');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(20 * 1024 * 1024)).toBe('20 MB');
  });
});
