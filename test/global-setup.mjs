// Runs once before every test file, from the compiled code (`npm test` builds first).
import { startTestServices } from '../dist/libs/testing/src/test-services.js';

export default async function globalSetup() {
  globalThis.marketplaceTestServices = await startTestServices();
}
