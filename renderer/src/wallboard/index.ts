/**
 * The team lead's wallboard and the operator's queue controls.
 *
 * Mounting:
 *   registerWallboardLocales(i18n);                 // once, next to createI18n
 *   const wallboard = createWallboard(desk.client); // once, next to createDesk
 *   <WallboardProvider wallboard={wallboard}> … </WallboardProvider>
 *   team lead:  <WallboardScreen />
 *   operator:   <OperatorQueuePanel agentInterface={agent?.agentInterface ?? null} />
 *               <HangupButton linkedid={screenPop?.call.linkedid ?? null} />
 * Styles: renderer/src/wallboard/wallboard.css (a <link> beside styles.css; the CSP forbids injected <style>).
 */
export { WallboardScreen, type WallboardScreenProps } from './components/WallboardScreen.js';
export { OperatorQueuePanel, type OperatorQueuePanelProps } from './components/OperatorQueuePanel.js';
export { HangupButton, type HangupButtonProps } from './components/HangupButton.js';
export { WallboardProvider, useWallboard } from './components/WallboardContext.js';
export { createWallboard, type Wallboard, type WallboardOptions } from './createWallboard.js';
export { registerWallboardLocales, WALLBOARD_NS, pauseReasonLabel } from './i18n.js';
export { startQueueSync, type QueueSync } from './queueSync.js';
export {
  createQueueStore,
  selectAgentRow,
  selectAgents,
  selectHistory,
  selectSettings,
  selectSnapshot,
  selectStatus,
  selectTiles,
  type QueueFeedStatus,
  type QueueState,
  type QueueStore,
} from './queueStore.js';
export { createTicker, type Ticker } from './ticker.js';
export { createQueueActions, type QueueActions, type ActionFailure } from './queueActions.js';
export { alertLevel, type AlertLevel } from './queueFigures.js';
export { formatMmSs, formatPercent, formatDurationSec } from './format.js';
