// @ts-check
/**
 * One application (#/payments/:id): its state, overdue flags, payers with what each advanced,
 * bills, payments and the timeline everyone involved sees; and the step the signed-in role
 * takes next: the police notice, the hospital's bill, the payer's pay and confirm buttons.
 */
import './messages.js';
import { h, replaceChildren } from '../dom.js';
import { ApiError, get, post } from '../api.js';
import { clearErrors, describe, field, formError, showError } from '../forms.js';
import { bindServerMessage, language, t } from '../i18n.js';
import { hasRole, token } from '../session.js';
import { fenOf, yuan } from './money.js';
/**
 * @import { ApplicationPayer, Bill, Payer, PaymentApplication, PaymentInstruction, RouteContext }
 *     from '../types.js'
 */

/** Shows the page again after a change. @typedef {() => Promise<void>} Done */

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function applicationView(outlet, { params }) {
    /** @type {Done} */
    const render = async () => {
        /** @type {[PaymentApplication, Payer[]]} */
        const [app, payers] = await Promise.all([
            get(`/payments/applications/${params.id}`), get('/payments/payers')]);
        replaceChildren(outlet,
            h('p', {}, h('a', { href: '#/payments', class: 'pay-back', i18n: 'pay.back' })),
            summary(app),
            hasRole('police') && app.state === 'APPLIED' ? noticeForm(app, payers, render) : null,
            hasRole('police') ? liabilityForms(app, render) : null,
            hasRole('hospital') ? billForm(app, render) : null,
            section('pay.payers', 'pay-payers', app.payers.map((p) => h('li', {},
                h('strong', { dataset: { payer: p.payerId } }, p.name), ' · ',
                h('span', { i18n: `pay.liability.${p.liabilityState}` }),
                (p.fundGrounds ?? []).map((g) => [' · ', h('span', { i18n: `pay.ground.${g}` })]),
                ` · ${yuan(p.advancedFen)}`, p.capFen == null ? '' : ` / ${yuan(p.capFen)}`))),
            section('pay.bills', 'pay-bills', app.bills.map((b) => billRow(app, b, render))),
            section('pay.payments', 'pay-payments', app.payments.map((i) => paymentRow(i,
                render, app))),
            timeline(app));
    };
    await render();
}

/**
 * Who takes the next step and what the rules give them (DOMAIN.md): the police notify within 3
 * working days of the application, the fund or insurer reviews within 5 of the bill. The dates
 * are the server's (noticeDueAt, the bill's reviewDueAt), which know the holidays.
 */
const NEXT = ['APPLIED', 'NOTICE_ISSUED', 'BILLED', 'APPROVED'];

/** @param {PaymentApplication} app @returns {string | null} */
function nextDue(app) {
    if (app.state === 'APPLIED') return app.noticeDueAt;
    if (app.state === 'BILLED') return app.bills[app.bills.length - 1]?.reviewDueAt ?? null;
    return null;
}

/** A date and time as people read them, in the page's language. @param {string} at */
function when(at) {
    return new Date(at).toLocaleString(language() === 'en' ? 'en-GB' : 'zh-CN',
        { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The timeline as a vertical line of dated steps, each naming who acted (the applicant, or the
 * police unit, hospital or payer by name), ending with who acts next, what they do and by when.
 * @param {PaymentApplication} app
 */
function timeline(app) {
    const next = NEXT.includes(app.state) ? app.state : null;
    const due = next ? nextDue(app) : null;
    return h('section', { class: 'card pay-section' }, h('h2', { i18n: 'pay.timeline' }),
        h('ol', { id: 'pay-timeline', class: 'timeline' },
            app.timeline.map((e) => h('li', { dataset: { what: e.what, actor: e.actorRole } },
                h('time', { datetime: e.at }, when(e.at)),
                e.actorName ? h('strong', { class: 'actor' }, e.actorName)
                    : h('strong', { class: 'actor', i18n: `pay.actor.${e.actorRole}` }),
                bindServerMessage(h('span'), `${e.textZh} / ${e.textEn}`))),
            next && h('li', { class: 'next', id: 'pay-next', dataset: { state: next } },
                due ? h('time', { datetime: due, i18n: 'pay.next.by',
                    i18nParams: { date: when(due) } }) : null,
                h('strong', { class: 'actor' }, h('span', { i18n: 'pay.next.title' }), ' · ',
                    h('span', { i18n: `pay.next.who.${next}` })),
                h('span', { i18n: `pay.next.${next}` }))));
}

/** @param {PaymentApplication} app */
function summary(app) {
    return h('section', { class: 'card pay-section', id: 'pay-summary' },
        // the case and the person's name, never their ID number, as the title
        h('h1', {}, `${app.caseId} · ${app.injuredPersonId}`),
        h('p', { id: 'pay-injured' },
            h('span', { i18n: 'pay.injured', i18nParams: { name: app.injuredPersonId } }),
            app.injuredRelation ? h('span', { i18n: 'pay.injured.relation', i18nParams: {
                relation: t(`pay.relation.${app.injuredRelation}`) } }) : null,
            app.injuredIdNumber ? ' · ' : null,
            app.injuredIdNumber ? h('span', { id: 'pay-id-number', i18n: 'pay.injured.idNumber',
                i18nParams: { number: app.injuredIdNumber } }) : null),
        h('p', {}, app.hospitalName, ' · ', when(app.accidentAt)),
        h('p', {}, h('span', { i18n: 'pay.state' }), ': ',
            h('strong', { id: 'pay-state', dataset: { state: app.state },
                i18n: `pay.stateName.${app.state}` })),
        app.overdue.policeNotice ? h('p', { class: 'form-error', i18n: 'pay.overdue.notice' })
            : null,
        app.overdue.fundReview ? h('p', { class: 'form-error', i18n: 'pay.overdue.review' })
            : null);
}

/**
 * @param {string} title
 * @param {string} id
 * @param {HTMLElement[]} items
 */
function section(title, id, items) {
    return h('section', { class: 'card pay-section' }, h('h2', { i18n: title }),
        h('ul', { id }, items));
}

/**
 * @param {PaymentApplication} app
 * @param {Payer[]} payers
 * @param {Done} done
 */
function noticeForm(app, payers, done) {
    const insurers = payers.filter((p) => p.kind === 'INSURER');
    const insurer = h('select', { name: 'insurerId' }, h('option', { value: '' }, '—'),
        insurers.map((p) => h('option', { value: p.id }, p.name)));
    const liability = liabilitySelect();
    const form = h('form', { class: 'card pay-section', id: 'pay-notice' },
        h('h2', { i18n: 'pay.notice' }), formError(),
        h('label', { i18n: 'pay.notice.insurer' }), insurer,
        h('label', { i18n: 'pay.notice.liability' }), liability,
        h('label', {}, h('input', { type: 'checkbox', name: 'fled' }),
            h('span', { i18n: 'pay.notice.fled' })),
        h('label', {}, h('input', { type: 'checkbox', name: 'uninsured' }),
            h('span', { i18n: 'pay.notice.uninsured' })),
        h('button', { type: 'submit', class: 'primary', i18n: 'pay.notice.submit' }));
    form.addEventListener('submit', (event) => submit(event, form, () => post(
        `/payments/applications/${app.id}/notice`, { vehicles: [{
            insurerId: insurer.value || null,
            liability: liability.value,
            fled: checkbox(form, 'fled').checked,
            uninsured: checkbox(form, 'uninsured').checked,
        }] }), done));
    return form;
}

/**
 * @param {PaymentApplication} app
 * @param {Done} done
 */
function liabilityForms(app, done) {
    const insurers = app.payers.filter((p) => p.kind === 'INSURER');
    if (insurers.length === 0) return null;
    return insurers.map((p) => {
        const liability = liabilitySelect(p.liabilityState);
        const form = h('form', { class: 'card pay-section pay-liability' }, formError(),
            h('label', {}, `${p.name} · `, h('span', { i18n: 'pay.notice.liability' })),
            liability, h('button', { type: 'submit', class: 'secondary',
                i18n: 'pay.liability.set' }));
        form.addEventListener('submit', (event) => submit(event, form, () => post(
            `/payments/applications/${app.id}/liability`,
            { payerId: p.payerId, liability: liability.value }), done));
        return form;
    });
}

/** @param {ApplicationPayer['liabilityState']} [selected] */
function liabilitySelect(selected = 'UNDETERMINED') {
    return h('select', { name: 'liability' }, ['UNDETERMINED', 'LIABLE', 'NOT_LIABLE'].map(
        (s) => h('option', { value: s, selected: s === selected, i18n: `pay.liability.${s}` })));
}

/**
 * @param {PaymentApplication} app
 * @param {Done} done
 */
function billForm(app, done) {
    const items = h('div', { class: 'pay-items' });
    const addItem = () => items.append(h('fieldset', { class: 'pay-item' },
        field({ name: 'description', label: 'pay.bill.description' }),
        field({ name: 'renderedAt', label: 'pay.bill.renderedAt', type: 'datetime-local' }),
        field({ name: 'invoiceNumber', label: 'pay.bill.invoiceNumber' }),
        field({ name: 'amount', label: 'pay.bill.amount', inputmode: 'decimal' })));
    addItem();
    const form = h('form', { class: 'card pay-section', id: 'pay-bill', novalidate: true },
        h('h2', { i18n: 'pay.bill' }), formError(), items,
        h('button', { type: 'button', class: 'secondary', i18n: 'pay.bill.addItem',
            onclick: addItem }),
        h('button', { type: 'submit', class: 'primary', i18n: 'pay.bill.submit' }));
    form.addEventListener('submit', (event) => submit(event, form, () => {
        const rows = [...items.querySelectorAll('.pay-item')].map((set) => {
            /** @param {string} name */
            const value = (name) => /** @type {HTMLInputElement} */ (
                set.querySelector(`[name="${name}"]`)).value;
            const at = new Date(value('renderedAt'));
            const amountFen = fenOf(value('amount'));
            if (amountFen === null) throw { key: 'pay.amount.invalid', field: 'amount' };
            return { description: value('description'), invoiceNumber: value('invoiceNumber'),
                renderedAt: Number.isNaN(at.getTime()) ? null : at.toISOString(), amountFen };
        });
        return post(`/payments/applications/${app.id}/bills`, { caseId: app.caseId,
            injuredPersonId: app.injuredPersonId, hospitalId: app.hospitalId, items: rows });
    }, done));
    return form;
}

/**
 * A bill, and for a payer's account a pay button per payer of its kind while it is unpaid.
 * @param {PaymentApplication} app
 * @param {Bill} bill
 * @param {Done} done
 */
function billRow(app, bill, done) {
    const kind = hasRole('fund') ? 'ASSISTANCE_FUND' : hasRole('insurer') ? 'INSURER' : null;
    const payers = app.payers.filter((p) => p.kind === kind);
    return h('li', { dataset: { bill: bill.id } },
        `${new Date(bill.submittedAt).toLocaleString()} · ${yuan(bill.totalFen)}`,
        ' · ', h('span', { i18n: 'pay.unpaid' }), ` ${yuan(bill.unpaidFen)}`,
        bill.unpaidFen > 0 ? payers.map((p) => payForm(app, bill, p, done)) : null);
}

/**
 * The key is made once per form and sent again on every retry of the same click, so a network
 * failure followed by "pay" again never pays twice.
 * @param {PaymentApplication} app
 * @param {Bill} bill
 * @param {ApplicationPayer} payer
 * @param {Done} done
 */
function payForm(app, bill, payer, done) {
    const key = `web-${crypto.randomUUID()}`;
    const amount = h('input', { name: 'amount', inputmode: 'decimal',
        value: (bill.unpaidFen / 100).toFixed(2) });
    const result = h('p', { class: 'hint' });
    const form = h('form', { class: 'pay-form', dataset: { payer: payer.payerId } },
        formError(), h('div', { class: 'field', dataset: { field: 'amountFen' } },
            h('label', { i18n: 'pay.pay.amount' }), amount,
            h('p', { class: 'field-error', role: 'alert', hidden: true })),
        h('button', { type: 'submit', class: 'primary' }, `${payer.name} · `,
            h('span', { i18n: 'pay.pay' })), result);
    form.addEventListener('submit', (event) => submit(event, form, async () => {
        const amountFen = fenOf(amount.value);
        if (amountFen === null) throw { key: 'pay.amount.invalid', field: 'amountFen' };
        const outcome = await postWithKey(`/payments/applications/${app.id}/payments`, key,
            { payerId: payer.payerId, billId: bill.id, amountFen });
        return outcome;
    }, done));
    return form;
}

/**
 * @param {PaymentInstruction} instruction
 * @param {Done} done
 * @param {PaymentApplication} app whose payers name the instruction's payer
 */
function paymentRow(instruction, done, app) {
    const payer = app.payers.find((p) => p.payerId === instruction.payerId)?.name
        ?? instruction.payerId;
    const open = (hasRole('insurer') || hasRole('fund')) && (instruction.paidFen ?? 0) > 0
        && !instruction.disbursedAt && !instruction.reversedAt;
    const confirm = open ? action('pay.confirm', 'disbursement', instruction, done) : null;
    const reverse = open ? action('pay.reverse', 'reversal', instruction, done) : null;
    return h('li', { dataset: { instruction: instruction.id } },
        `${payer} · ${yuan(instruction.paidFen ?? 0)}`,
        instruction.excessFen ? [` (+${yuan(instruction.excessFen)} `,
            h('span', { i18n: `pay.excess.${instruction.excessHandling}` }), ')'] : '',
        ' ', instruction.disbursedAt ? h('span', { i18n: 'pay.disbursed' }) : null,
        instruction.reversedAt ? h('span', { i18n: 'pay.reversed' }) : null, confirm, reverse);
}

/**
 * A button that posts to /payments/instructions/{id}/{what} and shows the page again.
 * @param {string} label
 * @param {'disbursement' | 'reversal'} what
 * @param {PaymentInstruction} instruction
 * @param {Done} done
 */
function action(label, what, instruction, done) {
    const button = h('button', { type: 'button', class: 'secondary', i18n: label,
        dataset: { action: what } });
    button.addEventListener('click', async () => {
        button.disabled = true;
        try {
            await post(`/payments/instructions/${instruction.id}/${what}`);
            await done();
        } catch (error) {
            button.disabled = false;
            button.after(describe(h('p', { class: 'form-error' }), error));
        }
    });
    return button;
}

/**
 * @param {SubmitEvent} event
 * @param {HTMLFormElement} form
 * @param {() => Promise<unknown>} send
 * @param {Done} done
 */
async function submit(event, form, send, done) {
    event.preventDefault();
    clearErrors(form);
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
    button.disabled = true;
    try {
        await send();
        await done();
    } catch (error) {
        button.disabled = false;
        showError(form, error);
    }
}

/**
 * @param {HTMLFormElement} form
 * @param {string} name
 */
function checkbox(form, name) {
    return /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
}

/**
 * POST with an Idempotency-Key header (the shared client sends no extra headers).
 * @param {string} path
 * @param {string} key
 * @param {unknown} body
 */
async function postWithKey(path, key, body) {
    const response = await fetch(`./api/v1${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json',
            Authorization: `Bearer ${token()}`, 'Idempotency-Key': key },
        body: JSON.stringify(body),
    });
    const payload = await response.json().catch(() => null);
    if (response.ok) return payload;
    throw new ApiError({ status: response.status, code: payload?.code ?? `HTTP_${response.status}`,
        message: payload?.message ?? '', field: payload?.field, requestId: payload?.requestId });
}
