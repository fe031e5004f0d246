/**
 * Auto-update's state as the operator sees it, from electron-updater's events. Pure; the updater
 * itself runs in the Electron shell (main/shell/electronUpdater.ts).
 */
import type { UpdateState } from '../../core/desktop.js';
import type { ReleaseNotes, UpdaterEvent } from './desktopShell.js';

const NOTES_MAX = 20_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/**
 * The release notes as plain text: the update server's latest.yml may carry HTML (a GitHub-style
 * release) and the page shows text only, never markup from a server.
 */
export function releaseNotesText(notes: ReleaseNotes): string {
  if (notes === null) return '';
  const raw = typeof notes === 'string' ? notes : notes.map((n) => [n.version, n.note ?? ''].join('\n')).join('\n\n');
  const text = raw
    .replace(/<\s*(br|\/p|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_all, name: string) => ENTITIES[name] ?? '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text.length <= NOTES_MAX ? text : `${text.slice(0, NOTES_MAX - 1)}…`;
}

export function updateReduced(state: UpdateState, event: UpdaterEvent, nowMs: number): UpdateState {
  // A downloaded update stays ready whatever a later check says: it installs on the next restart.
  if (state.state === 'ready' && event.kind !== 'downloaded') return state;
  switch (event.kind) {
    case 'checking':
      return state.state === 'downloading' ? state : { state: 'idle', checkedAt: state.state === 'idle' ? state.checkedAt : null };
    case 'none':
      return { state: 'idle', checkedAt: nowMs };
    case 'downloading':
      return { state: 'downloading', version: event.version.slice(0, 64) };
    case 'downloaded':
      return { state: 'ready', version: event.version.slice(0, 64), notes: releaseNotesText(event.notes) };
    case 'error':
      return { state: 'failed', at: nowMs };
  }
}
