import { z } from 'zod';
import { pageOf, pageQuerySchema, timestampSchema, optionalText } from './common.js';

// ---- vocabularies (labels in the locale files under customers.*) ----
export const CUSTOMER_TYPES = ['personal', 'family', 'group'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** 至尊 / 钻石 / 金 / 银 / 普通, highest first. */
export const CUSTOMER_TIERS = ['supreme', 'diamond', 'gold', 'silver', 'regular'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

/** 人际性格 (CUS-2): 活泼型 / 和平型 / 力量型 / 分析型; each has a service hint for agents. */
export const PERSONALITY_TYPES = ['lively', 'peaceful', 'powerful', 'analytic'] as const;
export type PersonalityType = (typeof PERSONALITY_TYPES)[number];

export const CUSTOMER_STATUSES = ['active', 'merged', 'erased'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** Fields that can count towards the completeness rate (CUS-7). */
export const COMPLETENESS_FIELDS = [
  'primaryPhone',
  'email',
  'address',
  'idNumber',
  'birthday',
  'personality',
  'segment',
  'source',
  'accountManager',
] as const;
export type CompletenessField = (typeof COMPLETENESS_FIELDS)[number];

// ---- identifiers: phones and resident ID numbers ----

/**
 * Phone numbers are kept as digits only, with China's country code removed from mobiles,
 * so "+86 138-0013-8000", "0086 13800138000" and "138 0013 8000" are one number.
 */
export function normalizePhone(raw: string): string {
  let digits = raw.replace(/[\s\-().]/g, '').replace(/^\+/, '00');
  if (!/^\d+$/.test(digits)) return '';
  if (/^0086\d+$/.test(digits)) digits = digits.slice(4);
  else if (/^861[3-9]\d{9}$/.test(digits)) digits = digits.slice(2);
  return digits;
}

export function isValidPhone(normalized: string): boolean {
  return /^\d{5,20}$/.test(normalized);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643 (ISO 7064 MOD 11-2) check character for the first 17 digits of a resident ID. */
export function residentIdCheckChar(first17: string): string {
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  return ID_CHECK_CHARS[sum % 11]!;
}

/** 18-digit resident identity card number (GB 11643) with its check character. */
export function isValidResidentId(value: string): boolean {
  const id = value.toUpperCase();
  return /^\d{17}[\dX]$/.test(id) && residentIdCheckChar(id.slice(0, 17)) === id[17];
}

/** A real YYYY-MM-DD date (no 1990-13-45, no 2023-02-29). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A customer keeps at most this many numbers. */
export const MAX_PHONES = 5;

// ---- input ----

export const customerPhoneInputSchema = z.object({
  number: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .refine((value) => isValidPhone(normalizePhone(value)), { message: 'i18n:validation.phone' }),
  label: z.string().trim().max(20).optional(),
  primary: z.boolean().default(false),
});

export const customerInputSchema = z.object({
  name: z.string().trim().min(1).max(64),
  type: z.enum(CUSTOMER_TYPES),
  tier: z.enum(CUSTOMER_TIERS).default('regular'),
  segment: optionalText(32),
  source: optionalText(32),
  email: optionalText(200).pipe(z.email().nullable().optional()),
  address: optionalText(200),
  idNumber: optionalText(18).refine((value) => value == null || isValidResidentId(value), { message: 'i18n:validation.resident_id' }),
  birthday: optionalText(10).refine((value) => value == null || isCalendarDate(value), { message: 'i18n:validation.date' }),
  personality: z.enum(PERSONALITY_TYPES).nullable().optional(),
  accountManagerId: z.number().int().positive().nullable().optional(),
  /** The group (集团) or family this customer belongs to. */
  organizationId: z.number().int().positive().nullable().optional(),
  familyId: z.number().int().positive().nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  notes: optionalText(2000),
  phones: z.array(customerPhoneInputSchema).max(MAX_PHONES).default([]),
  /** Organisation-defined fields by key; checked against their definitions on the server. */
  customFields: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), z.union([z.string().max(500), z.number(), z.null()])).default({}),
});
export type CustomerInput = z.input<typeof customerInputSchema>;

/**
 * A PATCH changes only the fields it carries. `.partial()` alone would keep the input's
 * defaults (Zod 4 fills them into absent fields), so a PATCH of the notes would reset the
 * tier and delete every tag and phone; those three lose their defaults here.
 */
export const customerUpdateSchema = customerInputSchema.partial().extend({
  tier: customerInputSchema.shape.tier.removeDefault().optional(),
  tags: customerInputSchema.shape.tags.removeDefault().optional(),
  phones: customerInputSchema.shape.phones.removeDefault().optional(),
  /** Keys present are set (null clears); keys absent are kept. */
  customFields: customerInputSchema.shape.customFields.removeDefault().optional(),
  /** Why the tier changed, recorded with the change (CUS-9). */
  tierReason: z.string().trim().max(200).optional(),
});
export type CustomerUpdate = z.input<typeof customerUpdateSchema>;

// ---- output ----
export const customerPhoneSchema = z.object({
  /** Identifies the number for the phone endpoints without revealing it. */
  id: z.number().int(),
  /** Masked (138****8000) unless the caller holds pii.view. */
  number: z.string(),
  label: z.string().nullable(),
  primary: z.boolean(),
});

export const customerSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    type: z.enum(CUSTOMER_TYPES),
    tier: z.enum(CUSTOMER_TIERS),
    segment: z.string().nullable(),
    source: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    /** Masked (110***********123X) unless the caller holds pii.view. */
    idNumber: z.string().nullable(),
    birthday: z.string().nullable(),
    personality: z.enum(PERSONALITY_TYPES).nullable(),
    accountManager: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    organization: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    family: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    tags: z.array(z.string()),
    notes: z.string().nullable(),
    customFields: z.record(z.string(), z.union([z.string(), z.number()])),
    phones: z.array(customerPhoneSchema),
    completeness: z.number().int().min(0).max(100),
    missingFields: z.array(z.enum(COMPLETENESS_FIELDS)),
    status: z.enum(CUSTOMER_STATUSES),
    mergedIntoId: z.number().int().nullable(),
    piiMasked: z.boolean(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof customerSchema>;

export const customerSummarySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    type: z.enum(CUSTOMER_TYPES),
    tier: z.enum(CUSTOMER_TIERS),
    personality: z.enum(PERSONALITY_TYPES).nullable(),
    primaryPhone: z.string().nullable(),
    tags: z.array(z.string()),
    accountManagerName: z.string().nullable(),
    completeness: z.number().int(),
    updatedAt: timestampSchema,
  })
  .meta({ id: 'CustomerSummary' });
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

export const customerListQuerySchema = pageQuerySchema.extend({
  /** Name or any words of the name and notes (Chinese full text). */
  q: z.string().trim().max(64).optional(),
  /** Exact phone number in any common spelling. */
  phone: z.string().trim().max(40).optional(),
  /** The last 4–6 characters of the ID number. */
  idSuffix: z
    .string()
    .trim()
    .regex(/^\d{3,5}[\dXx]$/)
    .optional(),
  type: z.enum(CUSTOMER_TYPES).optional(),
  tier: z.enum(CUSTOMER_TIERS).optional(),
  tag: z.string().trim().max(20).optional(),
  accountManagerId: z.coerce.number().int().positive().optional(),
  organizationId: z.coerce.number().int().positive().optional(),
  /** Only profiles below this completeness percentage. */
  completenessBelow: z.coerce.number().int().min(1).max(100).optional(),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;
export const customerPageSchema = pageOf(customerSummarySchema);

/** Adding one number leaves the others alone, so callers who only see masked numbers can add. */
export const phoneAddSchema = customerPhoneInputSchema;
export const phoneParamsSchema = z.object({ id: z.coerce.number().int().positive(), phoneId: z.coerce.number().int().positive() });

export const revealRequestSchema = z.object({ field: z.enum(['phones', 'idNumber']) });
export const revealResponseSchema = z.object({
  phones: z.array(z.object({ number: z.string(), label: z.string().nullable(), primary: z.boolean() })).optional(),
  idNumber: z.string().nullable().optional(),
});

export const DUPLICATE_REASONS = ['phone', 'id_number', 'name'] as const;
export const duplicateCandidateSchema = z.object({
  customer: customerSummarySchema,
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
});

export const mergeRequestSchema = z.object({
  /** The duplicate that is folded into the customer in the URL and then retired. */
  sourceId: z.number().int().positive(),
});

export const eraseRequestSchema = z.object({ reason: z.string().trim().min(2).max(200) });

// ---- 360° timeline (CUS-4) ----
export const timelineEntrySchema = z
  .object({
    id: z.number().int(),
    at: timestampSchema,
    /** `<module>.<event>`, e.g. `customer.created`, `workorder.closed`; labels under timeline.* */
    kind: z.string(),
    sourceType: z.string().nullable(),
    sourceId: z.string().nullable(),
    actorName: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export const timelineQuerySchema = z.object({
  before: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ---- completeness settings ----
export const completenessReportQuerySchema = z.object({ groupBy: z.enum(['accountManager', 'team']).default('accountManager') });
export const completenessReportRowSchema = z.object({
  /** Null: customers without an account manager (or whose manager has no team). */
  id: z.number().int().nullable(),
  name: z.string().nullable(),
  customers: z.number().int(),
  averageCompleteness: z.number().int(),
  /** Customers below 100%. */
  incomplete: z.number().int(),
});
export type CompletenessReportRow = z.infer<typeof completenessReportRowSchema>;

export const completenessSettingsSchema = z.object({
  requiredFields: z.array(z.enum(COMPLETENESS_FIELDS)).min(1),
});
export type CompletenessSettings = z.infer<typeof completenessSettingsSchema>;

// ---- import and export (CUS-6) ----

/** Spreadsheet columns, in order; headers may be the zh-CN or en-US label (customers.columns.*) or the key. */
export const CUSTOMER_COLUMNS = [
  'name',
  'type',
  'tier',
  'phones',
  'email',
  'address',
  'idNumber',
  'birthday',
  'personality',
  'segment',
  'source',
  'tags',
  'notes',
] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];

export const CUSTOMER_IMPORT_STATUSES = ['validated', 'committing', 'committed', 'failed'] as const;

export const importRowErrorSchema = z.object({
  /** The spreadsheet row number (the header is row 1). */
  row: z.number().int(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const customerImportSchema = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    status: z.enum(CUSTOMER_IMPORT_STATUSES),
    totalRows: z.number().int(),
    errorCount: z.number().int(),
    /** The first 1,000 row errors. */
    errors: z.array(importRowErrorSchema),
    /** Rows written so far while committing. */
    processed: z.number().int(),
    preview: z.array(z.object({ name: z.string(), type: z.string(), tier: z.string(), phones: z.array(z.string()), tags: z.array(z.string()) })),
    createdAt: timestampSchema,
    finishedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'CustomerImport' });
export type CustomerImport = z.infer<typeof customerImportSchema>;

export const importUploadQuerySchema = z.object({ fileName: z.string().trim().min(1).max(200).default('customers.csv') });
export const importCommitQuerySchema = z.object({
  /** Answer only when the import is finished (integrations); the UI polls instead. */
  wait: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
});

export const customerExportQuerySchema = customerListQuerySchema.omit({ limit: true, offset: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

// ---- organisation-defined custom fields (CUS-1) ----
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const customFieldDefinitionSchema = z
  .object({
    id: z.number().int(),
    key: z.string(),
    /** The organisation's own wording, shown as written. */
    label: z.string(),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(z.string()),
    sortOrder: z.number().int(),
    archived: z.boolean(),
  })
  .meta({ id: 'CustomFieldDefinition' });
export type CustomFieldDefinition = z.infer<typeof customFieldDefinitionSchema>;

export const customFieldCreateSchema = z
  .object({
    key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'i18n:validation.field_key_chars' }),
    label: z.string().trim().min(1).max(40),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
    sortOrder: z.number().int().min(0).max(10_000).default(0),
  })
  .refine((field) => field.type !== 'select' || field.options.length > 0, { message: 'i18n:validation.select_needs_options', path: ['options'] });
export const customFieldUpdateSchema = z.object({
  label: z.string().trim().min(1).max(40).optional(),
  options: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  /** Archived fields keep their values but leave forms and exports. */
  archived: z.boolean().optional(),
});

// ---- saved list filters ----
export const SAVED_VIEW_SCOPES = ['customers'] as const;
export const savedViewSchema = z
  .object({
    id: z.number().int(),
    scope: z.enum(SAVED_VIEW_SCOPES),
    name: z.string(),
    /** The list's query parameters, as the list page puts them in its URL. */
    query: z.record(z.string(), z.string()),
    createdAt: timestampSchema,
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.infer<typeof savedViewSchema>;
export const savedViewCreateSchema = z.object({
  scope: z.enum(SAVED_VIEW_SCOPES),
  name: z.string().trim().min(1).max(40),
  query: z.record(z.string().max(40), z.string().max(200)).refine((query) => Object.keys(query).length <= 20),
});
export const savedViewListQuerySchema = z.object({ scope: z.enum(SAVED_VIEW_SCOPES) });
