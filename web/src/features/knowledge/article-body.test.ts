import { describe, expect, it } from 'vitest';
import { bodyToHtml, withImage } from './article-body';

describe('article body in the editor', () => {
  it('turns plain text into escaped paragraphs and keeps HTML as written', () => {
    expect(bodyToHtml('第一段\n\n第二段 <3')).toBe('<p>第一段</p><p>第二段 &lt;3</p>');
    expect(bodyToHtml('<p>已是 <b>HTML</b></p>')).toBe('<p>已是 <b>HTML</b></p>');
  });
  it('appends an uploaded image with its name escaped', () => {
    expect(withImage('说明', '/api/knowledge/images/abc', 'a"b.png')).toBe('<p>说明</p><p><img src="/api/knowledge/images/abc" alt="a&quot;b.png"></p>');
  });
});
