/** Input of the InfraToken "Revoke" action. */
import { z } from 'zod';

export const revokeTokenSchema = z.object({ id: z.uuid('Unknown InfraToken.') });
