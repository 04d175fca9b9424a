// @ts-check
/**
 * #/accident/:id?step=… — one case on a party's phone as a guided flow, one step on screen:
 * location → safety checklist → photos → vehicles and drivers → what happened → agreement →
 * signed. The step is in the URL, so back and forward work, and a reload or another phone
 * opens the same step; how far the case has come is the server's to say (its state and
 * `allowedActions`), the page only shows the matching step. Cases the police handle show the
 * police page instead (`POLICE_PAGES`, one function per state, so more slot in).
 * The page follows the other phone's changes (it polls the case's version) without losing
 * what is being typed.
 */
import { renderSVG } from 'uqr';
import { h, replaceChildren } from '../dom.js';
import { get, post, put } from '../api.js';
import { describe, field, formError, showError } from '../forms.js';
import { language, onLanguageChange, t } from '../i18n.js';
import {
    bilingual, blobUrl, gradeLines, insurerName, safetyPanel, scenarioName, scenarios,
    selectField, uploadPhoto,
} from './common.js';
import { determinationSection, heldSection, sendBackSection } from './police-party.js';
import {
    SITUATIONS, noFaultPicture, scenarioPicture, situationOf, slotPicture, unknownPicture,
} from './pictures.js';
/**
 * @import { CaseView, Insurer, InsurerNotification, Party, PhotoSlot, RouteContext, Scenario }
 *     from '../types.js'
 */

const CHECKLIST = ['anyoneInjured', 'vehiclesDrivable', 'allInsured', 'drinkOrDrugs',
    'facilityHit', 'hazardousGoods'];

/** The steps in order; `location` was the report page, the case begins at `safety`. */
export const STEPS = /** @type {const} */ (['location', 'safety', 'photos', 'vehicles', 'what',
    'agreement', 'signed']);
/** @typedef {typeof STEPS[number]} Step */

/**
 * The step the case has come to, or null when the police handle it.
 * @param {CaseView} view
 * @returns {Step | null}
 */
export function reachedStep(view) {
    switch (view.state) {
        case 'DRAFT': return 'safety';
        case 'EVIDENCE': return 'photos';
        case 'PARTIES': return 'vehicles';
        case 'LIABILITY': return view.decision?.outcome === 'SETTLED' ? 'agreement' : 'what';
        case 'AGREED': return 'signed';
        default: return null;
    }
}

/** A licence number is the holder's ID number: 18 characters, the last a digit or X. */
const LICENCE = /^\d{17}[\dX]$/;
/** A Chinese plate: province, letter, then five (or six, new energy) letters and digits. */
const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function caseView(outlet, { params, query }) {
    const id = params.id;
    /** @type {[{ scenarios: Scenario[] }, Insurer[]]} */
    const [catalogue, insurers] = await Promise.all([scenarios(), get('/insurers')]);
    /** @type {CaseView} */
    let view = await get(`/accidents/${id}`);
    let dirty = false;
    /** @type {Record<string, string>} */
    const uploadKeys = {};
    /** what was taken but not yet stored, by slot: kept across a failed upload */
    /** @type {Record<string, { file: File, url: string, failure?: unknown }>} */
    const pending = {};
    /** @type {Step | null} */
    let step = null;

    /** @param {string} wanted */
    const stepFrom = (wanted) => {
        const reached = reachedStep(view);
        if (!reached) return null;
        const asked = STEPS.indexOf(/** @type {Step} */ (wanted));
        // a step not reached yet shows the one the case is at
        return asked >= 1 && asked <= STEPS.indexOf(reached) ? STEPS[asked] : reached;
    };
    step = stepFrom(query.step ?? '');
    const hashOf = (/** @type {Step} */ s) => `#/accident/${id}?step=${s}`;
    if (step && query.step !== step) history.replaceState(null, '', hashOf(step));

    /** undoes what the shown step set up (its map) before another is shown */
    let leaveStep = () => {};
    const render = () => {
        leaveStep();
        leaveStep = () => {};
        dirty = false;
        replaceChildren(outlet, h('div', {
            class: 'accident', id: 'accident-case', dataset: { state: view.state,
                version: String(view.version), myLabel: view.myLabel, step: step ?? 'police' },
        }, header(), ...(step ? [progress(), stepContent(step), stepNav(step)]
            : [policePage()])));
    };
    /** @param {Step} next */
    const go = (next) => {
        step = next;
        history.pushState(null, '', hashOf(next));
        render();
        window.scrollTo(0, 0);
    };
    /** @param {CaseView} next */
    const apply = (next) => {
        const before = reachedStep(view);
        view = next;
        const after = reachedStep(view);
        // the case moved on: who was at its front step follows it; who looks back stays
        if (after !== before && (step === before || !after)) {
            if (after) go(after);
            else {
                step = null;
                render();
            }
        } else render();
    };
    outlet.addEventListener('input', () => { dirty = true; });

    // what I may do now is the server's to say (view.allowedActions), by the same rule it
    // accepts or refuses the change with; the page only shows the matching sections
    /** @param {string} action */
    const can = (action) => (view.allowedActions ?? []).includes(action);

    /**
     * @param {Step} s
     * @returns {import('../dom.js').Children}
     */
    function stepContent(s) {
        switch (s) {
            case 'location': return locationStep();
            // the other driver may join from the start: the code is there while they check
            case 'safety': return [safetyPanel(), can('CHECKLIST') ? checklistSection()
                : h('section', { class: 'card' }, h('p', { i18n: 'accident.checklist.done' })),
            can('INVITE') && shareSection(), partiesSection()];
            case 'photos': return photoSection();
            case 'vehicles': return [can('INVITE') && shareSection(),
                can('EDIT_PARTY') && partyForm(), partiesSection()];
            case 'what': return statementStep();
            case 'agreement': return decisionSection();
            case 'signed': return agreedSection();
        }
    }

    /** Police states: each its own page function (more are added beside these). */
    function policePage() {
        const determination = () => view.determination
            && determinationSection(view, id, can('REQUEST_REVIEW'), apply);
        /** @param {...import('../dom.js').Children} parts */
        const page = (...parts) => /** @type {import('../dom.js').Child[]} */ (parts.flat(2));
        /** @type {Record<string, () => import('../dom.js').Children>} */
        const POLICE_PAGES = {
            POLICE_REVIEW: () => page(view.settlementHeld && heldSection(view), policeSection(),
                determination()),
            // the officer sent the case back: what to add or redo, and nothing else
            SUPPLEMENT: () => page(sendBackSection(view, id, apply),
                can('STATEMENT') && statementStep()),
            DECIDED: () => page(decidedSection(), determination()),
            CLOSED: () => page(decidedSection(), determination()),
        };
        return (POLICE_PAGES[view.state] ?? policeSection)();
    }

    function header() {
        return h('section', { class: 'card case-head' },
            h('h1', { i18n: 'accident.case.title', i18nParams: { caseNo: view.caseNo } }),
            h('p', {}, h('span', { class: 'state-chip', id: 'case-state',
                i18n: `accident.state.${view.state}` })),
            h('p', { id: 'case-road', i18n: 'accident.case.place',
                i18nParams: { road: view.location.roadName || t('accident.unnamedRoad') } }));
    }

    function progress() {
        const reached = STEPS.indexOf(/** @type {Step} */ (reachedStep(view)));
        const current = STEPS.indexOf(/** @type {Step} */ (step));
        return h('nav', { class: 'steps', id: 'steps', 'aria-label': t('accident.steps.label') },
            h('p', { class: 'steps-count', i18n: 'accident.steps.count',
                i18nParams: { n: current + 1, total: STEPS.length,
                    name: t(`accident.step.${step}`) } }),
            h('ol', {}, STEPS.map((s, i) => h('li', {
                dataset: { step: s, done: String(i < reached) },
                'aria-current': i === current ? 'step' : undefined,
            }, h('span', { class: 'dot' }, String(i + 1)),
            h('span', { class: 'step-name', i18n: `accident.step.${s}` })))));
    }

    /** Back to the step before, forward to one already reached. @param {Step} s */
    function stepNav(s) {
        const i = STEPS.indexOf(s);
        const reached = STEPS.indexOf(/** @type {Step} */ (reachedStep(view)));
        return h('div', { class: 'step-nav' },
            i > 0 && h('button', { type: 'button', class: 'secondary', id: 'step-back',
                i18n: 'accident.steps.back', onclick: () => go(STEPS[i - 1]) }),
            i < reached && h('button', { type: 'button', class: 'secondary', id: 'step-forward',
                i18n: 'accident.steps.forward', onclick: () => go(STEPS[i + 1]) }));
    }

    function locationStep() {
        const mapBox = h('div', { class: 'map-box', id: 'case-map' });
        // the map is a help, not a need: the road's name says the place without it
        import('../map/case-map.js').then(({ showCaseOnMap }) => {
            const map = showCaseOnMap(mapBox, view.location);
            leaveStep = () => map.remove();
        }).catch(() => { mapBox.hidden = true; });
        return h('section', { class: 'card', id: 'location-step' },
            h('h2', { i18n: 'accident.step.location' }), mapBox,
            h('p', { i18n: 'accident.case.place', i18nParams: {
                road: view.location.roadName || t('accident.unnamedRoad') } }),
            h('p', { class: 'hint' }, new Date(view.occurredAt).toLocaleString(
                language() === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' })));
    }

    function shareSection() {
        const link = `${location.origin}${location.pathname}#/accident/join/${view.shareCode}`;
        const qr = h('div', { class: 'share-qr', id: 'share-qr', role: 'img',
            'aria-label': t('accident.case.shareQr') });
        // made here from our own link: no QR service, the page works on an intranet. renderSVG
        // writes only numbers and its own colours into the markup, never the link's text
        // eslint-disable-next-line no-restricted-properties -- markup of uqr's renderSVG
        qr.innerHTML = renderSVG(link, { border: 2 });
        return h('section', { class: 'card' },
            h('h2', { i18n: 'accident.case.inviteTitle' }),
            h('p', { i18n: 'accident.case.share' }),
            h('p', { class: 'share-code', id: 'share-code', dataset: { verbatim: '' } },
                view.shareCode), qr,
            h('a', { href: link, id: 'share-link', class: 'button-link',
                i18n: 'accident.case.shareLink' }));
    }

    function checklistSection() {
        const form = h('form', { id: 'checklist-form', novalidate: true },
            h('h2', { i18n: 'accident.checklist.title' }),
            CHECKLIST.map((q) => h('fieldset', { class: 'yes-no field', dataset: { field: q } },
                h('legend', { i18n: `accident.checklist.${q}` }),
                h('span', { class: 'choices' },
                    ['yes', 'no'].map((answer) => h('label', { class: 'choice' },
                        h('input', { type: 'radio', name: q, value: answer,
                            id: `q-${q}-${answer}` }),
                        h('span', { i18n: `accident.${answer}` })))))),
            formError(),
            h('button', { type: 'submit', class: 'primary', id: 'checklist-submit',
                i18n: 'accident.checklist.submit' }));
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            /** @type {Record<string, boolean>} */
            const answers = {};
            for (const q of CHECKLIST) {
                const chosen = /** @type {HTMLInputElement | null} */ (
                    form.querySelector(`input[name=${q}]:checked`));
                if (chosen) answers[q] = chosen.value === 'yes';
            }
            try {
                apply(await post(`/accidents/${id}/checklist`, answers));
            } catch (error) {
                showError(form, error);
            }
        });
        return h('section', { class: 'card' }, form);
    }

    function policeSection() {
        const reasons = view.eligibility && !view.eligibility.selfServiceAllowed
            ? view.eligibility.reasons : view.decision?.reasons ?? [];
        const hurt = view.medicalAdvance;
        return [
            // someone hurt: the calls come before anything else, the application after them
            hurt && safetyPanel({ hurt: true }),
            hurt && h('section', { class: 'card notice', id: 'medical-advance' },
                h('p', { i18n: 'accident.police.medical' }),
                h('a', { id: 'medical-advance-apply', class: 'button-link',
                    href: `#/payments?caseId=${encodeURIComponent(view.caseNo)}`
                        + `&accident=${encodeURIComponent(view.id)}`,
                    i18n: 'accident.police.medicalApply' })),
            h('section', { class: 'card notice', id: 'police-review' },
                h('h2', { i18n: 'accident.police.title' }),
                h('p', { i18n: 'accident.police.reasons' }),
                h('ul', { id: 'police-reasons' }, reasons.map((r) => h('li', {
                    dataset: { code: r.code ?? '' } }, bilingual(r)))),
                h('p', { class: 'hint', i18n: 'accident.police.wait' })),
            !hurt && safetyPanel(),
        ];
    }

    function photoSection() {
        const open = can('UPLOAD_PHOTO');
        return h('section', { class: 'card', id: 'photos' },
            h('h2', { i18n: 'accident.photos.title' }),
            h('p', { class: 'hint', i18n: 'accident.photos.hint' }),
            view.flags.length > 0 && h('p', { class: 'notice', id: 'photo-flagged',
                i18n: 'accident.photos.flagged' }),
            h('div', { class: 'slots' }, view.photos.map((slot) => photoSlot(slot, open))));
    }

    /**
     * One slot: the sample of what to take, the camera button, and after it the thumbnail
     * with retake; a failed upload keeps the photo on screen and offers to send it again.
     * @param {PhotoSlot} slot
     * @param {boolean} open
     */
    function photoSlot(slot, open) {
        const error = h('p', { class: 'form-error', hidden: true, role: 'alert' });
        const bar = h('progress', { max: 1, value: 0, hidden: true,
            'aria-label': t('accident.photos.sending') });
        const thumb = h('div', { class: 'thumb' });
        const kept = pending[slot.slot];
        if (kept) thumb.append(h('img', { src: kept.url, alt: '' }));
        // a failure stays said after the page is drawn again (the other phone moved the case)
        if (kept?.failure) {
            describe(error, kept.failure);
            error.hidden = false;
        }
        else if (slot.photo?.id) {
            blobUrl(`/accidents/${id}/photos/${slot.photo.id}`).then((url) =>
                thumb.append(h('img', { src: url, alt: '' }))).catch(() => {});
        } else thumb.append(slotPicture(slot.kind));

        const send = async (/** @type {File} */ file) => {
            uploadKeys[slot.slot] ??= crypto.randomUUID();
            error.hidden = true;
            bar.hidden = false;
            try {
                const result = await uploadPhoto(id, slot.slot, file, uploadKeys[slot.slot],
                    (fraction) => { bar.value = fraction; });
                delete uploadKeys[slot.slot];
                URL.revokeObjectURL(pending[slot.slot]?.url ?? '');
                delete pending[slot.slot];
                apply(result.case);
            } catch (failure) {
                if (pending[slot.slot]) pending[slot.slot].failure = failure;
                bar.hidden = true;
                describe(error, failure);
                error.hidden = false;
                retry.hidden = false;
            }
        };
        const input = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/heic',
            capture: 'environment', class: 'camera-input', id: `camera-${slot.slot}`,
            dataset: { slot: slot.slot } });
        input.addEventListener('change', () => {
            const file = /** @type {FileList} */ (input.files)[0];
            if (!file) return;
            URL.revokeObjectURL(pending[slot.slot]?.url ?? '');
            pending[slot.slot] = { file, url: URL.createObjectURL(file) };
            delete uploadKeys[slot.slot]; // a new picture is a new upload
            replaceChildren(thumb, h('img', { src: pending[slot.slot].url, alt: '' }));
            send(file);
        });
        const retry = h('button', { type: 'button', class: 'secondary', hidden: !kept,
            i18n: 'accident.photos.retry', dataset: { retry: slot.slot },
            onclick: () => { if (pending[slot.slot]) send(pending[slot.slot].file); } });
        const done = Boolean(slot.photo);
        return h('div', { class: 'slot', dataset: { slot: slot.slot, uploaded: String(done) } },
            thumb,
            h('div', { class: 'slot-body' },
                h('strong', { i18n: `accident.slot.${slot.kind}`,
                    i18nParams: { plate: slot.plate ?? '' } }),
                h('small', { class: 'slot-state', i18n: done ? 'accident.photos.done'
                    : 'accident.photos.missing' }),
                open && h('label', { class: 'camera-button', for: input.id,
                    i18n: done ? 'accident.photos.retake' : 'accident.photos.take' }),
                open && input, bar, error, retry));
    }

    function partyForm() {
        const me = /** @type {Party} the server always lists the signed-in party */ (
            view.parties.find((p) => p.me));
        const taken = view.parties.filter((p) => !p.me).map((p) => p.plate);
        const plate = me.plate ?? view.plates.find((p) => !taken.includes(p)) ?? '';
        const form = h('form', { id: 'party-form', novalidate: true },
            h('h2', { i18n: 'accident.party.title' }),
            field({ name: 'name', label: 'accident.party.name', value: me.name ?? '',
                autocomplete: 'name' }),
            field({ name: 'plate', label: 'accident.party.plate', value: plate,
                autocapitalize: 'characters' }),
            field({ name: 'vehicleType', label: 'accident.party.vehicleType',
                placeholder: 'accident.party.vehicleType.placeholder',
                value: me.vehicleType ?? '' }),
            field({ name: 'licenceNo', label: 'accident.party.licenceNo',
                value: me.licenceNo ?? '', autocomplete: 'off', inputmode: 'text',
                autocapitalize: 'characters' }),
            selectField({ name: 'insurerCode', label: 'accident.party.insurer',
                value: me.insurerCode ?? '',
                // nothing chosen for the driver: a wrong insurer sends the claim astray
                options: [['', null, 'accident.party.insurer.choose'],
                    ...insurers.map((i) => /** @type {[string, string]} */ (
                        [i.code, insurerName(insurers, i.code)]))] }),
            field({ name: 'policyNo', label: 'accident.party.policyNo', value: me.policyNo ?? '' }),
            field({ name: 'collisionPart', label: 'accident.party.collisionPart',
                placeholder: 'accident.party.collisionPart.placeholder',
                value: me.collisionPart ?? '' }),
            formError(),
            me.complete && h('p', { class: 'hint', id: 'party-saved', i18n: 'accident.party.saved' }),
            h('button', { type: 'submit', class: 'primary', id: 'party-submit',
                i18n: 'accident.party.submit' }));
        // checked as typed: the plate and licence say at once when they cannot be right
        /** @type {[string, RegExp, string][]} */
        const checks = [['plate', PLATE, 'accident.party.plate.invalid'],
            ['licenceNo', LICENCE, 'accident.party.licenceNo.invalid']];
        for (const [name, pattern, key] of checks) {
            const input = /** @type {HTMLInputElement} */ (form[name]);
            const line = /** @type {HTMLElement} */ (input.parentElement?.querySelector(
                '.field-error'));
            const check = (/** @type {boolean} */ finished) => {
                const value = input.value.trim().toUpperCase();
                const wrong = value !== '' && !pattern.test(value)
                    && (finished || value.length >= (name === 'plate' ? 7 : 18));
                line.hidden = !wrong;
                if (wrong) describe(line, { key });
                input.toggleAttribute('aria-invalid', wrong);
            };
            input.addEventListener('input', () => check(false));
            input.addEventListener('blur', () => check(true));
        }
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const body = Object.fromEntries(['name', 'plate', 'vehicleType', 'licenceNo',
                'insurerCode', 'policyNo', 'collisionPart'].map((n) => [n, form[n].value.trim()]));
            if (!body.insurerCode) {
                showError(form, { key: 'accident.party.insurer.required' });
                return;
            }
            try {
                apply(await put(`/accidents/${id}/parties/me`, body));
            } catch (error) {
                showError(form, error);
            }
        });
        return h('section', { class: 'card' }, form);
    }

    function partiesSection() {
        return h('section', { class: 'card', id: 'parties' },
            h('h2', { i18n: 'accident.parties.title' }),
            h('ul', { class: 'plain' }, view.parties.map((p) => h('li', {
                dataset: { label: p.label, complete: String(p.complete), signed: String(p.signed),
                    properName: '' },
                i18n: p.complete ? 'accident.parties.row' : 'accident.parties.rowMissing',
                i18nParams: { label: p.label, name: p.name ?? '', plate: p.plate ?? '',
                    insurer: p.insurerCode ? insurerName(insurers, p.insurerCode) : '' } }))),
            view.state === 'PARTIES' && h('p', { class: 'hint', i18n: 'accident.parties.waiting' }));
    }

    /**
     * What happened: one card per catalogue situation (its drawing, name and one plain line),
     * grouped as drivers think of them, nothing chosen; then whose situation it was. "None of
     * these" asks for the driver's own account and sends the case to the police.
     */
    function statementStep() {
        if (!can('STATEMENT')) {
            return h('section', { class: 'card', id: 'statement-waiting' },
                h('p', { i18n: 'accident.statement.waiting' }));
        }
        const others = view.parties.filter((p) => p.label !== view.myLabel);
        const card = (/** @type {string} */ value, /** @type {SVGElement} */ picture,
            /** @type {string} */ name, /** @type {string} */ line) =>
            h('label', { class: 'scenario-card', dataset: { scenario: value } },
                h('input', { type: 'radio', name: 'scenario', value, class: 'visually-hidden' }),
                picture, h('span', { class: 'scenario-text' }, h('strong', {}, name),
                    h('small', {}, line)));
        const form = h('form', { id: 'statement-form', novalidate: true },
            h('h2', { i18n: 'accident.statement.title' }),
            h('p', { class: 'hint', i18n: 'accident.statement.hint' }),
            h('p', { class: 'legend-cars' },
                h('span', { class: 'swatch fault' }), h('span', { i18n: 'accident.statement.fault' }),
                h('span', { class: 'swatch other' }), h('span', { i18n: 'accident.statement.other' })),
            SITUATIONS.map((group) => {
                const entries = catalogue.scenarios.filter((s) => situationOf(s.code) === group);
                return entries.length > 0 && h('fieldset', { class: 'scenario-group',
                    dataset: { situation: group } },
                h('legend', { i18n: `accident.situation.${group}` }),
                entries.map((s) => card(s.code, scenarioPicture(s.code), scenarioName(s),
                    language() === 'en' ? s.descriptionEn ?? '' : s.descriptionZh ?? '')));
            }),
            h('fieldset', { class: 'scenario-group', dataset: { situation: 'other' } },
                h('legend', { i18n: 'accident.situation.other' }),
                card('NOBODY', noFaultPicture(), t('accident.statement.nobody'),
                    t('accident.statement.nobody.line')),
                card('NONE_OF_THESE', unknownPicture(), t('accident.statement.none'),
                    t('accident.statement.none.line'))),
            h('fieldset', { class: 'who field', id: 'who', hidden: true,
                dataset: { field: 'faulty' } },
            h('legend', { i18n: 'accident.statement.who' }),
            view.parties.map((p) => h('label', { class: 'choice big' },
                h('input', { type: 'radio', name: 'faulty', value: p.label }),
                h('span', { i18n: p.label === view.myLabel ? 'accident.statement.whoMe'
                    : 'accident.statement.whoOther', i18nParams: { plate: p.plate ?? '',
                    label: p.label } }))),
            h('p', { class: 'field-error', hidden: true, role: 'alert' })),
            h('div', { class: 'field', id: 'account', hidden: true, dataset: { field: 'account' } },
                h('label', { for: 'account-text', i18n: 'accident.statement.account' }),
                h('textarea', { id: 'account-text', name: 'account', rows: 5, maxlength: 2000,
                    i18nPlaceholder: 'accident.statement.account.placeholder' }),
                h('p', { class: 'field-error', hidden: true, role: 'alert' })),
            formError(),
            h('button', { type: 'submit', class: 'primary', id: 'statement-submit',
                i18n: 'accident.statement.submit' }),
            h('button', { type: 'button', class: 'secondary', id: 'decline',
                i18n: 'accident.statement.decline', onclick: async () => {
                    try {
                        apply(await post(`/accidents/${id}/statement`, { declined: true }));
                    } catch (error) {
                        showError(form, error);
                    }
                } }));
        const chosen = () => /** @type {HTMLInputElement | null} */ (
            form.querySelector('input[name=scenario]:checked'))?.value;
        form.addEventListener('change', () => {
            const value = chosen();
            /** @type {HTMLElement} */ (form.querySelector('#who')).hidden =
                !value || value === 'NOBODY' || value === 'NONE_OF_THESE';
            /** @type {HTMLElement} */ (form.querySelector('#account')).hidden =
                value !== 'NONE_OF_THESE';
            for (const c of form.querySelectorAll('.scenario-card')) {
                c.classList.toggle('chosen', c.getAttribute('data-scenario') === value);
            }
        });
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const value = chosen();
            if (!value) {
                showError(form, { key: 'accident.statement.pick' });
                return;
            }
            /** @type {Record<string, unknown>} */
            let body;
            if (value === 'NONE_OF_THESE') {
                const account = form.account.value.trim();
                if (!account) {
                    showError(form, { key: 'accident.statement.account.required',
                        field: 'account' });
                    return;
                }
                body = { declined: true, account };
            } else if (value === 'NOBODY') {
                body = { assessments: Object.fromEntries(view.parties.map((p) =>
                    [p.label, 'NOT_AT_FAULT'])) };
            } else {
                const faulty = /** @type {HTMLInputElement | null} */ (
                    form.querySelector('input[name=faulty]:checked'))?.value;
                if (!faulty) {
                    showError(form, { key: 'accident.statement.whoMissing', field: 'faulty' });
                    return;
                }
                body = { assessments: Object.fromEntries(view.parties.map((p) =>
                    [p.label, p.label === faulty ? value : 'NOT_AT_FAULT'])) };
            }
            try {
                apply(await post(`/accidents/${id}/statement`, body));
            } catch (error) {
                showError(form, error);
            }
        });
        return h('section', { class: 'card', dataset: { others: String(others.length) } }, form);
    }

    /** The agreement's full text as it will be printed, from the case. */
    function agreementText() {
        const decision = /** @type {import('../types.js').Decision} */ (view.decision);
        const situation = (/** @type {Party} */ p) => {
            const said = Object.values(view.statements ?? {})
                .map((s) => s.assessments?.[p.label]).find((a) => a && a !== 'NOT_AT_FAULT');
            const s = catalogue.scenarios.find((entry) => entry.code === said);
            return s ? scenarioName(s) : t('accident.agreement.noListedFault');
        };
        /** @param {string} key @param {string} value @param {boolean} [name] a proper name */
        const row = (key, value, name = false) => h('tr', {}, h('th', { i18n: key }),
            h('td', { dataset: name ? { properName: '' } : {} }, value));
        return h('div', { class: 'agreement-text', id: 'agreement-text' },
            h('h3', { i18n: 'accident.agreement.heading' }),
            h('table', {}, h('tbody', {},
                row('accident.agreement.time', new Date(view.occurredAt).toLocaleString(
                    language() === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' })),
                row('accident.agreement.place', view.location.roadName
                    || t('accident.unnamedRoad')),
                row('accident.report.weather', t(`accident.weather.${view.weather}`)),
                row('accident.report.form', t(`accident.form.${view.accidentForm}`)))),
            view.parties.map((p) => h('table', { class: 'agreement-party',
                dataset: { label: p.label } },
            h('caption', { i18n: 'accident.agreement.party', i18nParams: { label: p.label } }),
            h('tbody', {},
                row('accident.party.name', p.name ?? ''),
                row('accident.party.plate', p.plate ?? ''),
                row('accident.party.vehicleType', p.vehicleType ?? ''),
                row('accident.party.insurer', insurerName(insurers, p.insurerCode), true),
                row('accident.party.policyNo', p.policyNo ?? ''),
                row('accident.party.collisionPart', p.collisionPart ?? ''),
                row('accident.agreement.situation', situation(p)),
                row('accident.agreement.liability',
                    t(`accident.grade.${decision.grades[p.label]}`))))),
            h('p', { i18n: 'accident.agreement.clause' }));
    }

    function decisionSection() {
        const decision = /** @type {import('../types.js').Decision} */ (view.decision);
        /** @type {(HTMLElement | false)[]} */
        const parts = [h('h2', { i18n: 'accident.decision.title' }),
            h('ul', { class: 'plain', id: 'decision' }, gradeLines(view, decision.grades)),
            h('ul', { class: 'hint', id: 'decision-reasons' },
                decision.reasons.map((r) => h('li', {}, bilingual(r)))),
            agreementText()];
        if (!can('SIGN')) {
            parts.push(h('p', { id: 'sign-waiting', i18n: 'accident.sign.waiting' }));
            return h('section', { class: 'card' }, parts);
        }
        const pad = h('canvas', { class: 'signature-pad', id: 'signature-pad', width: 600,
            height: 240, 'aria-label': t('accident.sign.pad') });
        let drawn = false;
        const ctx = /** @type {CanvasRenderingContext2D} */ (pad.getContext('2d'));
        ctx.lineWidth = 4;
        ctx.lineCap = 'round';
        /** @type {[number, number] | null} */
        let last = null;
        /**
         * @param {PointerEvent} e
         * @returns {[number, number]}
         */
        const point = (e) => {
            const r = pad.getBoundingClientRect();
            return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height];
        };
        pad.addEventListener('pointerdown', (e) => { last = point(e); pad.setPointerCapture(e.pointerId); });
        pad.addEventListener('pointermove', (e) => {
            if (!last) return;
            const next = point(e);
            ctx.beginPath();
            ctx.moveTo(...last);
            ctx.lineTo(...next);
            ctx.stroke();
            last = next;
            drawn = true;
            dirty = true;
        });
        pad.addEventListener('pointerup', () => { last = null; });
        const form = h('form', { id: 'sign-form', novalidate: true },
            h('h2', { i18n: 'accident.sign.title' }),
            h('label', { class: 'choice big' }, h('input', { type: 'checkbox', name: 'confirm',
                id: 'sign-confirm' }), h('span', { i18n: 'accident.sign.confirm' })),
            h('p', { class: 'hint', i18n: 'accident.sign.pad' }),
            pad,
            h('button', { type: 'button', class: 'secondary', i18n: 'accident.sign.clear',
                onclick: () => { ctx.clearRect(0, 0, pad.width, pad.height); drawn = false; } }),
            formError(),
            h('button', { type: 'submit', class: 'primary', id: 'sign-submit',
                i18n: 'accident.sign.submit' }));
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            if (!form.confirm.checked || !drawn) {
                showError(form, { key: 'accident.sign.needConfirm' });
                return;
            }
            try {
                apply(await post(`/accidents/${id}/signature`, { confirm: true,
                    signaturePng: pad.toDataURL('image/png') }));
            } catch (error) {
                showError(form, error);
            }
        });
        parts.push(form);
        return h('section', { class: 'card' }, parts);
    }

    function agreedSection() {
        // an agreed case has its decision and its agreement
        const { decision, agreement } = /** @type {Required<CaseView> & {
            decision: import('../types.js').Decision }} */ (view);
        const list = h('ul', { class: 'plain', id: 'notifications' });
        const refreshNotifications = async () => {
            /** @type {InsurerNotification[]} */
            const notifications = await get(`/accidents/${id}/notifications`);
            replaceChildren(list, notifications.map((n) => h('li', {
                dataset: { insurer: n.insurer, status: n.status } },
                h('span', { dataset: { properName: '' } }, insurerName(insurers, n.insurer)), '：',
                h('span', { i18n: `accident.notify.${n.status}` }))));
        };
        refreshNotifications();
        const download = h('button', { type: 'button', class: 'secondary', id: 'agreement-pdf',
            i18n: 'accident.agreed.pdf' });
        download.addEventListener('click', async () => {
            const url = await blobUrl(`/accidents/${id}/agreement.pdf`);
            const a = h('a', { href: url, download: `${view.caseNo}.pdf` });
            document.body.append(a);
            a.click();
            a.remove();
        });
        return h('section', { class: 'card', id: 'agreed' },
            h('h2', { i18n: 'accident.agreed.title' }),
            h('ul', { class: 'plain', id: 'decision' }, gradeLines(view, decision.grades)),
            h('p', { i18n: 'accident.agreed.codeLabel' }),
            h('p', { id: 'verification-code', class: 'share-code small',
                dataset: { code: agreement.verificationCode, verbatim: '' } },
            agreement.verificationCode),
            download,
            h('a', { href: `#/verify/${agreement.verificationCode}`, class: 'button-link',
                id: 'verify-link', i18n: 'accident.agreed.verify' }),
            h('p', { class: 'hint', i18n: 'accident.agreed.next' }),
            h('h2', { i18n: 'accident.agreed.insurers' }), list);
    }

    function decidedSection() {
        // a case the police decided has their decision
        const policeDecision = /** @type {import('../types.js').PoliceDecision} */ (
            view.policeDecision);
        return h('section', { class: 'card', id: 'decided' },
            h('h2', { i18n: 'accident.decided.title' }),
            h('ul', { class: 'plain' }, gradeLines(view, policeDecision.grades)),
            policeDecision.note && h('p', {}, policeDecision.note));
    }

    render();
    const stopLanguage = onLanguageChange(() => { if (!dirty) render(); });
    const timer = setInterval(async () => {
        try {
            const next = await get(`/accidents/${id}`);
            const agreedNow = next.state === 'AGREED';
            if (next.version !== view.version && !dirty) apply(next);
            else if (agreedNow && !dirty) {
                // the insurers' notifications change without a new version
                view = next;
                const list = outlet.querySelector('#notifications');
                if (list && list.querySelector('[data-status=PENDING]')) render();
            }
        } catch {
            // a dropped poll is retried on the next tick
        }
    }, 1500);
    return () => {
        clearInterval(timer);
        stopLanguage();
        leaveStep();
    };
}
