// @ts-check
/**
 * The areas of work shown as cards on the home page, each for the roles that do that work.
 *
 * A feature that builds its area changes `path` to its own route (and registers that route in
 * main.js); until then the card leads to the "coming soon" page at /area/<id>.
 */
/** @import { Role } from './types.js' */

/**
 * @typedef {object} Area
 * @property {string} id
 * @property {Role[] | null} roles who sees the card (null: everyone)
 * @property {string} title the dictionary key of its name (`.description` its line)
 * @property {string} path
 */

/** @type {Area[]} */
export const AREAS = [
    { id: 'accident', roles: ['driver'], title: 'area.accident', path: '/accident' },
    { id: 'review', roles: ['police'], title: 'area.review', path: '/police/accidents' },
    { id: 'bus-planning', roles: ['coordinator'], title: 'area.busPlanning', path: '/bus' },
    { id: 'child-bus', roles: ['parent'], title: 'area.childBus', path: '/child-bus' },
    { id: 'medical-advance', roles: ['driver', 'parent', 'police', 'insurer', 'hospital', 'fund'],
        title: 'area.medicalAdvance', path: '/payments' },
    { id: 'insight', roles: ['police', 'admin'], title: 'area.insight', path: '/insight' },
    { id: 'accounts', roles: ['admin'], title: 'area.accounts', path: '/admin' },
    { id: 'map', roles: null, title: 'area.map', path: '/map' },
];

/**
 * The areas a user with `roles` may open (an area without roles is for everyone).
 * @param {Role[]} roles
 */
export function areasFor(roles) {
    return AREAS.filter((area) => !area.roles || area.roles.some((role) => roles.includes(role)));
}

/** @param {string} id */
export function areaById(id) {
    return AREAS.find((area) => area.id === id) ?? null;
}
