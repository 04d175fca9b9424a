// @ts-check
/**
 * The police desk (交警工作台) on a desktop: #/police/accidents (the queue with its columns,
 * filters, sort and search) and #/police/accidents/:id (the case in full: place on the map,
 * parties, statements, photos, history, medical advances; the claim, the decision with its legal
 * basis, sending back, the determination document, the audit). #/verify/determination/:code is
 * the public check of a determination.
 */
import { h, replaceChildren } from '../dom.js';
import { del, get, post } from '../api.js';
import { formError, showError } from '../forms.js';
import { t } from '../i18n.js';
import { hasAnyRole } from '../session.js';
import { bilingual, blobUrl, scenarioName, scenarios } from './common.js';
// the linked medical advances name their state in the payment pages' words
import '../payments/messages.js';

/** @import { CaseView, RouteContext } from '../types.js' */

const GRADES = ['FULL', 'MAIN', 'EQUAL', 'SECONDARY', 'NONE'];
const REASONS = ['STATEMENTS_DISAGREE', 'PARTY_DECLINED', 'NO_ONE_AT_FAULT', 'UNKNOWN_SCENARIO',
    'MIXED_FAULT', 'NOT_ELIGIBLE', 'INJURY', 'PHOTO_FLAGGED', 'POLICE_REQUESTED',
    'REVIEW_REQUESTED'];
const STATES = ['POLICE_REVIEW', 'SUPPLEMENT', 'DRAFT', 'EVIDENCE', 'PARTIES', 'LIABILITY',
    'DECIDED'];
const FIELDS = ['name', 'plate', 'vehicleType', 'licenceNo', 'insurerCode', 'policyNo',
    'collisionPart'];

/**
 * @typedef {object} Holder
 * @property {string} officerId
 * @property {string} officerName
 * @property {string} expiresAt
 * @property {boolean} [mine]
 *
 * @typedef {object} QueueRow
 * @property {string} id
 * @property {string} caseNo
 * @property {import('../types.js').CaseState} state
 * @property {string} reportedAt
 * @property {number} waitingMinutes
 * @property {string | null} roadName
 * @property {string[]} plates
 * @property {{ kind: string, zh: string, en: string }[]} flags
 * @property {boolean} injury
 * @property {string | null} reason
 * @property {string[]} reasons
 * @property {boolean} reviewRequested
 * @property {Holder | null} holder
 *
 * @typedef {object} Article
 * @property {string} code
 * @property {string} zh
 * @property {string} en
 * @property {string} summaryZh
 *
 * @typedef {object} DeterminationParty
 * @property {string} label
 * @property {string} name
 * @property {string | null} plate
 * @property {string} grade
 * @property {string} insurerName
 * @property {Article[]} basis
 *
 * @typedef {object} Determination
 * @property {string} verificationCode
 * @property {string} issuedAt
 * @property {{ parties: DeterminationParty[], facts: string, officerName: string,
 *     officerUnit: string }} content
 *
 * @typedef {object} SendBackItem
 * @property {'PHOTO' | 'FIELD' | 'STATEMENT'} kind
 * @property {string} target
 * @property {string | null} party
 * @property {boolean} done
 *
 * @typedef {object} SendBack
 * @property {SendBackItem[]} items
 * @property {string} note
 * @property {string} officerName
 * @property {string} requestedAt
 *
 * @typedef {object} Transition
 * @property {string} from
 * @property {string} event
 * @property {string} to
 * @property {string} actor
 * @property {string} at
 *
 * @typedef {object} AuditRow
 * @property {string} at
 * @property {string} officerName
 * @property {string} action
 * @property {string | null} caseNo
 * @property {string} detail
 *
 * @typedef {Omit<CaseView, 'flags' | 'photos'> & {
 *     reportedAt: string, weather: string, accidentForm: string,
 *     claim: Holder | null, sendBack: SendBack | null, determination: Determination | null,
 *     reviewRequestedAt: string | null, reasons: string[], transitions: Transition[],
 *     flags: { kind: string, zh: string, en: string, slot?: string }[],
 *     photos: { slot: string, kind: string, plate: string | null, photo: null | {
 *         id: string | null, takenAt: string | null, lat: number | null, lon: number | null,
 *         flags: { zh: string, en: string }[] } }[] }} PoliceCase
 */

/** @param {string} iso */
const when = (iso) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** @param {number} minutes */
function waiting(minutes) {
    if (minutes < 60) return t('police.minutes', { n: String(minutes) });
    const hours = Math.floor(minutes / 60);
    return t('police.hours', { h: String(hours), m: String(minutes % 60) });
}

// ---- the queue ---------------------------------------------------------------------------------

/** @param {HTMLElement} outlet */
export async function policeQueueView(outlet) {
    const filters = h('form', { id: 'queue-filters', class: 'queue-filters' },
        labelled('police.filter.search', h('input', { name: 'q', type: 'search',
            placeholder: t('police.filter.searchHint') })),
        labelled('police.filter.reason', h('select', { name: 'reason' },
            h('option', { value: '', i18n: 'police.filter.any' }),
            REASONS.map((r) => h('option', { value: r, i18n: `accident.queue.reason.${r}` })))),
        labelled('police.filter.state', h('select', { name: 'state' },
            h('option', { value: '', i18n: 'police.filter.any' }),
            STATES.map((s) => h('option', { value: s, i18n: `accident.state.${s}` })))),
        labelled('police.filter.road', h('input', { name: 'road', type: 'text' })),
        labelled('police.filter.from', h('input', { name: 'from', type: 'date' })),
        labelled('police.filter.to', h('input', { name: 'to', type: 'date' })),
        labelled('police.filter.sort', h('select', { name: 'sort' },
            h('option', { value: 'URGENCY', i18n: 'police.sort.urgency' }),
            h('option', { value: 'TIME', i18n: 'police.sort.time' }))),
        h('button', { type: 'submit', class: 'secondary', id: 'queue-apply',
            i18n: 'police.filter.apply' }));
    const body = h('tbody', {});
    const table = h('table', { class: 'queue-table', id: 'queue-table' },
        h('thead', {}, h('tr', {}, ['caseNo', 'reportedAt', 'waiting', 'reasons', 'road',
            'injury', 'flags', 'holder', 'plates'].map((c) => h('th', { scope: 'col',
            i18n: `police.col.${c}` })))),
        body);
    const empty = h('p', { class: 'hint', i18n: 'accident.queue.none', hidden: true });

    async function load() {
        const form = /** @type {HTMLFormElement} */ (filters);
        const params = new URLSearchParams();
        for (const name of ['q', 'reason', 'state', 'road', 'sort']) {
            const value = /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
            if (value) params.set(name, value);
        }
        for (const name of ['from', 'to']) {
            const value = /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
            if (value) {
                const day = new Date(`${value}T00:00:00+08:00`);
                if (name === 'to') day.setDate(day.getDate() + 1);
                params.set(name, day.toISOString());
            }
        }
        /** @type {QueueRow[]} */
        const rows = await get(`/police/accidents?${params}`);
        empty.hidden = rows.length > 0;
        replaceChildren(body, rows.map(queueRow));
    }
    filters.addEventListener('submit', (event) => {
        event.preventDefault();
        load();
    });
    filters.addEventListener('change', () => load());
    replaceChildren(outlet, h('div', { class: 'accident police-desk', id: 'police-queue' },
        h('section', { class: 'card wide' },
            h('h1', { i18n: 'accident.queue.title' }),
            h('p', { class: 'hint', i18n: 'police.queue.hint' }),
            filters, table, empty,
            h('p', {}, h('a', { href: '#/police/audit', id: 'my-audit',
                i18n: 'police.audit.mine' })))));
    await load();
}

/**
 * @param {string} key
 * @param {HTMLElement} control
 */
function labelled(key, control) {
    return h('label', { class: 'filter' }, h('span', { i18n: key }), control);
}

/** @param {QueueRow} c */
function queueRow(c) {
    return h('tr', { dataset: { caseId: c.id, state: c.state,
        injury: String(c.injury), held: String(Boolean(c.holder)) } },
        h('td', {}, h('a', { href: `#/police/accidents/${c.id}` }, c.caseNo)),
        h('td', {}, when(c.reportedAt)),
        h('td', { class: 'waiting' }, waiting(c.waitingMinutes)),
        h('td', { class: 'queue-reason', dataset: { reason: c.reason ?? '' } },
            c.reasons.map((r) => h('span', { class: 'chip', dataset: { reason: r },
                i18n: `accident.queue.reason.${r}` }))),
        h('td', {}, c.roadName || t('accident.unnamedRoad')),
        h('td', { class: 'injury' }, c.injury ? h('span', { class: 'chip danger',
            i18n: 'police.injury.yes' }) : h('span', { i18n: 'police.injury.no' })),
        h('td', { class: 'flags' }, c.flags.length === 0 ? '—' : flagChips(c.flags)),
        h('td', { class: 'holder' }, c.holder ? c.holder.officerName
            : h('span', { class: 'hint', i18n: 'police.holder.none' })),
        h('td', {}, c.plates.join(' / ')));
}

/**
 * One chip per kind of flag, with a count when a kind comes more than once (five reused photos
 * are one signal, not five); each flag's own words in the chip's title.
 *
 * @param {{ kind: string, zh: string }[]} flags
 */
function flagChips(flags) {
    /** @type {Map<string, string[]>} */
    const byKind = new Map();
    for (const f of flags) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f.zh]);
    return [...byKind].map(([kind, texts]) => h('span', {
        class: 'chip warn', title: texts.join('\n'),
        dataset: { kind, count: String(texts.length) },
    }, h('span', { i18n: `police.flag.${kind}` }), texts.length > 1 ? ` ×${texts.length}` : ''));
}

/** @param {HTMLElement} outlet */
export async function policeAuditView(outlet) {
    /** @type {AuditRow[]} */
    const rows = await get('/police/audit?officer=me');
    replaceChildren(outlet, h('div', { class: 'accident police-desk', id: 'police-audit' },
        h('section', { class: 'card wide' }, h('h1', { i18n: 'police.audit.mine' }),
            auditTable(rows, true))));
}

/**
 * @param {AuditRow[]} rows
 * @param {boolean} [withCase] a column for the case (the officer's own list)
 */
function auditTable(rows, withCase = false) {
    const columns = withCase ? ['at', 'officer', 'action', 'caseNo', 'detail']
        : ['at', 'officer', 'action', 'detail'];
    return h('table', { class: 'queue-table audit-table' },
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col',
            i18n: `police.audit.${c}` })))),
        h('tbody', {}, rows.map((r) => h('tr', { dataset: { action: r.action } },
            h('td', {}, when(r.at)), h('td', {}, r.officerName),
            h('td', { i18n: `police.action.${r.action}` }),
            withCase && h('td', {}, r.caseNo ?? ''), h('td', {}, r.detail)))));
}

// ---- one case ----------------------------------------------------------------------------------

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function policeCaseView(outlet, context) {
    const id = context.params.id;
    /** @type {[PoliceCase, Awaited<ReturnType<typeof scenarios>>,
     *     { articles: Article[] }, import('../types.js').Insurer[]]} */
    const [first, catalogue, legal, insurers] = await Promise.all([
        get(`/police/accidents/${id}`), scenarios(), get('/police/legal-basis'),
        get('/insurers')]);
    let view = first;
    /** @type {import('maplibre-gl').Map | null} */
    let map = null;
    const insurerName = Object.fromEntries(insurers.map((i) => [i.code, i.nameZh]));
    const names = Object.fromEntries(catalogue.scenarios.map((s) => [s.code, scenarioName(s)]));
    /** @param {string} value */
    const what = (value) => names[value] ?? t(`accident.statement.${value}`);
    const mine = () => Boolean(view.claim?.mine);

    async function render() {
        map?.remove();
        map = null;
        const mapElement = h('div', { class: 'case-map', id: 'police-case-map' });
        replaceChildren(outlet, h('div', { class: 'accident police-desk', id: 'police-case',
            dataset: { state: view.state, claim: view.claim ? (mine() ? 'mine' : 'held')
                : 'free' } },
            headerCard(), partiesCard(),
            h('div', { class: 'desk-columns' },
                h('div', { class: 'desk-main' },
                    factsCard(mapElement), statementsCard(), photosCard(), historyCard()),
                h('div', { class: 'desk-side' },
                    claimCard(), view.determination && determinationCard(),
                    view.sendBack && sendBackStatus(),
                    view.state === 'POLICE_REVIEW' && mine() && decisionCard(),
                    view.state === 'POLICE_REVIEW' && mine() && sendBackCard(),
                    ['DECIDED', 'AGREED'].includes(view.state) && mine() && closeCard(),
                    advancesCard(), auditCard()))));
        map = await placeOnMap(mapElement, view.location);
    }

    /** @param {Promise<PoliceCase>} change @param {HTMLElement} [form] */
    async function act(change, form) {
        try {
            view = await change;
            await render();
        } catch (error) {
            if (form) showError(/** @type {HTMLFormElement} */ (form), error);
            else throw error;
        }
    }

    function headerCard() {
        return h('section', { class: 'card' },
            h('h1', { i18n: 'accident.case.title', i18nParams: { caseNo: view.caseNo } }),
            h('p', {}, h('span', { class: 'state-chip', id: 'case-state',
                i18n: `accident.state.${view.state}` }), ' ',
                view.reasons.map((r) => h('span', { class: 'chip', dataset: { reason: r },
                    i18n: `accident.queue.reason.${r}` }))),
            view.flags.length > 0 && h('ul', { class: 'flags', id: 'case-flags' },
                view.flags.map((f) => h('li', { class: 'notice', dataset: { kind: f.kind } },
                    bilingual(f)))));
    }

    /** @param {HTMLElement} mapElement */
    function factsCard(mapElement) {
        return h('section', { class: 'card', id: 'case-facts' },
            h('dl', { class: 'facts' },
                fact('police.fact.occurredAt', when(view.occurredAt)),
                fact('police.fact.reportedAt', when(view.reportedAt)),
                fact('police.fact.road', view.location.roadName || t('accident.unnamedRoad')),
                fact('police.fact.weather', t(`accident.weather.${view.weather}`)),
                fact('police.fact.form', t(`accident.form.${view.accidentForm}`)),
                fact('police.fact.position',
                    `${view.location.lat.toFixed(5)}, ${view.location.lon.toFixed(5)}`)),
            mapElement);
    }

    function partiesCard() {
        return h('section', { class: 'card' }, h('h2', { i18n: 'accident.parties.title' }),
            h('table', { class: 'queue-table', id: 'case-parties' },
                h('thead', {}, h('tr', {}, ['party', 'name', 'phone', 'licence', 'vehicle',
                    'plate', 'insurer', 'policy', 'collision'].map((c) => h('th', {
                    scope: 'col', i18n: `police.party.${c}` })))),
                h('tbody', {}, view.parties.map((p) => h('tr', { dataset: { label: p.label } },
                    h('td', {}, p.label), h('td', {}, p.name ?? ''), h('td', {}, p.phone ?? ''),
                    h('td', {}, p.licenceNo ?? ''), h('td', {}, p.vehicleType ?? ''),
                    h('td', {}, p.plate ?? ''),
                    h('td', {}, p.insurerCode ? insurerName[p.insurerCode] ?? p.insurerCode
                        : ''),
                    h('td', {}, p.policyNo ?? ''), h('td', {}, p.collisionPart ?? ''))))));
    }

    function statementsCard() {
        const items = Object.entries(view.statements).flatMap(([author, s]) => s.declined
            ? [h('li', { i18n: 'accident.review.declined', i18nParams: { author } })]
            : Object.entries(s.assessments).map(([label, value]) => h('li', {
                i18n: 'accident.review.saysAbout',
                i18nParams: { author, label, what: what(value) } })));
        return h('section', { class: 'card' }, h('h2', { i18n: 'accident.review.statements' }),
            h('ul', { id: 'review-statements' }, items));
    }

    function photosCard() {
        const grid = h('div', { class: 'photo-grid', id: 'review-photos' });
        for (const slot of view.photos) {
            const photo = slot.photo;
            const figure = h('figure', { dataset: { slot: slot.slot } },
                h('figcaption', {}, h('strong', { i18n: `accident.slot.${slot.kind}`,
                    i18nParams: { plate: slot.plate ?? '' } }),
                photo ? h('small', {}, photo.takenAt
                    ? t('police.photo.takenAt', { at: when(photo.takenAt) })
                    : t('police.photo.noTime')) : h('small', { i18n: 'accident.photos.missing' }),
                photo && photo.lat != null && h('small', {}, t('police.photo.at', {
                    at: `${photo.lat.toFixed(5)}, ${Number(photo.lon).toFixed(5)}` })),
                photo && photo.flags.map((f) => h('small', { class: 'notice' }, bilingual(f)))));
            grid.append(figure);
            if (!photo?.id) continue;
            blobUrl(`/police/accidents/${view.id}/photos/${photo.id}`).then((url) => {
                const img = h('img', { src: url, alt: slot.slot, tabindex: '0' });
                const enlarge = () => showLarge(url, slot.slot);
                img.addEventListener('click', enlarge);
                img.addEventListener('keydown', (e) => { if (e.key === 'Enter') enlarge(); });
                figure.prepend(img);
            });
        }
        return h('section', { class: 'card' }, h('h2', { i18n: 'accident.review.photos' }),
            h('p', { class: 'hint', i18n: 'police.photo.enlarge' }), grid);
    }

    function historyCard() {
        return h('section', { class: 'card' }, h('h2', { i18n: 'police.history' }),
            h('ol', { id: 'case-history', class: 'history' }, view.transitions.map((tr) =>
                h('li', {}, `${when(tr.at)} · `, h('span', { i18n: `police.event.${tr.event}` }),
                    ' → ', h('span', { i18n: `accident.state.${tr.to}` }),
                    ' · ', h('span', { i18n: tr.actor.startsWith('police:')
                        ? 'police.actor.police' : 'police.actor.party' })))));
    }

    function claimCard() {
        const c = view.claim;
        // an admin from anyone, a supervisor from an officer of their unit (the server checks)
        const mayTakeOver = hasAnyRole(['admin', 'police_supervisor']);
        const takeOver = !mine() && c && mayTakeOver && h('button', {
            type: 'button', class: 'secondary', id: 'take-over', i18n: 'police.claim.takeOver',
            onclick: () => act(post(`/police/accidents/${view.id}/take-over`, {})) });
        return h('section', { class: 'card', id: 'claim', dataset: {
            holder: c?.officerName ?? '' } },
            h('h2', { i18n: 'police.claim.title' }),
            !c && h('p', {}, h('span', { i18n: 'police.claim.free' }), ' ',
                h('button', { type: 'button', class: 'primary', id: 'claim-case',
                    i18n: 'police.claim.take',
                    onclick: () => act(post(`/police/accidents/${view.id}/claim`, {})) })),
            c && mine() && h('p', { id: 'claim-mine', i18n: 'police.claim.mine',
                i18nParams: { until: when(c.expiresAt) } }),
            c && !mine() && h('p', { class: 'notice', id: 'claim-held', i18n: 'police.claim.held',
                i18nParams: { name: c.officerName } }),
            takeOver,
            c && mine() && h('button', { type: 'button', class: 'secondary', id: 'release',
                i18n: 'police.claim.release', onclick: async () => {
                    await del(`/police/accidents/${view.id}/claim`);
                    view = await get(`/police/accidents/${view.id}`);
                    await render();
                } }));
    }

    function decisionCard() {
        const form = h('form', { id: 'decision-form', novalidate: true },
            h('h2', { i18n: 'accident.review.decide' }),
            view.parties.map((p) => h('fieldset', { class: 'party-grade',
                dataset: { label: p.label } },
                h('legend', {}, `${p.label} · ${p.plate ?? ''} · ${p.name ?? ''}`),
                h('label', { class: 'field' }, h('span', { i18n: 'police.decide.grade' }),
                    h('select', { name: `grade-${p.label}`, required: true },
                        h('option', { value: '', i18n: 'police.decide.choose' }),
                        GRADES.map((g) => h('option', { value: g, i18n: `accident.grade.${g}` })))),
                h('label', { class: 'field' }, h('span', { i18n: 'police.decide.basis' }),
                    h('select', { name: `basis-${p.label}`, multiple: true, size: 6 },
                        legal.articles.map((a) => h('option', { value: a.code,
                            title: a.summaryZh || a.zh }, shortCitation(a.zh))))))),
            h('label', { class: 'field' }, h('span', { i18n: 'police.decide.facts' }),
                h('textarea', { name: 'facts', rows: 4, required: true })),
            h('label', { class: 'field' }, h('span', { i18n: 'accident.review.note' }),
                h('textarea', { name: 'note', rows: 2 })),
            formError(),
            h('button', { type: 'submit', class: 'primary', id: 'decision-submit',
                i18n: 'accident.review.submit' }));
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const el = /** @param {string} n */ (n) => /** @type {HTMLSelectElement} */ (
                /** @type {HTMLFormElement} */ (form).elements.namedItem(n));
            /** @type {Record<string, string>} */
            const grades = {};
            /** @type {Record<string, string[]>} */
            const basis = {};
            for (const p of view.parties) {
                grades[p.label] = el(`grade-${p.label}`).value;
                basis[p.label] = [...el(`basis-${p.label}`).selectedOptions].map((o) => o.value);
                if (!grades[p.label]) {
                    return showError(/** @type {HTMLFormElement} */ (form), new Error(t('police.decide.needGrade',
                        { label: p.label })));
                }
                if (grades[p.label] !== 'NONE' && basis[p.label].length === 0) {
                    return showError(form, new Error(t('police.decide.needBasis',
                        { label: p.label })));
                }
            }
            const facts = el('facts').value.trim();
            if (!facts) return showError(form, new Error(t('police.decide.needFacts')));
            await act(post(`/police/accidents/${view.id}/decision`, { grades, basis, facts,
                note: el('note').value, version: view.version }), form);
        });
        return h('section', { class: 'card' }, form);
    }

    function sendBackCard() {
        const form = h('form', { id: 'send-back-form', novalidate: true },
            h('h2', { i18n: 'police.sendBack.title' }),
            h('p', { class: 'hint', i18n: 'police.sendBack.hint' }),
            h('fieldset', {}, h('legend', { i18n: 'police.sendBack.photos' }),
                view.photos.map((slot) => h('label', { class: 'choice' },
                    h('input', { type: 'checkbox', name: 'photo', value: slot.slot }),
                    h('span', { i18n: `accident.slot.${slot.kind}`,
                        i18nParams: { plate: slot.plate ?? '' } })))),
            h('fieldset', {}, h('legend', { i18n: 'police.sendBack.field' }),
                h('select', { name: 'fieldParty' }, h('option', { value: '',
                    i18n: 'police.sendBack.noField' }),
                view.parties.map((p) => FIELDS.map((f) => h('option', {
                    value: `${p.label}:${f}` }, `${p.label} · ${t(`police.field.${f}`)}`))))),
            h('fieldset', {}, h('legend', { i18n: 'police.sendBack.statement' }),
                view.parties.map((p) => h('label', { class: 'choice' },
                    h('input', { type: 'checkbox', name: 'statement', value: p.label }),
                    h('span', {}, `${p.label} · ${p.name ?? ''}`)))),
            h('label', { class: 'field' }, h('span', { i18n: 'police.sendBack.note' }),
                h('textarea', { name: 'note', rows: 2 })),
            formError(),
            h('button', { type: 'submit', class: 'secondary', id: 'send-back-submit',
                i18n: 'police.sendBack.submit' }));
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            /** @type {{ kind: string, target: string, party?: string }[]} */
            const items = [];
            form.querySelectorAll('input[name=photo]:checked').forEach((i) => items.push({
                kind: 'PHOTO', target: /** @type {HTMLInputElement} */ (i).value }));
            form.querySelectorAll('input[name=statement]:checked').forEach((i) => items.push({
                kind: 'STATEMENT', target: /** @type {HTMLInputElement} */ (i).value }));
            const f = /** @type {HTMLSelectElement} */ (form.querySelector('[name=fieldParty]'))
                .value;
            if (f) {
                const [party, target] = f.split(':');
                items.push({ kind: 'FIELD', target, party });
            }
            if (items.length === 0) return showError(form, new Error(t('police.sendBack.none')));
            const note = /** @type {HTMLTextAreaElement} */ (form.querySelector('[name=note]'))
                .value;
            await act(post(`/police/accidents/${view.id}/send-back`, { items, note,
                version: view.version }), form);
        });
        return h('section', { class: 'card' }, form);
    }

    function sendBackStatus() {
        const s = /** @type {SendBack} */ (view.sendBack);
        return h('section', { class: 'card', id: 'send-back-status' },
            h('h2', { i18n: 'police.sendBack.asked' }),
            s.note && h('p', {}, s.note),
            h('ul', { class: 'plain' }, s.items.map((i) => h('li', { dataset: {
                done: String(i.done) } }, h('span', { i18n: i.done ? 'police.sendBack.done'
                : 'police.sendBack.open' }), ' · ', itemText(i, view)))));
    }

    function determinationCard() {
        const d = /** @type {Determination} */ (view.determination);
        return h('section', { class: 'card', id: 'determination',
            dataset: { code: d.verificationCode } },
            h('h2', { i18n: 'police.determination.title' }),
            h('ul', { class: 'plain' }, d.content.parties.map((p) => h('li', {
                dataset: { label: p.label, grade: p.grade } },
                `${p.label} · ${p.name} · `, h('strong', { i18n: `accident.grade.${p.grade}` })))),
            h('p', {}, h('span', { i18n: 'police.determination.code' }), ' ',
                h('code', { id: 'determination-code', dataset: { verbatim: '' } },
                    d.verificationCode)),
            downloadButton(`/police/accidents/${view.id}/determination.pdf`,
                'determination-pdf'));
    }

    function closeCard() {
        return h('section', { class: 'card' }, h('button', { type: 'button',
            class: 'secondary', id: 'close-case', i18n: 'accident.review.close',
            onclick: () => act(post(`/police/accidents/${view.id}/close`,
                { version: view.version })) }));
    }

    function advancesCard() {
        const list = h('ul', { class: 'plain', id: 'case-advances' },
            h('li', { class: 'hint', i18n: 'police.advances.loading' }));
        get('/payments/applications').then((/** @type {{ id: string, caseId: string,
            state: string, injuredPersonId?: string }[]} */ apps) => {
            const linked = apps.filter((a) => a.caseId === view.caseNo || a.caseId === view.id);
            replaceChildren(list, linked.length === 0
                ? h('li', { class: 'hint', i18n: 'police.advances.none' })
                : linked.map((a) => h('li', {}, h('a', { href: `#/payments/${a.id}` },
                    t('police.advances.one', { state: t(`pay.stateName.${a.state}`) })))));
        }).catch(() => replaceChildren(list, h('li', { class: 'hint',
            i18n: 'police.advances.none' })));
        return h('section', { class: 'card' }, h('h2', { i18n: 'police.advances.title' }), list);
    }

    function auditCard() {
        const holder = h('div', { id: 'case-audit' });
        get(`/police/accidents/${view.id}/audit`).then((/** @type {AuditRow[]} */ rows) =>
            replaceChildren(holder, auditTable(rows)));
        return h('section', { class: 'card' }, h('h2', { i18n: 'police.audit.case' }), holder);
    }

    await render();
    // the claim is a lease: renewed while this page is open, given up when it is left
    const renew = setInterval(() => {
        if (mine()) post(`/police/accidents/${id}/claim`, {}).catch(() => {});
    }, 60_000);
    return () => {
        clearInterval(renew);
        map?.remove();
        if (mine()) del(`/police/accidents/${id}/claim`).catch(() => {});
    };
}

/**
 * @param {SendBackItem} i
 * @param {{ parties: { label: string }[] }} view
 */
function itemText(i, view) {
    if (i.kind === 'PHOTO') return t('police.sendBack.itemPhoto', { slot: t(slotKey(i.target)) });
    if (i.kind === 'FIELD') {
        return t('police.sendBack.itemField', { party: i.party ?? '',
            field: t(`police.field.${i.target}`) });
    }
    return t('police.sendBack.itemStatement', { party: i.target, n: String(view.parties.length) });
}

/** @param {string} slot a slot name such as panorama-front, collision-point or plate-1 */
function slotKey(slot) {
    return `police.slot.${slot.split('-')[0]}`;
}

/**
 * 《中华人民共和国道路交通安全法实施条例》第五十条 as 《实施条例》第五十条: the list stays readable.
 * @param {string} zh
 */
function shortCitation(zh) {
    return zh.replace('《中华人民共和国道路交通安全法实施条例》', '《实施条例》')
        .replace('《中华人民共和国道路交通安全法》', '《道路交通安全法》');
}

/**
 * @param {string} key
 * @param {string} value
 */
function fact(key, value) {
    return [h('dt', { i18n: key }), h('dd', {}, value)];
}

/**
 * A download of an authenticated PDF: the file is fetched with the session, then saved.
 * @param {string} path
 * @param {string} buttonId
 */
export function downloadButton(path, buttonId) {
    return h('button', { type: 'button', class: 'primary', id: buttonId,
        i18n: 'police.determination.download', onclick: async () => {
            const url = await blobUrl(path);
            const a = h('a', { href: url, download: 'determination.pdf', hidden: true });
            document.body.append(a);
            a.click();
            a.remove();
        } });
}

/**
 * @param {string} url
 * @param {string} alt
 */
function showLarge(url, alt) {
    const close = () => overlay.remove();
    const overlay = h('div', { class: 'photo-overlay', id: 'photo-large', role: 'dialog',
        onclick: close }, h('img', { src: url, alt }),
    h('button', { type: 'button', class: 'secondary', i18n: 'police.photo.close',
        onclick: close }));
    document.body.append(overlay);
}

/**
 * The case's place on our own base map with its pin and snapped road (map/case-map.js). The
 * map is a help beside the case: without it (no WebGL) the road is still named in the facts.
 * @param {HTMLElement} element
 * @param {import('../types.js').CaseLocation} location
 */
async function placeOnMap(element, location) {
    try {
        const { showCaseOnMap } = await import('../map/case-map.js');
        const map = showCaseOnMap(element, location);
        element.dataset.pin = `${location.lat},${location.lon}`;
        return map;
    } catch {
        element.dataset.pin = 'unavailable';
        return null;
    }
}

// ---- the public check of a determination ------------------------------------------------------

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function determinationVerifyView(outlet, { params }) {
    /** @type {{ genuine: boolean, superseded: boolean, determination?: { caseNo: string,
     *     place: string, occurredAt: string, officerUnit: string,
     *     parties: { label: string, plate: string | null, grade: string }[] } }} */
    const result = await get(`/determinations/${encodeURIComponent(params.code)}/verify`);
    const d = result.determination;
    replaceChildren(outlet, h('div', { class: 'accident', id: 'verify-determination',
        dataset: { genuine: String(result.genuine), superseded: String(result.superseded) } },
    h('section', { class: 'card' },
        h('h1', { i18n: 'police.verify.title' }),
        h('p', { class: result.genuine ? 'verify-ok' : 'verify-bad',
            i18n: result.genuine ? 'police.verify.genuine' : 'police.verify.notGenuine' }),
        result.superseded && h('p', { class: 'notice', i18n: 'police.verify.superseded' }),
        d && h('ul', { class: 'plain' },
            h('li', {}, `${d.caseNo} · ${d.place} · ${when(d.occurredAt)} · ${d.officerUnit}`),
            d.parties.map((p) => h('li', {}, `${p.label} · ${p.plate ?? ''} · `,
                h('span', { i18n: `accident.grade.${p.grade}` })))))));
}
