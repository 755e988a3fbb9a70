/** Single sign-on settings, shared by the Configurations form and its server action. */
import { z } from 'zod';

export const ssoSettingsSchema = z.object({
  issuer: z
    .string()
    .trim()
    .url('Enter the issuer URL, e.g. https://example.okta.com or https://login.microsoftonline.com/<tenant>/v2.0.')
    .refine((v) => /^https?:\/\//i.test(v), 'The issuer must be an http(s) URL.'),
  clientId: z.string().trim().min(1, 'Enter the client id.').max(500),
  clientSecret: z.string().trim().max(2000).default(''),
  displayName: z.string().trim().max(60).default(''),
  matchBy: z.enum(['email', 'userName']).default('email'),
});

export type SsoSettingsFormInput = z.input<typeof ssoSettingsSchema>;
