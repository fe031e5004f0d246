/** The desk's account on the central server: login and password change. */
export { LoginDialog } from './components/LoginDialog.js';
export { PasswordDialog } from './components/PasswordDialog.js';
export { accountTexts } from './texts.js';
