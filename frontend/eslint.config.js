// ESLint's flat config: the recommended rules for the pages (browser globals), the tests that
// run in node (node globals), and the few rules that keep this codebase's habits.
import js from '@eslint/js';
import globals from 'globals';

export default [
    { ignores: ['node_modules/', 'dist/'] },
    js.configs.recommended,
    {
        files: ['**/*.js', '**/*.mjs'],
        languageOptions: {
            ecmaVersion: 2023,
            sourceType: 'module',
            globals: globals.browser,
        },
        rules: {
            // issue 9: the pages run under a CSP without 'unsafe-eval', and text is never HTML
            'no-eval': 'error',
            'no-implied-eval': 'error',
            'no-new-func': 'error',
            'no-restricted-properties': ['error',
                { property: 'innerHTML', message: 'Text goes in text nodes (h() children).' },
                { property: 'outerHTML', message: 'Text goes in text nodes (h() children).' },
                { property: 'insertAdjacentHTML', message: 'Build elements with h().' },
            ],
            'no-restricted-syntax': ['error',
                { selector: 'CallExpression[callee.property.name="write"]'
                    + '[callee.object.name="document"]', message: 'No document.write.' },
            ],
            'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_',
                caughtErrors: 'none' }],
            eqeqeq: ['error', 'always', { null: 'ignore' }],
            'prefer-const': 'error',
            'no-var': 'error',
        },
    },
    {
        files: ['e2e/**', 'test/**', 'vite.config.js', 'eslint.config.js'],
        languageOptions: { globals: { ...globals.node, ...globals.browser } },
    },
];
