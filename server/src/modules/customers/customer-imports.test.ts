import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';

const HEADER = '姓名,客户类型,客户等级,电话,证件号码,性格类型,标签,备注';

function csv(lines: string[]): string {
  return [HEADER, ...lines].join('\n');
}

describe('customer import and export (CUS-6)', () => {
  let h: Harness;
  let head: Client;
  beforeAll(async () => {
    h = await createHarness();
    head = await h.signInAs('department_head');
  });
  afterAll(() => h.close());

  const upload = (client: Client, body: string | Buffer, fileName = 'customers.csv') =>
    client.request('POST', `/api/customers/imports?fileName=${encodeURIComponent(fileName)}`, body, {
      'content-type': typeof body === 'string' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  const count = async (q: string) => (await h.admin.get(`/api/customers?q=${encodeURIComponent(q)}`)).json().total as number;

  it('reports every bad row with its row number and column, and commits nothing', async () => {
    const file = csv([
      '导入甲,个人,金卡,13800138001,,活泼型,VIP;宽带,老客户',
      '导入乙,外星人,金卡,13800138002,,,,',
      '导入丙,个人,普通,12345,110105194912310021,,,',
      '导入丁,家庭,银卡,+86 139 0013 9000,11010519491231002X,分析型,,',
    ]);
    const uploaded = await upload(head, file);
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const job = uploaded.json();
    expect(job).toMatchObject({ status: 'validated', totalRows: 4, errorCount: 2 });
    expect(job.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'type', message: '不认识的取值“外星人”。' }),
      expect.objectContaining({ row: 4, field: 'idNumber' }),
    ]);
    const commit = await head.post(`/api/customers/imports/${job.id}/commit?wait=1`);
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error.code).toBe('customer_import.has_errors');
    expect(await count('导入甲')).toBe(0);
  });

  it('commits a clean file all at once, with phones normalised and labels mapped', async () => {
    const uploaded = (await upload(head, csv(['批量甲,个人,钻石,138-0013-8011,,和平型,宽带,', '批量乙,集团,普通,010-6552 9988;13800138012,,,,']))).json();
    expect(uploaded).toMatchObject({ errorCount: 0, totalRows: 2 });
    expect(uploaded.preview[0]).toMatchObject({ name: '批量甲', type: 'personal', tier: 'diamond', phones: ['13800138011'] });
    const done = await head.post(`/api/customers/imports/${uploaded.id}/commit?wait=1`);
    expect(done.statusCode).toBe(200);
    expect((await head.get(`/api/customers/imports/${uploaded.id}`)).json()).toMatchObject({ status: 'committed', processed: 2 });
    const found = (await h.admin.get('/api/customers?phone=01065529988')).json();
    expect(found.items.map((c: { name: string }) => c.name)).toEqual(['批量乙']);
    const again = await head.post(`/api/customers/imports/${uploaded.id}/commit`);
    expect(again.statusCode).toBe(409);
    const audit = (await h.admin.get('/api/audit?action=customer.imported')).json();
    expect(audit.items[0].details).toMatchObject({ rows: 2 });
  });

  it('refuses files without a name column or that are not spreadsheets', async () => {
    expect((await upload(head, '电话\n13800138000')).json().error.code).toBe('customer_import.no_header');
    expect((await upload(head, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).json().error.code).toBe('customer_import.unreadable');
  });

  it('keeps another user’s import private and needs customers.import', async () => {
    const job = (await upload(head, csv(['私有导入,个人,普通,,,,,']))).json();
    const otherHead = await h.signInAs('department_head');
    expect((await otherHead.get(`/api/customers/imports/${job.id}`)).statusCode).toBe(404);
    const agent = await h.signInAs('agent');
    expect((await upload(agent, csv(['坐席导入,个人,普通,,,,,']))).statusCode).toBe(403);
  });

  it('masks the preview for an importer without pii.view', async () => {
    const role = (
      await h.admin.post('/api/roles', { code: 'importer_only', name: '导入员', dataScope: 'all', permissions: ['customers.read', 'customers.import'] })
    ).json().id;
    const importer = await h.createUser({ roles: [role] });
    const client = await h.login(importer.username, importer.password);
    const job = (await upload(client, csv(['掩码预览,个人,普通,13800138777,,,,']))).json();
    expect(job.preview[0].phones).toEqual(['138****8777']);
    expect(JSON.stringify(job)).not.toContain('13800138777');
  });

  it('exports the filtered list masked for callers without pii.view, and the export imports back (.xlsx)', async () => {
    await h.admin.post('/api/customers', { name: '导出样本', type: 'personal', tier: 'gold', phones: [{ number: '13800138099', primary: true }], tags: ['导出'] });
    const manager = await h.createUser({ roles: [await exportWithoutPii(h)] });
    const masked = await (await h.login(manager.username, manager.password)).get('/api/customers/export?tag=导出&format=csv');
    expect(masked.statusCode).toBe(200);
    expect(masked.body).toContain('138****8099');
    expect(masked.body).not.toMatch(/13800138099/);

    const clear = await head.get('/api/customers/export?tag=导出&format=xlsx');
    expect(clear.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(clear.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).text).toBe('姓名');
    expect(sheet.getRow(2).getCell(4).text).toBe('13800138099');

    // Round trip: the exported workbook, renamed, is a valid import.
    sheet.getRow(2).getCell(1).value = '导出样本二';
    sheet.getRow(2).getCell(4).value = '13800138100';
    const reimport = (await upload(head, Buffer.from(await workbook.xlsx.writeBuffer()), 'customers.xlsx')).json();
    expect(reimport).toMatchObject({ errorCount: 0, totalRows: 1 });
    expect(reimport.preview[0]).toMatchObject({ name: '导出样本二', tier: 'gold', tags: ['导出'] });
    const audit = (await h.admin.get('/api/audit?action=customer.exported')).json();
    expect(audit.items.map((entry: { details: { masked: boolean } }) => entry.details.masked)).toEqual([false, true]);
  });
});

async function exportWithoutPii(h: Harness): Promise<number> {
  const response = await h.admin.post('/api/roles', {
    code: `exporter_${Date.now() % 100000}`,
    name: '导出员',
    dataScope: 'all',
    permissions: ['customers.read', 'customers.export'],
  });
  return response.json().id;
}
