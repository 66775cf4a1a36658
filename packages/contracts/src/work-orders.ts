import { z } from 'zod';
import { pageOf, pageQuerySchema, timestampSchema, optionalText } from './common.js';
import { CUSTOMER_TIERS, PERSONALITY_TYPES, customerInputSchema } from './customers.js';

// ---- vocabularies (labels in the locale files under workOrders.*) ----

/** Contact channels (WO-1): 来电, 来访, 网上, 邮件, 短信, 微信, API. */
export const CHANNELS = ['phone', 'visit', 'web', 'email', 'sms', 'wechat', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** 咨询 / 查询 / 业务办理 / 投诉 / 建议 / 表扬 / 故障申告 (WO-2). */
export const WORK_ORDER_TYPES = ['consultation', 'query', 'service_request', 'complaint', 'suggestion', 'praise', 'fault'] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * Lifecycle (WO-3): 新建 → 已受理 → 处理中 → 待确认 → 已解决 → 已回访 → 已关闭, with the side
 * states 挂起 (suspended: waiting on the customer, the clock pauses) and 已撤销 (cancelled).
 */
export const WORK_ORDER_STATUSES = [
  'new',
  'accepted',
  'in_progress',
  'pending_confirmation',
  'resolved',
  'visited',
  'closed',
  'suspended',
  'cancelled',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/** Statuses in which an order still needs work (everything before 已解决, plus 挂起). */
export const OPEN_STATUSES: readonly WorkOrderStatus[] = ['new', 'accepted', 'in_progress', 'pending_confirmation', 'suspended'];

/** What a user can do to an order's status; the server's state machine maps (status, action) → status. */
export const WORK_ORDER_ACTIONS = [
  'accept',
  'start',
  'submit_result',
  'reject_result',
  'confirm',
  'record_callback',
  'close',
  'suspend',
  'resume',
  'cancel',
  'reopen',
] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

/** How the customer confirmed the result (WO-7). */
export const CONFIRMATION_METHODS = ['phone', 'portal', 'signature', 'sms', 'wechat'] as const;
export type ConfirmationMethod = (typeof CONFIRMATION_METHODS)[number];

/** Workspace views (WO-8). */
export const WORK_ORDER_VIEWS = ['accountable', 'handling', 'team', 'unassigned', 'suspended', 'breaching', 'all'] as const;
export type WorkOrderView = (typeof WORK_ORDER_VIEWS)[number];

export const WORK_ORDER_SORTS = ['updated_desc', 'created_desc', 'created_asc', 'priority_desc', 'due_asc'] as const;
export type WorkOrderSort = (typeof WORK_ORDER_SORTS)[number];

/** A dispatch step (派单) from the receiver's side (WO-5). `queued` waits for an earlier step of a sequence. */
export const STEP_STATUSES = ['queued', 'pending', 'accepted', 'returned', 'completed', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const STEP_ACTIONS = ['accept', 'return', 'complete'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export const AVAILABILITY_STATUSES = ['online', 'away', 'offline'] as const;
export type AvailabilityStatus = (typeof AVAILABILITY_STATUSES)[number];

export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'least_loaded'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export const MESSAGE_KINDS = ['reply', 'note'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Organisation-defined extra fields of a category's intake form. */
export const CATEGORY_FIELD_TYPES = ['text', 'number', 'date', 'select'] as const;

const text = (max: number) => z.string().trim().max(max);
const requiredText = (max: number) => z.string().trim().min(1).max(max);

// ---- categories (业务分类) ----

export const categoryFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  label: requiredText(40),
  type: z.enum(CATEGORY_FIELD_TYPES),
  required: z.boolean().default(false),
  options: z.array(requiredText(40)).max(50).default([]),
});
export type CategoryField = z.infer<typeof categoryFieldSchema>;

export const categoryInputSchema = z.object({
  name: requiredText(40),
  parentId: z.number().int().positive().nullable().default(null),
  /** Team that receives orders of this category unless the agent chooses another. */
  defaultDepartmentId: z.number().int().positive().nullable().default(null),
  defaultPriority: z.enum(PRIORITIES).default('normal'),
  /** The customer must confirm the result before the order is resolved (WO-7). */
  requiresConfirmation: z.boolean().default(false),
  fields: z.array(categoryFieldSchema).max(20).default([]),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
  active: z.boolean().default(true),
});
export type CategoryInput = z.input<typeof categoryInputSchema>;
/**
 * A PATCH changes only what it carries: `.partial()` alone would keep the defaults (Zod 4
 * fills them into absent keys) and a rename would reset the parent, fields and status.
 */
const categoryShape = categoryInputSchema.shape;
export const categoryUpdateSchema = z.object({
  name: categoryShape.name.optional(),
  parentId: categoryShape.parentId.removeDefault().optional(),
  defaultDepartmentId: categoryShape.defaultDepartmentId.removeDefault().optional(),
  defaultPriority: categoryShape.defaultPriority.removeDefault().optional(),
  requiresConfirmation: categoryShape.requiresConfirmation.removeDefault().optional(),
  fields: categoryShape.fields.removeDefault().optional(),
  sortOrder: categoryShape.sortOrder.removeDefault().optional(),
  active: categoryShape.active.removeDefault().optional(),
});

export const categorySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    parentId: z.number().int().nullable(),
    /** Names from the root down, e.g. 宽带 / 故障 / 断线. */
    pathNames: z.array(z.string()),
    defaultDepartment: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    defaultPriority: z.enum(PRIORITIES),
    requiresConfirmation: z.boolean(),
    fields: z.array(categoryFieldSchema),
    sortOrder: z.number().int(),
    active: z.boolean(),
  })
  .meta({ id: 'WorkOrderCategory' });
export type Category = z.infer<typeof categorySchema>;

// ---- settings ----

export const workOrderSettingsSchema = z.object({
  /** Letters before the date in order numbers: GD → GD20261127-0001. */
  numberPrefix: z.string().trim().regex(/^[A-Z]{1,6}$/, { message: 'i18n:validation.number_prefix' }),
  /** A resolved or closed order can be reopened for this many days. */
  reopenWindowDays: z.number().int().min(0).max(365),
  /** An open order with no activity for this many hours counts as backlog (工单滞留), unless its team says otherwise. */
  backlogThresholdHours: z.number().int().min(1).max(24 * 90),
  /** Per team (department id) overrides of the backlog threshold. */
  backlogThresholdByDepartment: z.record(z.string().regex(/^\d+$/), z.number().int().min(1).max(24 * 90)),
  /** Orders due within this many hours show in the "breaching soon" view. */
  breachingWindowHours: z.number().int().min(1).max(24 * 30),
  /** Default number of open orders an agent may handle at once (WO-10). */
  defaultAgentCapacity: z.number().int().min(1).max(1000),
});
export type WorkOrderSettings = z.infer<typeof workOrderSettingsSchema>;
export const workOrderSettingsUpdateSchema = workOrderSettingsSchema.partial();

// ---- intake (WO-1) ----

/** Who called: an existing customer, a new profile created inline, or a caller left unregistered. */
export const intakeCustomerSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('existing'), customerId: z.number().int().positive() }),
  z.object({ mode: z.literal('create'), customer: customerInputSchema }),
  z.object({ mode: z.literal('anonymous') }),
]);

export const intakeSchema = z.object({
  // when
  occurredAt: timestampSchema.optional(),
  // who
  customer: intakeCustomerSchema,
  contactName: optionalText(64),
  contactPhone: optionalText(40),
  // where
  channel: z.enum(CHANNELS),
  location: optionalText(200),
  // what
  type: z.enum(WORK_ORDER_TYPES),
  categoryId: z.number().int().positive(),
  title: requiredText(120),
  description: requiredText(5000),
  // why
  reason: requiredText(1000),
  // how
  requestedHandling: requiredText(1000),
  priority: z.enum(PRIORITIES).optional(),
  /** The time promised to the customer (承诺时限); the SLA module fills it from policy when absent. */
  dueAt: timestampSchema.nullable().optional(),
  /** Team that handles the order; defaults to the category's team. */
  departmentId: z.number().int().positive().nullable().optional(),
  /** Answers to the category's own fields, by key. */
  formData: z.record(z.string(), z.union([z.string().max(500), z.number(), z.null()])).default({}),
  /**
   * `answered`: the agent answered on the spot — the contact is recorded as an order closed
   * at first contact (counted as such). `order`: a work order to be handled.
   */
  resolution: z.discriminatedUnion('mode', [z.object({ mode: z.literal('order') }), z.object({ mode: z.literal('answered'), answer: requiredText(5000) })]),
});
export type IntakeInput = z.input<typeof intakeSchema>;

export const workOrderUpdateSchema = z.object({
  title: requiredText(120).optional(),
  description: requiredText(5000).optional(),
  type: z.enum(WORK_ORDER_TYPES).optional(),
  categoryId: z.number().int().positive().optional(),
  priority: z.enum(PRIORITIES).optional(),
  location: optionalText(200),
  dueAt: timestampSchema.nullable().optional(),
  formData: z.record(z.string(), z.union([z.string().max(500), z.number(), z.null()])).optional(),
});

// ---- lifecycle ----

export const transitionSchema = z.object({
  action: z.enum(WORK_ORDER_ACTIONS),
  /** Required for cancel, suspend, reject_result and reopen. */
  reason: text(1000).optional(),
  /** The result explained to the customer: required for submit_result. */
  result: text(5000).optional(),
  /** Required for confirm when the category requires the customer's confirmation. */
  confirmation: z
    .object({
      method: z.enum(CONFIRMATION_METHODS),
      note: text(500).optional(),
    })
    .optional(),
  /** accept only: the time told to the customer (承诺时限); defaults to the policy's due time. */
  promisedAt: timestampSchema.optional(),
});
export type TransitionInput = z.input<typeof transitionSchema>;

export const ownerChangeSchema = z.object({
  ownerId: z.number().int().positive(),
  reason: requiredText(500),
});

// ---- dispatch (WO-5) ----

export const dispatchTargetSchema = z
  .object({
    departmentId: z.number().int().positive().optional(),
    userId: z.number().int().positive().optional(),
    instructions: requiredText(2000),
    dueAt: timestampSchema.nullable().optional(),
  })
  .refine((target) => target.departmentId !== undefined || target.userId !== undefined, { message: 'i18n:validation.dispatch_target' });

export const dispatchSchema = z.object({
  /** `sequence`: each step starts when the one before it completes; `parallel`: all start now. */
  mode: z.enum(['sequence', 'parallel']).default('sequence'),
  steps: z.array(dispatchTargetSchema).min(1).max(10),
});
export type DispatchInput = z.input<typeof dispatchSchema>;

export const stepActionSchema = z.object({
  action: z.enum(STEP_ACTIONS),
  /** Why the step is returned (退单): required for return. */
  reason: text(1000).optional(),
  /** What was done (回单): required for complete. */
  result: text(5000).optional(),
});
export const stepParamsSchema = z.object({ id: z.coerce.number().int().positive(), stepId: z.coerce.number().int().positive() });

export const stepSchema = z.object({
  id: z.number().int(),
  batch: z.number().int(),
  sequence: z.number().int(),
  mode: z.enum(['sequence', 'parallel']),
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  instructions: z.string(),
  dueAt: timestampSchema.nullable(),
  status: z.enum(STEP_STATUSES),
  result: z.string().nullable(),
  returnReason: z.string().nullable(),
  createdBy: z.object({ id: z.number().int(), name: z.string() }),
  createdAt: timestampSchema,
  acceptedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
  /** Whether the caller may accept, return or complete this step. */
  actionable: z.boolean(),
});
export type Step = z.infer<typeof stepSchema>;

// ---- conversation (WO-6) ----

export const messageInputSchema = z.object({
  kind: z.enum(MESSAGE_KINDS),
  /** HTML; sanitised on the server to a small set of formatting tags. */
  body: requiredText(20_000),
  /** Attachments uploaded before the message was sent, by id. */
  attachmentIds: z.array(z.number().int().positive()).max(10).default([]),
});

export const attachmentSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Relative URL carrying the random download token. */
  url: z.string(),
  /** Images and PDFs open in the browser; everything else downloads. */
  inline: z.boolean(),
  messageId: z.number().int().nullable(),
  uploadedBy: z.object({ id: z.number().int(), name: z.string() }),
  createdAt: timestampSchema,
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const messageSchema = z.object({
  id: z.number().int(),
  kind: z.enum(MESSAGE_KINDS),
  bodyHtml: z.string(),
  author: z.object({ id: z.number().int(), name: z.string() }),
  mentions: z.array(z.object({ id: z.number().int(), name: z.string() })),
  attachments: z.array(attachmentSchema),
  createdAt: timestampSchema,
});
export type Message = z.infer<typeof messageSchema>;

export const attachmentUploadQuerySchema = z.object({ fileName: requiredText(200) });
export const attachmentTokenParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/) });

export const linkSchema = z.object({ otherId: z.number().int().positive() });
export const mergeOrdersSchema = z.object({ sourceId: z.number().int().positive() });

// ---- events on the order's timeline ----

export const workOrderEventSchema = z.object({
  id: z.number().int(),
  at: timestampSchema,
  /** `created`, `transition`, `dispatched`, `step_accepted`, … — labels under workOrders.events.*. */
  kind: z.string(),
  actor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  fromStatus: z.enum(WORK_ORDER_STATUSES).nullable(),
  toStatus: z.enum(WORK_ORDER_STATUSES).nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type WorkOrderEvent = z.infer<typeof workOrderEventSchema>;

// ---- the order ----

const userRef = z.object({ id: z.number().int(), name: z.string() });
const departmentRef = z.object({ id: z.number().int(), name: z.string() });

export const workOrderSummarySchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    title: z.string(),
    type: z.enum(WORK_ORDER_TYPES),
    channel: z.enum(CHANNELS),
    priority: z.enum(PRIORITIES),
    status: z.enum(WORK_ORDER_STATUSES),
    category: z.object({ id: z.number().int(), name: z.string() }),
    customer: z
      .object({ id: z.number().int(), name: z.string(), tier: z.enum(CUSTOMER_TIERS), personality: z.enum(PERSONALITY_TYPES).nullable() })
      .nullable(),
    owner: userRef,
    handler: userRef.nullable(),
    department: departmentRef.nullable(),
    dueAt: timestampSchema.nullable(),
    /** The resolution clock's state (SLA-4), null when no policy applies. */
    slaState: z.enum(['running', 'paused', 'warning', 'breached', 'met', 'missed']).nullable(),
    lastActivityAt: timestampSchema,
    reminderCount: z.number().int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    /** Search excerpt with <mark> around the matches (search results only). */
    highlight: z.string().nullable(),
    /** Set while the order is in the recycle bin. */
    deletion: z.object({ at: timestampSchema, by: userRef, reason: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'WorkOrderSummary' });
export type WorkOrderSummary = z.infer<typeof workOrderSummarySchema>;

export const workOrderSchema = workOrderSummarySchema
  .extend({
    description: z.string(),
    reason: z.string(),
    requestedHandling: z.string(),
    location: z.string().nullable(),
    contactName: z.string().nullable(),
    /** Masked unless the caller holds pii.view. */
    contactPhone: z.string().nullable(),
    occurredAt: timestampSchema,
    formData: z.record(z.string(), z.union([z.string(), z.number()])),
    firstContactResolution: z.boolean(),
    result: z.string().nullable(),
    confirmation: z
      .object({ method: z.enum(CONFIRMATION_METHODS), note: z.string().nullable(), at: timestampSchema, by: userRef })
      .nullable(),
    requiresConfirmation: z.boolean(),
    reopenCount: z.number().int(),
    resolvedAt: timestampSchema.nullable(),
    closedAt: timestampSchema.nullable(),
    suspendedFrom: z.enum(WORK_ORDER_STATUSES).nullable(),
    mergedInto: z.object({ id: z.number().int(), number: z.string() }).nullable(),
    links: z.array(z.object({ id: z.number().int(), number: z.string(), title: z.string(), status: z.enum(WORK_ORDER_STATUSES) })),
    deletedAt: timestampSchema.nullable(),
    /** Actions the caller may take now (the state machine and the caller's role both agree). */
    allowedActions: z.array(z.enum(WORK_ORDER_ACTIONS)),
    /** The caller may dispatch, reply, assign, change the owner (supervisors), delete. */
    can: z.object({
      dispatch: z.boolean(),
      reply: z.boolean(),
      assign: z.boolean(),
      changeOwner: z.boolean(),
      delete: z.boolean(),
      remind: z.boolean(),
    }),
  })
  .meta({ id: 'WorkOrder' });
export type WorkOrder = z.infer<typeof workOrderSchema>;

export const workOrderListQuerySchema = pageQuerySchema.extend({
  view: z.enum(WORK_ORDER_VIEWS).default('all'),
  q: z.string().trim().max(64).optional(),
  status: z
    .union([z.enum(WORK_ORDER_STATUSES), z.array(z.enum(WORK_ORDER_STATUSES))])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional(),
  type: z.enum(WORK_ORDER_TYPES).optional(),
  channel: z.enum(CHANNELS).optional(),
  priority: z.enum(PRIORITIES).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  createdFrom: z.coerce.number().int().optional(),
  createdTo: z.coerce.number().int().optional(),
  sort: z.enum(WORK_ORDER_SORTS).default('updated_desc'),
});
export type WorkOrderListQuery = z.infer<typeof workOrderListQuerySchema>;
export const workOrderPageSchema = pageOf(workOrderSummarySchema);

/**
 * List totals and view counts stop just past this (1001 reads "1000+"): an exact count of a
 * large range costs more than it tells anyone, and nobody pages through a thousand orders.
 */
export const LIST_COUNT_CAP = 1000;

export const workOrderViewCountsSchema = z.record(z.enum(WORK_ORDER_VIEWS), z.number().int());

export const bulkActionSchema = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(200),
  operation: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('assign'), userId: z.number().int().positive() }),
    z.object({ kind: z.literal('transition'), transition: transitionSchema }),
  ]),
});
export const bulkResultSchema = z.object({
  succeeded: z.array(z.number().int()),
  failed: z.array(z.object({ id: z.number().int(), code: z.string(), message: z.string() })),
});

// ---- assignment (WO-10) ----

export const assignSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('manual'), userId: z.number().int().positive() }),
  z.object({ mode: z.literal('round_robin'), departmentId: z.number().int().positive().optional() }),
  z.object({ mode: z.literal('least_loaded'), departmentId: z.number().int().positive().optional() }),
]);

export const availabilitySchema = z.object({
  userId: z.number().int(),
  name: z.string(),
  department: departmentRef.nullable(),
  status: z.enum(AVAILABILITY_STATUSES),
  capacity: z.number().int(),
  /** Open orders the agent handles now. */
  load: z.number().int(),
  updatedAt: timestampSchema.nullable(),
});
export type Availability = z.infer<typeof availabilitySchema>;
export const availabilityUpdateSchema = z.object({
  status: z.enum(AVAILABILITY_STATUSES).optional(),
  capacity: z.number().int().min(1).max(1000).nullable().optional(),
});
export const availabilityQuerySchema = z.object({ departmentId: z.coerce.number().int().positive().optional() });

// ---- backlog (WO-9) ----

export const backlogQuerySchema = pageQuerySchema.extend({ departmentId: z.coerce.number().int().positive().optional() });
export const backlogTeamSchema = z.object({
  department: departmentRef.nullable(),
  thresholdHours: z.number().int(),
  count: z.number().int(),
  oldestActivityAt: timestampSchema.nullable(),
});
export const backlogSchema = z.object({
  teams: z.array(backlogTeamSchema),
  orders: pageOf(workOrderSummarySchema),
});
export const reminderSchema = z.object({ note: text(500).optional() });

// ---- deletion (WO-12) ----
export const deleteOrderSchema = z.object({ reason: requiredText(500) });

// ---- customer card (WO-8) ----
export const customerCardSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  tier: z.enum(CUSTOMER_TIERS),
  personality: z.enum(PERSONALITY_TYPES).nullable(),
  primaryPhone: z.string().nullable(),
  tags: z.array(z.string()),
  openOrders: z.number().int(),
  recentOrders: z.array(z.object({ id: z.number().int(), number: z.string(), title: z.string(), status: z.enum(WORK_ORDER_STATUSES), createdAt: timestampSchema })),
});

// ---- notifications and live events ----

export const NOTIFICATION_KINDS = [
  'work_order.step',
  'work_order.transition',
  'work_order.assigned',
  'work_order.owner_changed',
  'work_order.mentioned',
  'work_order.reminded',
  'work_order.replied',
  'sla.warning',
  'sla.breached',
  'sla.escalated',
  'sla.escalation_informed',
  'sla.instructed',
  'complaint.major',
] as const;

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  workOrder: z.object({ id: z.number().int(), number: z.string(), title: z.string() }).nullable(),
  actor: userRef.nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: timestampSchema,
  readAt: timestampSchema.nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
export const notificationPageSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int() });
export const notificationReadSchema = z.object({ ids: z.array(z.number().int().positive()).max(200).optional() });

/** What the SSE stream (`GET /api/events`) sends; clients refetch what the event touches. */
export const liveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('work_order.changed'), orderId: z.number().int(), number: z.string() }),
  z.object({ type: z.literal('notification'), notificationId: z.number().int() }),
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;
