// @ts-check
/**
 * The police pages: #/police/accidents (the queue of disputed and flagged cases) and
 * #/police/accidents/:id (photos, statements, and the decision with any of the five grades).
 */
import { h, replaceChildren } from '../dom.js';
import { get, post } from '../api.js';
import { formError, showError } from '../forms.js';
import { t } from '../i18n.js';
import { bilingual, blobUrl, gradeLines, scenarioName, scenarios, selectField } from './common.js';

/** @import { CaseSummary, CaseView, RouteContext } from '../types.js' */

const GRADES = ['FULL', 'MAIN', 'EQUAL', 'SECONDARY', 'NONE'];

/** @param {HTMLElement} outlet */
export async function policeQueueView(outlet) {
    /** @type {CaseSummary[]} */
    const queue = await get('/police/accidents');
    replaceChildren(outlet, h('div', { class: 'accident', id: 'police-queue' },
        h('section', { class: 'card' },
            h('h1', { i18n: 'accident.queue.title' }),
            queue.length === 0 ? h('p', { class: 'hint', i18n: 'accident.queue.none' })
                : h('table', {}, h('tbody', {}, queue.map((c) => h('tr', {
                    dataset: { caseId: c.id, state: c.state } },
                    h('td', {}, h('a', { href: `#/police/accidents/${c.id}` }, c.caseNo)),
                    h('td', {}, c.plates.join(' / ')),
                    h('td', {}, c.roadName),
                    h('td', {}, h('span', { class: 'state-chip',
                        i18n: `accident.state.${c.state}` })),
                    h('td', { class: 'queue-reason', dataset: { reason: c.reason ?? '' },
                        i18n: c.reason ? `accident.queue.reason.${c.reason}` : undefined }))))))));
}

/** The case map on screen, removed when the case is drawn again or left. */
/** @type {import('maplibre-gl').Map | null} */
let caseMap = null;

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function policeCaseView(outlet, context) {
    const { params } = context;
    /** @type {[CaseView, Awaited<ReturnType<typeof scenarios>>]} */
    const [view, catalogue] = await Promise.all([get(`/police/accidents/${params.id}`),
        scenarios()]);
    const names = Object.fromEntries(catalogue.scenarios.map((s) => [s.code, scenarioName(s)]));
    /** @param {string} value */
    const what = (value) => names[value] ?? t(`accident.statement.${value}`);
    const photos = h('div', { class: 'photo-grid', id: 'review-photos' });
    for (const slot of view.photos) {
        if (!slot.photo) continue;
        blobUrl(`/police/accidents/${view.id}/photos/${slot.photo.id}`).then((url) => {
            photos.append(h('figure', {}, h('img', { src: url, alt: slot.slot }),
                h('figcaption', { i18n: `accident.slot.${slot.kind}`,
                    i18nParams: { plate: slot.plate ?? '' } })));
        });
    }
    const statements = Object.entries(view.statements).flatMap(([author, s]) => s.declined
        ? [h('li', { i18n: 'accident.review.declined', i18nParams: { author } })]
        : Object.entries(s.assessments).map(([label, value]) => h('li', {
            i18n: 'accident.review.saysAbout', i18nParams: { author, label, what: what(value) } })));
    const form = h('form', { id: 'decision-form', novalidate: true },
        h('h2', { i18n: 'accident.review.decide' }),
        view.parties.map((p) => selectField({ name: `grade-${p.label}`,
            label: 'accident.statement.party', value: 'EQUAL',
            options: GRADES.map((g) => [g, null, `accident.grade.${g}`]) })),
        h('div', { class: 'field' }, h('label', { i18n: 'accident.review.note' }),
            h('textarea', { name: 'note', rows: 2 })),
        formError(),
        h('button', { type: 'submit', class: 'primary', id: 'decision-submit',
            i18n: 'accident.review.submit' }));
    form.querySelectorAll('.field label').forEach((label, i) => {
        const p = view.parties[i];
        if (p) label.textContent = `${p.label} · ${p.plate ?? ''} · ${p.name ?? ''}`;
    });
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const grades = Object.fromEntries(view.parties.map((p) =>
            [p.label, form[`grade-${p.label}`].value]));
        try {
            await post(`/police/accidents/${view.id}/decision`, { grades,
                note: form.note.value, version: view.version });
            await policeCaseView(outlet, context);
        } catch (error) {
            showError(form, error);
        }
    });
    const mapBox = h('div', { class: 'map-box', id: 'police-case-map' });
    const reasons = view.eligibility && !view.eligibility.selfServiceAllowed
        ? view.eligibility.reasons : view.decision?.reasons ?? [];
    replaceChildren(outlet, h('div', { class: 'accident', id: 'police-case',
        dataset: { state: view.state } },
        h('section', { class: 'card' },
            h('h1', { i18n: 'accident.case.title', i18nParams: { caseNo: view.caseNo } }),
            h('p', {}, h('span', { class: 'state-chip', id: 'case-state',
                i18n: `accident.state.${view.state}` })),
            h('p', { i18n: 'accident.case.place', i18nParams: { road: view.location.roadName } }),
            h('ul', {}, reasons.map((r) => h('li', {}, bilingual(r)))),
            view.flags.map((f) => h('p', { class: 'notice' }, bilingual(f))),
            mapBox),
        h('section', { class: 'card' }, h('h2', { i18n: 'accident.parties.title' }),
            h('ul', { class: 'plain' }, view.parties.map((p) => h('li', {},
                `${p.label} · ${p.name ?? ''} · ${p.plate ?? ''} · ${p.licenceNo ?? ''} · `
                + `${p.phone ?? ''} · ${p.insurerCode ?? ''} ${p.policyNo ?? ''}`)))),
        h('section', { class: 'card' }, h('h2', { i18n: 'accident.review.statements' }),
            h('ul', { id: 'review-statements' }, statements)),
        h('section', { class: 'card' }, h('h2', { i18n: 'accident.review.photos' }), photos),
        view.state === 'POLICE_REVIEW' && h('section', { class: 'card' }, form),
        view.policeDecision && h('section', { class: 'card', id: 'decided' },
            h('h2', { i18n: 'accident.decided.title' }),
            h('ul', { class: 'plain' }, gradeLines(view, view.policeDecision.grades))),
        ['DECIDED', 'AGREED'].includes(view.state) && h('button', { type: 'button',
            class: 'secondary', id: 'close-case', i18n: 'accident.review.close',
            onclick: async () => {
                await post(`/police/accidents/${view.id}/close`, { version: view.version });
                await policeCaseView(outlet, context);
            } })));
    caseMap?.remove();
    caseMap = null;
    // the map is a help beside the case: without it (no WebGL) the road is still named above
    import('../map/case-map.js')
        .then(({ showCaseOnMap }) => { caseMap = showCaseOnMap(mapBox, view.location); })
        .catch(() => { mapBox.hidden = true; });
    return () => {
        caseMap?.remove();
        caseMap = null;
    };
}
