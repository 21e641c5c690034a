// Drafts of the referral form: stored by @nrm/store/drafts (the referrals table, its key model); this module keeps the
// web's names for them and seals with the web key's `Sealer`.
import { draftStore } from '@nrm/store/drafts';
import type { Sealer } from './crypto';

export {
  DRAFT_CAP,
  DRAFT_DAYS,
  DRAFT_WRITES_PER_MINUTE,
  type Draft,
  type DraftStore,
  type DraftSummary,
  type DraftValues,
} from '@nrm/store/drafts';

export const dynamoDraftStore = (sealer: Sealer) => draftStore(sealer);
