/** Custom SCIM attribute input, shared by the Configurations page and the CLI. */
import { z } from 'zod';
import { CUSTOM_URN_PATTERN, URN } from '../scim/schemas/urns';

export const ATTRIBUTE_TYPES = ['string', 'boolean', 'integer', 'decimal', 'dateTime', 'reference'] as const;

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

export const customAttributeSchema = z.object({
  schemaUrn: z
    .string()
    .trim()
    .refine(
      (v) => CUSTOM_URN_PATTERN.test(v) || v.toLowerCase() === URN.EnterpriseUser.toLowerCase() || v.toLowerCase() === URN.User.toLowerCase(),
      'Use a schema URN such as urn:ietf:params:scim:schemas:extension:acme:2.0:User (or the enterprise or core User URN).',
    ),
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'Start with a letter; use letters, digits, "_" or "-" (64 characters at most).'),
  type: z.enum(ATTRIBUTE_TYPES).default('string'),
  multiValued: checkbox.default(false),
  required: checkbox.default(false),
  caseExact: checkbox.default(false),
  description: z.string().trim().max(500).default(''),
});

export type CustomAttributeInput = z.input<typeof customAttributeSchema>;
