// @ts-check
/**
 * What the accident pages share: their strings, the scenario catalogue, the plain-words
 * decision, photo upload (raw body with an Idempotency-Key) and downloads that need the token.
 */
import { language, t } from '../i18n.js';
import { get } from '../api.js';
import { h } from '../dom.js';
import { token } from '../session.js';
import './messages.js';
import './accident.css';
/** @import { Bilingual, CaseView, Grade, Scenario } from '../types.js' */

/** @type {Promise<{ scenarios: Scenario[] }> | null} */
let catalogue = null;

/**
 * The scenario catalogue (/liability/scenarios), fetched once per page load.
 * @returns {Promise<{ scenarios: Scenario[] }>}
 */
export function scenarios() {
    catalogue ??= get('/liability/scenarios').catch((error) => {
        catalogue = null;
        throw error;
    });
    return catalogue;
}

/** @param {Scenario} scenario */
export function scenarioName(scenario) {
    return language() === 'en' ? scenario.nameEn : scenario.nameZh;
}

/**
 * A server text pair {zh, en} in the current language.
 * @param {Bilingual} pair
 */
export function bilingual(pair) {
    return language() === 'en' ? pair.en : pair.zh;
}

/**
 * @param {Pick<CaseView, 'parties'>} view
 * @param {string} label
 */
export function plateOf(view, label) {
    return view.parties.find((p) => p.label === label)?.plate ?? '';
}

/**
 * "Party B (浙F12345): full liability", one line per party.
 * @param {Pick<CaseView, 'parties'>} view
 * @param {Record<string, Grade>} grades
 */
export function gradeLines(view, grades) {
    return Object.entries(grades).map(([label, grade]) => h('li', {
        class: 'grade-line', dataset: { label, grade },
        i18n: 'accident.decision.line',
        i18nParams: { label, plate: plateOf(view, label), grade: t(`accident.grade.${grade}`) },
    }));
}

/**
 * A labelled <select> inside a `.field[data-field=name]` with a line for its error. Each option
 * is [value, text] or [value, null, dictionary key]. With `choose` (a dictionary key) the select
 * starts on that empty, unselectable line and is required: nothing is chosen for the person.
 * @param {{ name: string, label: string, value?: string, choose?: string,
 *     options: [string, string | null, string?][] }} spec
 */
export function selectField({ name, label, options, value, choose }) {
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
    const select = h('select', { name, id: `select-${name}`, required: Boolean(choose) },
        choose && h('option', { value: '', disabled: true, selected: !value, i18n: choose }),
        options.map(([optionValue, text, key]) => h('option', {
            value: optionValue, selected: optionValue === value, i18n: key,
        }, key ? undefined : text)));
    return h('div', { class: 'field', dataset: { field: name } },
        h('label', { for: select.id, i18n: label }), select, error);
}

/**
 * PUTs a photo as the raw body; the same key on a retry stores nothing twice. XMLHttpRequest
 * rather than fetch, because only it reports how much of the body has gone (`onProgress`,
 * 0..1): on a slow roadside connection a photo takes seconds.
 * @param {string} caseId
 * @param {string} slot
 * @param {File} file
 * @param {string} key
 * @param {(fraction: number) => void} [onProgress]
 * @returns {Promise<{ case: CaseView }>}
 */
export function uploadPhoto(caseId, slot, file, key, onProgress = () => {}) {
    return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open('PUT', `./api/v1/accidents/${caseId}/photos/${slot}`);
        request.setRequestHeader('Authorization', `Bearer ${token()}`);
        request.setRequestHeader('Content-Type', file.type || 'image/jpeg');
        request.setRequestHeader('Idempotency-Key', key);
        request.upload.addEventListener('progress', (event) => {
            if (event.lengthComputable) onProgress(event.loaded / event.total);
        });
        const fail = (/** @type {number} */ status, /** @type {any} */ payload) => {
            const error = new Error(payload?.message ?? `HTTP ${status}`);
            // no error of ours (a proxy's or gateway's page): say plainly that it was not stored
            Object.assign(error, payload?.code ? { status, code: payload.code,
                serverMessage: payload.message, field: payload.field }
                : { status, key: 'accident.photos.failed' });
            reject(error);
        };
        request.addEventListener('load', () => {
            let payload = null;
            try {
                payload = JSON.parse(request.responseText);
            } catch {
                // not JSON: a proxy's error page
            }
            if (request.status >= 200 && request.status < 300) resolve(payload);
            else fail(request.status, payload);
        });
        // no answer at all: the phone lost its connection
        request.addEventListener('error', () => reject(Object.assign(
            new Error('offline'), { key: 'accident.photos.offline' })));
        request.send(file);
    });
}

/**
 * What to do first at the scene, before any form: the steps of Order 146 and one-tap calls.
 * `hurt`: someone is injured, so the page says so plainly and puts the calls first.
 * @param {{ hurt?: boolean }} [options]
 */
export function safetyPanel({ hurt = false } = {}) {
    return h('section', { class: `card safety${hurt ? ' hurt' : ''}`, id: 'safety',
        dataset: { hurt: String(hurt) } },
        hurt && h('h2', { class: 'hurt-title', id: 'hurt-title', i18n: 'accident.safety.hurt' }),
        hurt && callButtons(),
        h('h2', { i18n: 'accident.safety.title' }),
        h('ol', { class: 'safety-steps' },
            // with someone hurt the scene stays as it is for the police (Order 146 art. 13)
            ['hazard', 'triangle', 'offRoad', hurt ? 'keepScene' : 'photoThenMove'].map((step) =>
                h('li', { i18n: `accident.safety.${step}` }))),
        !hurt && callButtons());
}

/** The two emergency numbers as links a phone dials with one tap. */
export function callButtons() {
    return h('div', { class: 'call-buttons' },
        h('a', { class: 'call', href: 'tel:122', id: 'call-122' },
            h('strong', {}, '122'), ' ', h('span', { i18n: 'accident.call.police' })),
        h('a', { class: 'call', href: 'tel:120', id: 'call-120' },
            h('strong', {}, '120'), ' ', h('span', { i18n: 'accident.call.ambulance' })));
}

/**
 * An insurer's name in the page's language, from the list (/insurers), never its code.
 * @param {import('../types.js').Insurer[]} insurers
 * @param {string | null | undefined} code
 */
export function insurerName(insurers, code) {
    const found = insurers.find((i) => i.code === code);
    if (!found) return t('accident.insurer.unknown');
    return language() === 'en' && found.nameEn ? found.nameEn : found.nameZh;
}

/**
 * Fetches a protected file (photo, PDF) and returns an object URL for it.
 * @param {string} path
 */
export async function blobUrl(path) {
    const response = await fetch(`./api/v1${path}`, {
        headers: { Authorization: `Bearer ${token()}` },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return URL.createObjectURL(await response.blob());
}
