import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Category } from '@kefu/contracts';
import { formDataOf, intakeFieldName, toComplaintBody, toIntakeBody, type IntakeFormValues } from './intake-form';

const category: Category = {
  id: 7,
  name: '断线',
  parentId: 3,
  pathNames: ['宽带', '故障', '断线'],
  defaultDepartment: { id: 4, name: '装维班' },
  defaultPriority: 'high',
  requiresConfirmation: false,
  fields: [
    { key: 'account', label: '宽带账号', type: 'text', required: true, options: [] },
    { key: 'outages', label: '断线次数', type: 'number', required: false, options: [] },
    { key: 'since', label: '开始日期', type: 'date', required: false, options: [] },
    { key: 'modem', label: '光猫型号', type: 'select', required: false, options: ['华为', '中兴'] },
  ],
  sortOrder: 0,
  active: true,
};

const base: IntakeFormValues = {
  occurredAt: dayjs(1_764_200_000_000),
  customerMode: 'existing',
  customerId: 42,
  channel: 'phone',
  type: 'fault',
  categoryId: 7,
  title: ' 宽带频繁断线 ',
  description: '近三天每晚断线',
  reason: '线路老化',
  requestedHandling: '上门检修',
  resolutionMode: 'order',
};

describe('intake form → API body', () => {
  it('sends an existing customer and trims the texts', () => {
    const body = toIntakeBody({ ...base, contactPhone: ' ', location: '幸福小区 3 栋', priority: 'urgent', departmentId: 4 }, category);
    expect(body).toMatchObject({
      occurredAt: 1_764_200_000_000,
      customer: { mode: 'existing', customerId: 42 },
      contactName: null,
      contactPhone: null,
      channel: 'phone',
      location: '幸福小区 3 栋',
      categoryId: 7,
      title: '宽带频繁断线',
      priority: 'urgent',
      departmentId: 4,
      dueAt: null,
      formData: {},
      resolution: { mode: 'order' },
    });
  });

  it('creates a profile inline with its phone as the primary number', () => {
    const body = toIntakeBody({ ...base, customerMode: 'create', customerId: 42, newCustomer: { name: ' 张三 ', type: 'personal', phone: '138 0013 8000' } }, category);
    expect(body.customer).toEqual({ mode: 'create', customer: { name: '张三', type: 'personal', phones: [{ number: '138 0013 8000', primary: true }] } });
  });

  it('records an anonymous caller with a contact', () => {
    const body = toIntakeBody({ ...base, customerMode: 'anonymous', contactName: '李女士', contactPhone: '010-12345678' }, category);
    expect(body.customer).toEqual({ mode: 'anonymous' });
    expect(body).toMatchObject({ contactName: '李女士', contactPhone: '010-12345678' });
  });

  it('leaves priority to the server when the agent left it empty, and sends the answer when answered', () => {
    const body = toIntakeBody({ ...base, resolutionMode: 'answered', answer: ' 已告知重启光猫 ', dueAt: dayjs(1_764_300_000_000) }, category);
    expect(body).not.toHaveProperty('priority');
    expect(body.resolution).toEqual({ mode: 'answered', answer: '已告知重启光猫' });
    expect(body.dueAt).toBe(1_764_300_000_000);
  });

  it("keeps only the category's own fields, dates as YYYY-MM-DD, blanks left out", () => {
    expect(
      formDataOf(category.fields, {
        account: ' bj123 ',
        outages: 3,
        since: dayjs('2026-11-20T10:00:00'),
        modem: null,
        stray: 'not a field',
      }),
    ).toEqual({ account: 'bj123', outages: 3, since: '2026-11-20' });
    expect(formDataOf(category.fields, { account: '  ', outages: Number.NaN })).toEqual({});
  });
});

describe('server validation paths → form fields', () => {
  it.each([
    ['title', ['title']],
    ['requestedHandling', ['requestedHandling']],
    ['formData.account', ['formData', 'account']],
    ['resolution.answer', ['answer']],
    ['resolution', ['resolutionMode']],
    ['customer.customerId', ['customerId']],
    ['customer.customer.name', ['newCustomer', 'name']],
    ['customer.customer.phones.0.number', ['newCustomer', 'phone']],
    ['customer.customer.email', ['newCustomer', 'name']],
    ['customer', ['customerMode']],
  ])('%s', (path, name) => {
    expect(intakeFieldName(path)).toEqual(name);
  });

  it('returns null for paths without a field', () => {
    expect(intakeFieldName('')).toBeNull();
    expect(intakeFieldName('somethingElse')).toBeNull();
    expect(intakeFieldName('formData')).toBeNull();
  });
});

describe('complaint form → API body', () => {
  it('nests the 5W1H as the order, without type, resolution or a promised time', () => {
    const body = toComplaintBody({ ...base, dueAt: dayjs(1_764_300_000_000), complaint: { source: 'regulator', customerSeeks: 'compensation' } }, category);
    expect(body.source).toBe('regulator');
    expect(body.customerSeeks).toBe('compensation');
    expect(body.severity).toBe('general');
    expect(body.order).toMatchObject({ customer: { mode: 'existing', customerId: 42 }, categoryId: 7, title: '宽带频繁断线' });
    expect(body.order).not.toHaveProperty('type');
    expect(body.order).not.toHaveProperty('resolution');
    expect(body.order).not.toHaveProperty('dueAt');
  });

  it('places the nested server errors on the same fields', () => {
    expect(intakeFieldName('order.title')).toEqual(['title']);
    expect(intakeFieldName('order.customer.customer.name')).toEqual(['newCustomer', 'name']);
    expect(intakeFieldName('source')).toEqual(['complaint', 'source']);
  });
});
