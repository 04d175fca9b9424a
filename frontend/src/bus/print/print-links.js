// @ts-check
/**
 * Links to the printed documents of a plan (打印与导出): per line and run the driver's route
 * sheet as PDF and spreadsheet (CSV), per school the stop list, and for a parent their
 * household's notice. The files need the session's token, so they are fetched and saved here
 * rather than opened as plain links.
 */
import { h } from '../../dom.js';
import { bindText, t } from '../../i18n.js';
import { token } from '../../session.js';
import './messages.js';
import './print.css';

/** @import { Line, Plan } from '../../types.js' */

/**
 * The plan page's download menu: a row per line of each run, then the school's stop list.
 * @param {Plan} plan as GET /bus/plans/{id} answers it, with its planId
 * @returns {HTMLElement}
 */
export function printLinks(plan) {
    const planId = /** @type {Plan & { planId: string }} */ (plan).planId;
    const base = `/bus/plans/${planId}`;
    const status = h('p', { class: 'hint', role: 'status', id: 'bus-print-status' });
    /**
     * @param {'evening' | 'morning'} run
     * @param {Line} line
     */
    const lineRow = (run, line) => h('li', { dataset: { run, line: String(line.number) } },
        h('span', { i18n: 'bus.print.line', i18nParams: { name: line.name, bus: line.busLabel } }),
        ' ',
        button('bus.print.sheetPdf', `${base}/lines/${line.number}/sheet.pdf?run=${run}`,
            `${line.name}-路线单.pdf`, status, 'sheet-pdf'),
        ' ',
        button('bus.print.sheetCsv', `${base}/lines/${line.number}/sheet.csv?run=${run}`,
            `${line.name}-路线单.csv`, status, 'sheet-csv'));
    return h('section', { class: 'card bus-print', id: 'bus-print' },
        h('h2', { class: 'section-title', i18n: 'bus.print.title' }),
        h('p', { class: 'hint', i18n: 'bus.print.hint' }),
        h('h3', { i18n: 'bus.print.stops' }),
        h('p', {}, button('bus.print.stopsPdf', `${base}/stops.pdf`, `${plan.schoolName}-站点表.pdf`,
            status, 'stops-pdf'), ' ',
        button('bus.print.stopsCsv', `${base}/stops.csv`, `${plan.schoolName}-站点表.csv`, status,
            'stops-csv')),
        ...(/** @type {const} */ (['evening', 'morning'])).map((run) => h('div', {},
            h('h3', { i18n: `bus.run.${run}` }),
            h('ul', { class: 'bus-print-lines' }, plan[run].lines.map((l) => lineRow(run, l))))),
        householdNotices(plan, base, status),
        status);
}

/**
 * A notice for any family of the plan: the household chosen from the list (only those with a
 * stop), then printed, to hand out at school or to a family without the parent's page.
 * @param {Plan} plan
 * @param {string} base the plan's API path
 * @param {HTMLElement} status
 * @returns {HTMLElement}
 */
function householdNotices(plan, base, status) {
    const served = plan.households.filter((x) => x.stopId);
    const choice = h('select', { id: 'bus-print-household', 'aria-label': t('bus.print.household') },
        served.map((x) => h('option', { value: x.householdId }, `${x.label} · ${x.stopName}`)));
    const print = button('bus.print.noticeFor', '', '', status, 'household-notice');
    // the path and the file's name follow the family chosen
    const send = () => {
        const chosen = served.find((x) => x.householdId === choice.value);
        print.dataset.path = `${base}/households/${choice.value}/notice.pdf`;
        print.dataset.file = `${chosen?.label ?? ''}-校车乘车通知.pdf`;
    };
    choice.addEventListener('change', send);
    send();
    return h('div', { class: 'bus-print-notices' },
        h('h3', { i18n: 'bus.print.notices' }),
        served.length === 0 ? h('p', { class: 'hint', i18n: 'bus.print.noNotices' })
            : h('p', {}, choice, ' ', print));
}

/**
 * A step's distance as the printed sheets say it: to ten metres, from 1 km in kilometres.
 * @param {number} metres
 * @returns {string}
 */
export function distance(metres) {
    const tens = Math.round(metres / 10) * 10;
    return tens < 1000 ? t('bus.print.metres', { metres: Math.max(10, tens) })
        : t('bus.print.km', { km: (metres / 1000).toFixed(1) });
}

/**
 * The parent's "print the notice" button for one household.
 * @param {string} householdId
 * @returns {HTMLElement}
 */
export function noticeLink(householdId) {
    const status = h('span', { class: 'hint', role: 'status' });
    return h('p', { class: 'child-notice' },
        button('bus.print.notice', `/bus/my-children/${householdId}/notice.pdf`,
            '校车乘车通知.pdf', status, 'notice'), ' ', status);
}

/**
 * A button that fetches `path` (below /api/v1) and saves it as `fileName`.
 * @param {string} key the button's words
 * @param {string} path
 * @param {string} fileName
 * @param {HTMLElement} status where progress and failure are said
 * @param {string} kind for tests: data-print
 */
function button(key, path, fileName, status, kind) {
    const self = h('button', { type: 'button', class: 'secondary bus-print-button', i18n: key,
        dataset: { print: kind }, onclick: async () => {
            // a button whose file follows a choice carries its path in data-path
            const from = self.dataset.path ?? path;
            const saveAs = self.dataset.file ?? fileName;
            bindText(status, 'bus.print.working');
            try {
                const response = await fetch(`./api/v1${from}`, {
                    headers: { Authorization: `Bearer ${token()}` },
                });
                if (!response.ok) throw new Error(`HTTP ${response.status}`);
                const url = URL.createObjectURL(await response.blob());
                const a = h('a', { href: url, download: saveAs, hidden: true });
                document.body.append(a);
                a.click();
                a.remove();
                setTimeout(() => URL.revokeObjectURL(url), 60_000);
                status.textContent = '';
            } catch {
                bindText(status, 'bus.print.failed');
            }
        } });
    return self;
}
