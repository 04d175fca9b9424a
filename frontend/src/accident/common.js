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
 * A labelled <select> inside a `.field` (its error goes to the form's top line). Each option is
 * [value, text] or [value, null, dictionary key].
 * @param {{ name: string, label: string, value?: string,
 *     options: [string, string | null, string?][] }} spec
 */
export function selectField({ name, label, options, value }) {
    const select = h('select', { name, id: `select-${name}` },
        options.map(([optionValue, text, key]) => h('option', {
            value: optionValue, selected: optionValue === value, i18n: key,
        }, key ? undefined : text)));
    return h('div', { class: 'field', dataset: { field: `${name}-select` } },
        h('label', { for: select.id, i18n: label }), select);
}

/**
 * PUTs a photo as the raw body; the same key on a retry stores nothing twice.
 * @param {string} caseId
 * @param {string} slot
 * @param {File} file
 * @param {string} key
 * @returns {Promise<{ case: CaseView }>}
 */
export async function uploadPhoto(caseId, slot, file, key) {
    const response = await fetch(`./api/v1/accidents/${caseId}/photos/${slot}`, {
        method: 'PUT',
        headers: {
            Authorization: `Bearer ${token()}`,
            'Content-Type': file.type || 'image/jpeg',
            'Idempotency-Key': key,
        },
        body: file,
    });
    const payload = await response.json().catch(() => null);
    if (!response.ok) {
        const error = new Error(payload?.message ?? `HTTP ${response.status}`);
        Object.assign(error, { status: response.status, code: payload?.code,
            serverMessage: payload?.message, field: payload?.field });
        throw error;
    }
    return payload;
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
