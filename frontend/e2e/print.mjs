// Downloading the school bus's printed documents from the pages, for tests and the lead's walk
// through the coordinator desk: click the page's own button, read the PDF's text with pdf.js.
import { readFile } from 'node:fs/promises';

/**
 * The text of a PDF, page after page (the CJK font carries its ToUnicode map, so Chinese reads
 * back as written).
 * @param {Uint8Array} bytes
 */
export async function textOfPdf(bytes) {
    // pdf.js 6 asks for Node 22; on Node 20 it needs only this one newer call
    Promise.withResolvers ??= () => {
        const out = {};
        out.promise = new Promise((resolve, reject) => Object.assign(out, { resolve, reject }));
        return out;
    };
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
    const pages = await Promise.all(Array.from({ length: doc.numPages }, async (_, i) =>
        (await (await doc.getPage(i + 1)).getTextContent()).items.map((item) => item.str)
            .join('')));
    return pages.join('\n');
}

/** Clicks `selector` on the page and returns the file it downloads. */
export async function downloadFrom(page, selector) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/**
 * Downloads a line's route sheet from the coordinator's plan page (#/bus, a plan shown) with
 * the page's own button, and returns its file name, bytes and, for a PDF, its text.
 * @param {import('playwright-core').Page} page
 * @param {{ run?: 'evening' | 'morning', line?: number, format?: 'pdf' | 'csv' }} [which]
 */
export async function downloadRouteSheet(page, { run = 'evening', line = 1, format = 'pdf' } = {}) {
    const selector = `#bus-print li[data-run=${run}][data-line="${line}"]`
        + ` button[data-print=sheet-${format}]`;
    await page.waitForSelector(selector);
    const file = await downloadFrom(page, selector);
    const text = format === 'pdf' ? await textOfPdf(file.bytes)
        : new TextDecoder().decode(file.bytes);
    return { ...file, text };
}
