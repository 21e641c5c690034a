// Field groups more than one schema is made of, declared once.
import * as z from './zod';

/** A page of a listing: its items, and the cursor of the next page (null on the last). */
export const page = <T extends z.ZodType>(items: T) => ({
  items: z.array(items),
  nextCursor: z.string().nullable(),
});

/** What every view of a referral begins with: which view it is (what tells the views apart), its id and case number. */
export const referralViewHead = <V extends string>(view: V, whose: string) => ({
  view: z.literal(view).openapi({ description: `Which view of a referral this is: ${whose}.` }),
  id: z.string(),
  reference: z.string(),
});

/** The need flags beside acute protection, as the referral and the case file name them. */
export const optionalNeeds = {
  shelter: z.boolean().optional(),
  medical: z.boolean().optional(),
  safetyThreat: z.boolean().optional(),
};
