import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };

/** The reports' texts, in the app's default namespace (the shell merges every feature's: app/texts.ts). */
export const reportsTexts = { tr, en } as const;
