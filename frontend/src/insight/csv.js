// @ts-check
/**
 * Figures as CSV files a person opens in Excel: UTF-8 with a byte-order mark (without it Excel
 * reads Chinese as GBK and shows mojibake), CRLF line ends, and fields quoted as RFC 4180 says.
 */
export const BOM = '\uFEFF';

/** @typedef {string | number | boolean | null | undefined} CsvValue */

/** @param {CsvValue} value */
function field(value) {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The CSV text of `header` (column names) and `rows` (arrays of values).
 * @param {string[]} header
 * @param {CsvValue[][]} rows
 * @returns {string}
 */
export function toCsv(header, rows) {
    return BOM + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/**
 * Saves `text` as `filename` through the browser's download, no server round trip.
 * @param {string} filename
 * @param {string} text
 */
export function downloadCsv(filename, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}
