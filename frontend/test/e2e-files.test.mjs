// The browser tests run one file per process (node --test e2e/). A file that imports another
// *.test.mjs runs that file's suite again, first, in its own process: twice the time, and the
// second run meets the demo school as the first one left it. Shared steps live in *.mjs files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const E2E = new URL('../e2e/', import.meta.url).pathname;

test('no browser test file imports another test file', async () => {
    const importing = [];
    for (const file of await readdir(E2E)) {
        if (!file.endsWith('.mjs')) continue;
        const text = await readFile(join(E2E, file), 'utf8');
        for (const [, imported] of text.matchAll(/from\s+'([^']+\.test\.mjs)'/g)) {
            importing.push(`${file} imports ${imported}`);
        }
    }
    assert.deepEqual(importing, []);
});
