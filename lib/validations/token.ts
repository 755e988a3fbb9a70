/** InfraToken input, shared by the InfraTokens form, its server action and the CLI. */
import { z } from 'zod';

export const TOKEN_EXPIRY_CHOICES = ['7', '30', '60', '90', 'never'] as const;

export const createTokenSchema = z.object({
  label: z.string().trim().min(3, 'Use at least 3 characters for the label.').max(100, 'Keep the label under 100 characters.'),
  expiresInDays: z
    .union([z.enum(TOKEN_EXPIRY_CHOICES), z.coerce.number().int().min(1).max(3650)])
    .transform((v) => (v === 'never' ? null : Number(v))),
});

export type CreateTokenInput = z.input<typeof createTokenSchema>;
