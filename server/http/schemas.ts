import { z } from 'zod';
import { Role } from '../auth/roles.js';

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
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
