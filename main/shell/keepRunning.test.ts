import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { errorKind, keepRunningOnUnexpectedErrors } from './keepRunning.js';

function fakeProcess() {
  const proc = Object.assign(new EventEmitter(), { stdout: new EventEmitter(), stderr: new EventEmitter() });
  const lines: string[] = [];
  const onLogGone = vi.fn();
  keepRunningOnUnexpectedErrors(proc, (line) => lines.push(line), onLogGone);
  return { proc, lines, onLogGone };
}

const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

describe('keepRunningOnUnexpectedErrors', () => {
  it("logs an uncaught exception's and an unhandled rejection's kind, never their message", () => {
    const { proc, lines } = fakeProcess();
    proc.emit('uncaughtException', new TypeError('Arayan 905321112233'));
    proc.emit('unhandledRejection', Object.assign(new Error('SELECT … 905321112233'), { code: 'ERR_INVALID_URL' }));
    proc.emit('unhandledRejection', 'Ayşe Yılmaz');
    expect(lines).toEqual([
      'unexpected error, still running: TypeError',
      'unhandled rejection, still running: Error ERR_INVALID_URL',
      'unhandled rejection, still running: string',
    ]);
  });

  it('shuts the desk down once when its log reader is gone, instead of logging the failed log for ever', () => {
    const { proc, lines, onLogGone } = fakeProcess();
    proc.stderr.emit('error', epipe());
    proc.stdout.emit('error', epipe());
    // What a broken stderr used to turn into: an uncaught EPIPE, whose log line fails again.
    proc.emit('uncaughtException', epipe());
    expect(onLogGone).toHaveBeenCalledOnce();
    expect(lines).toEqual([]);
  });

  it('keeps running when the log throws', () => {
    const proc = Object.assign(new EventEmitter(), { stdout: new EventEmitter(), stderr: new EventEmitter() });
    keepRunningOnUnexpectedErrors(proc, () => {
      throw new Error('log failed');
    }, () => {});
    expect(() => proc.emit('uncaughtException', new Error('x'))).not.toThrow();
  });

  it('names odd throwables without their content', () => {
    expect(errorKind(null)).toBe('null');
    expect(errorKind(42)).toBe('number');
    expect(errorKind(Object.assign(new Error('x'), { name: 'Ayşe Yılmaz' }))).toBe('Error');
    expect(errorKind(Object.assign(new Error('x'), { code: 'tc 12345678901' }))).toBe('Error');
  });
});
