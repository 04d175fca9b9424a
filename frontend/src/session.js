// @ts-check
/**
 * Who is signed in: the bearer token and the user it belongs to. Kept in sessionStorage so a
 * token lives as long as the tab (a shared police desktop forgets it when the tab closes) and
 * survives a reload.
 */
/** @import { Role, SignIn, User } from './types.js' */
const TOKEN_KEY = 'anxing.token';
const USER_KEY = 'anxing.user';

/** Fired on window whenever someone signs in or out (the header shows who). */
export const SESSION_CHANGED_EVENT = 'anxing:session-changed';

export function token() {
    return sessionStorage.getItem(TOKEN_KEY);
}

export function isSignedIn() {
    return token() !== null;
}

/**
 * The signed-in user, or null.
 * @returns {User | null}
 */
export function currentUser() {
    const json = sessionStorage.getItem(USER_KEY);
    return json ? JSON.parse(json) : null;
}

/** @param {Role} role */
export function hasRole(role) {
    return currentUser()?.roles?.includes(role) ?? false;
}

/** @param {Role[]} roles */
export function hasAnyRole(roles) {
    return roles.some(hasRole);
}

/**
 * Keeps the answer of a sign-in.
 * @param {SignIn} answer
 */
export function startSession({ token: newToken, user }) {
    sessionStorage.setItem(TOKEN_KEY, newToken);
    rememberUser(user);
}

/** @param {User} user */
export function rememberUser(user) {
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
    window.dispatchEvent(new CustomEvent(SESSION_CHANGED_EVENT));
}

export function endSession() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
    window.dispatchEvent(new CustomEvent(SESSION_CHANGED_EVENT));
}

/**
 * The name to greet a user by: their display name, else username, else phone.
 * @param {User | null} user
 */
export function nameOf(user) {
    return user?.displayName || user?.username || user?.phone || '';
}
