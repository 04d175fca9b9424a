// @ts-check
/**
 * Home: greets the user, shows their roles and a card for each area of work they may open.
 * The user is fetched again (/auth/me) so a stale or revoked token leads back to sign-in.
 */
import { h, replaceChildren } from '../dom.js';
import { get } from '../api.js';
import { nameOf, rememberUser } from '../session.js';
import { areasFor } from '../areas.js';
/** @import { Area } from '../areas.js' */
/** @import { User } from '../types.js' */

/** @param {HTMLElement} outlet */
export async function homeView(outlet) {
    /** @type {User} */
    const user = await get('/auth/me');
    rememberUser(user);
    const areas = areasFor(user.roles ?? []);

    replaceChildren(outlet,
        h('section', { class: 'greeting', id: 'home' },
            h('h1', { i18n: 'home.greeting', i18nParams: { name: nameOf(user) } }),
            h('p', { class: 'roles' },
                h('span', { class: 'roles-label', i18n: 'home.roles' }),
                (user.roles ?? []).map((role) => h('span', {
                    class: 'role-chip', dataset: { role }, i18n: `role.${role}`,
                })))),
        h('h2', { class: 'section-title', i18n: 'home.areas' }),
        areas.length === 0
            ? h('p', { class: 'hint', i18n: 'home.noAreas' })
            : h('ul', { class: 'area-cards' }, areas.map(areaCard)));
}

/** @param {Area} area */
function areaCard(area) {
    return h('li', {},
        h('a', { class: 'area-card', href: `#${area.path}`, dataset: { area: area.id } },
            h('strong', { i18n: area.title }),
            h('span', { i18n: `${area.title}.description` })));
}
