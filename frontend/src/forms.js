// @ts-check
/**
 * Form fields with a place for their error, and the rule that puts an API error next to the
 * field it names ({"field": "phone"} lands under the phone input); an error that names no field
 * of the form is shown at the top of the form.
 */
import { bindServerMessage, bindText, hasKey, localizeServerMessage, t } from './i18n.js';
import { h } from './dom.js';

/**
 * What a form shows as an error: an ApiError (code, serverMessage, field), a check made in the
 * page ({key, field}), or anything else thrown (shown as "unknown error").
 * @typedef {object} ShownError
 * @property {string} [key]
 * @property {Record<string, unknown>} [params]
 * @property {string} [code]
 * @property {string} [serverMessage]
 * @property {string | null} [field]
 */

/**
 * A labelled input: `.field[data-field=name]` holding label, input and its error line.
 * @param {{ name: string, label: string, placeholder?: string } & Record<string, unknown>} spec
 *     other entries become the input's attributes (type, value, autocomplete, ...)
 */
export function field({ name, label, placeholder, ...inputAttributes }) {
    const id = `field-${name}-${++fieldCount}`;
    const error = h('p', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true });
    const input = h('input', {
        id,
        name,
        i18nPlaceholder: placeholder,
        'aria-describedby': error.id,
        ...inputAttributes,
    });
    return h('div', { class: 'field', dataset: { field: name } },
        h('label', { for: id, i18n: label }), input, error);
}
let fieldCount = 0;

/** The line at the top of a form for errors that belong to no field. */
export function formError() {
    return h('p', { class: 'form-error', role: 'alert', hidden: true });
}

/**
 * Shows `error` (an ApiError, or {key, field} for a check made in the page) next to its field,
 * else next to `fallbackField`, else at the top of the form.
 * @param {HTMLFormElement} form
 * @param {unknown} error what was thrown or the page's own {key, field}
 * @param {string} [fallbackField]
 */
export function showError(form, error, fallbackField) {
    const shown = /** @type {ShownError} */ (error ?? {});
    clearErrors(form);
    const name = fieldOf(form, shown.field) ?? fieldOf(form, fallbackField);
    const target = form.querySelector(name ? `.field[data-field="${name}"] .field-error`
        : '.form-error');
    if (!(target instanceof HTMLElement)) throw error;
    describe(target, error);
    target.hidden = false;
    if (name) {
        const input = form.querySelector(`.field[data-field="${name}"] input`);
        input?.setAttribute('aria-invalid', 'true');
        if (input instanceof HTMLElement) input.focus();
    }
}

/** @param {HTMLFormElement} form */
export function clearErrors(form) {
    const lines = /** @type {NodeListOf<HTMLElement>} */ (
        form.querySelectorAll('.field-error, .form-error'));
    for (const element of lines) {
        element.hidden = true;
        element.textContent = '';
        delete element.dataset.i18n;
        delete element.dataset.serverMessage;
    }
    for (const input of form.querySelectorAll('[aria-invalid]')) {
        input.removeAttribute('aria-invalid');
    }
}

/**
 * Puts the text for an error into `element`: ours for its code when the dictionary has one
 * (`error.<CODE>`), else the server's words, else a generic line with the code.
 * @template {HTMLElement} E
 * @param {E} element
 * @param {unknown} thrown an ApiError, the page's own {key}, or anything thrown
 * @returns {E}
 */
export function describe(element, thrown) {
    const error = /** @type {ShownError} */ (thrown ?? {});
    if (error.key) bindText(element, error.key, error.params);
    else if (error.code && hasKey(`error.${error.code}`)) bindText(element, `error.${error.code}`);
    else if (error.serverMessage) bindServerMessage(element, error.serverMessage);
    else bindText(element, 'error.unknown', { code: error.code ?? '?' });
    return element;
}

/**
 * The same text as `describe`, as a string in the current language.
 * @param {unknown} thrown
 */
export function errorText(thrown) {
    const error = /** @type {ShownError} */ (thrown ?? {});
    if (error.code && hasKey(`error.${error.code}`)) return t(`error.${error.code}`);
    if (error.serverMessage) return localizeServerMessage(error.serverMessage);
    return t('error.unknown', { code: error.code ?? '?' });
}

/**
 * @param {HTMLFormElement} form
 * @param {string | null | undefined} name
 * @returns {string | null}
 */
function fieldOf(form, name) {
    return name && form.querySelector(`.field[data-field="${name}"]`) ? name : null;
}
