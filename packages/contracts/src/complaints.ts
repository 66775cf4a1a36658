import { z } from 'zod';
import { pageOf, pageQuerySchema, timestampSchema } from './common.js';
import { intakeSchema, WORK_ORDER_STATUSES } from './work-orders.js';

/** CMP-1: 投诉 → 升级投诉 (not satisfied with the first handling) → 申诉 (appeal, often via a regulator). */
export const COMPLAINT_LEVELS = ['complaint', 'escalated', 'appeal'] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];

/** CMP-2: 柜台, 热线, 网站, 消协 (315/12315), 市长信箱, 监管部门 (工信部). */
export const COMPLAINT_SOURCES = ['counter', 'hotline', 'web', 'consumer_association', 'mayor_mailbox', 'regulator'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

/** CMP-3: 一般 / 严重 / 重大. */
export const COMPLAINT_SEVERITIES = ['general', 'serious', 'major'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

/** Why the severity is what it is: the sources that raised it automatically, or a person. */
export const SEVERITY_REASONS = ['regulator', 'external_body', 'repeat', 'manual'] as const;
export type SeverityReason = (typeof SEVERITY_REASONS)[number];

/** What the customer seeks: to be heard, a solution, compensation. */
export const CUSTOMER_SEEKS = ['be_heard', 'solution', 'compensation'] as const;
export type CustomerSeeks = (typeof CUSTOMER_SEEKS)[number];

export const ROOT_CAUSES = ['network', 'billing', 'service_attitude', 'process', 'product', 'third_party', 'customer_misunderstanding', 'other'] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

/** 满意 / 基本满意 / 不满意, asked at close. */
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

const ref = z.object({ id: z.number().int(), name: z.string() });

export const complaintSchema = z
  .object({
    id: z.number().int(),
    order: z.object({ id: z.number().int(), number: z.string(), title: z.string(), status: z.enum(WORK_ORDER_STATUSES) }),
    customer: ref.nullable(),
    level: z.enum(COMPLAINT_LEVELS),
    source: z.enum(COMPLAINT_SOURCES),
    severity: z.enum(COMPLAINT_SEVERITIES),
    severityReasons: z.array(z.enum(SEVERITY_REASONS)),
    customerSeeks: z.enum(CUSTOMER_SEEKS),
    responsibleDepartment: ref.nullable(),
    rootCause: z.enum(ROOT_CAUSES).nullable(),
    remedy: z.string().nullable(),
    /** Compensation in fen (1/100 yuan); integers only. */
    compensationFen: z.number().int(),
    satisfaction: z.enum(SATISFACTION_LEVELS).nullable(),
    satisfactionNote: z.string().nullable(),
    /** The earlier complaint this one repeats (same customer, same category, within the window). */
    repeatOf: z.object({ id: z.number().int(), orderNumber: z.string() }).nullable(),
    repeatCount: z.number().int(),
    /** The current level's time limit. */
    levelDueAt: timestampSchema,
    levelHistory: z.array(z.object({ level: z.enum(COMPLAINT_LEVELS), at: timestampSchema, by: ref.nullable(), reason: z.string().nullable() })),
    /** 统一答复口径 drafted from this case (CMP-5), once made. */
    caseArticle: z.object({ id: z.number().int(), title: z.string() }).nullable(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'Complaint' });
export type Complaint = z.infer<typeof complaintSchema>;
export const complaintPageSchema = pageOf(complaintSchema);

/** A complaint is a work order of type 投诉 with its own record; both are created together. */
export const complaintCreateSchema = z.object({
  order: intakeSchema.omit({ type: true, resolution: true }),
  source: z.enum(COMPLAINT_SOURCES),
  customerSeeks: z.enum(CUSTOMER_SEEKS),
  /** At least this severe; regulator sources and repeats raise it further. */
  severity: z.enum(COMPLAINT_SEVERITIES).default('general'),
});
export type ComplaintCreateInput = z.input<typeof complaintCreateSchema>;

export const complaintUpdateSchema = z.object({
  severity: z.enum(COMPLAINT_SEVERITIES).optional(),
  responsibleDepartmentId: z.number().int().positive().nullable().optional(),
  rootCause: z.enum(ROOT_CAUSES).nullable().optional(),
  remedy: z.string().trim().max(2000).nullable().optional(),
  compensationFen: z.number().int().min(0).max(100_000_000).optional(),
  customerSeeks: z.enum(CUSTOMER_SEEKS).optional(),
});
export type ComplaintUpdateInput = z.input<typeof complaintUpdateSchema>;

export const complaintLevelUpSchema = z.object({
  reason: z.string().trim().min(1).max(1000),
  /** An appeal often arrives through a regulator: its source may change with the level. */
  source: z.enum(COMPLAINT_SOURCES).optional(),
});

export const satisfactionSchema = z.object({
  satisfaction: z.enum(SATISFACTION_LEVELS),
  note: z.string().trim().max(1000).optional(),
});

export const caseArticleSchema = z.object({
  title: z.string().trim().min(1).max(120),
  /** The approved wording agents will use (HTML, sanitised). */
  body: z.string().trim().min(1).max(20_000),
});

export const complaintListQuerySchema = pageQuerySchema.extend({
  level: z.enum(COMPLAINT_LEVELS).optional(),
  severity: z.enum(COMPLAINT_SEVERITIES).optional(),
  source: z.enum(COMPLAINT_SOURCES).optional(),
  open: z.enum(['true', 'false']).optional(),
});

export const complaintSettingsSchema = z.object({
  /** Same customer, same category within this many days: a repeat complaint. */
  repeatWindowDays: z.number().int().min(1).max(365),
  /** Each level's time limit, in hours of calendar time. */
  levelLimitHours: z.object({
    complaint: z.number().int().min(1).max(24 * 90),
    escalated: z.number().int().min(1).max(24 * 90),
    appeal: z.number().int().min(1).max(24 * 90),
  }),
});
export type ComplaintSettings = z.infer<typeof complaintSettingsSchema>;
