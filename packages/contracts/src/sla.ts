import { z } from 'zod';
import { timestampSchema } from './common.js';
import { CUSTOMER_TIERS } from './customers.js';
import { CHANNELS, PRIORITIES, WORK_ORDER_TYPES } from './work-orders.js';

// ---- business calendars (SLA-1) ----

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

const wallClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'i18n:validation.wall_clock' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'i18n:validation.iso_date' });

export const openingIntervalSchema = z.object({ start: wallClock, end: wallClock });
export type OpeningIntervalInput = z.infer<typeof openingIntervalSchema>;

/** 调休: a normally closed date that is worked, with a weekday's hours or its own. */
export const adjustedWorkdaySchema = z.object({
  date: isoDate,
  hoursOf: z.enum(WEEKDAY_KEYS).optional(),
  hours: z.array(openingIntervalSchema).max(6).optional(),
});

export const calendarBodySchema = z.object({
  timeZone: z.string().trim().min(1).max(64).default('Asia/Shanghai'),
  /** 7×24: every instant is business time. */
  alwaysOpen: z.boolean().default(false),
  weeklyHours: z.object(Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, z.array(openingIntervalSchema).max(6).default([])])) as Record<
    WeekdayKey,
    z.ZodDefault<z.ZodArray<typeof openingIntervalSchema>>
  >),
  holidays: z.array(isoDate).max(400).default([]),
  adjustedWorkdays: z.array(adjustedWorkdaySchema).max(100).default([]),
});
export type CalendarBody = z.infer<typeof calendarBodySchema>;
export type CalendarBodyInput = z.input<typeof calendarBodySchema>;

export const calendarInputSchema = calendarBodySchema.extend({
  name: z.string().trim().min(1).max(60),
  /** The calendar policies use when they name none. Exactly one calendar is the default. */
  isDefault: z.boolean().default(false),
});
export type CalendarInput = z.input<typeof calendarInputSchema>;

export const slaCalendarSchema = calendarBodySchema
  .extend({
    id: z.number().int(),
    name: z.string(),
    isDefault: z.boolean(),
    /** Policies that use this calendar (a calendar in use cannot be deleted). */
    policyCount: z.number().int(),
    updatedAt: timestampSchema,
  })
  .meta({ id: 'SlaCalendar' });
export type SlaCalendar = z.infer<typeof slaCalendarSchema>;

/** Result of reading an iCalendar holiday file: the editor merges it into its form. */
export const holidayImportSchema = z.object({
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  skipped: z.array(z.object({ line: z.number().int(), summary: z.string(), reason: z.string(), date: z.string().optional() })),
});
export type HolidayImportResult = z.infer<typeof holidayImportSchema>;

// ---- policies (SLA-2) ----

export const SLA_TARGET_KINDS = ['firstResponse', 'resolution', 'callback'] as const;
export type SlaTargetKind = (typeof SLA_TARGET_KINDS)[number];

/** Business time counts only the calendar's opening hours; calendar time counts every minute. */
export const TIME_BASES = ['business', 'calendar'] as const;
export type TimeBasis = (typeof TIME_BASES)[number];

const MAX_TARGET_MINUTES = 366 * 24 * 60;

/**
 * A target as the seeds state it: "repair average ≤ 24 h, maximum 48 h". The maximum sets the
 * due time; the average is what the figures compare the mean against.
 */
export const slaTargetSchema = z
  .object({
    maxMinutes: z.number().int().min(1).max(MAX_TARGET_MINUTES),
    averageMinutes: z.number().int().min(1).max(MAX_TARGET_MINUTES).nullable().default(null),
    basis: z.enum(TIME_BASES).default('business'),
  })
  .refine((target) => target.averageMinutes === null || target.averageMinutes <= target.maxMinutes, {
    message: 'i18n:validation.sla_average_above_max',
    path: ['averageMinutes'],
  });
export type SlaTarget = z.infer<typeof slaTargetSchema>;

/** The escalation ladder (SLA-5), bottom to top. */
export const ESCALATION_LEVELS = ['agent', 'team_leader', 'department_head', 'center_director'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const SUPERIOR_LEVELS = ['team_leader', 'department_head', 'center_director'] as const;
export type SuperiorLevel = (typeof SUPERIOR_LEVELS)[number];

/** Empty lists match everything. */
export const policyConditionsSchema = z.object({
  types: z.array(z.enum(WORK_ORDER_TYPES)).default([]),
  categoryIds: z.array(z.number().int().positive()).max(200).default([]),
  channels: z.array(z.enum(CHANNELS)).default([]),
  tiers: z.array(z.enum(CUSTOMER_TIERS)).default([]),
  priorities: z.array(z.enum(PRIORITIES)).default([]),
});
export type PolicyConditions = z.infer<typeof policyConditionsSchema>;

export const policyInputSchema = z.object({
  name: z.string().trim().min(1).max(80),
  active: z.boolean().default(true),
  conditions: policyConditionsSchema.default({ types: [], categoryIds: [], channels: [], tiers: [], priorities: [] }),
  /** null: the default calendar. */
  calendarId: z.number().int().positive().nullable().default(null),
  targets: z.object({
    firstResponse: slaTargetSchema.nullable().default(null),
    resolution: slaTargetSchema.nullable().default(null),
    callback: slaTargetSchema.nullable().default(null),
  }),
  /** Share of a target's time after which handler, owner and team leader are warned. */
  warnAtPercent: z.number().int().min(1).max(99).default(75),
  /** Whether warnings and breaches may be sent while the calendar is closed (else they wait for opening). */
  notifyOutsideHours: z.boolean().default(false),
  /** How long each superior has to give an instruction before the order climbs further. */
  escalationMinutes: z
    .object({
      team_leader: z.number().int().min(1).max(MAX_TARGET_MINUTES),
      department_head: z.number().int().min(1).max(MAX_TARGET_MINUTES),
      center_director: z.number().int().min(1).max(MAX_TARGET_MINUTES),
    })
    .default({ team_leader: 120, department_head: 240, center_director: 480 }),
});
export type PolicyInput = z.input<typeof policyInputSchema>;
export type PolicyBody = z.infer<typeof policyInputSchema>;

export const slaPolicySchema = policyInputSchema
  .extend({
    id: z.number().int(),
    /** Rules are tried in this order; the first match wins. */
    position: z.number().int(),
    updatedAt: timestampSchema,
  })
  .meta({ id: 'SlaPolicy' });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const policyOrderSchema = z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) });

/**
 * "An order created at `at` would be due at …": for the calendar and policy editors. Either an
 * unsaved calendar body or a saved calendar, and the targets to try.
 */
export const slaPreviewSchema = z.object({
  calendar: calendarBodySchema.optional(),
  calendarId: z.number().int().positive().optional(),
  at: timestampSchema.optional(),
  targets: z.object({
    firstResponse: slaTargetSchema.nullable().optional(),
    resolution: slaTargetSchema.nullable().optional(),
    callback: slaTargetSchema.nullable().optional(),
  }),
});
export type SlaPreviewInput = z.input<typeof slaPreviewSchema>;

export const slaPreviewResultSchema = z.object({
  at: timestampSchema,
  openNow: z.boolean(),
  nextOpening: timestampSchema.nullable(),
  firstResponseDueAt: timestampSchema.nullable(),
  resolutionDueAt: timestampSchema.nullable(),
  resolutionAverageDueAt: timestampSchema.nullable(),
  /** Callback due if the order were resolved at `at`. */
  callbackDueAt: timestampSchema.nullable(),
});
export type SlaPreviewResult = z.infer<typeof slaPreviewResultSchema>;

// ---- an order's clocks (SLA-3, SLA-4) ----

/** running → warning → breached; paused while 挂起; met or missed once done. */
export const CLOCK_STATES = ['running', 'paused', 'warning', 'breached', 'met', 'missed'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

export const clockSchema = z.object({
  kind: z.enum(SLA_TARGET_KINDS),
  basis: z.enum(TIME_BASES),
  targetMinutes: z.number().int(),
  averageMinutes: z.number().int().nullable(),
  startedAt: timestampSchema,
  dueAt: timestampSchema,
  warnAt: timestampSchema,
  completedAt: timestampSchema.nullable(),
  state: z.enum(CLOCK_STATES),
  /** Time left to the due time, in the target's basis (negative when overdue). */
  remainingMs: z.number().int(),
});
export type Clock = z.infer<typeof clockSchema>;

export const POSTPONE_NOTICE_METHODS = ['phone', 'sms', 'wechat', 'email', 'visit'] as const;
export type PostponeNoticeMethod = (typeof POSTPONE_NOTICE_METHODS)[number];

export const postponementSchema = z.object({
  at: timestampSchema,
  by: z.object({ id: z.number().int(), name: z.string() }),
  from: timestampSchema,
  to: timestampSchema,
  reason: z.string(),
  noticeMethod: z.enum(POSTPONE_NOTICE_METHODS),
  noticeNote: z.string().nullable(),
  /** A supervisor allowed a postponement beyond the one the rules allow: counted as a violation. */
  override: z.boolean(),
});

export const ESCALATION_KINDS = ['breach', 'timeout', 'manual', 'emergency'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export const escalationSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(ESCALATION_KINDS),
    fromLevel: z.enum(ESCALATION_LEVELS),
    toLevel: z.enum(SUPERIOR_LEVELS),
    /** Levels passed over by an emergency escalation; they were informed. */
    skippedLevels: z.array(z.enum(SUPERIOR_LEVELS)),
    raisedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    raisedAt: timestampSchema,
    /** 请示报告: what the raiser proposes to do. */
    proposedHandling: z.string().nullable(),
    /** When the superior must have answered before the order climbs again. */
    respondBy: timestampSchema,
    instruction: z.string().nullable(),
    instructedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    instructedAt: timestampSchema.nullable(),
    status: z.enum(['awaiting', 'instructed', 'superseded']),
    /** Whether the caller may record the instruction. */
    canInstruct: z.boolean(),
  })
  .meta({ id: 'Escalation' });
export type Escalation = z.infer<typeof escalationSchema>;

export const orderSlaSchema = z
  .object({
    policy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    timeZone: z.string(),
    paused: z.boolean(),
    pauses: z.array(z.object({ from: timestampSchema, to: timestampSchema.nullable() })),
    clocks: z.array(clockSchema),
    /** 承诺时限: the time told to the customer. */
    promisedAt: timestampSchema.nullable(),
    /** The latest promise the policy allows without a supervisor. */
    latestPromiseAt: timestampSchema.nullable(),
    postponements: z.array(postponementSchema),
    violations: z.number().int(),
    escalationLevel: z.enum(ESCALATION_LEVELS),
    escalations: z.array(escalationSchema),
    /** What the caller may do here. */
    canPostpone: z.boolean(),
    canOverride: z.boolean(),
    canEscalate: z.boolean(),
  })
  .meta({ id: 'OrderSla' });
export type OrderSla = z.infer<typeof orderSlaSchema>;

export const promiseSchema = z.object({ promisedAt: timestampSchema });

export const postponeSchema = z.object({
  until: timestampSchema,
  reason: z.string().trim().min(1).max(1000),
  /** How the customer was told (SLA-3 requires the notice). */
  notice: z.object({ method: z.enum(POSTPONE_NOTICE_METHODS), note: z.string().trim().max(500).optional() }),
  /** A supervisor allowing a second postponement; counted as a violation. */
  override: z.boolean().default(false),
});
export type PostponeInput = z.input<typeof postponeSchema>;

export const escalateSchema = z.object({
  /** Emergency escalation goes straight to the center director; the skipped levels are informed. */
  emergency: z.boolean().default(false),
  proposedHandling: z.string().trim().min(1).max(2000),
});
export type EscalateInput = z.input<typeof escalateSchema>;

export const instructionSchema = z.object({ instruction: z.string().trim().min(1).max(2000) });
export const escalationParamsSchema = z.object({ id: z.coerce.number().int().positive(), escalationId: z.coerce.number().int().positive() });

// ---- figures (SLA-6) ----

export const slaFiguresQuerySchema = z.object({
  from: z.coerce.number().int(),
  to: z.coerce.number().int(),
  departmentId: z.coerce.number().int().positive().optional(),
});

export const slaFiguresRowSchema = z.object({
  category: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  orders: z.number().int(),
  responseMeasured: z.number().int(),
  responseMet: z.number().int(),
  /** Share met among measured (0…1), null when nothing was measured. */
  responseAttainment: z.number().nullable(),
  resolutionMeasured: z.number().int(),
  resolutionMet: z.number().int(),
  resolutionAttainment: z.number().nullable(),
  /** Mean and maximum time to resolve, in minutes of the target's basis. */
  averageResolutionMinutes: z.number().nullable(),
  maxResolutionMinutes: z.number().int().nullable(),
  /** The policies' average target for these orders (the seed's "平均 ≤ 24 h"), when stated. */
  averageTargetMinutes: z.number().nullable(),
  averageTargetMet: z.boolean().nullable(),
  postponed: z.number().int(),
  postponementRate: z.number().nullable(),
  overrides: z.number().int(),
  escalated: z.number().int(),
});
export type SlaFiguresRow = z.infer<typeof slaFiguresRowSchema>;

export const slaFiguresSchema = z.object({
  from: timestampSchema,
  to: timestampSchema,
  totals: slaFiguresRowSchema,
  byCategory: z.array(slaFiguresRowSchema),
});
export type SlaFigures = z.infer<typeof slaFiguresSchema>;
