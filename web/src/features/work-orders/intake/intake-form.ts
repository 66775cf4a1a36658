import type { Dayjs } from 'dayjs';
import type { Category, CategoryField, Channel, ComplaintCreateInput, ComplaintSeverity, ComplaintSource, CustomerSeeks, CustomerType, IntakeInput, Priority, WorkOrderType } from '@kefu/contracts';

export const CUSTOMER_MODES = ['existing', 'create', 'anonymous'] as const;
export type CustomerMode = (typeof CUSTOMER_MODES)[number];

export const RESOLUTION_MODES = ['order', 'answered'] as const;
export type ResolutionMode = (typeof RESOLUTION_MODES)[number];

export const DATE_FORMAT = 'YYYY-MM-DD';

export type FormDataValue = string | number | Dayjs | null | undefined;

/** The intake form's fields; names follow the API where they can, so server errors land on them. */
export interface IntakeFormValues {
  occurredAt: Dayjs;
  customerMode: CustomerMode;
  customerId?: number;
  newCustomer?: { name?: string; type?: CustomerType; phone?: string };
  contactName?: string;
  contactPhone?: string;
  channel: Channel;
  location?: string;
  type: WorkOrderType;
  categoryId?: number;
  title: string;
  description: string;
  reason: string;
  requestedHandling: string;
  priority?: Priority;
  departmentId?: number | null;
  dueAt?: Dayjs | null;
  formData?: Record<string, FormDataValue>;
  resolutionMode: ResolutionMode;
  answer?: string;
  /** The complaint register's own fields (CMP-2, CMP-3), when the form records a complaint. */
  complaint?: { source?: ComplaintSource; customerSeeks?: CustomerSeeks; severity?: ComplaintSeverity };
}

function blankToNull(value: string | undefined | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function isDayjs(value: unknown): value is Dayjs {
  return typeof value === 'object' && value !== null && typeof (value as Dayjs).format === 'function';
}

/** Answers to the category's own fields: dates as YYYY-MM-DD, blanks left out. */
export function formDataOf(fields: readonly CategoryField[], values: Record<string, FormDataValue> | undefined): Record<string, string | number> {
  const result: Record<string, string | number> = {};
  for (const field of fields) {
    const value = values?.[field.key];
    if (value === null || value === undefined) continue;
    if (isDayjs(value)) result[field.key] = value.format(DATE_FORMAT);
    else if (typeof value === 'number') {
      if (Number.isFinite(value)) result[field.key] = value;
    } else {
      const text = blankToNull(value);
      if (text !== null) result[field.key] = text;
    }
  }
  return result;
}

function customerOf(values: IntakeFormValues): IntakeInput['customer'] {
  if (values.customerMode === 'existing' && values.customerId !== undefined) return { mode: 'existing', customerId: values.customerId };
  if (values.customerMode === 'create') {
    const phone = blankToNull(values.newCustomer?.phone);
    return {
      mode: 'create',
      customer: {
        name: values.newCustomer?.name?.trim() ?? '',
        type: values.newCustomer?.type ?? 'personal',
        phones: phone ? [{ number: phone, primary: true }] : [],
      },
    };
  }
  return { mode: 'anonymous' };
}

/** The request body for POST /work-orders. */
export function toIntakeBody(values: IntakeFormValues, category: Category | undefined): IntakeInput {
  return {
    occurredAt: values.occurredAt.valueOf(),
    customer: customerOf(values),
    contactName: blankToNull(values.contactName),
    contactPhone: blankToNull(values.contactPhone),
    channel: values.channel,
    location: blankToNull(values.location),
    type: values.type,
    categoryId: values.categoryId ?? 0,
    title: values.title.trim(),
    description: values.description.trim(),
    reason: values.reason.trim(),
    requestedHandling: values.requestedHandling.trim(),
    ...(values.priority ? { priority: values.priority } : {}),
    dueAt: values.dueAt ? values.dueAt.valueOf() : null,
    departmentId: values.departmentId ?? null,
    formData: formDataOf(category?.fields ?? [], values.formData),
    resolution: values.resolutionMode === 'answered' ? { mode: 'answered', answer: values.answer?.trim() ?? '' } : { mode: 'order' },
  };
}

/**
 * The request body for POST /complaints: the same 5W1H as an order (the server makes it a
 * 投诉 order and sets its time limit from the complaint level), plus source, what the
 * customer seeks and the least severity.
 */
export function toComplaintBody(values: IntakeFormValues, category: Category | undefined): ComplaintCreateInput {
  const { type: _type, resolution: _resolution, dueAt: _dueAt, ...order } = toIntakeBody({ ...values, resolutionMode: 'order' }, category);
  return {
    order,
    source: values.complaint?.source ?? 'hotline',
    customerSeeks: values.complaint?.customerSeeks ?? 'solution',
    severity: values.complaint?.severity ?? 'general',
  };
}

type NamePath = (string | number)[];

const DIRECT_FIELDS = new Set([
  'occurredAt',
  'contactName',
  'contactPhone',
  'channel',
  'location',
  'type',
  'categoryId',
  'title',
  'description',
  'reason',
  'requestedHandling',
  'priority',
  'dueAt',
  'departmentId',
]);

/**
 * Where a server validation error (`details.fields[].path`, dotted) shows on the form;
 * null when no field fits, and the message is then shown on its own.
 */
export function intakeFieldName(path: string): NamePath | null {
  // A complaint nests the order's fields under `order`; its own fields sit beside it.
  const segments = path.split('.').filter(Boolean);
  if (segments[0] === 'order') segments.shift();
  else if (segments[0] === 'source' || segments[0] === 'customerSeeks' || segments[0] === 'severity') return ['complaint', segments[0]];
  const [head, ...rest] = segments;
  if (head === undefined) return null;
  if (DIRECT_FIELDS.has(head)) return [head];
  if (head === 'formData') return rest[0] ? ['formData', rest[0]] : null;
  if (head === 'resolution') return rest[0] === 'answer' ? ['answer'] : ['resolutionMode'];
  if (head === 'customer') {
    if (rest[0] === 'customerId') return ['customerId'];
    if (rest[0] === 'customer') {
      const field = rest[1];
      if (field === 'name' || field === 'type') return ['newCustomer', field];
      if (field === 'phones') return ['newCustomer', 'phone'];
      return ['newCustomer', 'name'];
    }
    return ['customerMode'];
  }
  return null;
}
