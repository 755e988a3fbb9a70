/** The Activity page's URL state: filters and the keyset cursor. */
import { z } from 'zod';
import { flag, optionalChoice, optionalId, searchText, type SearchParams } from './search-params';

export const ACTIVITY_KINDS = ['SCIM', 'ADMIN', 'AUTH', 'SYSTEM'] as const;

export const activityFilterSchema = z.object({
  kind: optionalChoice(ACTIVITY_KINDS),
  errors: flag,
  token: optionalId,
  /** A user id, userName or email: entries about that user. */
  user: searchText(320),
  /** Keyset cursor: show entries older than this entry id. */
  before: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().regex(/^\d{1,18}$/).optional().catch(undefined)),
});

export type ActivityFilter = z.infer<typeof activityFilterSchema>;

export function parseActivityFilter(params: SearchParams): ActivityFilter {
  return activityFilterSchema.parse(params);
}
