// @ts-check
/**
 * The admin's page (#/admin): organisations, and the staff accounts that act for them. Each
 * account is created in one organisation with the role of that organisation's kind; changing
 * its role or organisation, resetting its password or disabling it ends its sessions at once
 * (the server checks each token's session version on every request).
 */
import './messages.js';
import { h, replaceChildren } from '../dom.js';
import { get, post, put } from '../api.js';
import { clearErrors, field, formError, showError } from '../forms.js';

/**
 * @typedef {object} Organisation
 * @property {string} id
 * @property {string} kind
 * @property {string} code
 * @property {string} nameZh
 * @property {string | null} [nameEn]
 * @property {boolean} active
 *
 * @typedef {object} StaffAccount
 * @property {string} id
 * @property {string | null} username
 * @property {string | null} phone
 * @property {string} displayName
 * @property {string[]} roles
 * @property {string | null} organisation the organisation's code
 * @property {string | null} [organisationName]
 * @property {boolean} disabled
 */

const KINDS = ['POLICE_UNIT', 'INSURER', 'HOSPITAL', 'FUND', 'SCHOOL', 'ADMIN'];
/** The staff role of each kind of organisation, as the server requires. */
const ROLE_OF_KIND = /** @type {Record<string, string>} */ ({
    POLICE_UNIT: 'police', INSURER: 'insurer', HOSPITAL: 'hospital', FUND: 'fund',
    SCHOOL: 'coordinator', ADMIN: 'admin',
});

/**
 * The roles an account in `org` holds: its kind's role, and for a police unit the supervisor's
 * role beside it when asked (a supervisor may take a case over from an officer of the unit).
 * @param {Organisation | undefined} org
 * @param {boolean} supervisor
 */
function rolesFor(org, supervisor) {
    if (!org) {
        return [];
    }
    const role = ROLE_OF_KIND[org.kind];
    return role === 'police' && supervisor ? [role, 'police_supervisor'] : [role];
}

/**
 * The "supervisor" box, shown only while a police unit is chosen in `organisation`.
 * @param {HTMLSelectElement} organisation
 * @param {Organisation[]} organisations
 * @param {boolean} checked
 */
function supervisorBox(organisation, organisations, checked) {
    const box = h('input', { type: 'checkbox', name: 'supervisor', checked });
    const label = h('label', { class: 'admin-supervisor' }, box,
        h('span', { i18n: 'admin.account.supervisor' }));
    const show = () => {
        const org = organisations.find((o) => o.code === organisation.value);
        label.hidden = org?.kind !== 'POLICE_UNIT';
    };
    organisation.addEventListener('change', show);
    show();
    return { label, box };
}

/** @param {HTMLElement} outlet */
export async function adminView(outlet) {
    /** @type {[Organisation[], StaffAccount[]]} */
    const [organisations, accounts] = await Promise.all([
        get('/admin/organisations'), get('/admin/accounts')]);
    const reload = () => adminView(outlet);
    replaceChildren(outlet,
        h('h1', { i18n: 'admin.title' }),
        h('section', { class: 'card', id: 'admin-accounts' },
            h('h2', { i18n: 'admin.accounts' }),
            accountForm(organisations, reload),
            h('ul', { class: 'admin-list', id: 'admin-account-list' }, accounts
                .filter((a) => a.username)
                .map((a) => accountRow(a, organisations, reload)))),
        h('section', { class: 'card', id: 'admin-orgs' },
            h('h2', { i18n: 'admin.orgs' }),
            h('p', { class: 'hint', i18n: 'admin.orgs.hint' }),
            organisationForm(reload),
            h('ul', { class: 'admin-list', id: 'admin-org-list' },
                organisations.map((o) => organisationRow(o, reload)))));
}

/**
 * @param {Organisation[]} organisations
 * @param {string} [selected] the selected organisation's code
 */
function organisationSelect(organisations, selected) {
    const select = h('select', { name: 'organisation' }, organisations.filter((o) => o.active)
        .map((o) => h('option', { value: o.code, selected: o.code === selected },
            `${o.nameZh}（${o.code}）`)));
    // the organisation's code is shown as the admin typed it (it names a parent, too)
    select.dataset.verbatim = '';
    return select;
}

/**
 * @param {Organisation[]} organisations
 * @param {() => void} reload
 */
function accountForm(organisations, reload) {
    const organisation = organisationSelect(organisations);
    organisation.id = 'admin-account-organisation';
    const supervisor = supervisorBox(organisation, organisations, false);
    const form = h('form', { id: 'admin-account-new', novalidate: true },
        h('h3', { i18n: 'admin.accounts.new' }),
        formError(),
        field({ name: 'username', label: 'admin.account.username', required: true,
            autocomplete: 'off' }),
        field({ name: 'displayName', label: 'admin.account.displayName', required: true }),
        field({ name: 'password', label: 'admin.account.password', type: 'password',
            required: true, autocomplete: 'new-password' }),
        h('div', { class: 'field', dataset: { field: 'organisation' } },
            h('label', { for: organisation.id, i18n: 'admin.account.organisation' }),
            organisation, h('p', { class: 'field-error', role: 'alert', hidden: true })),
        supervisor.label,
        h('button', { type: 'submit', class: 'primary', i18n: 'admin.account.create' }));
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearErrors(form);
        const data = new FormData(form);
        const org = organisations.find((o) => o.code === data.get('organisation'));
        try {
            await post('/admin/accounts', {
                username: String(data.get('username') ?? '').trim(),
                displayName: String(data.get('displayName') ?? '').trim(),
                password: String(data.get('password') ?? ''),
                organisation: org?.code,
                roles: rolesFor(org, supervisor.box.checked),
            });
            reload();
        } catch (error) {
            showError(form, error);
        }
    });
    return form;
}

/**
 * @param {StaffAccount} account
 * @param {Organisation[]} organisations
 * @param {() => void} reload
 */
function accountRow(account, organisations, reload) {
    const organisation = organisationSelect(organisations, account.organisation ?? undefined);
    const supervisor = supervisorBox(organisation, organisations,
        account.roles.includes('police_supervisor'));
    const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password',
        i18nPlaceholder: 'admin.account.newPassword' });
    const form = h('form', { class: 'admin-row', novalidate: true,
        dataset: { username: account.username ?? '' } },
        h('strong', {}, account.username ?? ''), ' · ', account.displayName, ' · ',
        h('span', { class: 'admin-roles' }, account.roles.flatMap((r, i) => {
            const role = h('span', { i18n: `admin.role.${r}` });
            return i === 0 ? [role] : ['、', role];
        })), ' · ',
        account.organisationName ?? account.organisation ?? '', ' · ',
        h('span', { class: account.disabled ? 'admin-off' : 'admin-on',
            i18n: account.disabled ? 'admin.disabled' : 'admin.active' }),
        formError(),
        h('div', { class: 'admin-actions' },
            organisation,
            supervisor.label,
            h('button', { type: 'button', i18n: 'admin.account.save', onclick: () => act(form,
                () => {
                    const org = organisations.find((o) => o.code === organisation.value);
                    return put(`/admin/accounts/${account.id}`, {
                        organisation: organisation.value,
                        roles: rolesFor(org, supervisor.box.checked) });
                }, reload) }),
            password,
            h('button', { type: 'button', i18n: 'admin.account.resetPassword',
                onclick: () => act(form, () => post(`/admin/accounts/${account.id}/password`,
                    { password: password.value }), reload) }),
            h('button', { type: 'button', class: 'admin-toggle',
                i18n: account.disabled ? 'admin.enable' : 'admin.disable',
                onclick: () => act(form, () => post(`/admin/accounts/${account.id}/${
                    account.disabled ? 'enable' : 'disable'}`), reload) })));
    return h('li', {}, form);
}

/**
 * @param {HTMLFormElement} form
 * @param {() => Promise<unknown>} call
 * @param {() => void} reload
 */
async function act(form, call, reload) {
    clearErrors(form);
    try {
        await call();
        reload();
    } catch (error) {
        showError(form, error);
    }
}

/** @param {() => void} reload */
function organisationForm(reload) {
    const kind = h('select', { name: 'kind', id: 'admin-org-kind' },
        KINDS.map((k) => h('option', { value: k, i18n: `admin.kind.${k}` })));
    const form = h('form', { id: 'admin-org-new', novalidate: true },
        h('h3', { i18n: 'admin.orgs.new' }),
        formError(),
        h('div', { class: 'field', dataset: { field: 'kind' } },
            h('label', { for: kind.id, i18n: 'admin.org.kind' }), kind,
            h('p', { class: 'field-error', role: 'alert', hidden: true })),
        field({ name: 'code', label: 'admin.org.code', required: true }),
        field({ name: 'nameZh', label: 'admin.org.nameZh', required: true }),
        field({ name: 'nameEn', label: 'admin.org.nameEn' }),
        field({ name: 'parent', label: 'admin.org.parent' }),
        h('button', { type: 'submit', class: 'primary', i18n: 'admin.org.create' }));
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const data = new FormData(form);
        await act(form, () => post('/admin/organisations', {
            kind: data.get('kind'), code: String(data.get('code') ?? '').trim(),
            nameZh: String(data.get('nameZh') ?? '').trim(),
            nameEn: String(data.get('nameEn') ?? '').trim() || undefined,
            parent: String(data.get('parent') ?? '').trim() || undefined,
        }), reload);
    });
    return form;
}

/**
 * @param {Organisation} org
 * @param {() => void} reload
 */
function organisationRow(org, reload) {
    const form = h('form', { class: 'admin-row', dataset: { code: org.code } },
        h('strong', {}, org.nameZh), ' · ', h('code', { dataset: { verbatim: '' } }, org.code),
        ' · ',
        h('span', { i18n: `admin.kind.${org.kind}` }), ' · ',
        h('span', { class: org.active ? 'admin-on' : 'admin-off',
            i18n: org.active ? 'admin.active' : 'admin.disabled' }),
        formError(),
        org.kind === 'ADMIN' ? null : h('button', { type: 'button',
            i18n: org.active ? 'admin.disable' : 'admin.enable',
            onclick: () => act(form, () => put(`/admin/organisations/${org.id}`,
                { active: !org.active }), reload) }));
    return h('li', {}, form);
}
