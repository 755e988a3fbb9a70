/**
 * Server-action plumbing: parse FormData with a zod schema, then run the
 * logic. Field errors go back to the form (which keeps its input); anything
 * else becomes one clear message.
 */
import type { z } from 'zod';

export interface ActionState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** The submitted values (never passwords), so the form can keep them. */
  values?: Record<string, string>;
  /** A secret shown once in the answer (a new InfraToken); never stored or logged. */
  reveal?: string;
}

export function formValues(formData: FormData, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !key.startsWith('$') && !omit.includes(key)) values[key] = value;
  }
  return values;
}

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

export async function validated<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  run: (input: z.infer<S>) => Promise<ActionState>,
  options: { secretFields?: string[] } = {},
): Promise<ActionState> {
  const values = formValues(formData, options.secretFields);
  const parsed = schema.safeParse(Object.fromEntries(formData.entries()));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error), values };
  try {
    return { values, ...(await run(parsed.data)) };
  } catch (err) {
    // Redirects and other framework signals must propagate.
    if (err && typeof err === 'object' && 'digest' in err) throw err;
    return { ok: false, message: err instanceof Error ? err.message : 'Something went wrong.', values };
  }
}
