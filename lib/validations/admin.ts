/** Admin account input, shared by the /setup form, its server action and the CLI. */
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 12;

export const adminAccountSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(200, 'Keep the name under 200 characters.'),
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(1024, 'Keep the password under 1024 characters.'),
});

export type AdminAccountInput = z.infer<typeof adminAccountSchema>;

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1),
  password: z.string().min(1).max(1024),
});
