import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** One no-restricted-imports rule per layer: nothing from the folders above it (no React where `react` is false; zustand only where allowed). */
function layers(specs) {
  return specs.map(({ files, ignores, above, react, zustand = false, extra = [] }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: above.flatMap((d) => [`**/${d}`, `**/${d}/**`]), message: `This layer must not import from ${above.join(', ')} (see the layer list in eslint.config.js).` },
            ...(react ? [] : [{ group: ['react', 'react-dom', 'react-dom/*', ...(zustand ? [] : ['zustand', 'zustand/*'])], message: 'Protocol and engine code knows nothing of React or the store.' }]),
            ...extra,
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Event content is data: never inject HTML.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The layers, bottom to top: core → lib → filter, transport → dialects → engine → io, settings, entities, alerts, rates → store →
  // components → app (main.tsx, App, bootstrap). A module imports only from its own layer and those below it, and
  // protocol code knows nothing of React.
  ...layers([
    { files: ['src/core/**'], above: ['lib', 'filter', 'transport', 'dialects', 'engine', 'io', 'settings', 'entities', 'alerts', 'rates', 'store', 'components', 'app'], react: false },
    { files: ['src/lib/**'], above: ['filter', 'transport', 'dialects', 'engine', 'io', 'settings', 'entities', 'alerts', 'rates', 'store', 'components', 'app'], react: false },
    { files: ['src/filter/**', 'src/transport/**'], above: ['dialects', 'engine', 'io', 'settings', 'entities', 'alerts', 'rates', 'store', 'components', 'app'], react: false },
    { files: ['src/dialects/**'], above: ['engine', 'io', 'settings', 'entities', 'alerts', 'rates', 'store', 'components', 'app'], react: false },
    { files: ['src/engine/**'], above: ['dialects', 'transport', 'io', 'settings', 'entities', 'alerts', 'rates', 'store', 'components', 'app'], react: false },
    { files: ['src/io/**', 'src/settings/**', 'src/entities/**', 'src/alerts/**', 'src/rates/**'], above: ['store', 'components', 'app'], react: false },
    { files: ['src/store/**'], above: ['components', 'app'], react: false, zustand: true },
    // Components see a dialect through its index (its public surface) and its types, never its wire formats.
    {
      files: ['src/components/**'],
      above: ['app'],
      react: true,
      extra: [
        { group: ['**/dialects/*/*', '!**/components/dialects/*/*'], message: "Components import a dialect's index, never its decode/protocol modules." },
        { group: ['**/core/frames', '**/transport', '**/transport/**'], message: 'Components know nothing of wire formats or sockets.' },
      ],
    },
  ]),
  {
    files: ['demo/**/*.{js,mjs}', 'scripts/**/*.mjs', 'bench/**/*.mjs', 'e2e/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
);
