/**
 * Builds DOM elements without a framework: `h('button', { class: 'primary', i18n: 'signin.submit',
 * onclick: submit })`. A page is a few dozen elements, so plain DOM reads more directly than a
 * virtual DOM would, and nothing has to be compiled.
 *
 * Attributes: `i18n` (+ `i18nParams`) sets the text from the dictionary and keeps it following
 * the language; `i18nPlaceholder`, `i18nTitle`, `i18nAriaLabel` do the same for attributes;
 * `on<event>` adds a listener; `dataset` copies data-* values; `hidden`, `disabled` and other
 * booleans are set when true; anything else becomes an attribute.
 */
import { bindText } from './i18n.js';

export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === 'i18n') bindText(element, value, attributes.i18nParams);
        else if (name === 'i18nParams') continue;
        else if (name === 'i18nPlaceholder') bindText(element, value, null, 'placeholder');
        else if (name === 'i18nTitle') bindText(element, value, null, 'title');
        else if (name === 'i18nAriaLabel') bindText(element, value, null, 'aria-label');
        else if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.slice(2), value);
        } else if (name === 'dataset') Object.assign(element.dataset, value);
        else if (value === true) element.setAttribute(name, '');
        else element.setAttribute(name, value);
    }
    element.append(...children.flat().filter((child) => child !== null && child !== undefined
        && child !== false));
    return element;
}

/** Replaces everything inside `parent` with `children`. */
export function replaceChildren(parent, ...children) {
    parent.replaceChildren(...children.flat().filter(Boolean));
    return parent;
}
