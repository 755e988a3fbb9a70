/**
 * Runs once when a server instance starts, before it serves: opens the
 * database and applies pending migrations, and checks the configuration.
 * Any failure stops the process with a message saying what to fix.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/server/startup');
  await startServer();
}
