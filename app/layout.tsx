import type { Metadata, Viewport } from 'next';
import localFont from 'next/font/local';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { THEME_COOKIE, themeScript, type ThemePreference } from '@/components/shell/theme';
import './globals.css';

// Shipped with the app (npm package), never fetched from Google at build time.
const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  variable: '--font-inter',
  display: 'swap',
  weight: '100 900',
});

export const metadata: Metadata = {
  title: { default: 'Roster', template: '%s · Roster' },
  description: 'User provisioning hub: SCIM 2.0 for Okta and Microsoft Entra ID',
  icons: { icon: '/favicon.svg' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fafafa' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const stored = (await cookies()).get(THEME_COOKIE)?.value;
  const theme: ThemePreference = stored === 'light' || stored === 'dark' ? stored : 'system';
  return (
    <html lang="en" className={`${inter.variable} ${theme === 'dark' ? 'dark' : ''}`} data-theme={theme} suppressHydrationWarning>
      <head>
        {/* Applies the system theme before first paint when no explicit choice is stored. */}
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
