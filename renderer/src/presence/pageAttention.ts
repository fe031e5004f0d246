/**
 * Carries out in the page what the host decided for a ringing call (`attention.ring`): a
 * notification, the tab's title and favicon flashing, the ring, the caret in the form. The host
 * decides (main/host/attention.ts); nothing here weighs whether to.
 */
import type { PageAttention } from '../../../core/desktop.js';
import type { Notice } from '../../../core/desktop.js';
import type { DeskClient } from '../shared/api/deskClient.js';
import type { RingSound } from './ringSound.js';
import type { TitleFlash } from './titleFlash.js';

export interface PageNotifier {
  /** null: notifications are not allowed (the flashing title and the ring still tell). */
  show(notice: Notice, tag: string, onClick: () => void): { close(): void } | null;
}

export interface AttentionPage {
  notifier: PageNotifier;
  flash: TitleFlash;
  ring: RingSound;
  /** The caret into the case form's subject, unless the operator is typing in another field. */
  focusForm(): void;
  /** This tab in front (a click on the notification may do that; nothing else may). */
  raiseTab(): void;
}

export function followAttention(client: Pick<DeskClient, 'on'>, page: AttentionPage): () => void {
  let shown: { close(): void } | null = null;

  const stop = () => {
    shown?.close();
    shown = null;
    page.flash.stop();
    page.ring.want('attention', false);
  };

  const carryOut = (attention: PageAttention) => {
    stop();
    if (attention === null) return;
    if (attention.notice) {
      shown = page.notifier.show(attention.notice, attention.linkedid, () => {
        page.raiseTab();
        page.focusForm();
        stop();
      });
    }
    if (attention.flashTitle) page.flash.start(attention.flashTitle);
    if (attention.sound) page.ring.want('attention', true);
    if (attention.focusForm) page.focusForm();
  };

  const off = client.on('attention.ring', carryOut);
  return () => {
    off();
    stop();
  };
}
