/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships wasm and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@electric-sql/pglite-socket', 'pg'],
  poweredByHeader: false,
  // Separate build folders let several builds coexist (e.g. NEXT_DIST_DIR=.next-bench).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The SCIM base URL is /scim/v2; IdPs append paths with or without a trailing slash.
  skipTrailingSlashRedirect: true,
  typedRoutes: false,
};

export default nextConfig;
