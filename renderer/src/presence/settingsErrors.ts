import type { DeskError } from '../../../core/contract.js';
import type { ComboProblem } from '../../../core/hotkeys.js';

/** The settings panel's error texts (settings.error.*). */
export type SettingsErrorKey = ComboProblem | 'conflict' | 'invalidUrl' | 'insecureUrl' | 'adminSet' | 'failed';

const BY_MESSAGE: Readonly<Record<string, SettingsErrorKey>> = {
  'hotkey.conflict': 'conflict',
  'hotkey.invalid': 'invalid',
  'update.invalidUrl': 'invalidUrl',
  'update.insecureUrl': 'insecureUrl',
  'settings.adminSet': 'adminSet',
};

/** What the host's refusal of a change means to the operator. */
export function settingsErrorOf(error: DeskError): SettingsErrorKey {
  for (const issue of error.issues ?? []) {
    const key = BY_MESSAGE[issue.message];
    if (key !== undefined) return key;
  }
  return error.code === 'forbidden' ? 'adminSet' : 'failed';
}
