import {
  isMethodName,
  methods,
  validationError,
  type MethodName,
  type ParsedRequestOf,
  type Result,
  type ResponseOf,
} from '../../core/contract.js';

export type Handlers = { [M in MethodName]: (request: ParsedRequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>> };

export class NotFoundError extends Error {}

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
    if (error instanceof NotFoundError) return { ok: false, error: { code: 'not-found', message: error.message } };
    // The error text may hold user input: log only its kind and the method.
    log(`request ${method} failed: ${error instanceof Error ? error.name : 'unknown error'}`);
    return { ok: false, error: { code: 'internal', message: 'The desk could not complete the request' } };
  }
}
