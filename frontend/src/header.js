// @ts-check
/**
 * The bar on every page: product name (home link), language toggle, and the signed-in user's
 * sign-out button.
 */
import { h, replaceChildren } from './dom.js';
import { language, setLanguage } from './i18n.js';
import { SESSION_CHANGED_EVENT, currentUser, endSession, nameOf } from './session.js';
import { SIGN_IN, navigate } from './router.js';

/** @param {HTMLElement} element */
export function mountHeader(element) {
    const draw = () => replaceChildren(element, ...headerContent());
    window.addEventListener(SESSION_CHANGED_EVENT, draw);
    // a session set by another tab's sign-in or by a test shows at the next page change
    window.addEventListener('hashchange', draw);
    draw();
}

function headerContent() {
    const user = currentUser();
    return [
        h('a', { class: 'brand', href: '#/home' },
            h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '安'),
            h('span', { class: 'brand-name' },
                h('strong', {}, '安行'), ' ', h('span', { class: 'brand-latin' }, 'Anxing'))),
        h('div', { class: 'header-actions' },
            h('button', {
                type: 'button',
                class: 'link-button',
                id: 'language-toggle',
                lang: language() === 'en' ? 'zh-CN' : 'en',
                i18n: 'app.languageToggle',
                i18nTitle: 'app.languageToggle.title',
                onclick: toggleLanguage,
            }),
            user && h('span', { class: 'header-user' }, nameOf(user)),
            user && h('button', {
                type: 'button',
                class: 'link-button',
                id: 'sign-out',
                i18n: 'app.signOut',
                onclick: signOut,
            })),
    ];
}

/** @param {MouseEvent} event */
function toggleLanguage(event) {
    setLanguage(language() === 'en' ? 'zh-CN' : 'en');
    const button = /** @type {HTMLButtonElement} */ (event.currentTarget);
    button.lang = language() === 'en' ? 'zh-CN' : 'en';
}

function signOut() {
    endSession();
    navigate(SIGN_IN);
}
