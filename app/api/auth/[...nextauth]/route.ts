import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

// Options are built per request: the secret is resolved at run time, never at build time.
async function handler(req: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(await authOptions())(req, { params: await context.params });
}

export { handler as GET, handler as POST };
