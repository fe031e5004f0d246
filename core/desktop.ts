/**
 * The desk on the operator's desktop: what the page tells the host about its window, what the
 * host asks the page to do when a call rings, and the desktop shell's state (global keys, updates).
 */
import { z } from 'zod';
import { HotkeyAction } from './hotkeys.js';

/** The page's window as the page sees it; the host's attention policy reads it. */
export const WindowReport = z
  .object({
    /** document.visibilityState is 'visible' (not a background tab, not minimised). */
    visible: z.boolean(),
    /** document.hasFocus(): keys go to the desk. */
    focused: z.boolean(),
    /** The caret is in a field outside the case form (a search, a note): the form must not take it. */
    typingElsewhere: z.boolean(),
  })
  .strict();
export type WindowReport = z.infer<typeof WindowReport>;

/** A notification's words, composed by the host in the operator's language. */
export const Notice = z.object({ title: z.string().max(200), body: z.string().max(600) });
export type Notice = z.infer<typeof Notice>;

/**
 * What the page does for a ringing call (null: stop everything, the call was answered or ended,
 * or the operator is looking at the desk). Parts the desktop shell does natively are left out.
 */
export const PageAttention = z
  .object({
    linkedid: z.string().max(64),
    /** Show this notification (browser mode: the Notification API). */
    notice: Notice.nullable(),
    /** Flash the tab's title with this text, and the favicon. */
    flashTitle: z.string().max(200).nullable(),
    /** Play the ring (a desk phone rings on the desk; the page's ring is for the operator's headset and ears). */
    sound: z.boolean(),
    /** Put the caret in the case form's subject, unless the operator is typing in another field. */
    focusForm: z.boolean(),
  })
  .nullable();
export type PageAttention = z.infer<typeof PageAttention>;

/** electron-updater's progress, as the operator needs it. */
export const UpdateState = z.discriminatedUnion('state', [
  /** Browser mode, or no update server configured. */
  z.object({ state: z.literal('off') }),
  z.object({ state: z.literal('idle'), checkedAt: z.number().nullable() }),
  z.object({ state: z.literal('downloading'), version: z.string().max(64) }),
  /** Installed on the next restart (or now, when the operator asks). */
  z.object({ state: z.literal('ready'), version: z.string().max(64), notes: z.string().max(20_000) }),
  z.object({ state: z.literal('failed'), at: z.number() }),
]);
export type UpdateState = z.infer<typeof UpdateState>;

export const DesktopStatus = z.object({
  shell: z.enum(['electron', 'browser']),
  /** Keys registered with the OS (Electron); `registered` false: another program holds the key. */
  globalHotkeys: z.array(z.object({ action: HotkeyAction, combo: z.string(), registered: z.boolean() })),
  update: UpdateState,
});
export type DesktopStatus = z.infer<typeof DesktopStatus>;
