// @ts-check
/**
 * The medical advance payment list (#/payments): everyone's applications for staff (the payer's
 * queue shows those waiting for payment first), the applicant's own with the form to apply, and
 * the applicant's notifications, polled every 15 seconds so that each step reaches them without
 * asking (the server keeps every step as a notification; the page asks for those after the last
 * one it has seen).
 */
import './messages.js';
import { h, replaceChildren } from '../dom.js';
import { ApiError, get, post } from '../api.js';
import { clearErrors, field, formError, showError } from '../forms.js';
import { hasAnyRole, hasRole } from '../session.js';
import { localizeServerMessage } from '../i18n.js';
import { navigate } from '../router.js';

/**
 * @import { Hospital, PaymentApplication, PaymentNotification, RouteContext } from '../types.js'
 */

const POLL_MS = 15_000;
const WAITING_FOR_PAYER = ['BILLED', 'APPROVED'];

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function paymentsView(outlet, { query }) {
    /** @type {[PaymentApplication[], Hospital[]]} */
    const [applications, hospitals] = await Promise.all([
        get('/payments/applications'), get('/payments/hospitals')]);
    if (hasAnyRole(['insurer', 'fund'])) {
        applications.sort((a, b) => waiting(b) - waiting(a));
    }
    const applicant = hasAnyRole(['driver', 'parent', 'police']);
    const notifications = h('ul', { class: 'pay-notifications', id: 'pay-notifications' });
    replaceChildren(outlet,
        h('h1', { i18n: 'pay.title' }),
        applicant ? await applyForm(hospitals, query?.caseId, query?.accident) : null,
        hasAnyRole(['driver', 'parent']) ? h('section', { class: 'card pay-section' },
            h('h2', { i18n: 'pay.notifications' }), notifications) : null,
        h('section', { class: 'card pay-section' },
            h('h2', { i18n: 'pay.list' }),
            applications.length === 0 ? h('p', { class: 'hint', i18n: 'pay.none' })
                : h('ul', { class: 'pay-list', id: 'pay-list' }, applications.map(row))));
    if (!hasAnyRole(['driver', 'parent'])) return undefined;
    return pollNotifications(notifications);
}

/** @param {PaymentApplication} application */
function waiting(application) {
    return WAITING_FOR_PAYER.includes(application.state) ? 1 : 0;
}

/** @param {PaymentApplication} application */
function row(application) {
    return h('li', {},
        h('a', { href: `#/payments/${application.id}`, dataset: { state: application.state } },
            h('strong', {}, application.caseId), ' · ', application.injuredPersonId, ' · ',
            application.hospitalName, ' · ',
            h('span', { class: 'pay-state', i18n: `pay.stateName.${application.state}` })));
}

/**
 * The accident the application is for, when the accident page sent the injured here: taken
 * from the case (number, place, time), shown, and not to be typed again or changed.
 * @param {string | undefined} accidentId
 * @returns {Promise<import('../types.js').CaseView | null>}
 */
async function fromCase(accidentId) {
    if (!accidentId || !hasRole('driver')) return null;
    try {
        return await get(`/accidents/${encodeURIComponent(accidentId)}`);
    } catch {
        return null; // not this person's case: the form asks as it would without a link
    }
}

/** A Date as the value of a datetime-local input, in the phone's time. @param {Date} d */
function localInput(d) {
    const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:`
        + `${pad(d.getMinutes())}`;
}

/**
 * The apply form: who is hurt, which hospital (a list to search), and the accident, filled
 * from the case when the accident page sent the injured here.
 * @param {Hospital[]} hospitals
 * @param {string | undefined} caseId
 * @param {string | undefined} accidentId
 */
async function applyForm(hospitals, caseId, accidentId) {
    const accident = await fromCase(accidentId);
    const active = hospitals.filter((x) => x.active);
    const hospital = h('select', { name: 'hospitalId', id: 'pay-hospital' },
        active.map((x) => h('option', { value: x.id }, x.name)));
    const search = h('input', { type: 'search', id: 'pay-hospital-search', autocomplete: 'off',
        i18nPlaceholder: 'pay.hospital.search', 'aria-controls': 'pay-hospital' });
    search.addEventListener('input', () => {
        const words = search.value.trim();
        for (const option of hospital.options) option.hidden = !option.text.includes(words);
        const first = [...hospital.options].find((o) => !o.hidden);
        if (first && hospital.selectedOptions[0]?.hidden) hospital.value = first.value;
    });
    const form = h('form', { class: 'card pay-section', id: 'pay-apply', novalidate: true },
        h('h2', { i18n: 'pay.apply' }),
        h('p', { class: 'hint', i18n: 'pay.apply.hint' }),
        formError(),
        field({ name: 'injuredPersonId', label: 'pay.injuredPersonId', required: true,
            placeholder: 'pay.injuredPersonId.placeholder', autocomplete: 'name' }),
        relationField(),
        field({ name: 'injuredIdNumber', label: 'pay.injuredIdNumber', maxlength: '18',
            placeholder: 'pay.injuredIdNumber.placeholder', autocomplete: 'off',
            inputmode: 'text', autocapitalize: 'characters' }),
        h('div', { class: 'field', dataset: { field: 'hospitalId' } },
            h('label', { for: 'pay-hospital', i18n: 'pay.hospitalId' }), search, hospital,
            h('p', { class: 'field-error', role: 'alert', hidden: true })),
        accident && h('p', { class: 'notice', id: 'pay-from-case', i18n: 'pay.fromCase',
            i18nParams: { caseNo: accident.caseNo, road: accident.location.roadName ?? '',
                time: new Date(accident.occurredAt).toLocaleString() } }),
        // from the case the fields are shown but fixed: the accident is never silently replaced
        field({ name: 'caseId', label: 'pay.caseId', required: true,
            value: accident?.caseNo ?? caseId ?? '', readonly: Boolean(accident) }),
        field({ name: 'accidentAt', label: 'pay.accidentAt', type: 'datetime-local',
            required: true, readonly: Boolean(accident),
            value: accident ? localInput(new Date(accident.occurredAt)) : undefined }),
        hasRole('police') ? field({ name: 'applicantPhone', label: 'pay.applicantPhone',
            type: 'tel', maxlength: '11' }) : null,
        h('button', { type: 'submit', class: 'primary', i18n: 'pay.submit' }));
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearErrors(form);
        const data = new FormData(form);
        /** @param {string} name the field's text, undefined when the form has no such field */
        const text = (name) => {
            const value = data.get(name);
            return typeof value === 'string' ? value : undefined;
        };
        if (!text('injuredRelation')) {
            showError(form, { key: 'pay.injuredRelation.choose', field: 'injuredRelation' });
            return;
        }
        const accidentAt = text('accidentAt');
        const local = accidentAt ? new Date(accidentAt) : null;
        /** @type {Record<string, string | null | undefined>} */
        const body = {
            caseId: text('caseId'),
            injuredPersonId: text('injuredPersonId')?.trim(),
            injuredRelation: text('injuredRelation'),
            hospitalId: text('hospitalId'),
            accidentAt: local && !Number.isNaN(local.getTime()) ? local.toISOString() : null,
        };
        if (text('applicantPhone')) body.applicantPhone = text('applicantPhone');
        const idNumber = text('injuredIdNumber')?.trim();
        if (idNumber) body.injuredIdNumber = idNumber; // optional: sent only when given
        try {
            const created = await post('/payments/applications', body);
            navigate(`/payments/${created.id}`);
        } catch (error) {
            showError(form, error);
        }
    });
    return form;
}

/** How the injured person is related to the one applying: nothing chosen for them. */
export const RELATIONS = ['SELF', 'SPOUSE', 'CHILD', 'PARENT', 'OTHER'];

function relationField() {
    const select = h('select', { name: 'injuredRelation', id: 'pay-relation', required: true },
        h('option', { value: '', disabled: true, selected: true, i18n: 'pay.choose' }),
        RELATIONS.map((r) => h('option', { value: r, i18n: `pay.relation.${r}` })));
    return h('div', { class: 'field', dataset: { field: 'injuredRelation' } },
        h('label', { for: select.id, i18n: 'pay.injuredRelation' }), select,
        h('p', { class: 'field-error', role: 'alert', hidden: true }));
}

/** @param {HTMLUListElement} list */
function pollNotifications(list) {
    let after = 0;
    let stopped = false;
    const fetchNew = async () => {
        try {
            /** @type {PaymentNotification[]} */
            const fresh = await get(`/payments/notifications?after=${after}`);
            for (const n of fresh) {
                after = Math.max(after, n.id);
                list.prepend(h('li', { dataset: { what: n.what } },
                    h('a', { href: `#/payments/${n.applicationId}` },
                        h('time', {}, new Date(n.at).toLocaleString()), ' ',
                        h('strong', {}, n.caseId), ' ',
                        h('span', { dataset: { serverMessage: `${n.textZh} / ${n.textEn}` } },
                            localizeServerMessage(`${n.textZh} / ${n.textEn}`)))));
            }
            if (list.children.length === 0) {
                list.replaceChildren(h('li', { class: 'hint', i18n: 'pay.notifications.none' }));
            } else {
                list.querySelector('.hint')?.remove();
            }
        } catch (error) {
            if (error instanceof ApiError && error.status === 401) stopped = true;
        }
    };
    fetchNew();
    const timer = setInterval(() => {
        if (!stopped) fetchNew();
    }, POLL_MS);
    return () => clearInterval(timer);
}
