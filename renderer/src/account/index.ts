/** The desk's account on the central server: login and password change. */
export { LoginDialog } from './components/LoginDialog.js';
export { PasswordDialog } from './components/PasswordDialog.js';
export { accountTexts } from './texts.js';
// The login form, for the other login of the renderer (the server's TV page, renderer/src/tv).
export { CredentialFields, useLoginForm, type CredentialFieldsProps, type LoginFormControl } from './components/CredentialFields.js';
export { canSubmit, type LoginError, type LoginFormState } from './loginForm.js';
