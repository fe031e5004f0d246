/**
 * The shell's one door for features: the wired desk (createDesk in ./desk.ts) and hooks that read
 * its stores. Features never import the shell's other files; the shell imports features only
 * through their own index.ts.
 */
export { useDesk } from './DeskContext.js';
export { useCall, useCallbacks, useCaseForm, useCases, useCatalogue, useDetail, useDraftSave, useHost, useSearch, useSync } from './hooks.js';
