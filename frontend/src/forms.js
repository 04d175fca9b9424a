/**
 * Form fields with a place for their error, and the rule that puts an API error next to the
 * field it names ({"field": "phone"} lands under the phone input); an error that names no field
 * of the form is shown at the top of the form.
 */
import { bindServerMessage, bindText, hasKey, localizeServerMessage, t } from './i18n.js';
import { h } from './dom.js';

/** A labelled input: `.field[data-field=name]` holding label, input and its error line. */
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
 */
export function showError(form, error, fallbackField) {
    clearErrors(form);
    const name = fieldOf(form, error.field) ?? fieldOf(form, fallbackField);
    const target = name
        ? form.querySelector(`.field[data-field="${name}"] .field-error`)
        : form.querySelector('.form-error');
    if (!target) throw error;
    describe(target, error);
    target.hidden = false;
    if (name) {
        const input = form.querySelector(`.field[data-field="${name}"] input`);
        input.setAttribute('aria-invalid', 'true');
        input.focus();
    }
}

export function clearErrors(form) {
    for (const element of form.querySelectorAll('.field-error, .form-error')) {
        element.hidden = true;
        element.textContent = '';
        delete element.dataset.i18n;
        delete element.dataset.serverMessage;
    }
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/**
 * Puts the text for an error into `element`: ours for its code when the dictionary has one
 * (`error.<CODE>`), else the server's words, else a generic line with the code.
 */
export function describe(element, error) {
    if (error.key) bindText(element, error.key, error.params);
    else if (error.code && hasKey(`error.${error.code}`)) bindText(element, `error.${error.code}`);
    else if (error.serverMessage) bindServerMessage(element, error.serverMessage);
    else bindText(element, 'error.unknown', { code: error.code ?? '?' });
    return element;
}

/** The same text as `describe`, as a string in the current language. */
export function errorText(error) {
    if (error.code && hasKey(`error.${error.code}`)) return t(`error.${error.code}`);
    if (error.serverMessage) return localizeServerMessage(error.serverMessage);
    return t('error.unknown', { code: error.code ?? '?' });
}

function fieldOf(form, name) {
    return name && form.querySelector(`.field[data-field="${name}"]`) ? name : null;
}
