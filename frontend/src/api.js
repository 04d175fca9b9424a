// @ts-check
/**
 * The one way pages talk to the server: JSON in and out, the bearer token added, and every
 * failure turned into an ApiError carrying the server's {code, message, field}.
 */
import { endSession, token } from './session.js';
/** @import { ErrorBody } from './types.js' */

const API_ROOT = './api/v1';

/** A failed request: `code` is stable (UPPER_SNAKE), `field` names the input at fault. */
export class ApiError extends Error {
    /** @param {ErrorBody & { status: number }} body */
    constructor({ status, code, message, field, requestId }) {
        super(`${status} ${code}${message ? `: ${message}` : ''}`);
        this.name = 'ApiError';
        /** The server's own words ("中文 / English"), empty when it sent none. */
        this.serverMessage = message;
        this.status = status;
        this.code = code;
        this.field = field;
        this.requestId = requestId;
    }
}

/** Fired on window when a signed-in request comes back 401: the router returns to sign-in. */
export const SESSION_EXPIRED_EVENT = 'anxing:session-expired';

/**
 * Sends `body` (if any) as JSON to `path` (relative to /api/v1, e.g. '/auth/me') and returns
 * the parsed answer (null for an empty one). `options.signal` aborts it. The answer is typed
 * where it is kept (a variable with a JSDoc type from types.js).
 * @param {'GET' | 'POST' | 'PUT' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {RequestOptions} [options]
 * @returns {Promise<any>}
 */
export async function request(method, path, body, options = {}) {
    const bearer = token();
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (bearer) headers.Authorization = `Bearer ${bearer}`;

    let response;
    try {
        response = await fetch(API_ROOT + path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: options.signal,
        });
    } catch (cause) {
        if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
        throw new ApiError({ status: 0, code: 'NETWORK', message: '' });
    }

    const payload = await readJson(response);
    if (response.ok) return payload;

    const error = new ApiError({
        status: response.status,
        code: payload?.code ?? `HTTP_${response.status}`,
        message: payload?.message ?? '',
        field: payload?.field,
        requestId: payload?.requestId,
    });
    // a 401 on a request that carried a token means the session is over; a 401 without one is
    // a sign-in that failed, which the sign-in form shows itself
    if (response.status === 401 && bearer) {
        endSession();
        window.dispatchEvent(new CustomEvent(SESSION_EXPIRED_EVENT));
    }
    throw error;
}

/**
 * @typedef {object} RequestOptions
 * @property {AbortSignal} [signal]
 */

/** @type {(path: string, options?: RequestOptions) => Promise<any>} */
export const get = (path, options) => request('GET', path, undefined, options);
/** @type {(path: string, body?: unknown, options?: RequestOptions) => Promise<any>} */
export const post = (path, body, options) => request('POST', path, body ?? {}, options);
/** @type {(path: string, body?: unknown, options?: RequestOptions) => Promise<any>} */
export const put = (path, body, options) => request('PUT', path, body ?? {}, options);
/** @type {(path: string, options?: RequestOptions) => Promise<any>} */
export const del = (path, options) => request('DELETE', path, undefined, options);

/**
 * Builds '/path?a=1&b=2' from an object, leaving out empty values.
 * @param {string} path
 * @param {Record<string, string | number | boolean | null | undefined>} query
 */
export function withQuery(path, query) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
        if (value !== undefined && value !== null && value !== '') {
            params.set(name, String(value));
        }
    }
    const text = params.toString();
    return text ? `${path}?${text}` : path;
}

/**
 * @param {Response} response
 * @returns {Promise<any>}
 */
async function readJson(response) {
    const text = await response.text();
    if (!text) return null;
    try {
        return JSON.parse(text);
    } catch {
        return null;
    }
}
