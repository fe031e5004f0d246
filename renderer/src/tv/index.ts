/**
 * The team lead's wallboard on a TV with no desk: renderer/tv.html, which the central server serves
 * at /wallboard/ (server/queueStats/wallboardPage.ts). A team lead or an admin logs in on the page;
 * the desk's own wallboard (renderer/src/wallboard, TV view, read only) shows the live channel's
 * queue figures (`event: queues`) through a DeskClient whose transport is that stream (figuresFeed.ts).
 *
 * Mounting (main.tsx):
 *   registerWallboardLocales(i18n); registerTvLocales(i18n);
 *   const page = createTvPage({ storage: sessionStoreOf(window), fetch: window.fetch.bind(window) });
 *   <TvApp page={page} />
 * Styles: styles.css, wallboard/wallboard.css and tv/tv.css, linked by tv.html (the CSP forbids injected <style>).
 */
export { TvApp } from './components/TvApp.js';
export { createTvPage, type TvPage, type TvPageDeps } from './tvPage.js';
export { registerTvLocales, TV_NS } from './i18n.js';
export { sessionStoreOf } from './tvSession.js';
