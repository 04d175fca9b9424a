// @ts-check
/**
 * Every string a person reads comes from here: Chinese (zh-CN) first, English on request.
 *
 * Elements created with a key (see dom.js `h(tag, { i18n: 'key' })`) carry it in `data-i18n`,
 * so switching the language rewrites the text in place: a half-filled form keeps what was
 * typed and a map keeps its position.
 *
 * Dictionaries are registered one way: each area has a `messages.js` (the shell's is
 * src/messages.js) that exports `export const xMessages = addMessages({ 'zh-CN': {...},
 * en: {...} })`, and the area's modules import it. Modules run once, so a dictionary is
 * registered once however many pages import it, and only when its area's code is loaded.
 */

/**
 * @typedef {'zh-CN' | 'en'} Language
 * @typedef {Record<Language, Record<string, string>>} Dictionary
 * @typedef {Record<string, unknown>} Params
 */

/** @type {Language[]} */
export const LANGUAGES = ['zh-CN', 'en'];
/** @type {Language} */
const FALLBACK = 'zh-CN';
const STORAGE_KEY = 'anxing.language';

/** @type {Dictionary} */
const dictionaries = { 'zh-CN': {}, en: {} };
/** @type {Set<(lang: Language) => void>} */
const listeners = new Set();
let current = readStoredLanguage();

/**
 * Adds keys for each language and returns the dictionary; a key defined twice is a mistake,
 * so it is reported.
 * @template {Dictionary} D
 * @param {D} messagesByLanguage
 * @returns {D}
 */
export function addMessages(messagesByLanguage) {
    for (const [lang, messages] of Object.entries(messagesByLanguage)) {
        if (!isLanguage(lang)) throw new Error(`unknown language ${lang}`);
        for (const [key, text] of Object.entries(messages)) {
            if (key in dictionaries[lang]) console.warn(`i18n key defined twice: ${lang} ${key}`);
            dictionaries[lang][key] = text;
        }
    }
    return messagesByLanguage;
}

/**
 * The text for `key` in the current language, with `{name}` placeholders filled from params.
 * @param {string} key
 * @param {Params} [params]
 * @returns {string}
 */
export function t(key, params = {}) {
    const text = dictionaries[current][key] ?? dictionaries[FALLBACK][key];
    if (text === undefined) {
        console.warn(`missing i18n key: ${key}`);
        return key;
    }
    return text.replace(/\{(\w+)\}/g,
        (whole, name) => (name in params ? String(params[name]) : whole));
}

/** @param {string} key */
export function hasKey(key) {
    return key in dictionaries[current] || key in dictionaries[FALLBACK];
}

export function language() {
    return current;
}

/** @param {string} lang */
export function setLanguage(lang) {
    if (!isLanguage(lang) || lang === current) return;
    current = lang;
    try {
        localStorage.setItem(STORAGE_KEY, lang);
    } catch {
        // private browsing may refuse storage; the choice then lasts for this page only
    }
    applyTranslations(document);
    listeners.forEach((listener) => listener(lang));
}

/**
 * Calls `listener(lang)` after each switch; returns a function that stops the calls.
 * @param {(lang: Language) => void} listener
 * @returns {() => void}
 */
export function onLanguageChange(listener) {
    listeners.add(listener);
    return () => { listeners.delete(listener); };
}

/**
 * Marks `element` as showing `key` (text, or an attribute such as placeholder) and fills it.
 * @template {HTMLElement} E
 * @param {E} element
 * @param {string} key
 * @param {Params | null} [params]
 * @param {'placeholder' | 'title' | 'aria-label'} [attribute]
 * @returns {E}
 */
export function bindText(element, key, params, attribute) {
    const data = attribute ? `i18n${capitalize(attribute)}` : 'i18n';
    // the text now says this: a server message it said before is not said over it
    if (!attribute) delete element.dataset.serverMessage;
    element.dataset[data] = key;
    if (params) element.dataset[`${data}Params`] = JSON.stringify(params);
    else delete element.dataset[`${data}Params`];
    translateElement(element);
    return element;
}

/**
 * Rewrites every element under `root` that was bound to a key.
 * @param {ParentNode} root
 */
export function applyTranslations(root) {
    document.documentElement.lang = current;
    const bound = /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(
        '[data-i18n],[data-i18n-placeholder],[data-i18n-title],[data-i18n-aria-label],'
        + '[data-server-message]'));
    for (const element of bound) translateElement(element);
}

/**
 * Shows a server message (see localizeServerMessage) and keeps it following the language.
 * @template {HTMLElement} E
 * @param {E} element
 * @param {string} message
 * @returns {E}
 */
export function bindServerMessage(element, message) {
    delete element.dataset.i18n;
    delete element.dataset.i18nParams;
    element.dataset.serverMessage = message;
    translateElement(element);
    return element;
}

/**
 * Server messages are written "中文 / English" (see API-CORE.md): show the half that matches
 * the language; a message without the separator is shown whole.
 * @param {string} message
 * @returns {string}
 */
export function localizeServerMessage(message) {
    const halves = message.split(' / ');
    if (halves.length !== 2) return message;
    return current === 'en' ? halves[1] : halves[0];
}

/** @param {HTMLElement} element */
function translateElement(element) {
    const { dataset } = element;
    if (dataset.i18n) element.textContent = t(dataset.i18n, params(dataset.i18nParams));
    if (dataset.serverMessage) element.textContent = localizeServerMessage(dataset.serverMessage);
    for (const attribute of ['placeholder', 'title', 'aria-label']) {
        const name = `i18n${capitalize(attribute)}`;
        if (dataset[name]) {
            element.setAttribute(attribute, t(dataset[name], params(dataset[`${name}Params`])));
        }
    }
}

/**
 * @param {string | undefined} json
 * @returns {Params}
 */
function params(json) {
    return json ? JSON.parse(json) : {};
}

/** @param {string} attribute */
function capitalize(attribute) {
    return attribute.split('-').map((part) => part[0].toUpperCase() + part.slice(1)).join('');
}

/**
 * @param {unknown} lang
 * @returns {lang is Language}
 */
function isLanguage(lang) {
    return LANGUAGES.includes(/** @type {Language} */ (lang));
}

/** @returns {Language} */
function readStoredLanguage() {
    try {
        const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
        return isLanguage(stored) ? stored : FALLBACK;
    } catch {
        return FALLBACK;
    }
}

/**
 * For tests that check the dictionaries without a browser.
 * @param {Language} lang
 */
export function dictionaryKeys(lang) {
    return Object.keys(dictionaries[lang]);
}
