/**
 * The period picker both insight pages share: day, week, month or custom dates (Pinghu local
 * dates) and, on the map, the time-of-day band, whose names come from the server's data.
 */
import { h } from '../dom.js';
import { language, onLanguageChange } from '../i18n.js';

const KINDS = ['day', 'week', 'month', 'custom'];

/** Today in Pinghu, YYYY-MM-DD, whatever the browser's zone. */
export function today() {
    return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

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
        onsubmit: (e) => { e.preventDefault(); onApply(); } },
    label('insight.period', kind), dateLabel, fromLabel, toLabel,
    withBand && label('insight.band', band),
    h('button', { type: 'submit', class: 'primary', i18n: 'insight.apply' }));
    return {
        element,
        /** Stops following the language; call when the page is left. */
        stop: stopLanguage,
        values: () => ({ period: kind.value, date: date.value, from: from.value, to: to.value,
            band: withBand ? band.value : undefined }),
    };
}

/** The query parameters of the API for picked values. */
export function periodQuery({ period, date, from, to, band }) {
    const q = period === 'custom' ? { period, from, to } : { period, date };
    if (band) q.band = band;
    return q;
}

function label(key, control) {
    return h('label', {}, h('span', { i18n: key }), control);
}
