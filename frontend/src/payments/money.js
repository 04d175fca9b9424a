// @ts-check
/**
 * Money on the pages: the API speaks integer fen; people type and read yuan. Conversion works
 * on the digits, never through floating point, so 0.1 + 0.2 yuan is 30 fen.
 */

/**
 * '¥1,234.56' from fen.
 * @param {number} fen
 */
export function yuan(fen) {
    const sign = fen < 0 ? '-' : '';
    const abs = Math.abs(fen);
    const whole = Math.floor(abs / 100).toLocaleString('en-US');
    return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Fen from typed yuan ('1234', '1234.5', '1234.56'); null when it is not such a number.
 * @param {string | null | undefined} text
 * @returns {number | null}
 */
export function fenOf(text) {
    const match = /^\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(text ?? '');
    if (!match) return null;
    return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
