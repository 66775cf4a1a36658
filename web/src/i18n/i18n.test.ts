import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import sharedZhCN from '@kefu/contracts/locales/zh-CN.json';
import sharedEnUS from '@kefu/contracts/locales/en-US.json';
import webZhCN from './zh-CN.json';
import webEnUS from './en-US.json';

/** Nested messages as `a.b.c → value`, the way i18next resolves keys. */
function flatten(messages: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (messages !== null && typeof messages === 'object' && !Array.isArray(messages)) {
    for (const [key, value] of Object.entries(messages)) flatten(value, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, messages);
  }
  return into;
}

function placeholders(message: unknown): string[] {
  return typeof message === 'string' ? [...message.matchAll(/\{\{\s*([\w.]+)\s*\}\}|\$\{(\w+)\}/g)].map((m) => m[1] ?? m[2] ?? '').sort() : [];
}

const catalogues = [
  { name: 'web', zhCN: flatten(webZhCN), enUS: flatten(webEnUS) },
  { name: 'contracts', zhCN: flatten(sharedZhCN), enUS: flatten(sharedEnUS) },
];

describe.each(catalogues)('$name locale files', ({ zhCN, enUS }) => {
  it('have exactly the same keys in zh-CN and en-US', () => {
    const onlyChinese = [...zhCN.keys()].filter((key) => !enUS.has(key));
    const onlyEnglish = [...enUS.keys()].filter((key) => !zhCN.has(key));
    expect({ onlyChinese, onlyEnglish }).toEqual({ onlyChinese: [], onlyEnglish: [] });
  });

  it('have no empty or non-text values', () => {
    const bad = [...zhCN, ...enUS].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...zhCN.keys()].filter((key) => placeholders(zhCN.get(key)).join() !== placeholders(enUS.get(key)).join());
    expect(mismatched).toEqual([]);
  });
});

describe('keys used in the web sources', () => {
  const sourceRoot = fileURLToPath(new URL('..', import.meta.url));
  const sources = readdirSync(sourceRoot, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.(test|d)\.ts$/.test(file))
    .map((file) => ({ file, text: readFileSync(join(sourceRoot, file), 'utf8') }));
  const web = flatten(webZhCN);
  const shared = flatten(sharedZhCN);

  it('all exist (literal keys in t() calls)', () => {
    const missing: string[] = [];
    for (const { file, text } of sources) {
      for (const match of text.matchAll(/(?<![\w.])t\(\s*'([^']+)'/g)) {
        const key = match[1] ?? '';
        const found = key.startsWith('shared:') ? shared.has(key.slice('shared:'.length)) : web.has(key);
        if (!found) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
