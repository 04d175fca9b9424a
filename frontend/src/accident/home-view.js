// @ts-check
/** #/accident: my cases, a new report, or joining the other driver's case by share code. */
import { h, replaceChildren } from '../dom.js';
import { get, post } from '../api.js';
import { describe, field, formError, showError } from '../forms.js';
import { language, t } from '../i18n.js';
import { navigate, signInPath } from '../router.js';
import { isSignedIn } from '../session.js';
import './common.js';
/** @import { CaseSummary, RouteContext } from '../types.js' */

/** @param {HTMLElement} outlet */
export async function accidentHomeView(outlet) {
    /** @type {CaseSummary[]} */
    const cases = await get('/accidents');
    const form = h('form', { id: 'join-form', novalidate: true },
        field({ name: 'shareCode', label: 'accident.join.code',
            placeholder: 'accident.join.code.placeholder', autocomplete: 'off' }),
        formError(),
        h('button', { type: 'submit', class: 'secondary', id: 'join-submit',
            i18n: 'accident.join.submit' }));
    // a typed code leads to the same page as the QR code: which case it is, then join
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const code = form.shareCode.value.replace(/[\s-]/g, '').toUpperCase();
        if (!/^[0-9A-Z]{4,12}$/.test(code)) {
            showError(form, { key: 'accident.join.code.invalid', field: 'shareCode' });
            return;
        }
        navigate(`/accident/join/${code}`);
    });
    replaceChildren(outlet, h('div', { class: 'accident', id: 'accident-home' },
        h('section', { class: 'card' },
            h('h1', { i18n: 'accident.home.title' }),
            h('a', { href: '#/accident/new', id: 'new-report' },
                h('button', { type: 'button', class: 'primary', i18n: 'accident.home.new' }))),
        h('section', { class: 'card' }, h('h2', { i18n: 'accident.join.title' }), form),
        h('section', { class: 'card' },
            h('h2', { i18n: 'accident.home.mine' }),
            cases.length === 0 ? h('p', { class: 'hint', i18n: 'accident.home.none' })
                : h('ul', { class: 'plain', id: 'my-cases' }, cases.map((c) => h('li', {},
                    h('a', { href: `#/accident/${c.id}`, dataset: { caseId: c.id } },
                        `${c.caseNo} · ${c.roadName || ''} · `,
                        h('span', { class: 'state-chip', i18n: `accident.state.${c.state}` }))))))));
}

/**
 * #/accident/join/:code — what the QR code on the other phone leads to. Public: the second
 * driver first sees which case they join (number, place, time, plates with the middle hidden),
 * then signs in, and comes back here to join.
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function joinView(outlet, { params }) {
    /** @type {import('../types.js').JoinPreview} */
    const preview = await get(`/accidents/join/${encodeURIComponent(params.code)}`);
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const join = async () => {
        try {
            const joined = await post('/accidents/join', { shareCode: params.code });
            navigate(`/accident/${joined.id}`);
        } catch (failure) {
            describe(error, failure);
            error.hidden = false;
        }
    };
    const signedIn = isSignedIn();
    replaceChildren(outlet, h('div', { class: 'accident', id: 'join-preview',
        dataset: { joinable: String(preview.joinable) } },
    h('section', { class: 'card' },
        h('h1', { i18n: 'accident.join.preview' }),
        h('p', { id: 'join-case', i18n: 'accident.join.previewRow', i18nParams: {
            caseNo: preview.caseNo, road: preview.roadName || t('accident.unnamedRoad'),
            time: new Date(preview.occurredAt).toLocaleString(
                language() === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' }) } }),
        h('p', { i18n: 'accident.join.plates',
            i18nParams: { plates: preview.plates.join('、') } }),
        !preview.joinable ? h('p', { class: 'notice', i18n: 'accident.join.closed' })
            : signedIn ? h('button', { type: 'button', class: 'primary', id: 'join-confirm',
                i18n: 'accident.join.confirm', onclick: join })
                : h('a', { class: 'button-link', id: 'join-sign-in',
                    href: `#${signInPath(`/accident/join/${params.code}`)}`,
                    i18n: 'accident.join.signIn' }),
        error)));
}
