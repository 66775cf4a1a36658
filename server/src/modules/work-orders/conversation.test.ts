import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, Category, Customer, Message, Notification, TimelineEntry, WorkOrder } from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';
import type { AttachmentStorageConfig } from './attachment-files.js';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script><circle r="4"/></svg>');
const HTML = Buffer.from('<!doctype html><html><body><script>fetch("/api/auth/me")</script>客户发来的网页</body></html>');
const SANDBOX_CSP = /(^|;)\s*sandbox\s*(;|$)/;
const TOKEN_URL = /^\/api\/work-orders\/attachments\/([A-Za-z0-9_-]+)$/;

/** Everything a work-order conversation test needs: a category, two teams and their agents. */
async function setUp(h: Harness) {
  const team = await h.createDepartment('装维一班');
  const otherTeam = await h.createDepartment('话费二班');
  const category = (await h.admin.post('/api/work-orders/categories', { name: '宽带故障' })).json<Category>();
  const ownerUser = await h.createUser({ roles: ['agent'], departmentId: team });
  const colleagueUser = await h.createUser({ roles: ['agent'], departmentId: team });
  const outsiderUser = await h.createUser({ roles: ['agent'], departmentId: otherTeam });
  return {
    team,
    category,
    ownerUser,
    colleagueUser,
    owner: await h.login(ownerUser.username, ownerUser.password),
    colleague: await h.login(colleagueUser.username, colleagueUser.password),
    outsider: await h.login(outsiderUser.username, outsiderUser.password),
  };
}

async function createOrder(client: Client, categoryId: number, extra: Record<string, unknown> = {}): Promise<WorkOrder> {
  const response = await client.post('/api/work-orders', {
    customer: { mode: 'anonymous' },
    channel: 'phone',
    type: 'fault',
    categoryId,
    title: '宽带断线报修',
    description: '客户反映宽带从昨天开始一直断线。',
    reason: '线路故障',
    requestedHandling: '尽快上门维修',
    resolution: { mode: 'order' },
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<WorkOrder>();
}

async function post(client: Client, orderId: number, body: Record<string, unknown>): Promise<Message> {
  const response = await client.post(`/api/work-orders/${orderId}/messages`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Message>();
}

/** Link attributes in a fixed order (href, rel, target), so the expected HTML can be written out. */
function withSortedLinkAttributes(html: string): string {
  return html.replace(/<a\s([^>]*)>/g, (_tag, attributes: string) => `<a ${(attributes.match(/\w+="[^"]*"/g) ?? []).sort().join(' ')}>`);
}

function upload(client: Client, orderId: number, fileName: string, bytes: Buffer, contentType = 'application/octet-stream') {
  return client.post(`/api/work-orders/${orderId}/attachments?fileName=${encodeURIComponent(fileName)}`, bytes, { 'content-type': contentType });
}

async function uploaded(client: Client, orderId: number, fileName: string, bytes: Buffer, contentType?: string): Promise<Attachment> {
  const response = await upload(client, orderId, fileName, bytes, contentType);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Attachment>();
}

describe('work-order conversation: replies, notes, mentions (WO-6)', () => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    h = await createHarness();
    s = await setUp(h);
  });
  afterAll(() => h.close());

  it('keeps public replies and internal notes, oldest first, with their author and kind', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const reply = await post(s.owner, order.id, { kind: 'reply', body: '<p>您好，已为您安排师傅上门。</p>' });
    h.clock.advance(60_000);
    const note = await post(s.colleague, order.id, { kind: 'note', body: '<p>内部：该小区光交箱上周刚检修过。</p>' });
    expect(reply).toMatchObject({ kind: 'reply', bodyHtml: '<p>您好，已为您安排师傅上门。</p>', author: { id: s.owner.info!.user.id }, mentions: [], attachments: [] });
    expect(note).toMatchObject({ kind: 'note', author: { id: s.colleague.info!.user.id } });

    const listed = await s.colleague.get(`/api/work-orders/${order.id}/messages`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<Message[]>()).toEqual([reply, note]);
    expect(note.createdAt).toBeGreaterThan(reply.createdAt);

    const events = (await s.owner.get(`/api/work-orders/${order.id}/events`)).json<Array<{ kind: string; data: Record<string, unknown> }>>();
    expect(events.filter((event) => ['replied', 'noted'].includes(event.kind))).toEqual([
      expect.objectContaining({ kind: 'replied', data: expect.objectContaining({ messageId: reply.id }) }),
      expect.objectContaining({ kind: 'noted', data: expect.objectContaining({ messageId: note.id }) }),
    ]);
  });

  it('sanitises rich text on the server: the stored body is the safe one, and GET returns exactly it', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const dirty = [
      '<p onclick="steal()">您好，<strong>故障已排除</strong>，<em>请重启光猫</em>。</p>',
      '<script>fetch("/api/auth/me")</script>',
      '<style>body{display:none}</style>',
      '<iframe src="https://evil.example/"></iframe>',
      '<ul><li onmouseover="x()">第一步</li><li>第二步</li></ul>',
      '<a href="https://kefu.example/kb/12" onclick="x()" target="_self" rel="opener">知识库文章</a>',
      '<a href="javascript:alert(1)">点我</a>',
      '<a href="JaVaScRiPt&colon;alert(1)">再点我</a>',
      '<p style="position:fixed;top:0">红字</p>',
      '<img src="x" onerror="alert(1)">',
    ].join('');
    const message = await post(s.owner, order.id, { kind: 'reply', body: dirty });
    // Links open in a new tab without access to the opener, whatever the author wrote.
    const link = 'rel="noopener noreferrer nofollow" target="_blank"';
    expect(withSortedLinkAttributes(message.bodyHtml)).toBe(
      '<p>您好，<strong>故障已排除</strong>，<em>请重启光猫</em>。</p>' +
        '<ul><li>第一步</li><li>第二步</li></ul>' +
        `<a href="https://kefu.example/kb/12" ${link}>知识库文章</a>` +
        `<a ${link}>点我</a><a ${link}>再点我</a>` +
        '<p>红字</p>',
    );
    for (const forbidden of [/<script/i, /<style/i, /<iframe/i, /<img/i, /\son\w+=/i, /javascript/i, /style=/i, /fetch\(/]) {
      expect(message.bodyHtml).not.toMatch(forbidden);
    }
    const stored = await h.testDb.db.kysely.selectFrom('work_order_message').select(['body_html', 'body_text']).where('id', '=', message.id).executeTakeFirstOrThrow();
    expect(stored.body_html).toBe(message.bodyHtml);
    expect(stored.body_text).not.toMatch(/fetch|display:none/);
    const listed = (await s.owner.get(`/api/work-orders/${order.id}/messages`)).json<Message[]>();
    expect(listed.find((candidate) => candidate.id === message.id)!.bodyHtml).toBe(message.bodyHtml);

    // Nothing but script is nothing at all: refused, and nothing stored.
    const empty = await s.owner.post(`/api/work-orders/${order.id}/messages`, { kind: 'reply', body: '<script>alert(1)</script><p> </p>' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('validation_failed');
    expect((await s.owner.get(`/api/work-orders/${order.id}/messages`)).json<Message[]>()).toHaveLength(1);
  });

  it('notifies the users mentioned by @username and lists them on the message; unknown names are ignored', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const colleagueId = s.colleague.info!.user.id;
    const ownerId = s.owner.info!.user.id;
    const before = (await s.colleague.get('/api/notifications')).json<{ items: Notification[]; unread: number }>();

    const message = await post(s.owner, order.id, {
      kind: 'note',
      body: `<p>请@${s.colleagueUser.username}协助核实，@nobody_here 与 @${s.ownerUser.username} 不必通知。</p>`,
    });
    expect([...message.mentions].sort((a, b) => a.id - b.id)).toEqual(
      [
        { id: colleagueId, name: expect.any(String) },
        { id: ownerId, name: expect.any(String) },
      ].sort((a, b) => a.id - b.id),
    );

    const after = (await s.colleague.get('/api/notifications')).json<{ items: Notification[]; unread: number }>();
    expect(after.unread).toBe(before.unread + 1);
    expect(after.items[0]).toMatchObject({
      kind: 'work_order.mentioned',
      workOrder: { id: order.id, number: order.number, title: order.title },
      actor: { id: ownerId },
      data: { messageId: message.id },
      readAt: null,
    });
    // Nobody is told about their own doing.
    const ownerNotes = (await s.owner.get('/api/notifications')).json<{ items: Notification[] }>().items;
    expect(ownerNotes.filter((note) => note.workOrder?.id === order.id)).toEqual([]);

    // The owner hears of a colleague's reply once — as a mention when mentioned, not twice.
    // A mention at the end of an English sentence still counts.
    await post(s.colleague, order.id, { kind: 'reply', body: `<p>已处理，请 @${s.ownerUser.username}.</p>` });
    await post(s.colleague, order.id, { kind: 'reply', body: '<p>客户已确认恢复。</p>' });
    const forOwner = (await s.owner.get('/api/notifications')).json<{ items: Notification[] }>().items.filter((note) => note.workOrder?.id === order.id);
    expect(forOwner.map((note) => note.kind)).toEqual(['work_order.replied', 'work_order.mentioned']);
  });

  it('does not mention (or notify) someone who could not open the order: the notice would leak its number and title', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const outsider = s.outsider.info!.user.username;
    const message = await post(s.owner, order.id, { kind: 'note', body: `<p>请 @${outsider} 看一下</p>` });
    expect(message.mentions).toEqual([]);
    const notices = (await s.outsider.get('/api/notifications')).json<{ items: Array<{ workOrder: { id: number } | null }> }>().items;
    expect(notices.filter((notice) => notice.workOrder?.id === order.id)).toEqual([]);
  });

  it("puts a public reply on the customer's 360° timeline, but never an internal note", async () => {
    const customer = (await h.admin.post('/api/customers', { name: '时间线客户', type: 'personal' })).json<Customer>();
    const order = await createOrder(s.owner, s.category.id, { customer: { mode: 'existing', customerId: customer.id } });
    await post(s.owner, order.id, { kind: 'reply', body: '<p>师傅明天上午九点上门。</p>' });
    await post(s.owner, order.id, { kind: 'note', body: '<p>内部备注：客户脾气急，注意语气。</p>' });

    const timeline = await h.admin.get(`/api/customers/${customer.id}/timeline`);
    expect(timeline.statusCode).toBe(200);
    const fromOrder = timeline.json<TimelineEntry[]>().filter((entry) => entry.sourceType === 'work_order' && entry.sourceId === String(order.id));
    const replies = fromOrder.filter((entry) => entry.kind === 'work_order.replied');
    expect(replies).toEqual([expect.objectContaining({ data: expect.objectContaining({ number: order.number, excerpt: '师傅明天上午九点上门。' }) })]);
    expect(JSON.stringify(fromOrder)).not.toContain('内部备注');
  });

  it('replays a retried reply with the same Idempotency-Key instead of posting it twice', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const body = { kind: 'reply', body: '<p>只应出现一次</p>' };
    const first = await s.owner.post(`/api/work-orders/${order.id}/messages`, body, { 'idempotency-key': 'reply-once-1' });
    const retry = await s.owner.post(`/api/work-orders/${order.id}/messages`, body, { 'idempotency-key': 'reply-once-1' });
    expect(first.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect((await s.owner.get(`/api/work-orders/${order.id}/messages`)).json<Message[]>()).toHaveLength(1);
  });

  it('hides the conversation from an agent outside the order’s scope (404, not 403)', async () => {
    const order = await createOrder(s.owner, s.category.id);
    await post(s.owner, order.id, { kind: 'reply', body: '<p>处理中</p>' });
    expect((await s.outsider.get(`/api/work-orders/${order.id}/messages`)).statusCode).toBe(404);
    const reply = await s.outsider.post(`/api/work-orders/${order.id}/messages`, { kind: 'reply', body: '<p>越权回复</p>' });
    expect(reply.statusCode).toBe(404);
    expect((await s.owner.get(`/api/work-orders/${order.id}/messages`)).json<Message[]>()).toHaveLength(1);
  });
});

describe('work-order attachments', () => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    h = await createHarness();
    s = await setUp(h);
  });
  afterAll(() => h.close());

  it('uploads raw bytes, lists them, attaches them to a message and serves a real PNG inline', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const png = await uploaded(s.owner, order.id, '光猫指示灯.png', PNG, 'image/png');
    expect(png).toMatchObject({
      fileName: '光猫指示灯.png',
      contentType: 'image/png',
      size: PNG.length,
      inline: true,
      messageId: null,
      uploadedBy: { id: s.owner.info!.user.id },
    });
    expect(png.url).toMatch(TOKEN_URL);

    const message = await post(s.owner, order.id, { kind: 'reply', body: '<p>见截图</p>', attachmentIds: [png.id] });
    expect(message.attachments).toEqual([{ ...png, messageId: message.id }]);
    const listed = await s.colleague.get(`/api/work-orders/${order.id}/attachments`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<Attachment[]>()).toEqual([{ ...png, messageId: message.id }]);
    expect((await s.owner.get(`/api/work-orders/${order.id}/messages`)).json<Message[]>()[0]!.attachments).toEqual([{ ...png, messageId: message.id }]);

    const download = await s.colleague.get(png.url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(String(download.headers['content-disposition'])).toMatch(/^inline;/);
    expect(String(download.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('光猫指示灯.png')}`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(String(download.headers['content-security-policy'])).toMatch(SANDBOX_CSP);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    // The upload was recorded on the order's history.
    const events = (await s.owner.get(`/api/work-orders/${order.id}/events`)).json<Array<{ kind: string; data: Record<string, unknown> }>>();
    expect(events).toContainEqual(expect.objectContaining({ kind: 'attachment_added', data: expect.objectContaining({ attachmentId: png.id }) }));
  });

  it('serves SVG, HTML and a .png that is really HTML only as opaque downloads that cannot run script', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const files = [
      { name: 'diagram.svg', bytes: SVG, type: 'image/svg+xml', storedType: 'image/svg+xml' },
      { name: '客户网页.html', bytes: HTML, type: 'text/html', storedType: 'text/html' },
      // The uploader's content type is never believed, nor is the extension when the bytes disagree.
      { name: 'screenshot.png', bytes: HTML, type: 'image/png', storedType: 'image/png' },
    ];
    for (const file of files) {
      const attachment = await uploaded(s.owner, order.id, file.name, file.bytes, file.type);
      expect({ name: file.name, inline: attachment.inline, contentType: attachment.contentType }).toEqual({ name: file.name, inline: false, contentType: file.storedType });
      const download = await s.owner.get(attachment.url);
      expect(download.statusCode).toBe(200);
      expect({ name: file.name, type: download.headers['content-type'] }).toEqual({ name: file.name, type: 'application/octet-stream' });
      expect(String(download.headers['content-disposition'])).toMatch(/^attachment;/);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(String(download.headers['content-security-policy'])).toMatch(SANDBOX_CSP);
      expect(String(download.headers['content-security-policy'])).toMatch(/default-src 'none'/);
      expect(download.rawPayload.equals(file.bytes)).toBe(true);
    }
  });

  it('refuses a disallowed type with 415, an empty file with 422, and stores neither', async () => {
    const order = await createOrder(s.owner, s.category.id);
    for (const name of ['setup.exe', 'run.bat', 'no-extension', 'page.php']) {
      const response = await upload(s.owner, order.id, name, Buffer.from('MZ\x90\x00'));
      expect({ name, status: response.statusCode, code: response.json().error.code }).toEqual({ name, status: 415, code: 'work_order.attachment_type' });
    }
    expect((await upload(s.owner, order.id, 'setup.exe', Buffer.from('MZ'))).json().error.message).toContain('exe');
    const empty = await upload(s.owner, order.id, 'empty.txt', Buffer.alloc(0), 'text/plain');
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.code).toBe('work_order.attachment_empty');
    expect((await s.owner.get(`/api/work-orders/${order.id}/attachments`)).json()).toEqual([]);
  });

  it('gives every file an unguessable download token of at least 128 bits', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const tokens: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      const attachment = await uploaded(s.owner, order.id, `log-${index}.txt`, Buffer.from(`第${index}份日志`), 'text/plain');
      tokens.push(TOKEN_URL.exec(attachment.url)![1]!);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      // base64url: 6 bits a character, so 22 characters carry 132 bits.
      expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    }
    // Not sequential: tokens share no long common prefix.
    const sorted = [...tokens].sort();
    for (let index = 1; index < sorted.length; index += 1) {
      let common = 0;
      while (sorted[index]![common] === sorted[index - 1]![common]) common += 1;
      expect(common).toBeLessThan(8);
    }
    // A token one character off is nobody's file.
    const [token] = tokens;
    const guessed = token!.slice(0, -1) + (token!.endsWith('A') ? 'B' : 'A');
    expect((await s.owner.get(`/api/work-orders/attachments/${guessed}`)).statusCode).toBe(404);
    expect((await s.owner.get('/api/work-orders/attachments/short')).statusCode).toBeGreaterThanOrEqual(400);
    // A token without a session is not enough.
    expect((await h.anonymous().get(`/api/work-orders/attachments/${token}`)).statusCode).toBe(401);
  });

  it('answers 404 to an agent outside the order’s scope for the download, the list and an upload', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const attachment = await uploaded(s.owner, order.id, 'bill.pdf', Buffer.from('%PDF-1.4 话费账单'), 'application/pdf');
    // PDFs are downloads: they can carry script, and a sandboxed viewer will not open them.
    expect(attachment.inline).toBe(false);
    const download = await s.outsider.get(attachment.url);
    expect(download.statusCode).toBe(404);
    expect(download.body).not.toContain('话费账单');
    expect((await s.outsider.get(`/api/work-orders/${order.id}/attachments`)).statusCode).toBe(404);
    expect((await upload(s.outsider, order.id, 'x.png', PNG, 'image/png')).statusCode).toBe(404);
    expect((await s.owner.get(`/api/work-orders/${order.id}/attachments`)).json<Attachment[]>()).toHaveLength(1);
    // Within scope: the same URL works for a teammate.
    expect((await s.colleague.get(attachment.url)).statusCode).toBe(200);
  });

  it("refuses to attach another order's file, or one already attached, with 422 work_order.attachment_unknown", async () => {
    const order = await createOrder(s.owner, s.category.id);
    const other = await createOrder(s.owner, s.category.id);
    const foreign = await uploaded(s.owner, other.id, 'other.png', PNG, 'image/png');
    const own = await uploaded(s.owner, order.id, 'own.png', PNG, 'image/png');

    const stolen = await s.owner.post(`/api/work-orders/${order.id}/messages`, { kind: 'reply', body: '<p>附件</p>', attachmentIds: [own.id, foreign.id] });
    expect(stolen.statusCode).toBe(422);
    expect(stolen.json().error.code).toBe('work_order.attachment_unknown');
    // The whole message was refused: nothing posted, and the own file is still free.
    expect((await s.owner.get(`/api/work-orders/${order.id}/messages`)).json()).toEqual([]);
    expect((await s.owner.get(`/api/work-orders/${other.id}/attachments`)).json<Attachment[]>()[0]!.messageId).toBeNull();

    const unknown = await s.owner.post(`/api/work-orders/${order.id}/messages`, { kind: 'reply', body: '<p>附件</p>', attachmentIds: [999_999] });
    expect(unknown.json().error.code).toBe('work_order.attachment_unknown');

    const first = await post(s.owner, order.id, { kind: 'reply', body: '<p>附件</p>', attachmentIds: [own.id] });
    expect(first.attachments.map((attachment) => attachment.id)).toEqual([own.id]);
    const again = await s.owner.post(`/api/work-orders/${order.id}/messages`, { kind: 'note', body: '<p>再附一次</p>', attachmentIds: [own.id] });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('work_order.attachment_unknown');
  });
});

const MAX_BYTES = 4096;

describe.each(['db', 'disk'] as const)('attachment storage in %s', (storage) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof setUp>>;
  let directory: string;
  const filesOnDisk = async (): Promise<string[]> => {
    const found: string[] = [];
    for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) if (entry.isFile()) found.push(entry.name);
    return found;
  };
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kefu-attachments-'));
    const attachments: AttachmentStorageConfig = { storage, directory, maxBytes: MAX_BYTES };
    h = await createHarness({ attachments });
    s = await setUp(h);
  });
  afterAll(async () => {
    await h.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('stores and serves the bytes unchanged, where configured', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const bytes = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES - PNG.length, 7)]);
    const attachment = await uploaded(s.owner, order.id, 'exactly-max.png', bytes, 'image/png');
    expect(attachment.size).toBe(MAX_BYTES);
    const download = await s.colleague.get(attachment.url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(bytes)).toBe(true);

    const row = await h.testDb.db.kysely.selectFrom('work_order_attachment').select(['storage', 'storage_key', 'content', 'sha256']).where('id', '=', attachment.id).executeTakeFirstOrThrow();
    expect(row.storage).toBe(storage);
    if (storage === 'disk') {
      expect(row.content).toBeNull();
      expect(await filesOnDisk()).toContain(row.storage_key);
    } else {
      expect(Buffer.from(row.content!).equals(bytes)).toBe(true);
      expect(await filesOnDisk()).toEqual([]);
    }
  });

  it('refuses a file over the limit with 413, storing nothing', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const onDisk = await filesOnDisk();
    const justOver = await upload(s.owner, order.id, 'big.png', Buffer.concat([PNG, Buffer.alloc(MAX_BYTES + 1 - PNG.length)]), 'image/png');
    expect(justOver.statusCode).toBe(413);
    expect(justOver.json().error.code).toBe('work_order.attachment_too_large');
    const farOver = await upload(s.owner, order.id, 'huge.zip', Buffer.alloc(MAX_BYTES * 10), 'application/zip');
    expect(farOver.statusCode).toBe(413);
    expect(farOver.json().error.code).toMatch(/too_large$/);
    expect((await s.owner.get(`/api/work-orders/${order.id}/attachments`)).json()).toEqual([]);
    expect(await filesOnDisk()).toEqual(onDisk);
  });

  it('purging a binned order removes its files for good', async () => {
    const order = await createOrder(s.owner, s.category.id);
    const kept = await createOrder(s.owner, s.category.id);
    const first = await uploaded(s.owner, order.id, 'a.png', PNG, 'image/png');
    const second = await uploaded(s.owner, order.id, 'b.txt', Buffer.from('日志'), 'text/plain');
    const survivor = await uploaded(s.owner, kept.id, 'c.png', PNG, 'image/png');
    await post(s.owner, order.id, { kind: 'reply', body: '<p>附件见上</p>', attachmentIds: [first.id] });
    const keys = async (orderId: number) =>
      (await h.testDb.db.kysely.selectFrom('work_order_attachment').select('storage_key').where('order_id', '=', orderId).execute()).map((row) => row.storage_key);
    const purgedKeys = await keys(order.id);

    // Purge only empties the recycle bin.
    expect((await h.admin.delete(`/api/work-orders/${order.id}/purge`)).statusCode).toBe(409);
    expect((await h.admin.request('DELETE', `/api/work-orders/${order.id}`, { reason: '重复工单' })).statusCode).toBe(200);
    // In the bin the files are still there (a restore brings them back).
    expect((await h.admin.get(first.url)).statusCode).toBe(200);
    expect((await s.owner.get(first.url)).statusCode).toBe(404);

    expect((await h.admin.delete(`/api/work-orders/${order.id}/purge`)).statusCode).toBe(200);
    for (const attachment of [first, second]) expect((await h.admin.get(attachment.url)).statusCode).toBe(404);
    expect(await keys(order.id)).toEqual([]);
    if (storage === 'disk') {
      const left = await filesOnDisk();
      for (const key of purgedKeys) expect(left).not.toContain(key);
      expect(left).toContain((await keys(kept.id))[0]);
    }
    const download = await s.owner.get(survivor.url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
  });
});
