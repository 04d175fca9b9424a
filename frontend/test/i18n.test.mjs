// The dictionaries, checked without a browser: every messages.js under src/ (the shell's and each
// feature's) must give every key in both languages, with the same placeholders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dictionaryKeys } from '../src/i18n.js';

const SRC = new URL('../src/', import.meta.url).pathname;
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const files = (await readdir(SRC, { recursive: true }))
    .filter((file) => file === 'messages.js' || file.endsWith('/messages.js'));
const dictionaries = [];
for (const file of files) {
    for (const [name, value] of Object.entries(await import(pathToFileURL(join(SRC, file))))) {
        if (value?.['zh-CN'] && value?.en) dictionaries.push({ label: `${file} ${name}`, ...value });
    }
}

test('every area has one dictionary, exported by its messages.js', () => {
    for (const file of files) {
        assert.equal(dictionaries.filter(({ label }) => label.startsWith(`${file} `)).length, 1,
            file);
    }
    assert.deepEqual(['accident', 'bus', 'payments'].filter((area) =>
        !files.includes(`${area}/messages.js`)), []);
});

test('importing a messages.js registers its dictionary (the one way to add strings)', () => {
    for (const lang of ['zh-CN', 'en']) {
        const registered = new Set(dictionaryKeys(lang));
        for (const dictionary of dictionaries) {
            const missing = Object.keys(dictionary[lang]).filter((key) => !registered.has(key));
            assert.deepEqual(missing, [], `${dictionary.label} ${lang}`);
        }
    }
});

test('only messages.js files call addMessages', async () => {
    const callers = [];
    for (const file of await readdir(SRC, { recursive: true })) {
        if (!file.endsWith('.js') || file === 'i18n.js' || file.endsWith('messages.js')) continue;
        if ((await readFile(join(SRC, file), 'utf8')).includes('addMessages(')) callers.push(file);
    }
    assert.deepEqual(callers, []);
});

test('the shell has a dictionary', () => {
    assert.ok(dictionaries.some(({ label }) => label === 'messages.js coreMessages'));
});

for (const dictionary of dictionaries) {
    const zh = dictionary['zh-CN'];
    const { en } = dictionary;

    test(`${dictionary.label}: every key is in both languages`, () => {
        assert.deepEqual(Object.keys(en).filter((key) => !(key in zh)), [], 'only in English');
        assert.deepEqual(Object.keys(zh).filter((key) => !(key in en)), [], 'only in Chinese');
    });

    test(`${dictionary.label}: both languages fill the same placeholders`, () => {
        for (const [key, text] of Object.entries(zh)) {
            assert.deepEqual(placeholders(en[key] ?? ''), placeholders(text), key);
        }
    });
}

test('no key is defined by two dictionaries', () => {
    const seen = new Map();
    for (const dictionary of dictionaries) {
        for (const key of Object.keys(dictionary['zh-CN'])) {
            assert.ok(!seen.has(key), `${key} in ${seen.get(key)} and ${dictionary.label}`);
            seen.set(key, dictionary.label);
        }
    }
});
