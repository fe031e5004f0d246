import type { EventEmitter } from 'node:events';

/** What may be logged of an unexpected error: its kind and Node's code, never its message. */
export function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return error === null ? 'null' : typeof error;
  const name = /^\w{1,64}$/.test(error.name) ? error.name : 'Error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? `${name} ${code}` : name;
}

interface ProcessLike {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  readonly stdout: EventEmitter;
  readonly stderr: EventEmitter;
}

/**
 * One request's bug must not end the desk: the operator on a call would lose the screen-pop, the
 * half-typed case and the softphone with it, and Node ends the process on an uncaught exception
 * or an unhandled rejection. With these handlers it logs and keeps serving; every request's
 * state is its own, so the next one starts clean. The log has the error's kind only: messages
 * can carry a caller's number or a citizen's words (KVKK).
 *
 * One failure is not survived: the log itself. When whoever read stdout/stderr is gone (the
 * terminal, the supervisor or the test that started the desk), every write fails with EPIPE;
 * left to the handler above, its own log line fails the same way, for ever, at full CPU. Nobody
 * is watching that desk any more, so it shuts down (`onLogGone`), as it did before these handlers.
 */
export function keepRunningOnUnexpectedErrors(proc: ProcessLike, log: (line: string) => void, onLogGone: () => void): void {
  let logGone = false;
  const safeLog = (line: string) => {
    if (logGone) return;
    try {
      log(line);
    } catch {
      // A log that throws must not become the next uncaught exception.
    }
  };
  for (const stream of [proc.stdout, proc.stderr]) {
    stream.on('error', (error: unknown) => {
      if (logGone || (error as { code?: unknown } | null)?.code !== 'EPIPE') return;
      logGone = true;
      onLogGone();
    });
  }
  proc.on('uncaughtException', (error) => safeLog(`unexpected error, still running: ${errorKind(error)}`));
  proc.on('unhandledRejection', (reason) => safeLog(`unhandled rejection, still running: ${errorKind(reason)}`));
}
