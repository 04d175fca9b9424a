// @ts-check
/**
 * Builds DOM elements without a framework: `h('button', { class: 'primary', i18n: 'signin.submit',
 * onclick: submit })`. A page is a few dozen elements, so plain DOM reads more directly than a
 * virtual DOM would, and nothing has to be compiled.
 *
 * Attributes: `i18n` (+ `i18nParams`) sets the text from the dictionary and keeps it following
 * the language; `i18nPlaceholder`, `i18nTitle`, `i18nAriaLabel` do the same for attributes;
 * `on<event>` adds a listener; `dataset` copies data-* values; `hidden`, `disabled` and other
 * booleans are set when true; anything else becomes an attribute.
 *
 * Text is never markup: string children become text nodes and attribute values are set with
 * setAttribute, so a name such as `<img src=x onerror=…>` shows as those characters. What could
 * still run script is refused: an `on<event>` that is not a function (an inline handler, which
 * the Content-Security-Policy blocks anyway), `srcdoc`, and `javascript:` URLs.
 */
import { bindText } from './i18n.js';

/**
 * @typedef {Node | string | number | null | undefined | false} Child
 * @typedef {Child | Child[] | Child[][]} Children
 * @typedef {Record<string, unknown> & {
 *     i18n?: string, i18nParams?: Record<string, unknown>, i18nPlaceholder?: string,
 *     i18nTitle?: string, i18nAriaLabel?: string, dataset?: Record<string, string>,
 * }} Attributes
 */

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes} [attributes]
 * @param {...Children} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === 'i18n') bindText(element, String(value), attributes.i18nParams);
        else if (name === 'i18nParams') continue;
        else if (name === 'i18nPlaceholder') bindText(element, String(value), null, 'placeholder');
        else if (name === 'i18nTitle') bindText(element, String(value), null, 'title');
        else if (name === 'i18nAriaLabel') bindText(element, String(value), null, 'aria-label');
        else if (name.startsWith('on')) {
            if (typeof value !== 'function') throw new TypeError(`${name} must be a function`);
            element.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
        } else if (name === 'dataset') Object.assign(element.dataset, value);
        else if (value === true) element.setAttribute(name, '');
        else element.setAttribute(name, checkedValue(name, String(value)));
    }
    element.append(...flatten(children));
    return element;
}

/**
 * Replaces everything inside `parent` with `children`.
 * @template {Element} E
 * @param {E} parent
 * @param {...Children} children
 * @returns {E}
 */
export function replaceChildren(parent, ...children) {
    parent.replaceChildren(...flatten(children));
    return parent;
}

/**
 * @param {Children[]} children
 * @returns {(Node | string)[]}
 */
function flatten(children) {
    return /** @type {Child[]} */ (children.flat(2))
        .filter((child) => child !== null && child !== undefined && child !== false)
        .map((child) => (typeof child === 'number' ? String(child) : child));
}

/**
 * @param {string} name
 * @param {string} value
 */
function checkedValue(name, value) {
    if (name === 'srcdoc') throw new TypeError('srcdoc would be parsed as HTML');
    // browsers ignore ASCII whitespace and control characters before the scheme
    if (URL_ATTRIBUTES.has(name)
        && /^javascript:/i.test(value.replace(/[\p{Cc} ]/gu, ''))) {
        throw new TypeError(`a javascript: URL in ${name}`);
    }
    return value;
}
