// @ts-check
/**
 * Hash routes (`#/home`, `#/area/accident`, `#/map?lat=..`): the server serves one index.html
 * and never needs to know the pages, so features add pages without touching the server.
 *
 * A view is `async (outlet, { params, query }) => cleanup?`: it fills `outlet` and may return a
 * function that runs when the page is left (remove a map, stop a timer). Routes are signed-in
 * only unless declared `{ public: true }`, and may require one of some `roles`.
 */
import { h, replaceChildren } from './dom.js';
import { hasAnyRole, isSignedIn } from './session.js';
import { ApiError, SESSION_EXPIRED_EVENT } from './api.js';
import { describe } from './forms.js';
/** @import { Role, View } from './types.js' */

/**
 * @typedef {object} RouteOptions
 * @property {boolean} [public] no sign-in needed
 * @property {Role[]} [roles] any one of them is needed
 *
 * @typedef {RouteOptions & { pattern: string, regex: RegExp, names: string[], view: View }}
 *     Route
 */

/** @type {Route[]} */
const routes = [];
/** @type {HTMLElement} */
let outlet;
/** @type {(() => void) | null} */
let leaveCurrent = null;
let renderCount = 0;

export const SIGN_IN = '/signin';
export const HOME = '/home';

/**
 * Declares a page. `pattern` is a path with `:name` parts, e.g. '/accident/:id'.
 * Options: `public` (no sign-in needed), `roles` (any one of them is needed).
 * @param {string} pattern
 * @param {View} view
 * @param {RouteOptions} [options]
 */
export function addRoute(pattern, view, options = {}) {
    /** @type {string[]} */
    const names = [];
    const source = pattern.replace(/:(\w+)/g, (whole, name) => {
        names.push(name);
        return '([^/]+)';
    });
    routes.push({ pattern, regex: new RegExp(`^${source}$`), names, view, ...options });
}

/**
 * A view loaded on first use: `lazy(() => import('./views/x.js'), 'xView')`.
 * @param {() => Promise<Record<string, unknown>>} load
 * @param {string} name
 * @returns {View}
 */
export function lazy(load, name) {
    return async (element, context) => {
        const view = /** @type {View | undefined} */ ((await load())[name]);
        if (typeof view !== 'function') throw new Error(`no view ${name} in its module`);
        return view(element, context);
    };
}

/**
 * Goes to `path` ('/home', '/area/accident?x=1'); the page renders on the hash change.
 * @param {string} path
 */
export function navigate(path) {
    if (location.hash === `#${path}`) render();
    else location.hash = path;
}

/** The path after '#', e.g. '/home'. */
export function currentPath() {
    return location.hash.replace(/^#/, '') || HOME;
}

/** @param {HTMLElement} element */
export function startRouter(element) {
    outlet = element;
    window.addEventListener('hashchange', render);
    window.addEventListener(SESSION_EXPIRED_EVENT,
        () => navigate(signInPath(currentPath(), { expired: true })));
    render();
}

/**
 * The sign-in page that comes back to `path` afterwards (and says why if `expired`).
 * @param {string} path
 * @param {{ expired?: boolean }} [options]
 */
export function signInPath(path, { expired = false } = {}) {
    const back = path.startsWith(SIGN_IN) ? HOME : path;
    const query = new URLSearchParams();
    if (back !== HOME) query.set('next', back);
    if (expired) query.set('expired', '1');
    const text = query.toString();
    return text ? `${SIGN_IN}?${text}` : SIGN_IN;
}

async function render() {
    const path = currentPath();
    const [pathname, queryString = ''] = path.split('?');
    const match = findRoute(pathname);
    if (match && !match.route.public && !isSignedIn()) {
        navigate(signInPath(path));
        return;
    }

    const ticket = ++renderCount;
    leave();
    if (!match) {
        replaceChildren(outlet, messageView('error.notFound'));
        return;
    }
    if (match.route.roles && !hasAnyRole(match.route.roles)) {
        replaceChildren(outlet, messageView('error.FORBIDDEN'));
        return;
    }

    outlet.dataset.route = match.route.pattern;
    replaceChildren(outlet);
    window.scrollTo(0, 0);
    try {
        const cleanup = await match.route.view(outlet, {
            params: match.params,
            query: Object.fromEntries(new URLSearchParams(queryString)),
        });
        // the person may have moved on while the view was still loading
        if (ticket !== renderCount) cleanup?.();
        else leaveCurrent = cleanup ?? null;
    } catch (error) {
        if (ticket !== renderCount || (error instanceof ApiError && error.status === 401)) return;
        console.error(error);
        replaceChildren(outlet, h('section', { class: 'card' },
            describe(h('p', { class: 'form-error', role: 'alert' }), error),
            h('a', { href: `#${HOME}`, i18n: 'app.back' })));
    }
}

function leave() {
    const cleanup = leaveCurrent;
    leaveCurrent = null;
    cleanup?.();
}

/** @param {string} pathname */
function findRoute(pathname) {
    for (const route of routes) {
        const found = route.regex.exec(pathname);
        if (found) {
            const params = Object.fromEntries(
                route.names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
            return { route, params };
        }
    }
    return null;
}

/** @param {string} key */
function messageView(key) {
    return h('section', { class: 'card' },
        h('p', { class: 'form-error', role: 'alert', i18n: key }),
        h('a', { href: `#${HOME}`, i18n: 'app.back' }));
}
