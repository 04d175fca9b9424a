// What the browser tests read out of the PDFs the server renders: the QR codes, whether drawn as
// an image (the agreement) or as a grid of filled squares (the determination), and the text.
// PDFBox's output is regular enough that reading the objects by their dictionary does; no PDF
// renderer is needed for the codes.
import { inflateSync, constants as zlib } from 'node:zlib';
import jsQR from 'jsqr';

/**
 * The streams of `pdf`, each with its dictionary and its bytes (inflated when FlateDecode).
 * @param {Buffer} pdf
 * @returns {{ dict: string, bytes: Buffer }[]}
 */
function streams(pdf) {
    const text = pdf.toString('latin1');
    const found = [];
    // an object's dictionary up to its stream, never past the object's end
    const objects = /\d+\s+\d+\s+obj\s*<<((?:(?!endobj)[\s\S])*?)>>\s*stream\r?\n/g;
    for (let m = objects.exec(text); m; m = objects.exec(text)) {
        const start = m.index + m[0].length;
        const end = text.indexOf('endstream', start);
        const raw = pdf.subarray(start, end);
        const bytes = /\/FlateDecode/.test(m[1])
            ? inflateSync(raw, { finishFlush: zlib.Z_SYNC_FLUSH }) : raw;
        found.push({ dict: m[1], bytes });
        objects.lastIndex = end; // the stream's bytes are data, not objects
    }
    return found;
}

/**
 * The text of every QR code drawn as a grey-scale image in `pdf` (how AgreementPdf draws it),
 * each image given to jsQR.
 * @param {Buffer} pdf
 * @returns {string[]}
 */
export function qrCodesIn(pdf) {
    const found = [];
    for (const { dict, bytes } of streams(pdf)) {
        if (!/\/Subtype\s*\/Image/.test(dict) || !/\/ColorSpace\s*\/DeviceGray/.test(dict)
            || !/\/FlateDecode/.test(dict)) continue;
        const width = Number(/\/Width\s+(\d+)/.exec(dict)[1]);
        const height = Number(/\/Height\s+(\d+)/.exec(dict)[1]);
        if (bytes.length < width * height) continue;
        const rgba = new Uint8ClampedArray(width * height * 4);
        for (let i = 0; i < width * height; i++) {
            rgba.set([bytes[i], bytes[i], bytes[i], 255], i * 4);
        }
        const code = jsQR(rgba, width, height);
        if (code) found.push(code.data);
    }
    return found;
}

/**
 * The text of every QR code drawn as filled squares in a page's content (how the
 * determination's PdfLayout draws its modules: one `x y w h re` per dark module, all of one
 * size): the squares of the commonest size in a stream are put back on their grid, drawn four
 * pixels a module with a quiet zone, and given to jsQR.
 * @param {Buffer} pdf
 * @returns {string[]}
 */
export function vectorQrCodesIn(pdf) {
    const found = [];
    for (const { dict, bytes } of streams(pdf)) {
        if (/\/Subtype\s*\/Image/.test(dict)) continue;
        const squares = [];
        const re = /(-?[\d.]+)\s+(-?[\d.]+)\s+([\d.]+)\s+([\d.]+)\s+re\b/g;
        const content = bytes.toString('latin1');
        for (let m = re.exec(content); m; m = re.exec(content)) {
            const [x, y, w, h] = m.slice(1, 5).map(Number);
            if (Math.abs(w - h) < 1e-3) squares.push({ x, y, side: w });
        }
        const bySide = new Map();
        for (const s of squares) {
            const side = s.side.toFixed(3);
            bySide.set(side, (bySide.get(side) ?? 0) + 1);
        }
        const [side, count] = [...bySide.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
        if (!side || count < 50) continue; // the smallest QR code has more dark modules
        const cell = Number(side);
        const modules = squares.filter((s) => s.side.toFixed(3) === side);
        const left = Math.min(...modules.map((s) => s.x));
        const top = Math.max(...modules.map((s) => s.y + cell));
        const at = modules.map((s) => [Math.round((top - s.y - cell) / cell),
            Math.round((s.x - left) / cell)]);
        const n = Math.max(...at.flat()) + 1;
        const scale = 4;
        const quiet = 4;
        const size = (n + 2 * quiet) * scale;
        const rgba = new Uint8ClampedArray(size * size * 4).fill(255);
        for (const [row, col] of at) {
            for (let dy = 0; dy < scale; dy++) {
                for (let dx = 0; dx < scale; dx++) {
                    const i = ((row + quiet) * scale + dy) * size + (col + quiet) * scale + dx;
                    rgba.set([0, 0, 0, 255], i * 4);
                }
            }
        }
        const code = jsQR(rgba, size, size);
        if (code) found.push(code.data);
    }
    return found;
}

/**
 * The text of every page of a PDF, as pdf.js reads it (the CJK font carries its ToUnicode).
 * @param {Buffer} bytes
 */
export async function pdfText(bytes) {
    // pdf.js 6 asks for Node 22; on Node 20 it needs only this one newer call
    Promise.withResolvers ??= function withResolvers() {
        let resolve;
        let reject;
        const promise = new Promise((yes, no) => { resolve = yes; reject = no; });
        return { promise, resolve, reject };
    };
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false })
        .promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
        const content = await (await doc.getPage(i)).getTextContent();
        text += content.items.map((item) => item.str).join('') + '\n';
    }
    return text;
}
