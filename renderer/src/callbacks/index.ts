/**
 * Call-backs: the feedback operators' worklist (claim, dial, outcome) and the operator's
 * "call me back at…" request. Texts live in the 'callbacks' i18next namespace (./locales),
 * registered on first use.
 */
export { CallbackWorklist } from './components/CallbackWorklist.js';
export { CallbackRequest } from './components/CallbackRequest.js';
export type { CallbacksPart } from './deskPart.js';
export {
  createCallbackWorklist,
  startWorklistRefresh,
  browserRefreshEnv,
  type CallbackWorklistController,
  type WorklistState,
} from './worklist.js';
export { requestCallback, callbackRequestParams } from './request.js';
export { registerCallbackLocales, CALLBACKS_NS } from './i18n.js';
export { useCallbackText } from './useCallbackText.js';
