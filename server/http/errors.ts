import { z } from 'zod';

/** Every error the API answers has this body; `issues` only for invalid requests. */
export const ApiError = z.object({
  /**
   * claimed: someone else holds the call-back's claim; not-claimed: claim it before recording;
   * closed: the call-back is done or gave up. unknown-host: the request named a host this
   * server does not answer to (421; see http/allowedHosts.ts). wrong-password: a password
   * change whose current password is not the account's.
   */
  error: z.enum(['invalid-request', 'unauthorized', 'forbidden', 'not-found', 'rate-limited', 'internal', 'claimed', 'not-claimed', 'closed', 'unknown-host', 'wrong-password']),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export function invalidRequest(error: z.ZodError): ApiError {
  return { error: 'invalid-request', issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}
