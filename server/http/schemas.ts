import { z } from 'zod';
import { Role } from '../auth/roles.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../core/passwordPolicy.js';

export const LoginRequest = z.object({
  // No control character or lone surrogate: a NUL reached the database and answered 500.
  username: z.string().trim().min(1).max(64).regex(/^[^\u0000-\u001F\u007F-\u009F\uD800-\uDFFF]*$/u, 'username.invalid'),
  password: z.string().min(1).max(256),
});

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  account: z.object({ username: z.string(), displayName: z.string(), role: Role, unitCode: z.string().nullable() }),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const StatusParams = z.object({ applicationNo: z.string().min(1).max(40) });
export const StatusQuery = z.object({ code: z.string().max(32).default('') });

/**
 * Password change and admin reset. The new password's rules (core/passwordPolicy.ts) need the
 * account's username, so the route checks them after parsing; the length bounds are here too so
 * the OpenAPI document shows them.
 */
export const PasswordChangeRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH * 2),
});
export const PasswordResetRequest = z.object({ newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH * 2) });
export const AccountParams = z.object({ username: z.string().trim().min(1).max(64) });
