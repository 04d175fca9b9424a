// @ts-check
/**
 * The period picker both insight pages share: day, week, month or custom dates (Pinghu local
 * dates) and, on the map, the time-of-day band, whose names come from the server's data.
 */
import { h } from '../dom.js';
import { language, onLanguageChange } from '../i18n.js';
/** @import { InsightBands } from '../types.js' */

/**
 * What the picker holds: the kind, the date of a day/week/month, the dates of a custom period
 * and (on the map) the band's code.
 * @typedef {object} PeriodValues
 * @property {string} period
 * @property {string} date
 * @property {string} from
 * @property {string} to
 * @property {string} [band]
 */

/**
 * @typedef {object} PeriodControls
 * @property {HTMLFormElement} element
 * @property {() => void} stop stops following the language; call when the page is left
 * @property {() => PeriodValues} values
 */

const KINDS = ['day', 'week', 'month', 'custom'];

/** Today in Pinghu, YYYY-MM-DD, whatever the browser's zone. */
export function today() {
    return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/**
 * @param {InsightBands | null} bandList the bands to pick from (null without the band picker)
 * @param {Record<string, string>} query the page's query: the period it was opened with
 * @param {{ withBand?: boolean, onApply: () => void }} options
 * @returns {PeriodControls}
 */
export function periodControls(bandList, query = {}, { withBand = false, onApply }) {
    const kind = h('select', { name: 'period', id: 'period-kind' }, KINDS.map((k) =>
        h('option', { value: k, i18n: `insight.period.${k}`, selected: k === (query.period
            ?? 'month') })));
    const date = h('input', { type: 'date', name: 'date', value: query.date ?? today() });
    const from = h('input', { type: 'date', name: 'from', value: query.from ?? today() });
    const to = h('input', { type: 'date', name: 'to', value: query.to ?? today() });
    const band = h('select', { name: 'band', id: 'period-band' });
    const drawBands = () => band.replaceChildren(...(bandList?.bands ?? []).map((b) =>
        h('option', { value: b.code, selected: b.code === (band.value || query.band) },
            language() === 'en' ? b.en : b.zh)));
    drawBands();
    const stopLanguage = onLanguageChange(drawBands);
    const dateLabel = label('insight.date', date);
    const fromLabel = label('insight.from', from);
    const toLabel = label('insight.to', to);
    const sync = () => {
        const custom = kind.value === 'custom';
        dateLabel.hidden = custom;
        fromLabel.hidden = !custom;
        toLabel.hidden = !custom;
    };
    kind.addEventListener('change', sync);
    sync();
    const element = h('form', { class: 'insight-period', id: 'insight-period',
        onsubmit: (/** @type {SubmitEvent} */ e) => { e.preventDefault(); onApply(); } },
    label('insight.period', kind), dateLabel, fromLabel, toLabel,
    withBand && label('insight.band', band),
    h('button', { type: 'submit', class: 'primary', i18n: 'insight.apply' }));
    return {
        element,
        stop: stopLanguage,
        values: () => ({ period: kind.value, date: date.value, from: from.value, to: to.value,
            band: withBand ? band.value : undefined }),
    };
}

/**
 * The query parameters of the API for picked values.
 * @param {PeriodValues} values
 * @returns {Record<string, string>}
 */
export function periodQuery({ period, date, from, to, band }) {
    /** @type {Record<string, string>} */
    const q = period === 'custom' ? { period, from, to } : { period, date };
    if (band) q.band = band;
    return q;
}

/**
 * @param {string} key
 * @param {HTMLElement} control
 */
function label(key, control) {
    return h('label', {}, h('span', { i18n: key }), control);
}
