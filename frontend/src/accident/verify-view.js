// @ts-check
/** #/verify/:code — anyone holding an agreement checks it is genuine and unchanged. */
import { h, replaceChildren } from '../dom.js';
import { get } from '../api.js';
import './common.js';
/** @import { RouteContext, Verification } from '../types.js' */

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function verifyView(outlet, { params }) {
    /** @type {Verification} */
    const result = await get(`/agreements/${encodeURIComponent(params.code)}/verify`);
    const a = result.agreement;
    replaceChildren(outlet, h('div', { class: 'accident', id: 'verify',
        dataset: { genuine: String(result.genuine) } },
        h('section', { class: 'card' },
            h('h1', { i18n: 'accident.verify.title' }),
            h('p', { class: result.genuine ? 'verify-ok' : 'verify-bad',
                i18n: result.genuine ? 'accident.verify.genuine' : 'accident.verify.notGenuine' }),
            a && h('ul', { class: 'plain' },
                h('li', {}, `${a.caseNo} · ${a.place} · ${new Date(a.occurredAt).toLocaleString()}`),
                a.parties.map((p) => h('li', {}, `${p.label} · ${p.plate} · ${p.insurer} · `,
                    h('span', { i18n: `accident.grade.${p.liability}` })))))));
}
