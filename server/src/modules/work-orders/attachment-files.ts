import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where attachment bytes live: in the database (one file to back up) or in a directory. */
export interface AttachmentStorageConfig {
  storage: 'db' | 'disk';
  /** For `disk`. */
  directory: string;
  maxBytes: number;
}

interface FileKind {
  contentType: string;
  /** Opens in the browser: only raster images, and only when the bytes agree. */
  inline: boolean;
  /** The first bytes a genuine file of this kind starts with. */
  magic?: readonly number[][];
}

/**
 * Accepted extensions. The served content type comes from this table, never from the
 * uploader; SVG and HTML are accepted (customers send them) but are always downloads —
 * both can carry script.
 */
const KINDS: Record<string, FileKind> = {
  png: { contentType: 'image/png', inline: true, magic: [[0x89, 0x50, 0x4e, 0x47]] },
  jpg: { contentType: 'image/jpeg', inline: true, magic: [[0xff, 0xd8, 0xff]] },
  jpeg: { contentType: 'image/jpeg', inline: true, magic: [[0xff, 0xd8, 0xff]] },
  gif: { contentType: 'image/gif', inline: true, magic: [[0x47, 0x49, 0x46, 0x38]] },
  webp: { contentType: 'image/webp', inline: true, magic: [[0x52, 0x49, 0x46, 0x46]] },
  // PDFs can carry script and Chromium's viewer will not open one under a sandbox CSP: a download.
  pdf: { contentType: 'application/pdf', inline: false },
  bmp: { contentType: 'image/bmp', inline: false },
  svg: { contentType: 'image/svg+xml', inline: false },
  html: { contentType: 'text/html', inline: false },
  htm: { contentType: 'text/html', inline: false },
  txt: { contentType: 'text/plain', inline: false },
  csv: { contentType: 'text/csv', inline: false },
  log: { contentType: 'text/plain', inline: false },
  json: { contentType: 'application/json', inline: false },
  xml: { contentType: 'application/xml', inline: false },
  eml: { contentType: 'message/rfc822', inline: false },
  doc: { contentType: 'application/msword', inline: false },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', inline: false },
  xls: { contentType: 'application/vnd.ms-excel', inline: false },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', inline: false },
  ppt: { contentType: 'application/vnd.ms-powerpoint', inline: false },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', inline: false },
  wps: { contentType: 'application/vnd.ms-works', inline: false },
  zip: { contentType: 'application/zip', inline: false },
  rar: { contentType: 'application/vnd.rar', inline: false },
  '7z': { contentType: 'application/x-7z-compressed', inline: false },
  mp3: { contentType: 'audio/mpeg', inline: false },
  wav: { contentType: 'audio/wav', inline: false },
  amr: { contentType: 'audio/amr', inline: false },
  m4a: { contentType: 'audio/mp4', inline: false },
  mp4: { contentType: 'video/mp4', inline: false },
};

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export function fileKindOf(fileName: string): FileKind | undefined {
  return KINDS[extensionOf(fileName)];
}

/** Inline only when the extension allows it and the bytes are what the extension claims. */
export function servesInline(fileName: string, head: Uint8Array): boolean {
  const kind = fileKindOf(fileName);
  if (!kind?.inline) return false;
  return (kind.magic ?? []).some((signature) => signature.every((byte, index) => head[index] === byte));
}

/** ≥128 bits of randomness (here 144, 24 base64url characters), so download URLs cannot be guessed. */
export function newDownloadToken(): string {
  return randomBytes(18).toString('base64url');
}

/** A file name safe in a Content-Disposition header and on every OS. */
export function cleanFileName(fileName: string): string {
  const base = [...fileName.replace(/^.*[\\/]/, '')].filter((char) => char.charCodeAt(0) >= 0x20 && char !== '\u007f' && char !== '"').join('').trim();
  return base.slice(-200) || 'attachment';
}

export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function createAttachmentStore(config: AttachmentStorageConfig) {
  const pathOf = (key: string) => join(config.directory, key.slice(0, 2), key);
  return {
    config,
    /** Stores the bytes; returns what the row keeps (`storage_key` for disk, `content` for db). */
    async put(bytes: Buffer): Promise<{ storage: 'db' | 'disk'; storage_key: string | null; content: Buffer | null }> {
      if (config.storage === 'db') return { storage: 'db', storage_key: null, content: bytes };
      const key = randomBytes(16).toString('hex');
      await mkdir(join(config.directory, key.slice(0, 2)), { recursive: true });
      await writeFile(pathOf(key), bytes, { flag: 'wx' });
      return { storage: 'disk', storage_key: key, content: null };
    },
    async get(row: { storage: string; storage_key: string | null; content: Buffer | Uint8Array | null }): Promise<Buffer> {
      if (row.storage === 'db') return Buffer.from(row.content ?? new Uint8Array());
      return readFile(pathOf(row.storage_key!));
    },
    async remove(row: { storage: string; storage_key: string | null }): Promise<void> {
      if (row.storage === 'disk' && row.storage_key) await rm(pathOf(row.storage_key), { force: true });
    },
  };
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
