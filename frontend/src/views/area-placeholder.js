// @ts-check
/**
 * The page an area's card leads to until the feature that builds the area replaces it
 * (see areas.js).
 */
import { h, replaceChildren } from '../dom.js';
import { areaById } from '../areas.js';
import { hasAnyRole } from '../session.js';
/** @import { RouteContext } from '../types.js' */

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function areaPlaceholderView(outlet, { params }) {
    const area = areaById(params.id);
    const allowed = area && (!area.roles || hasAnyRole(area.roles));
    replaceChildren(outlet, h('section', { class: 'card', id: 'area', dataset: { area: params.id } },
        allowed
            ? [h('h1', { i18n: area.title }), h('p', { class: 'hint', i18n: 'area.comingSoon' })]
            : h('p', { class: 'form-error', role: 'alert',
                i18n: area ? 'error.FORBIDDEN' : 'error.notFound' }),
        h('a', { href: '#/home', i18n: 'app.back' })));
}
