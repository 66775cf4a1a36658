import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every user-visible string comes from the locale files (house rule 10). This scan is
 * deliberately simple: it finds Chinese anywhere in TSX, letters in JSX text, and literal
 * text in the props that are shown to people.
 */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
// `>` that is not part of `=>` or `->`, then text starting with a letter, up to the next `<`.
const JSX_TEXT = /(?<![=-])>\s*([A-Za-z\u4e00-\u9fff][^<>{}();=&|]*)</g;
const VISIBLE_PROP =
  /\b(title|subTitle|placeholder|aria-label|alt|label|tooltip|okText|cancelText|description|emptyText|message|content|extra|help)(=|\s*:\s*)(["'`])(?=[^"'`]*[A-Za-z\u4e00-\u9fff])/g;

interface Finding {
  line: number;
  text: string;
}

/** Blanks out comments but keeps line breaks, so reported line numbers stay right. */
function withoutComments(source: string): string {
  const blank = (comment: string) => comment.replace(/[^\n]/g, ' ');
  return source.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (whole, before: string) => before + blank(whole.slice(before.length)));
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

export function findLiterals(source: string): Finding[] {
  const code = withoutComments(source);
  const findings: Finding[] = [];
  code.split('\n').forEach((text, index) => {
    if (CJK.test(text)) findings.push({ line: index + 1, text: text.trim() });
  });
  for (const match of code.matchAll(JSX_TEXT)) {
    const text = match[1]?.trim() ?? '';
    if (/[A-Za-z\u4e00-\u9fff]/.test(text)) findings.push({ line: lineOf(code, (match.index ?? 0) + 1), text });
  }
  for (const match of code.matchAll(VISIBLE_PROP)) {
    findings.push({ line: lineOf(code, match.index ?? 0), text: match[0] });
  }
  return findings;
}

describe('the literal scanner', () => {
  it('finds text in JSX, Chinese anywhere and literal visible props', () => {
    expect(findLiterals('<Button>Save</Button>')).toHaveLength(1);
    expect(findLiterals('<Button>\n  Save changes\n</Button>')).toEqual([{ line: 1, text: 'Save changes' }]);
    expect(findLiterals("const x = '保存';").map((f) => f.line)).toEqual([1]);
    expect(findLiterals('<Input placeholder="Search" />')).toHaveLength(1);
    expect(findLiterals("columns = [{ title: 'Name' }]")).toHaveLength(1);
  });

  it('ignores comments, arrows, generics and translated text', () => {
    expect(findLiterals('// 中文注释\n/* Save */\n{/* <b>Save</b> */}')).toEqual([]);
    expect(findLiterals('const f = () => value<number>(1);')).toEqual([]);
    expect(findLiterals('<Button>{t("common.save")}</Button>')).toEqual([]);
    expect(findLiterals('<Tag color="blue" type="primary" />')).toEqual([]);
    expect(findLiterals("const url = 'http://example.test'; // trailing")).toEqual([]);
  });
});

describe('web/src/**/*.tsx', () => {
  const sourceRoot = fileURLToPath(new URL('..', import.meta.url));
  const files = readdirSync(sourceRoot, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.tsx'));

  it('is scanned', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('contains no user-visible literal text', () => {
    const findings = files.flatMap((file) =>
      findLiterals(readFileSync(join(sourceRoot, file), 'utf8')).map(({ line, text }) => `web/src/${file}:${line}  ${text}`),
    );
    expect(findings).toEqual([]);
  });
});
