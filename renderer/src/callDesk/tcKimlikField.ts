import { isValidTcKimlikNo } from '../../../core/tcKimlik.js';

/**
 * What the T.C. kimlik no field says while the operator types. A number still being typed is not
 * an error yet; a complete one is checked by its check digits at once.
 */
export type TcKimlikStatus = 'empty' | 'typing' | 'valid' | 'not-digits' | 'leading-zero' | 'too-long' | 'checksum';

export const TC_LENGTH = 11;

export function tcKimlikStatus(raw: string): TcKimlikStatus {
  const value = raw.trim();
  if (value === '') return 'empty';
  if (!/^[0-9]+$/.test(value)) return 'not-digits';
  if (value.startsWith('0')) return 'leading-zero';
  if (value.length < TC_LENGTH) return 'typing';
  if (value.length > TC_LENGTH) return 'too-long';
  return isValidTcKimlikNo(value) ? 'valid' : 'checksum';
}

/** Statuses that stop a save: an optional field may be empty, never wrong. */
export const tcBlocksSave = (status: TcKimlikStatus): boolean => status !== 'empty' && status !== 'valid';
