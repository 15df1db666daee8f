export default async function globalTeardown() {
  await globalThis.marketplaceTestServices?.stop();
}
