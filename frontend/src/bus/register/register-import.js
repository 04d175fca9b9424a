// @ts-check
/**
 * The register's 导入 tab: choose a file → encoding and coordinate system (automatic unless
 * chosen) → the check's report, line by line → import, offered only when the check found no
 * problem → done. The file goes to the server as it is (CSV or Excel); the server reads it.
 */
import { h, replaceChildren } from '../../dom.js';
import { ApiError } from '../../api.js';
import { token } from '../../session.js';
import { bindServerMessage, bindText, t } from '../../i18n.js';
import { describe } from '../../forms.js';
import { crsSelect } from './register-form.js';

/** @import { Desk } from './register-view.js' */

/**
 * @typedef {object} Problem
 * @property {number} line
 * @property {string} column the spreadsheet letter
 * @property {string} header the column's heading in the file
 * @property {string} kind
 * @property {string} message "中文 / English"
 *
 * @typedef {object} ReportRow
 * @property {number} line
 * @property {string} label
 * @property {string | null} studentNames
 * @property {number} students
 * @property {string | null} parentPhone masked
 * @property {string | null} address
 * @property {number | null} lat
 * @property {string | null} crs
 *
 * @typedef {object} Report
 * @property {'csv' | 'xlsx'} format
 * @property {string | null} encoding
 * @property {boolean} encodingDetected
 * @property {{ source: 'column' | 'option' | 'default', counts: Record<string, number> }} crs
 * @property {boolean} clean
 * @property {number} households
 * @property {number} students
 * @property {number} unpinned
 * @property {string[]} ignoredColumns
 * @property {Problem[]} problems
 * @property {ReportRow[]} rows
 */

const ENCODINGS = ['auto', 'UTF-8', 'GBK', 'GB18030'];
const SHOWN_ROWS = 50;
const TYPES = /** @type {Record<string, string>} */ ({
    csv: 'text/csv',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    xls: 'application/vnd.ms-excel',
});

/** @param {Desk} desk */
export function importTab(desk) {
    const base = `/bus/schools/${desk.schoolId}/households/import`;
    const file = /** @type {HTMLInputElement} */ (h('input', { type: 'file', id: 'import-file',
        name: 'file', accept: '.csv,.xlsx,.xls,text/csv' }));
    const encoding = h('select', { id: 'import-encoding', name: 'encoding' },
        ENCODINGS.map((e) => h('option', { value: e },
            e === 'auto' ? t('register.import.encoding.auto') : e)));
    const crs = crsSelect('import-crs', { auto: true, value: 'auto' });
    const fileName = h('span', { class: 'register-file-name', id: 'import-file-name',
        i18n: 'register.import.noneChosen' });
    file.addEventListener('change', () => {
        const chosen = file.files?.[0];
        if (chosen) {
            delete fileName.dataset.i18n;
            fileName.textContent = chosen.name;
        }
    });
    const check = h('button', { class: 'primary', type: 'button', id: 'import-check',
        i18n: 'register.import.check' });
    const status = h('p', { class: 'hint', id: 'import-status', role: 'status' });
    const report = h('div', { id: 'import-report' });
    /** @param {string} step '' (import) or '/preview' */
    const send = (step) => upload(`${base}${step}`, file, encoding.value,
        /** @type {HTMLSelectElement} */ (crs.querySelector('select')).value);

    check.addEventListener('click', async () => {
        replaceChildren(report);
        if (!file.files?.length) {
            bindText(status, 'register.import.noFile');
            return;
        }
        bindText(status, 'register.import.checking');
        check.disabled = true;
        try {
            showReport(report, await send('/preview'), async (accept) => {
                accept.disabled = true;
                bindText(status, 'register.import.importing');
                try {
                    done(report, await send(''), desk);
                    status.textContent = '';
                } catch (error) {
                    describe(status, error);
                    accept.disabled = false;
                }
            });
            status.textContent = '';
        } catch (error) {
            describe(status, error);
        } finally {
            check.disabled = false;
        }
    });
    // a new file, or another encoding, needs a new check before anything is imported
    for (const input of [file, encoding, crs]) {
        input.addEventListener('change', () => replaceChildren(report));
    }
    return h('div', { class: 'register-tab', id: 'register-import' },
        h('section', { class: 'card' },
            h('h2', { i18n: 'register.import.title' }),
            h('p', { class: 'hint', i18n: 'register.import.hint' }),
            h('p', { class: 'register-templates' }, h('span', { i18n: 'register.import.templates' }),
                templateLink(`${base}/template.xlsx`, 'register.import.templateXlsx',
                    '家庭导入模板.xlsx', 'import-template-xlsx'),
                templateLink(`${base}/template.csv`, 'register.import.templateCsv',
                    '家庭导入模板.csv', 'import-template-csv')),
            h('div', { class: 'register-fields' },
                h('div', { class: 'field' }, h('span', { class: 'register-label',
                    i18n: 'register.import.file' }),
                h('div', { class: 'register-file' }, file,
                    // the browser's own button says "Choose File" in its own language
                    h('label', { for: 'import-file', class: 'secondary',
                        i18n: 'register.import.choose' }), fileName)),
                h('div', { class: 'field' }, h('label', { for: 'import-encoding',
                    i18n: 'register.import.encoding' }), encoding),
                crs),
            check, status),
        report);
}

/**
 * Sends the chosen file as it is, with the encoding and coordinate system as query values.
 * @param {string} path under /api/v1
 * @param {HTMLInputElement} input
 * @param {string} encoding
 * @param {string} crs
 * @returns {Promise<Report>}
 */
async function upload(path, input, encoding, crs) {
    const chosen = /** @type {File} */ (input.files?.[0]);
    const extension = chosen.name.split('.').pop()?.toLowerCase() ?? '';
    const query = new URLSearchParams({ encoding, crs });
    let response;
    try {
        response = await fetch(`./api/v1${path}?${query}`, { method: 'POST', body: chosen,
            headers: { Accept: 'application/json', Authorization: `Bearer ${token()}`,
                'Content-Type': TYPES[extension] ?? 'application/octet-stream' } });
    } catch {
        throw new ApiError({ status: 0, code: 'NETWORK', message: '' });
    }
    const payload = await response.json().catch(() => null);
    if (!response.ok) {
        throw new ApiError({ status: response.status, code: payload?.code
            ?? `HTTP_${response.status}`, message: payload?.message ?? '',
            field: payload?.field });
    }
    return payload;
}

/**
 * A template link: fetched with the session's token, then saved under `name`.
 * @param {string} path
 * @param {string} key
 * @param {string} name
 * @param {string} id
 */
function templateLink(path, key, name, id) {
    return h('a', { href: '#', id, class: 'register-template', i18n: key,
        onclick: async (/** @type {Event} */ event) => {
            event.preventDefault();
            const response = await fetch(`./api/v1${path}`,
                { headers: { Authorization: `Bearer ${token()}` } });
            const link = h('a', { href: URL.createObjectURL(await response.blob()),
                download: name, hidden: true });
            document.body.append(link);
            link.click();
            link.remove();
            setTimeout(() => URL.revokeObjectURL(link.href), 1000);
        } });
}

/**
 * The check's result: how the file was read, the problems by line and column, or the
 * households it would register with the button that imports them.
 * @param {HTMLElement} element
 * @param {Report} r
 * @param {(accept: HTMLButtonElement) => Promise<void>} accept
 */
function showReport(element, r, accept) {
    // GB18030 is what GBK files are read as: say GBK, the name schools know
    const name = r.encoding === 'GB18030' && r.encodingDetected ? 'GBK（GB18030）' : r.encoding;
    const encoding = r.encoding ? t(r.encodingDetected ? 'register.import.encodingFound'
        : 'register.import.encodingChosen', { encoding: name }) : '';
    const counts = Object.entries(r.crs.counts).map(([crs, n]) =>
        t('register.import.crs.count', { crs: t(`register.crs.${crs}`), count: n })).join('，');
    const button = h('button', { class: 'primary', type: 'button', id: 'import-accept',
        i18n: 'register.import.accept', i18nParams: { households: r.households },
        onclick: () => accept(button) });
    replaceChildren(element, h('section', { class: 'card', dataset: { clean: String(r.clean) } },
        h('p', { id: 'import-read', i18n: 'register.import.read',
            i18nParams: { format: r.format === 'xlsx' ? 'Excel' : 'CSV', encoding } }),
        h('p', { id: 'import-crs-line', i18n: `register.import.crs.${r.crs.source}`,
            i18nParams: { counts: counts ? t('register.import.crs.counts', { list: counts })
                : '' } }),
        r.ignoredColumns.length > 0 && h('p', { class: 'hint', i18n: 'register.import.ignored',
            i18nParams: { columns: r.ignoredColumns.join('、') } }),
        r.clean ? [
            h('p', { class: 'register-ok', id: 'import-clean', i18n: 'register.import.clean' }),
            h('p', { id: 'import-summary', i18n: 'register.import.summary', i18nParams: r }),
            rowsTable(r.rows), button,
        ] : [
            h('p', { class: 'notice', id: 'import-problem-count', i18n: 'register.import.problems',
                i18nParams: { count: r.problems.length } }),
            problemsTable(r.problems),
        ]));
}

/** @param {Problem[]} problems */
function problemsTable(problems) {
    return h('table', { class: 'register-table', id: 'import-problems' },
        h('thead', {}, h('tr', {}, ['register.import.line', 'register.import.column',
            'register.import.kind', 'register.import.detail'].map((k) => h('th', { i18n: k })))),
        h('tbody', {}, problems.map((p) => h('tr', { dataset: { line: String(p.line),
            column: p.column, kind: p.kind } },
            h('td', {}, String(p.line)),
            h('td', { i18n: 'register.import.columnName',
                i18nParams: { column: p.column, header: p.header } }),
            h('td', { i18n: `register.problem.${p.kind}` }),
            h('td', {}, bindServerMessage(h('span'), p.message))))));
}

/** @param {ReportRow[]} rows */
function rowsTable(rows) {
    return h('table', { class: 'register-table', id: 'import-rows' },
        h('thead', {}, h('tr', {}, ['register.import.line', 'register.household.label',
            'register.household.names', 'register.household.students',
            'register.household.phone', 'register.household.position']
            .map((k) => h('th', { i18n: k })))),
        h('tbody', {}, rows.slice(0, SHOWN_ROWS).map((r) => h('tr', {},
            h('td', {}, String(r.line)), h('td', {}, r.label), h('td', {}, r.studentNames ?? ''),
            h('td', {}, String(r.students)), h('td', {}, r.parentPhone ?? ''),
            h('td', {}, r.lat === null ? r.address ?? '' : t('register.household.placed'))))),
        rows.length > SHOWN_ROWS && h('caption', { i18n: 'register.import.more',
            i18nParams: { count: rows.length - SHOWN_ROWS } }));
}

/**
 * @param {HTMLElement} element
 * @param {Report} r what was imported
 * @param {Desk} desk
 */
function done(element, r, desk) {
    replaceChildren(element, h('section', { class: 'card', id: 'import-done' },
        h('p', { class: 'register-ok', i18n: 'register.import.done', i18nParams: r }),
        r.unpinned > 0 && h('p', { i18n: 'register.import.donePin', i18nParams: r }),
        h('button', { class: 'secondary', type: 'button', id: 'import-to-households',
            i18n: 'register.import.toHouseholds', onclick: async () => {
                await desk.reload();
                desk.show('households');
            } })));
}
