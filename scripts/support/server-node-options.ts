/**
 * The Node.js options of the production server, in one place (package.json
 * "config.serverNodeOptions"): `npm start`/`npm run serve` pass them through
 * npm, and the test servers, the e2e server (scripts/e2e-server.mjs reads the
 * same line) and the benchmark read them here, so every measurement runs the
 * server exactly as it is deployed.
 *  - --max-http-header-size=65536: long SCIM filters in URLs get a SCIM 400, not a bare 431.
 *  - --max-old-space-size=256: a bounded heap; without it V8 grows the heap
 *    lazily and the server idles at ~370 MB resident (issue 6: < 400 MB under load).
 * Paths are relative to the repository root, the working directory of every runner here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const pkg = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')) as { config: { serverNodeOptions: string } };

export const SERVER_NODE_OPTIONS = pkg.config.serverNodeOptions;
