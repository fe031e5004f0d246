import { describe, expect, it } from 'vitest';
import { CaseStatus, CaseType, Channel, Priority, SlaState } from '../../../core/case.js';
import { UnitKind } from '../../../core/catalogue.js';
import { DeskRole, ErrorCode } from '../../../core/contract.js';
import { ATTACHMENT_PROBLEMS } from '../detail/attachmentUpload.js';
import { TEXT_FIELDS } from '../form/caseDraft.js';
import { resources } from './resources.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const tr = flatten(resources.tr.translation);
const en = flatten(resources.en.translation);

describe('locales', () => {
  it('have the same keys in Turkish and English', () => {
    expect([...en.keys()].sort()).toEqual([...tr.keys()].sort());
  });

  it('use the same interpolation variables in both languages', () => {
    for (const [key, text] of tr) expect(variables(en.get(key) ?? ''), key).toEqual(variables(text));
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...tr, ...en]) expect(text.trim(), key).not.toBe('');
  });

  it('translate every error code the contract can produce, wherever an error is shown', () => {
    for (const code of ErrorCode.options) {
      for (const place of ['form', 'search']) expect(tr.has(`errors.${place}.${code}`), `${place}.${code}`).toBe(true);
    }
    for (const status of ['connecting', 'connected', 'reconnecting', 'auth-failed', 'stopped', 'unknown']) {
      expect(tr.has(`link.${status}`), status).toBe(true);
    }
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
