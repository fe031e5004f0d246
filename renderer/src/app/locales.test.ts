import { describe, expect, it } from 'vitest';
import { CaseStatus, CaseType, Channel, Priority, SlaState } from '../../../core/case.js';
import { UnitKind } from '../../../core/catalogue.js';
import { DeskRole, ErrorCode } from '../../../core/contract.js';
import { SyncErrorCode, SyncState } from '../../../core/syncStatus.js';
import { LOGIN_ERRORS } from '../account/loginForm.js';
import { ATTACHMENT_PROBLEMS } from '../cases/attachmentUpload.js';
import { TEXT_FIELDS } from '../callDesk/caseDraft.js';
import { resources, TEXT_PARTS } from './texts.js';
import { expectLocalesAgree, flattenLocale } from '../shared/testing/localeTree.js';

const tr = flattenLocale(resources.tr.translation);
const en = flattenLocale(resources.en.translation);

describe('locales', () => {
  it('keep each top-level key in one part only: a feature never overwrites another\'s texts', () => {
    const owner = new Map<string, string>();
    for (const [part, texts] of Object.entries(TEXT_PARTS)) {
      for (const key of Object.keys(texts.tr)) {
        expect(owner.get(key), `${key} in ${part} and ${owner.get(key)}`).toBeUndefined();
        owner.set(key, part);
      }
      expect(Object.keys(texts.en).sort(), part).toEqual(Object.keys(texts.tr).sort());
    }
  });

  it('agree between Turkish and English (keys, variables, no empty text)', () => {
    expectLocalesAgree(tr, en);
  });

  it('translate every error code the contract can produce, wherever an error is shown', () => {
    for (const code of ErrorCode.options) {
      for (const place of ['form', 'search', 'report']) expect(tr.has(`errors.${place}.${code}`), `${place}.${code}`).toBe(true);
    }
    for (const status of ['connecting', 'connected', 'reconnecting', 'auth-failed', 'stopped', 'unknown']) {
      expect(tr.has(`link.${status}`), status).toBe(true);
    }
    for (const state of [...SyncState.options, 'unknown']) expect(tr.has(`sync.state.${state}`), state).toBe(true);
    for (const code of SyncErrorCode.options) expect(tr.has(`sync.error.${code}`), code).toBe(true);
    for (const error of LOGIN_ERRORS) expect(tr.has(`login.error.${error}`), error).toBe(true);
    for (const problem of ATTACHMENT_PROBLEMS) expect(tr.has(`errors.attachment.${problem}`), problem).toBe(true);
  });

  it('name every channel, type, status, priority, SLA state, unit kind and role', () => {
    const names: [string, readonly string[]][] = [
      ['case.channel', Channel.options],
      ['case.type', CaseType.options],
      ['case.status', CaseStatus.options],
      ['case.priority', Priority.options],
      ['sla', SlaState.options],
      ['unitKind', UnitKind.options],
      ['role', DeskRole.options],
    ];
    for (const [prefix, values] of names) for (const v of values) expect(tr.has(`${prefix}.${v}`), `${prefix}.${v}`).toBe(true);
  });

  it('label every field of the form', () => {
    for (const field of TEXT_FIELDS) expect(tr.has(`form.${field}`), field).toBe(true);
  });
});
