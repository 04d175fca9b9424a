// @ts-check
/**
 * #/accident/:id — one case on a party's phone, step by step: checklist, photos, details,
 * statements, the decision in plain words, signing, and the signed agreement. The page follows
 * the other phone's changes (it polls the case's version) without losing what is being typed.
 */
import { renderSVG } from 'uqr';
import { h, replaceChildren } from '../dom.js';
import { get, post, put } from '../api.js';
import { describe, field, formError, showError } from '../forms.js';
import { bindText, onLanguageChange, t } from '../i18n.js';
import {
    bilingual, blobUrl, gradeLines, scenarioName, scenarios, selectField, uploadPhoto,
} from './common.js';
/** @import { CaseView, InsurerNotification, Party, RouteContext } from '../types.js' */

const CHECKLIST = ['anyoneInjured', 'vehiclesDrivable', 'allInsured', 'drinkOrDrugs',
    'facilityHit', 'hazardousGoods'];

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function caseView(outlet, { params }) {
    const id = params.id;
    /** @type {[Awaited<ReturnType<typeof scenarios>>, import('../types.js').Insurer[]]} */
    const [catalogue, insurers] = await Promise.all([scenarios(), get('/insurers')]);
    /** @type {CaseView} */
    let view = await get(`/accidents/${id}`);
    let dirty = false;
    /** @type {Record<string, string>} */
    const uploadKeys = {};

    const render = () => {
        dirty = false;
        replaceChildren(outlet, h('div', {
            class: 'accident', id: 'accident-case', dataset: { state: view.state,
                version: String(view.version), myLabel: view.myLabel },
        }, sections()));
    };
    /** @param {CaseView} next */
    const apply = (next) => {
        view = next;
        render();
    };
    outlet.addEventListener('input', () => { dirty = true; });

    // what I may do now is the server's to say (view.allowedActions), by the same rule it
    // accepts or refuses the change with; the page only shows the matching sections
    /** @param {string} action */
    const can = (action) => (view.allowedActions ?? []).includes(action);

    function sections() {
        const s = view.state;
        return [
            header(),
            can('INVITE') && shareSection(),
            can('CHECKLIST') && checklistSection(),
            s === 'POLICE_REVIEW' && policeSection(),
            can('UPLOAD_PHOTO') && photoSection(),
            can('EDIT_PARTY') && partyForm(),
            partiesSection(),
            s === 'LIABILITY' && liabilitySection(),
            s === 'AGREED' && agreedSection(),
            s === 'DECIDED' && decidedSection(),
        ];
    }

    function header() {
        return h('section', { class: 'card' },
            h('h1', { i18n: 'accident.case.title', i18nParams: { caseNo: view.caseNo } }),
            h('p', {}, h('span', { class: 'state-chip', id: 'case-state',
                i18n: `accident.state.${view.state}` })),
            h('p', { id: 'case-road', i18n: 'accident.case.place',
                i18nParams: { road: view.location.roadName || t('accident.unnamedRoad') } }));
    }

    function shareSection() {
        const link = `${location.origin}${location.pathname}#/accident/join/${view.shareCode}`;
        const qr = h('div', { class: 'share-qr', id: 'share-qr', role: 'img',
            'aria-label': link });
        // made here from our own link: no QR service, the page works on an intranet. renderSVG
        // writes only numbers and its own colours into the markup, never the link's text
        // eslint-disable-next-line no-restricted-properties -- markup of uqr's renderSVG
        qr.innerHTML = renderSVG(link, { border: 2 });
        return h('section', { class: 'card' },
            h('p', { i18n: 'accident.case.share' }),
            h('p', { class: 'share-code', id: 'share-code' }, view.shareCode), qr,
            h('a', { href: link, id: 'share-link', i18n: 'accident.case.shareLink' }));
    }

    function checklistSection() {
        const form = h('form', { id: 'checklist-form', novalidate: true },
            h('h2', { i18n: 'accident.checklist.title' }),
            CHECKLIST.map((q) => h('div', { class: 'yes-no field', dataset: { field: q } },
                h('span', { i18n: `accident.checklist.${q}` }),
                h('span', {},
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
        return h('section', { class: 'card notice', id: 'police-review' },
            h('h2', { i18n: 'accident.police.title' }),
            h('p', { i18n: 'accident.police.reasons' }),
            h('ul', { id: 'police-reasons' }, reasons.map((r) => h('li', {
                dataset: { code: r.code ?? '' } }, bilingual(r)))),
            view.medicalAdvance && h('p', { id: 'medical-advance',
                i18n: 'accident.police.medical' }),
            view.medicalAdvance && h('a', { id: 'medical-advance-apply', class: 'button',
                href: '#/payments?caseId=' + encodeURIComponent(view.caseNo ?? view.id),
                i18n: 'accident.police.medicalApply' }),
            h('p', { class: 'hint', i18n: 'accident.police.wait' }));
    }

    function photoSection() {
        const error = h('p', { class: 'form-error', hidden: true, role: 'alert' });
        return h('section', { class: 'card', id: 'photos' },
            h('h2', { i18n: 'accident.photos.title' }),
            h('p', { class: 'hint', i18n: 'accident.photos.hint' }),
            view.flags.length > 0 && h('p', { class: 'notice', id: 'photo-flagged',
                i18n: 'accident.photos.flagged' }),
            view.photos.map((slot) => {
                const input = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/heic',
                    capture: 'environment', dataset: { slot: slot.slot } });
                input.addEventListener('change', async () => {
                    const file = /** @type {FileList} */ (input.files)[0];
                    if (!file) return;
                    uploadKeys[slot.slot] ??= crypto.randomUUID();
                    try {
                        const result = await uploadPhoto(id, slot.slot, file, uploadKeys[slot.slot]);
                        delete uploadKeys[slot.slot];
                        apply(result.case);
                    } catch (failure) {
                        describe(error, failure);
                        error.hidden = false;
                    }
                });
                return h('div', { class: 'slot', dataset: { slot: slot.slot,
                    uploaded: String(Boolean(slot.photo)) } },
                    h('span', {}, h('strong', { i18n: `accident.slot.${slot.kind}`,
                        i18nParams: { plate: slot.plate ?? '' } }), ' ',
                        h('small', { class: 'slot-state', i18n: slot.photo
                            ? 'accident.photos.done' : 'accident.photos.missing' })),
                    input);
            }),
            error);
    }

    function partyForm() {
        const me = /** @type {Party} the server always lists the signed-in party */ (
            view.parties.find((p) => p.me));
        const taken = view.parties.filter((p) => !p.me).map((p) => p.plate);
        const plate = me.plate ?? view.plates.find((p) => !taken.includes(p)) ?? '';
        const form = h('form', { id: 'party-form', novalidate: true },
            h('h2', { i18n: 'accident.party.title' }),
            field({ name: 'name', label: 'accident.party.name', value: me.name ?? '' }),
            field({ name: 'plate', label: 'accident.party.plate', value: plate }),
            field({ name: 'vehicleType', label: 'accident.party.vehicleType',
                placeholder: 'accident.party.vehicleType.placeholder',
                value: me.vehicleType ?? '' }),
            field({ name: 'licenceNo', label: 'accident.party.licenceNo',
                value: me.licenceNo ?? '', autocomplete: 'off' }),
            selectField({ name: 'insurerCode', label: 'accident.party.insurer',
                value: me.insurerCode ?? insurers[0]?.code,
                options: insurers.map((i) => [i.code, `${i.nameZh} (${i.code})`]) }),
            field({ name: 'policyNo', label: 'accident.party.policyNo', value: me.policyNo ?? '' }),
            field({ name: 'collisionPart', label: 'accident.party.collisionPart',
                placeholder: 'accident.party.collisionPart.placeholder',
                value: me.collisionPart ?? '' }),
            formError(),
            me.complete && h('p', { class: 'hint', id: 'party-saved', i18n: 'accident.party.saved' }),
            h('button', { type: 'submit', class: 'primary', id: 'party-submit',
                i18n: 'accident.party.submit' }));
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const body = Object.fromEntries(['name', 'plate', 'vehicleType', 'licenceNo',
                'insurerCode', 'policyNo', 'collisionPart'].map((n) => [n, form[n].value.trim()]));
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
                dataset: { label: p.label, complete: String(p.complete), signed: String(p.signed) },
                i18n: 'accident.parties.row',
                i18nParams: { label: p.label, name: p.name ?? '', plate: p.plate ?? '' } }))),
            view.state === 'PARTIES' && h('p', { class: 'hint', i18n: 'accident.parties.waiting' }));
    }

    function liabilitySection() {
        const decision = view.decision;
        if (decision?.outcome === 'SETTLED') return decisionSection();
        if (!can('STATEMENT')) {
            return h('section', { class: 'card', id: 'statement-waiting' },
                h('p', { i18n: 'accident.statement.waiting' }));
        }
        /** @type {[string, string | null, string?][]} */
        const options = [['NOT_AT_FAULT', null, 'accident.statement.NOT_AT_FAULT'],
            ...catalogue.scenarios.map((s) => /** @type {[string, string]} */ (
                [s.code, scenarioName(s)])),
            ['UNLISTED_FAULT', null, 'accident.statement.UNLISTED_FAULT']];
        const form = h('form', { id: 'statement-form', novalidate: true },
            h('h2', { i18n: 'accident.statement.title' }),
            h('p', { class: 'hint', i18n: 'accident.statement.hint' }),
            view.parties.map((p) => selectField({ name: `says-${p.label}`,
                label: 'accident.statement.party', options, value: 'NOT_AT_FAULT' })),
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
        // the label of each select names its party
        const labels = /** @type {NodeListOf<HTMLLabelElement>} */ (
            form.querySelectorAll('.field label'));
        labels.forEach((label, i) => {
            const p = view.parties[i];
            bindText(label, 'accident.statement.party', { label: p.label, plate: p.plate ?? '' });
        });
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const assessments = Object.fromEntries(view.parties.map((p) =>
                [p.label, form[`says-${p.label}`].value]));
            try {
                apply(await post(`/accidents/${id}/statement`, { assessments }));
            } catch (error) {
                showError(form, error);
            }
        });
        return h('section', { class: 'card' }, form);
    }

    function decisionSection() {
        const decision = /** @type {import('../types.js').Decision} */ (view.decision);
        /** @type {HTMLElement[]} */
        const parts = [h('h2', { i18n: 'accident.decision.title' }),
            h('ul', { class: 'plain', id: 'decision' }, gradeLines(view, decision.grades)),
            h('ul', { class: 'hint', id: 'decision-reasons' },
                decision.reasons.map((r) => h('li', {}, bilingual(r))))];
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
            h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: 'confirm',
                id: 'sign-confirm' }), h('span', { i18n: 'accident.sign.confirm' })),
            pad,
            h('button', { type: 'button', class: 'link', i18n: 'accident.sign.clear',
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
                `${n.insurer}: `, h('span', { i18n: `accident.notify.${n.status}` }))));
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
            h('p', { id: 'verification-code', dataset: { code: agreement.verificationCode },
                i18n: 'accident.agreed.code', i18nParams: { code: agreement.verificationCode } }),
            download,
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
    };
}


