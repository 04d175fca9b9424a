// The CSV files of the one map and the dashboard: what Excel needs to open Chinese text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv } from '../src/insight/csv.js';

test('starts with a UTF-8 byte-order mark and ends lines with CRLF', () => {
    const text = toCsv(['道路', '事故数'], [['水厂路', 3]]);
    assert.equal(text, '\uFEFF道路,事故数\r\n水厂路,3\r\n');
    assert.deepEqual([...Buffer.from(text, 'utf8').subarray(0, 3)], [0xef, 0xbb, 0xbf]);
});

test('quotes commas, quotes and line breaks, and leaves empty values empty', () => {
    assert.equal(toCsv(['a'], [['x,y'], ['say "hi"'], ['two\nlines'], [null], [undefined]]),
        '\uFEFFa\r\n"x,y"\r\n"say ""hi"""\r\n"two\nlines"\r\n\r\n\r\n');
});
