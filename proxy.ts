/**
 * Sends signed-out visitors of admin pages to /sign-in before anything
 * renders. It only checks that a valid session token exists; pages and
 * server actions still check the account in the database (revocation).
 */
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { authSecret } from './lib/auth/secret';

export async function proxy(req: NextRequest) {
  const token = await getToken({ req, secret: authSecret() }).catch(() => null);
  if (token) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = '';
  url.searchParams.set('callbackUrl', req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ['/home/:path*', '/dashboard/:path*', '/users/:path*', '/groups/:path*', '/configurations/:path*', '/infra-tokens/:path*', '/activity/:path*'],
};
