import { accountTexts } from '../account/index.js';
import { callDeskTexts } from '../callDesk/index.js';
import { casesTexts } from '../cases/index.js';
import { reportsTexts } from '../reports/index.js';
import { sharedTexts, type Language } from '../shared/i18n/resources.js';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };

/**
 * The parts of the default namespace: each feature keeps its texts beside its code, under its own
 * top-level keys (features with many texts of their own, such as the wallboard, use a namespace).
 */
export const TEXT_PARTS = {
  shared: sharedTexts,
  app: { tr, en },
  callDesk: callDeskTexts,
  cases: casesTexts,
  account: accountTexts,
  reports: reportsTexts,
} as const;

const merged = <L extends Language>(lng: L) => ({
  ...TEXT_PARTS.shared[lng],
  ...TEXT_PARTS.app[lng],
  ...TEXT_PARTS.callDesk[lng],
  ...TEXT_PARTS.cases[lng],
  ...TEXT_PARTS.account[lng],
  ...TEXT_PARTS.reports[lng],
});

export const resources = {
  tr: { translation: merged('tr') },
  en: { translation: merged('en') },
} as const;

// Turkish is the source of truth: a key missing there is a type error at every t() call.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof resources.tr.translation };
  }
}
