/** Input of the SCIM Provisioning switch on the Configurations page. */
import { z } from 'zod';

export const scimProvisioningSchema = z.object({
  enabled: z.enum(['on', 'off'], 'Choose on or off.').transform((v) => v === 'on'),
});
