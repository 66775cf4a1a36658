import { describe, expect, it } from 'vitest';
import { decodeEntities, highlightPlainText, parseHighlight } from './highlight';

describe('search highlight excerpts', () => {
  it('splits marked and plain text', () => {
    expect(parseHighlight('家里<mark>宽带</mark>断线，<mark>宽带</mark>灯不亮')).toEqual([
      { text: '家里', marked: false },
      { text: '宽带', marked: true },
      { text: '断线，', marked: false },
      { text: '宽带', marked: true },
      { text: '灯不亮', marked: false },
    ]);
  });

  it('decodes escaped text back to what the customer wrote', () => {
    expect(parseHighlight('a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#x27; <mark>5&lt;6</mark>')).toEqual([
      { text: 'a <b> & "c" \'d\' ', marked: false },
      { text: '5<6', marked: true },
    ]);
  });

  it('never turns anything but <mark> into markup: other tags stay text', () => {
    const segments = parseHighlight('<img src=x onerror=alert(1)><mark><script>alert(1)</script></mark>');
    expect(segments).toEqual([
      { text: '<img src=x onerror=alert(1)>', marked: false },
      { text: '<script>alert(1)</script>', marked: true },
    ]);
    // Escaped tags decode to text, which React renders as text, not elements.
    expect(parseHighlight('&lt;mark&gt;x&lt;/mark&gt;')).toEqual([{ text: '<mark>x</mark>', marked: false }]);
  });

  it('tolerates unbalanced or upper-case marks and empty input', () => {
    expect(parseHighlight('<MARK>a</MARK>b')).toEqual([
      { text: 'a', marked: true },
      { text: 'b', marked: false },
    ]);
    expect(parseHighlight('<mark>a')).toEqual([{ text: 'a', marked: true }]);
    expect(parseHighlight('a</mark>b')).toEqual([{ text: 'ab', marked: false }]);
    expect(parseHighlight('')).toEqual([]);
  });

  it('keeps unknown or invalid entities as written', () => {
    expect(decodeEntities('&copy; &#0; &#x110000; &foo')).toBe('&copy; &#0; &#x110000; &foo');
    expect(decodeEntities('&#20013;&#x6587;')).toBe('中文');
  });

  it('gives back the plain text, to compare with the title', () => {
    expect(highlightPlainText('<mark>宽带</mark>断线 &amp; 报修')).toBe('宽带断线 & 报修');
  });
});
