import {
  isMethodName,
  methods,
  validationError,
  type DeskError,
  type MethodName,
  type ParsedRequestOf,
  type Result,
  type ResponseOf,
} from '../../core/contract.js';

export type Handlers = { [M in MethodName]: (request: ParsedRequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>> };

/** A refusal the user can act on (not found, a rule the input breaks); its text holds no input. */
export class RequestError extends Error {
  constructor(readonly error: DeskError) {
    super(error.message);
  }
}

export const notFound = (what: string) => new RequestError({ code: 'not-found', message: `${what} not found` });

export const invalidField = (path: string, code: string) =>
  new RequestError({ code: 'invalid-request', message: 'The request breaks a rule', issues: [{ path, message: code }] });

/**
 * The single door into the host for both transports: the method name and its params are
 * untrusted input until the contract's schema has parsed them.
 */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  params: unknown,
  log: (line: string) => void,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown-method', message: 'Unknown method' } };
  }
  const parsed = methods[method].request.safeParse(params ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
    const handler = handlers[method] as (request: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof RequestError) return { ok: false, error: error.error };
    // The error text may hold user input: log only its kind and the method.
    log(`request ${method} failed: ${error instanceof Error ? error.name : 'unknown error'}`);
    return { ok: false, error: { code: 'internal', message: 'The desk could not complete the request' } };
  }
}
