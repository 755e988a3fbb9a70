/**
 * Roster's command line, for automation and tests: `npm run roster -- <command>`.
 * It works on the configured database (DATABASE_URL, or the embedded one in
 * ROSTER_DATA_DIR: stop the server first, PGlite allows one process) and
 * goes through the same services as the dashboard.
 */
import { parseArgs } from 'node:util';
import { connectDatabase, setDb } from '../lib/db';
import { createAdmin } from '../lib/services/admins';
import { addCustomAttribute, listCustomAttributes, removeCustomAttribute, setScimEnabled } from '../lib/services/instance-config';
import { createInfraToken, listInfraTokens, revokeInfraToken, type Actor } from '../lib/services/tokens';
import { adminAccountSchema } from '../lib/validations/admin';
import { customAttributeSchema } from '../lib/validations/custom-attribute';
import { createTokenSchema } from '../lib/validations/token';

const USAGE = `Usage: npm run roster -- <command>

  scim enable | disable
  token create --label NAME [--expires-days N]   prints the token alone on the last line
  token list
  token revoke ID
  admin create --email EMAIL --name NAME          reads the password from stdin
  attribute add --schema URN --name NAME --type string|boolean|integer|decimal|dateTime|reference
                [--multi-valued] [--required] [--case-exact] [--description TEXT]
  attribute list
  attribute remove --schema URN --name NAME
`;

const actor: Actor = { name: 'command line' };

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('Pipe the password on stdin, e.g.: printf %s "$PASSWORD" | npm run roster -- admin create …');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(none)';
  const keys = Object.keys(rows[0]);
  const cells = rows.map((r) => keys.map((k) => (r[k] instanceof Date ? (r[k] as Date).toISOString() : String(r[k] ?? '—'))));
  const widths = keys.map((k, i) => Math.max(k.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(keys), ...cells.map(line)].join('\n');
}

function zodMessage(err: unknown): string {
  const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  return issues ? issues.map((i) => `${String(i.path[0] ?? '')}: ${i.message}`).join('; ') : String(err);
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      label: { type: 'string' },
      'expires-days': { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      schema: { type: 'string' },
      type: { type: 'string' },
      description: { type: 'string' },
      'multi-valued': { type: 'boolean' },
      required: { type: 'boolean' },
      'case-exact': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [area, verb, arg] = positionals;
  if (values.help || !area) {
    console.log(USAGE);
    return;
  }
  const command = `${area} ${verb ?? ''}`.trim();
  switch (command) {
    case 'scim enable':
    case 'scim disable': {
      const config = await setScimEnabled(verb === 'enable', actor);
      console.log(`SCIM Provisioning is ${config.scimEnabled ? 'on' : 'off'}.`);
      return;
    }
    case 'token create': {
      const parsed = createTokenSchema.safeParse({ label: values.label ?? '', expiresInDays: values['expires-days'] ?? 'never' });
      if (!parsed.success) throw new UsageError(zodMessage(parsed.error));
      const { token, summary } = await createInfraToken(parsed.data, actor);
      console.error(`Created InfraToken "${summary.label}" (${summary.id}), ${summary.expiresAt ? `expires ${summary.expiresAt.toISOString()}` : 'never expires'}. It is shown only now:`);
      console.log(token);
      return;
    }
    case 'token list': {
      const tokens = await listInfraTokens();
      console.log(table(tokens.map((t) => ({ id: t.id, label: t.label, prefix: t.prefix, status: t.status, created: t.createdAt, expires: t.expiresAt ?? 'never', lastUsed: t.lastUsedAt }))));
      return;
    }
    case 'token revoke': {
      if (!arg) throw new UsageError('token revoke needs the token id (see token list).');
      const t = await revokeInfraToken(arg, actor);
      console.log(`Revoked InfraToken "${t.label}" (${t.id}).`);
      return;
    }
    case 'admin create': {
      const parsed = adminAccountSchema.safeParse({ email: values.email ?? '', name: values.name ?? '', password: await readStdin() });
      if (!parsed.success) throw new UsageError(zodMessage(parsed.error));
      const admin = await createAdmin(parsed.data);
      console.log(`Created admin ${admin.email} (${admin.id}).`);
      return;
    }
    case 'attribute add': {
      const parsed = customAttributeSchema.safeParse({
        schemaUrn: values.schema ?? '',
        name: values.name ?? '',
        type: values.type ?? 'string',
        multiValued: values['multi-valued'] ?? false,
        required: values.required ?? false,
        caseExact: values['case-exact'] ?? false,
        description: values.description ?? '',
      });
      if (!parsed.success) throw new UsageError(zodMessage(parsed.error));
      const a = await addCustomAttribute(parsed.data, actor);
      console.log(`Added ${a.schemaUrn}:${a.name} (${a.type}${a.multiValued ? ', multi-valued' : ''}${a.required ? ', required' : ''}).`);
      return;
    }
    case 'attribute list': {
      const list = await listCustomAttributes();
      console.log(table(list.map((a) => ({ schema: a.schemaUrn, name: a.name, type: a.type, multiValued: a.multiValued, required: a.required, caseExact: a.caseExact }))));
      return;
    }
    case 'attribute remove': {
      if (!values.schema || !values.name) throw new UsageError('attribute remove needs --schema and --name.');
      await removeCustomAttribute(values.schema, values.name, actor);
      console.log(`Removed ${values.schema}:${values.name}.`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

async function main() {
  const db = await connectDatabase();
  setDb(db);
  let code = 0;
  try {
    await run(process.argv.slice(2));
  } catch (err) {
    console.error(`roster: ${err instanceof Error ? err.message : String(err)}`);
    code = err instanceof UsageError ? 2 : 1;
  } finally {
    await db.close();
  }
  process.exit(code);
}

void main();
