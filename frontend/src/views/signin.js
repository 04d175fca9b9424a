// @ts-check
/**
 * Sign-in: drivers and parents by phone and one-time code (request a code, then enter it), staff
 * by username and password. In the demo configuration the server returns the code itself
 * (`devCode`) and the page shows it, so a person trying the demo can sign in; production never
 * sends it.
 */
import { h, replaceChildren } from '../dom.js';
import { bindText } from '../i18n.js';
import { post } from '../api.js';
import { clearErrors, field, formError, showError } from '../forms.js';
import { isSignedIn, startSession } from '../session.js';
import { HOME, navigate } from '../router.js';
/** @import { RouteContext, SignIn } from '../types.js' */

const PHONE_PATTERN = /^1\d{10}$/;
const RESEND_SECONDS = 60;

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function signInView(outlet, { query }) {
    const next = safeNext(query.next);
    if (isSignedIn()) {
        navigate(next);
        return undefined;
    }
    /** @param {SignIn} answer */
    const done = (answer) => {
        startSession(answer);
        navigate(next);
    };

    const phoneForm = phoneSignIn(done);
    const staffForm = staffSignIn(done);
    const panels = { phone: phoneForm.element, staff: staffForm };
    const tabs = {
        phone: tab('phone', 'signin.tab.phone'),
        staff: tab('staff', 'signin.tab.staff'),
    };
    /** @param {'phone' | 'staff'} which */
    const choose = (which) => {
        for (const name of /** @type {const} */ (['phone', 'staff'])) {
            tabs[name].setAttribute('aria-selected', String(name === which));
            panels[name].hidden = name !== which;
        }
        panels[which].querySelector('input')?.focus();
    };
    tabs.phone.addEventListener('click', () => choose('phone'));
    tabs.staff.addEventListener('click', () => choose('staff'));

    replaceChildren(outlet, h('section', { class: 'card signin', id: 'signin' },
        h('h1', { i18n: 'signin.title' }),
        query.expired && h('p', { class: 'notice', id: 'session-expired', role: 'status',
            i18n: 'error.UNAUTHENTICATED' }),
        h('div', { class: 'tabs', role: 'tablist' }, tabs.phone, tabs.staff),
        phoneForm.element,
        staffForm));
    choose('phone');
    return phoneForm.stop;
}

/**
 * @param {string} name
 * @param {string} label
 */
function tab(name, label) {
    return h('button', {
        type: 'button',
        role: 'tab',
        class: 'tab',
        id: `tab-${name}`,
        'aria-controls': `signin-${name}`,
        i18n: label,
    });
}

/**
 * Step one asks for the phone and sends a code; step two takes the code.
 * @param {(answer: SignIn) => void} done
 */
function phoneSignIn(done) {
    const phone = field({
        name: 'phone', label: 'signin.phone', placeholder: 'signin.phone.placeholder',
        type: 'tel', inputmode: 'numeric', autocomplete: 'tel', maxlength: '11',
    });
    const code = field({
        name: 'code', label: 'signin.code', placeholder: 'signin.code.placeholder',
        type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6',
    });
    const phoneInput = /** @type {HTMLInputElement} */ (phone.querySelector('input'));
    const codeInput = /** @type {HTMLInputElement} */ (code.querySelector('input'));
    const requestButton = h('button', { type: 'button', class: 'secondary', id: 'request-code',
        i18n: 'signin.requestCode' });
    const codeSent = h('p', { class: 'hint', id: 'code-sent', hidden: true });
    const devCode = h('p', { class: 'dev-code', id: 'dev-code', hidden: true });
    const codeStep = h('div', { class: 'code-step', hidden: true },
        code, codeSent, devCode,
        h('button', { type: 'submit', class: 'primary', id: 'phone-submit', i18n: 'signin.submit' }));
    const form = h('form', { id: 'signin-phone', role: 'tabpanel', 'aria-labelledby': 'tab-phone',
        novalidate: true },
    h('p', { class: 'hint', i18n: 'signin.phone.hint' }),
    formError(), phone, requestButton, codeStep);

    /** @type {ReturnType<typeof setInterval> | undefined} */
    let countdown;
    const stop = () => clearInterval(countdown);
    const waitBeforeResend = () => {
        let left = RESEND_SECONDS;
        requestButton.disabled = true;
        const tick = () => {
            if (left <= 0) {
                stop();
                requestButton.disabled = false;
                bindText(requestButton, 'signin.resend');
            } else {
                bindText(requestButton, 'signin.resendIn', { seconds: left-- });
            }
        };
        tick();
        countdown = setInterval(tick, 1000);
    };

    requestButton.addEventListener('click', async () => {
        clearErrors(form);
        const number = phoneInput.value.trim();
        if (!PHONE_PATTERN.test(number)) {
            showError(form, { key: 'signin.phone.invalid', field: 'phone' });
            return;
        }
        requestButton.disabled = true;
        try {
            const answer = await post('/auth/otp/request', { phone: number });
            bindText(codeSent, 'signin.codeSent',
                { minutes: Math.round((answer?.expiresInSeconds ?? 300) / 60) });
            codeSent.hidden = false;
            if (answer?.devCode) {
                bindText(devCode, 'signin.devCode', { code: answer.devCode });
                devCode.dataset.code = answer.devCode;
                devCode.hidden = false;
            }
            codeStep.hidden = false;
            codeInput.focus();
            waitBeforeResend();
        } catch (error) {
            requestButton.disabled = false;
            showError(form, error, 'phone');
        }
    });

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearErrors(form);
        if (codeStep.hidden) {
            requestButton.click();
            return;
        }
        const number = phoneInput.value.trim();
        const oneTimeCode = codeInput.value.trim();
        if (!oneTimeCode) {
            showError(form, { key: 'signin.code.invalid', field: 'code' });
            return;
        }
        await submitting(form, async () => {
            try {
                done(await post('/auth/otp/verify', { phone: number, code: oneTimeCode }));
            } catch (error) {
                showError(form, error, 'code');
            }
        });
    });
    return { element: form, stop };
}

/** @param {(answer: SignIn) => void} done */
function staffSignIn(done) {
    const username = field({ name: 'username', label: 'signin.username', type: 'text',
        autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' });
    const password = field({ name: 'password', label: 'signin.password', type: 'password',
        autocomplete: 'current-password' });
    const form = h('form', { id: 'signin-staff', role: 'tabpanel', 'aria-labelledby': 'tab-staff',
        novalidate: true },
    h('p', { class: 'hint', i18n: 'signin.staff.hint' }),
    formError(), username, password,
    h('button', { type: 'submit', class: 'primary', id: 'staff-submit', i18n: 'signin.submit' }));

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearErrors(form);
        const name = /** @type {HTMLInputElement} */ (username.querySelector('input')).value.trim();
        const secret = /** @type {HTMLInputElement} */ (password.querySelector('input')).value;
        if (!name) return showError(form, { key: 'signin.username.required', field: 'username' });
        if (!secret) return showError(form, { key: 'signin.password.required', field: 'password' });
        return submitting(form, async () => {
            try {
                done(await post('/auth/login', { username: name, password: secret }));
            } catch (error) {
                // a refused sign-in that names no field is shown under the password
                showError(form, error, 'password');
            }
        });
    });
    return form;
}

/**
 * Disables the form's submit button while `work` runs, so a double tap sends one request.
 * @param {HTMLFormElement} form
 * @param {() => Promise<void>} work
 */
async function submitting(form, work) {
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type=submit]'));
    button.disabled = true;
    try {
        await work();
    } finally {
        button.disabled = false;
    }
}

/**
 * Only our own hash paths are followed after sign-in, never another site.
 * @param {unknown} next
 * @returns {string}
 */
function safeNext(next) {
    return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : HOME;
}
