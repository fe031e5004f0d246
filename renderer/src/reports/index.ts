/**
 * Reports (team leads): the monthly case report by subject or unit, and the queue and agent
 * statistics of a day, week or month (interval table, charts, agents), on screen and as CSV.
 * Styles: renderer/src/reports/reports.css (a <link> beside styles.css; the CSP forbids injected <style>).
 */
export { ReportsView } from './components/ReportsView.js';
export { reportsTexts } from './texts.js';
