import { z } from 'zod';

/**
 * Stable error codes. Clients branch on these, translators key messages on them
 * (locales: `errors.<code>`), so a code is never renamed once released.
 */
export const ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'unsupported_media_type',
  'payload_too_large',
  'unauthenticated',
  'session_expired',
  'csrf_failed',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'internal',
  'auth.invalid_credentials',
  'auth.account_locked',
  'auth.account_disabled',
  'auth.wrong_current_password',
  'auth.password_too_weak',
  'auth.password_reused',
  'setup.already_done',
  'user.username_taken',
  'user.cannot_disable_self',
  'user.last_administrator',
  'user.role_not_grantable',
  'user.outranks_actor',
  'user.unknown_role',
  'user.unknown_department',
  'department.unknown_parent',
  'department.has_children',
  'department.has_members',
  'department.cycle',
  'department.name_taken',
  'role.code_taken',
  'role.builtin_immutable',
  'role.in_use',
  'role.unknown_permission',
  'api_token.permission_not_held',
  'session.not_found',
  'customer.organization_invalid',
  'customer.family_invalid',
  'customer.account_manager_invalid',
  'customer.not_active',
  'customer.merge_self',
  'customer.pii_not_permitted',
  'customer.too_many_phones',
  'customer_import.unreadable',
  'customer_import.no_header',
  'customer_import.too_many_rows',
  'customer_import.has_errors',
  'customer_import.not_committable',
  'customer_import.empty',
  'custom_field.key_taken',
  'saved_view.name_taken',
  'work_order.illegal_transition',
  'work_order.reason_required',
  'work_order.result_required',
  'work_order.confirmation_required',
  'work_order.reopen_window_passed',
  'work_order.owner_only',
  'work_order.not_a_party',
  'work_order.category_invalid',
  'work_order.department_invalid',
  'work_order.user_invalid',
  'work_order.form_invalid',
  'work_order.customer_invalid',
  'work_order.steps_open',
  'work_order.step_illegal_transition',
  'work_order.step_not_yours',
  'work_order.no_available_agent',
  'work_order.agent_unavailable',
  'work_order.merge_self',
  'work_order.link_self',
  'work_order.merged',
  'work_order.deleted',
  'work_order.not_deleted',
  'work_order.attachment_too_large',
  'work_order.attachment_type',
  'work_order.attachment_empty',
  'work_order.attachment_unknown',
  'work_order_category.has_children',
  'work_order_category.cycle',
  'work_order_category.in_use',
  'idempotency.invalid_key',
  'idempotency.key_reused',
  'idempotency.in_progress',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const fieldErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string(),
      details: z
        .object({
          fields: z.array(fieldErrorSchema).optional(),
        })
        .catchall(z.unknown())
        .optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
