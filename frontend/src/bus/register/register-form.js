// @ts-check
/**
 * What the register's tabs share: a form built from a list of fields that puts the server's
 * error under the field it names, a table of records with edit and delete buttons, and a
 * coordinate-system picker.
 */
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { clearErrors, field, formError, showError } from '../../forms.js';

/**
 * @typedef {object} FieldSpec
 * @property {string} name the body's field, as the server names it in errors
 * @property {string} label a dictionary key
 * @property {string} [type] the input's type (text unless said)
 * @property {string | number | null} [value]
 * @property {string} [placeholder] a dictionary key
 * @property {Record<string, string>} [extra] more input attributes
 */

export const CRS = ['WGS84', 'GCJ02', 'BD09'];

/**
 * A coordinate-system select (name `crs`), with "automatic" first when `auto` is given.
 * @param {string} id
 * @param {{ auto?: boolean, value?: string }} [options]
 */
export function crsSelect(id, { auto = false, value = 'WGS84' } = {}) {
    const choices = auto ? ['auto', ...CRS] : CRS;
    return h('div', { class: 'field', dataset: { field: 'crs' } },
        h('label', { for: id, i18n: 'register.crs' }),
        h('select', { id, name: 'crs' }, choices.map((c) => h('option', {
            value: c, selected: c === value, i18n: `register.crs.${c}` }))),
        h('p', { class: 'field-error', role: 'alert', hidden: true }));
}

/**
 * A form of `fields` (and any `more` elements) whose submit calls `save` with the values by
 * name (empty inputs left out); a thrown API error is shown under its field.
 * @param {{ id: string, title: string, titleParams?: Record<string, unknown>, hint?: string,
 *     fields: FieldSpec[], more?: HTMLElement[], submit?: string, danger?: boolean,
 *     save: (values: Record<string, string>) => Promise<unknown>,
 *     cancel?: () => void }} spec
 */
export function recordForm({ id, title, titleParams, hint, fields, more = [],
    submit = 'register.save', danger = false, save, cancel }) {
    const status = h('p', { class: 'hint', role: 'status' });
    const form = h('form', { class: 'card register-form', id, novalidate: true },
        h('h2', { i18n: title, i18nParams: titleParams }),
        hint && h('p', { class: 'hint', i18n: hint }),
        formError(),
        h('div', { class: 'register-fields' },
            fields.map((f) => field({ name: f.name, label: f.label, type: f.type ?? 'text',
                value: f.value ?? '', placeholder: f.placeholder, ...(f.extra ?? {}) })),
            more),
        h('div', { class: 'register-actions' },
            h('button', { class: danger ? 'danger secondary' : 'primary', type: 'submit',
                i18n: submit }),
            cancel && h('button', { class: 'secondary', type: 'button', i18n: 'register.cancel',
                onclick: cancel })),
        status);
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearErrors(form);
        status.textContent = '';
        /** @type {Record<string, string>} */
        const values = {};
        for (const element of form.querySelectorAll('input, select')) {
            const input = /** @type {HTMLInputElement} */ (element);
            if (input.name && input.value.trim() !== '') values[input.name] = input.value.trim();
        }
        try {
            await save(values);
            status.textContent = t('register.saved');
        } catch (error) {
            showError(form, error);
        }
    });
    return form;
}

/**
 * A table with one row per record and its edit and delete buttons.
 * @template T
 * @param {{ id: string, headers: string[], rows: T[], cells: (row: T) => (string | Node)[],
 *     key: (row: T) => string, edit?: (row: T) => void, remove?: (row: T) => void }} spec
 */
export function recordTable({ id, headers, rows, cells, key, edit, remove }) {
    if (rows.length === 0) return h('p', { class: 'hint', id, i18n: 'register.empty' });
    return h('table', { class: 'register-table', id },
        h('thead', {}, h('tr', {}, headers.map((k) => h('th', { i18n: k })), h('th'))),
        h('tbody', {}, rows.map((row) => h('tr', { dataset: { id: key(row) } },
            cells(row).map((c) => h('td', {}, c)),
            h('td', { class: 'register-row-actions' },
                edit && h('button', { class: 'secondary', type: 'button', i18n: 'register.edit',
                    dataset: { action: 'edit' }, onclick: () => edit(row) }),
                remove && h('button', { class: 'secondary', type: 'button',
                    i18n: 'register.delete', dataset: { action: 'delete' },
                    onclick: () => remove(row) }))))));
}

/**
 * A number from a form value, or undefined when it was left empty.
 * @param {string | undefined} value
 */
export function number(value) {
    return value === undefined ? undefined : Number(value);
}
