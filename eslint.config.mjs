// ESLint 9 flat config: `npm run lint`.
// Correctness only — no formatting rules (no prettier): layout is the author's.
//  - typescript-eslint's recommended rules (syntactic, no type information: fast, and no tsconfig coupling);
//  - Microsoft's eslint-plugin-office-addins on the code that talks to Office.js
//    (load before read, sync before read, no sync in a loop, null objects tested with isNullObject);
//  - the React hooks rules on the task pane and the demo;
//  - the pages' bootstrap (src/bootstrap/support.js) parsed as ES5: IE11 runs it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';

/** The Node.js globals the build scripts, the CLI entry and the e2e harness use. */
const node = Object.fromEntries(
  ['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer', 'URL',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'globalThis'].map((g) => [g, 'readonly']),
);

/** The browser globals the ES5 bootstrap may touch (it receives `window` as a parameter otherwise). */
const es5Browser = { window: 'readonly', selfevalSupport: 'readonly' };

export default tseslint.config(
  {
    // Directives left from before the linter ran are not errors.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  {
    ignores: ['dist/**', 'dist-web/**', 'dist-wps/**', 'dist-wps-offline/**', 'lib/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', 'samples/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Project-wide: keep the set small so that parallel work does not drown in style errors.
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/hosts/excel/**/*.ts', 'src/commands/**/*.ts', 'src/taskpane/index.tsx'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/load-object-before-read': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/call-sync-after-load': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-office-initialize': 'error',
    },
  },
  {
    files: ['src/taskpane/**/*.tsx', 'src/demo/**/*.tsx', 'test/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests and scripts: an unused helper is untidy, not a bug; tests may require() lazily.
    files: ['test/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    // The harness runs code in the page too (page.evaluate).
    files: ['test/e2e/**/*.js', 'scripts/check-pages.js'],
    languageOptions: {
      globals: { ...node, document: 'readonly', window: 'readonly', atob: 'readonly', DataTransfer: 'readonly', File: 'readonly', DragEvent: 'readonly', getComputedStyle: 'readonly' },
    },
  },
  {
    files: ['src/bootstrap/support.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: es5Browser },
    rules: { 'no-var': 'off', 'prefer-rest-params': 'off', '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: node },
  },
);
