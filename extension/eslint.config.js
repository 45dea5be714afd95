import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['dist/', 'dist-firefox/', 'dist-zip/', 'src/generated/', 'node_modules/'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Page and policy text never becomes HTML; the one exception (sanitized guideline HTML) uses DOMPurify's
      // DOM fragment output instead of these properties.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Build DOM with createElement and textContent.' },
        { property: 'outerHTML', message: 'Build DOM with createElement and textContent.' },
        { property: 'insertAdjacentHTML', message: 'Build DOM with createElement and textContent.' },
      ],
    },
  },
  {
    files: ['src/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
  {
    files: ['src/background/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker, ...globals.webextensions } },
  },
  {
    files: ['test/**/*.js', 'build/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Browser tests also hold functions that run inside the page or the extension (page.evaluate).
    files: ['e2e/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
  {
    // The URL filter parser refuses control characters, so its regular expressions name them.
    files: ['src/lib/url-filter-parser.js'],
    rules: { 'no-control-regex': 'off' },
  },
];
