/** Input of the "Make admin" / "Remove admin" action on a user page. */
import { z } from 'zod';

export const userRoleSchema = z.object({
  userId: z.uuid('Unknown user.'),
  role: z.enum(['ADMIN', 'MEMBER'], 'Choose admin or member.'),
});

export type UserRoleInput = z.infer<typeof userRoleSchema>;
