// ESLint: typescript-eslint's strict, type-aware rules, with the few tweaks below.
import eslint from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/']),
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // The scripts outside tsconfig.json (this file, the launchers) get a default project.
        projectService: { allowDefaultProject: ['*.js', 'test/*.mjs', '.github/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Numbers in messages are the point of many of them (`after 3 attempts`).
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `(line) => core.info(line)` and `return send(…)` in a void function: the house style.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      // An async function without await is how a method meets an interface that returns a Promise.
      '@typescript-eslint/require-await': 'off',
      // Control characters are matched on purpose: that is how server text is made inert.
      'no-control-regex': 'off',
      // `const { GITHUB_REPOSITORY: _, ...env } = process.env`: the rest is what is used.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain JavaScript has no types to check.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['test/**'],
    rules: {
      // After an expect() that checked it, `run.outputs.status!` says what the test knows.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // vitest's asymmetric matchers (expect.stringMatching) are typed any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // A fake's handler ends early with `return send(…)`.
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
);
