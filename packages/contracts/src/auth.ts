import { z } from 'zod';
import { DATA_SCOPES, PERMISSIONS } from './permissions.js';
import { localeSchema, timestampSchema } from './common.js';

export const PASSWORD_MIN_LENGTH = 8;

/**
 * Password policy (ADM-2): at least 8 characters with both letters and digits.
 * Messages of the form `i18n:<key>` name a locale key, so the server and the UI show
 * the same localised message.
 */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH)
  .max(128)
  .refine((value) => /[A-Za-z]/.test(value) && /\d/.test(value), { message: 'i18n:validation.password_letters_digits' });

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, { message: 'i18n:validation.username_chars' });

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const currentUserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    locale: localeSchema,
    departmentId: z.number().int().nullable(),
    departmentName: z.string().nullable(),
    roles: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string() })),
    permissions: z.array(z.enum(PERMISSIONS)),
    dataScope: z.enum(DATA_SCOPES),
  })
  .meta({ id: 'CurrentUser' });
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const sessionInfoSchema = z.object({
  user: currentUserSchema,
  /** Send back as `X-CSRF-Token` on every cookie-authenticated write. */
  csrfToken: z.string(),
  organizationName: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const sessionSummarySchema = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: timestampSchema,
  lastSeenAt: timestampSchema,
  expiresAt: timestampSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const updateProfileRequestSchema = z.object({
  locale: localeSchema.optional(),
  displayName: z.string().trim().min(1).max(64).optional(),
});
export type UpdateProfileRequest = z.infer<typeof updateProfileRequestSchema>;

export const setupStatusSchema = z.object({
  needsSetup: z.boolean(),
  organizationName: z.string().nullable(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupRequestSchema = z.object({
  organizationName: z.string().trim().min(1).max(100),
  admin: z.object({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(64),
    password: passwordSchema,
  }),
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;
