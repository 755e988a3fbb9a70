/**
 * isDatabaseUnavailable on the errors the drivers really raise when nothing
 * listens on the database port (raw pg and Prisma through its pg adapter),
 * and on errors that are the query's fault.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { openPostgres } from './drivers';
import { isDatabaseUnavailable } from './errors';
import { PrismaClient } from './generated/client';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('isDatabaseUnavailable', () => {
  it('recognizes a refused connection from raw SQL and from Prisma (P1001 with the adapter error inside)', async () => {
    const opened = await openPostgres(`postgresql://postgres@127.0.0.1:${await closedPort()}/nowhere`);
    const prisma = new PrismaClient({ adapter: opened.adapter });
    try {
      const raw = await opened.sql.query('SELECT 1').catch((e: unknown) => e);
      expect(isDatabaseUnavailable(raw)).toBe(true);
      const viaPrisma = await prisma.extensionAttribute.findMany().catch((e: unknown) => e);
      expect(viaPrisma).toMatchObject({ code: 'P1001' });
      expect(isDatabaseUnavailable(viaPrisma)).toBe(true);
      // Recognized by the adapter's error alone, too (other Prisma codes may wrap it).
      expect(isDatabaseUnavailable({ code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } })).toBe(true);
    } finally {
      await prisma.$disconnect();
      await opened.sql.close();
    }
  });

  it('does not take a bad query or a constraint for an outage, and survives a cyclic cause', () => {
    expect(isDatabaseUnavailable({ code: '42601', message: 'syntax error at or near "SELEC"' })).toBe(false);
    expect(isDatabaseUnavailable({ code: 'P2002', meta: { target: ['user_name_key'] } })).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    const a: { message: string; cause?: unknown } = { message: 'a' };
    const b = { message: 'b', cause: a };
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
    expect(isDatabaseUnavailable({ message: 'x', cause: { code: '57P01' } })).toBe(true);
  });
});
