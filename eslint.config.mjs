import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Async mistakes are the expensive ones here: a dropped promise loses money or data.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Domain error enums map several cases onto one client code (EmailTaken and StateConflict are both CONFLICT).
      '@typescript-eslint/no-duplicate-enum-values': 'off',
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Decorated constructor parameters and @Args() types must stay value imports: Nest reads
    // them at runtime through decorator metadata.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  // The dependency direction between domains (ARCHITECTURE.md): a library never imports one above it.
  ...[
    ['identity', ['creators', 'campaigns', 'matching', 'tracking', 'attribution', 'fraud', 'commissions', 'ledger', 'payouts', 'privacy']],
    ['creators', ['campaigns', 'matching', 'tracking', 'attribution', 'fraud', 'commissions', 'ledger', 'payouts', 'privacy']],
    ['campaigns', ['matching', 'tracking', 'attribution', 'fraud', 'commissions', 'ledger', 'payouts', 'privacy']],
    // matching and tracking sit side by side above campaigns: neither imports the other.
    // analytics implements matching's PerformanceSignals port, so matching never imports it.
    ['matching', ['tracking', 'attribution', 'fraud', 'commissions', 'ledger', 'payouts', 'analytics', 'privacy']],
    ['tracking', ['matching', 'attribution', 'fraud', 'commissions', 'ledger', 'payouts', 'privacy']],
    ['attribution', ['matching', 'fraud', 'commissions', 'ledger', 'payouts', 'privacy']],
    // fraud judges orders and clicks for commissions; it never reaches into them.
    ['fraud', ['matching', 'commissions', 'ledger', 'payouts', 'privacy']],
    ['commissions', ['matching', 'ledger', 'payouts', 'privacy']],
    ['ledger', ['matching', 'payouts', 'privacy']],
    // payouts sits at the top of the money flow.
    ['payouts', ['matching', 'privacy']],
    // disclosures judges what creators post for their enrollments; commissions read its answer, never the reverse.
    ['disclosures', ['matching', 'tracking', 'attribution', 'fraud', 'commissions', 'ledger', 'payouts', 'privacy']],
    // The audit log is written by every domain and knows none of them.
    ['audit', ['identity', 'creators', 'campaigns', 'matching', 'tracking', 'attribution', 'fraud', 'commissions', 'ledger', 'payouts', 'privacy']],
    // privacy reads and erases personal data across every domain: it sits above all of them.
    ['analytics', ['privacy']],
  ].map(([lib, above]) => ({
    files: [`libs/${lib}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: above.map((name) => ({ group: [`@app/${name}`], message: `${lib} sits below ${name}` })) }],
    },
  })),
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', globalThis: 'readonly' } },
  },
);
