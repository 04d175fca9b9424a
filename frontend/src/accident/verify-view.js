// @ts-check
/**
 * #/verify and #/verify/:code — anyone holding an agreement checks it is genuine and unchanged:
 * the QR code on the PDF opens the second, and the code printed under it can be typed into the
 * first.
 */
import { h, replaceChildren } from '../dom.js';
import { get } from '../api.js';
import { field, formError, showError } from '../forms.js';
import { language } from '../i18n.js';
import { navigate } from '../router.js';
import './common.js';
/** @import { RouteContext, Verification } from '../types.js' */

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function verifyView(outlet, { params }) {
    const form = h('form', { id: 'verify-form', novalidate: true },
        field({ name: 'code', label: 'accident.verify.code', value: params.code ?? '',
            placeholder: 'accident.verify.code.placeholder', autocomplete: 'off',
            autocapitalize: 'characters' }),
        formError(),
        h('button', { type: 'submit', class: 'primary', id: 'verify-submit',
            i18n: 'accident.verify.submit' }));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const code = form.code.value.trim().toUpperCase();
        if (!code) showError(form, { key: 'accident.verify.code.placeholder', field: 'code' });
        else navigate(`/verify/${encodeURIComponent(code)}`);
    });
    /** @type {Verification | null} */
    const result = params.code
        ? await get(`/agreements/${encodeURIComponent(params.code)}/verify`) : null;
    const a = result?.agreement;
    replaceChildren(outlet, h('div', { class: 'accident', id: 'verify',
        dataset: result ? { genuine: String(result.genuine) } : {} },
    h('section', { class: 'card' },
        h('h1', { i18n: 'accident.verify.title' }),
        result && h('p', { class: result.genuine ? 'verify-ok' : 'verify-bad',
            i18n: result.genuine ? 'accident.verify.genuine' : 'accident.verify.notGenuine' }),
        a && h('ul', { class: 'plain' },
            h('li', {}, `${a.caseNo} · ${a.place} · ${new Date(a.occurredAt).toLocaleString(
                language() === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' })}`),
            a.parties.map((p) => h('li', { dataset: { properName: '' } }, `${p.label} · ${p.plate} · ${(language() === 'en'
                ? p.insurerEn : p.insurerZh) ?? p.insurerZh ?? ''} · `,
                h('span', { i18n: `accident.grade.${p.liability}` }))))),
    h('section', { class: 'card' }, form)));
}
