import type { DeskRole } from '../../core/contract.js';
import { CaseFigures } from '../../core/queueStats.js';
import type { CentralApi } from './centralApi.js';
import type { Handlers } from './dispatch.js';
import { RequestError } from './dispatch.js';

/** How often a team lead's board reads what today's calls became: counts of a day move slowly. */
export const CASE_FIGURES_INTERVAL_MS = 30_000;
const FIRST_READ_RETRY_MS = 5_000;

export interface CaseFiguresService {
  handlers: Pick<Handlers, 'wallboard.caseFigures'>;
  stop(): void;
}

/**
 * The case-aware wallboard's figures (server/queueStats/caseFigures.ts) for a team lead's desk:
 * the host reads them from the central server every half minute and pushes them, as it pushes
 * the queue figures; the page never polls. Other desks neither read nor show them.
 */
export function startCaseFigures(deps: {
  api: CentralApi;
  role: DeskRole;
  push: (figures: CaseFigures) => void;
  log: (line: string) => void;
  intervalMs?: number;
}): CaseFiguresService {
  let latest: CaseFigures | null = null;
  let failing = false;
  const read = async (): Promise<void> => {
    try {
      latest = await deps.api.json(CaseFigures, 'GET', '/api/v1/case-stats/today');
      failing = false;
      deps.push(latest);
    } catch (error) {
      // Once per outage: offline is a normal state, not a log flood. The last figures stay shown.
      if (!failing) deps.log(`case figures: not read (${error instanceof RequestError ? error.error.code : 'error'})`);
      failing = true;
    }
  };
  const lead = deps.role === 'team-lead';
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  // Until the first figures arrive (the desk is still signing in), every few seconds.
  const loop = async (): Promise<void> => {
    await read();
    if (stopped) return;
    timer = setTimeout(() => void loop(), latest === null ? FIRST_READ_RETRY_MS : (deps.intervalMs ?? CASE_FIGURES_INTERVAL_MS));
    timer.unref();
  };
  if (lead) void loop();
  return {
    handlers: {
      'wallboard.caseFigures': () => {
        if (!lead) throw new RequestError({ code: 'forbidden', message: 'The case figures are for team leads' });
        return latest;
      },
    },
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
