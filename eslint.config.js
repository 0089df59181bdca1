import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    // shared/ is pure TypeScript for both sides: no Node, no DOM, no electron, no React.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'fs',
            'path',
            'electron',
            'react',
            'react-dom',
            '../electron/*',
            '../renderer/*',
          ],
        },
      ],
    },
  },
  {
    // Only main and preload may import electron (it throws in plain Node on Electron >= 42).
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts', 'electron/web/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
  {
    // The renderer is a sandboxed web page: no Node, no electron; the host is reached through the bridge.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'path', 'electron', '../electron/*', '../../electron/*', 'ws'] },
      ],
    },
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js', '*.js', '*.ts'],
    languageOptions: { globals: globals.node },
  },
);
