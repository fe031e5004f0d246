import { describe, expect, it } from 'vitest';
import { saveErrorsFrom, slotOfPath } from './caseErrors.js';

describe('saveErrorsFrom', () => {
  it('puts contract issues next to their fields, first issue per field', () => {
    expect(
      saveErrorsFrom({
        code: 'invalid-request',
        message: 'x',
        issues: [
          { path: 'subject', message: 'text.required' },
          { path: 'subject', message: 'text.tooLong' },
          { path: 'description', message: 'text.tooLong' },
          { path: 'phone', message: 'phone.invalid' },
          { path: 'citizenName', message: 'text.controlChars' },
        ],
      }),
    ).toEqual({
      fieldErrors: { subject: 'required', description: 'tooLong', phone: 'phoneInvalid', citizenName: 'controlChars' },
      formError: null,
    });
  });

  it('falls back to a generic field message and a form message for what no field shows', () => {
    expect(
      saveErrorsFrom({
        code: 'invalid-request',
        message: 'x',
        issues: [
          { path: 'subject', message: 'Invalid input: expected string, received null' },
          { path: 'linkedid', message: 'linkedid.invalid' },
        ],
      }),
    ).toEqual({ fieldErrors: { subject: 'invalid' }, formError: 'invalid-request' });
    expect(saveErrorsFrom({ code: 'invalid-request', message: 'x' })).toEqual({
      fieldErrors: {},
      formError: 'invalid-request',
    });
  });

  it('shows other failures on the form', () => {
    expect(saveErrorsFrom({ code: 'unavailable', message: 'x' })).toEqual({ fieldErrors: {}, formError: 'unavailable' });
  });
});

describe('slotOfPath', () => {
  it('places nested address issues and the host\'s catalogue rules next to the field the operator sees', () => {
    expect(slotOfPath('address.detail')).toBe('addressDetail');
    expect(slotOfPath('address.district')).toBe('district');
    expect(slotOfPath('subjectCode')).toBe('subject');
    expect(slotOfPath('unitCode')).toBe('unitCode');
    expect(slotOfPath('tcKimlikNo')).toBe('tcKimlikNo');
    expect(slotOfPath('linkedid')).toBeNull();
    expect(slotOfPath('address')).toBeNull();
  });

  it('names the rule the host broke', () => {
    expect(
      saveErrorsFrom({
        code: 'invalid-request',
        message: 'x',
        issues: [
          { path: 'subjectCode', message: 'subject.unknown' },
          { path: 'tcKimlikNo', message: 'tc.invalid' },
          { path: 'address.street', message: 'text.tooLong' },
        ],
      }).fieldErrors,
    ).toEqual({ subject: 'subjectUnknown', tcKimlikNo: 'tcInvalid', street: 'tooLong' });
  });
});
