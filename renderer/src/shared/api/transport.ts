import type { DeskError, ErrorCode, MethodName, Result } from '../../../../core/contract.js';

/** The renderer's link to its host process (not the PBX link, which the host reports separately). */
export type HostConnection =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'disconnected'; retryAt: number }
  /** Browser mode opened without the host's one-time URL: nothing to authenticate with. */
  | { status: 'no-token' }
  /** The host refused our token; retrying with the same one cannot succeed. */
  | { status: 'rejected' };

/** What a transport moves; the typed client on top validates every value against the contract. */
export interface DeskTransport {
  invoke(method: MethodName, params: unknown): Promise<Result<unknown>>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  connection(): HostConnection;
  onConnection(listener: (state: HostConnection) => void): () => void;
}

export function failure(code: ErrorCode, message: string): { ok: false; error: DeskError } {
  return { ok: false, error: { code, message } };
}
