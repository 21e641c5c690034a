// /v1/directory/organisations: the receiving organisations a referral can be handed to. Public knowledge, no
// personal data: any authenticated caller may read it.

import { HANDOFF_PURPOSES, ORGANISATION_TYPES, REGIONS, searchDirectory } from '@nrm/domain';
import { OrganisationListing } from '@nrm/schemas';
import * as z from '@nrm/schemas/zod';
import type { AppEnv } from '../context';
import { answers, get, Operations } from './declare';

export const directory = new Operations<AppEnv>().openapi(
  get(
    '/organisations',
    {
      query: z.object({
        type: z.enum(ORGANISATION_TYPES).optional(),
        region: z.enum(REGIONS).optional(),
        purpose: z.enum(HANDOFF_PURPOSES).optional(),
        municipalityCode: z
          .string()
          .regex(/^\d{4}$/, { error: 'must be a 4-digit municipality code' })
          .optional(),
      }),
    },
    answers('The organisations', OrganisationListing, 400, 401),
    {
      operationId: 'listOrganisations',
      summary: 'List receiving organisations',
      description:
        'Social services of every municipality, Barnahus, NSP, the return programme, Migrationsverket, the police regions and the health-care regions, with the hand-off purposes each takes. Filter by any combination.',
    },
  ),
  (c) => {
    const items = searchDirectory(c.req.valid('query')).map((o) => ({ ...o, purposes: [...o.purposes] }));
    return c.json({ items }, 200);
  },
);
