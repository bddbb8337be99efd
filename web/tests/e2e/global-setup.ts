import { startServer } from '../api/harness.mjs';

export default async function globalSetup() {
  const srv = await startServer('sqlite', { engineers: 80 });
  process.env.SKILLGRADE_E2E_URL = srv.url;
  return async () => srv.stop();
}
