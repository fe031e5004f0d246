/** Reports: the monthly case report by subject or unit, on screen and as CSV. */
export { ReportsView } from './components/ReportsView.js';
export { reportsTexts } from './texts.js';
