/** Input of the "Remove" action of a custom attribute on the Configurations page. */
import { z } from 'zod';

export const removeCustomAttributeSchema = z.object({
  schemaUrn: z.string().trim().min(1).max(300),
  name: z.string().trim().min(1).max(64),
});
