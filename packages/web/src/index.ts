export { type ApiApp, apiFor } from './api';
export { createWebApp, type IdentityPicker, type WebOptions } from './app';
export { localWebKey, webKeyFromEnv } from './crypto';
export { type DraftStore, dynamoDraftStore } from './drafts-store';
export type { PickerIdentity } from './pages/general';
