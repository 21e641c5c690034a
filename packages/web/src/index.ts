export { type ApiApp, apiFor } from './api';
export { createWebApp, type IdentityPicker, type WebOptions } from './app';
export { localWebKey, webKeyFromSecret } from './crypto';
export { type DraftStore, dynamoDraftStore } from './drafts-store';
export { CALLBACK_PATH, type HostedSignIn } from './hosted-sign-in';
export type { PickerIdentity } from './pages/general';
