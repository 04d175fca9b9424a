// @ts-check
/**
 * The coordinator's register (#/bus/register): tabs 学校 / 校车 / 家庭 / 导入 for one school
 * picked at the top. Schools and buses are edited here; households and the import have their
 * own modules.
 */
import './messages.js';
import './register.css';
import { h, replaceChildren } from '../../dom.js';
import { get, post, put } from '../../api.js';
import { t } from '../../i18n.js';
import { crsSelect, number, recordForm, recordTable } from './register-form.js';
import { householdsTab } from './register-households.js';
import { positionMap, startPositionMap } from './register-map.js';
import { importTab } from './register-import.js';

/**
 * @typedef {object} SchoolRow
 * @property {string} id
 * @property {string} name
 * @property {number} lat
 * @property {number} lon
 * @property {string} eveningDismissal
 * @property {string} morningArrival
 * @property {number} [households]
 * @property {number} [buses]
 *
 * @typedef {object} BusRow
 * @property {string} id
 * @property {string} label
 * @property {string | null} plate
 * @property {number} capacity
 * @property {string | null} driverName
 * @property {string | null} driverPhone
 * @property {{ lat: number, lon: number } | null} depot
 *
 * @typedef {object} HouseholdRow
 * @property {string} id
 * @property {string} label
 * @property {string | null} studentNames
 * @property {number} students
 * @property {string | null} parentPhone masked
 * @property {string | null} address
 * @property {number | null} lat
 * @property {number | null} lon
 *
 * @typedef {object} Register
 * @property {SchoolRow} school
 * @property {BusRow[]} buses
 * @property {HouseholdRow[]} households
 * @property {number} unpinned
 *
 * @typedef {'schools' | 'buses' | 'households' | 'import'} Tab
 *
 * @typedef {object} Desk what each tab is given
 * @property {string} schoolId
 * @property {Register} register
 * @property {() => Promise<void>} reload reads the register again and redraws the tab
 * @property {(tab: Tab) => void} show
 */

const TABS = /** @type {Tab[]} */ (['schools', 'buses', 'households', 'import']);

/** @param {HTMLElement} outlet */
export async function registerView(outlet) {
    /** @type {{ schools: SchoolRow[], schoolId: string | null, tab: Tab,
     *     register: Register | null, leave: (() => void) | null }} */
    const state = { schools: [], schoolId: null, tab: 'schools', register: null, leave: null };
    const picker = h('select', { id: 'register-school', name: 'school' });
    const tabs = h('div', { class: 'tabs', role: 'tablist', id: 'register-tabs' });
    const panel = h('div', { id: 'register-panel' });
    replaceChildren(outlet, h('section', { id: 'bus-register', class: 'register' },
        h('div', { class: 'register-heading' },
            h('h1', { i18n: 'register.title' }),
            h('a', { href: '#/bus', i18n: 'register.back' })),
        h('div', { class: 'register-picker' },
            h('label', { for: 'register-school', i18n: 'register.school' }), picker),
        tabs, panel));

    const loadSchools = async () => {
        state.schools = await get('/bus/schools');
        if (!state.schools.some((s) => s.id === state.schoolId)) {
            state.schoolId = state.schools[0]?.id ?? null;
        }
        replaceChildren(picker, state.schools.map((s) => h('option', { value: s.id,
            selected: s.id === state.schoolId }, s.name)));
        picker.hidden = state.schools.length === 0;
    };
    const reload = async () => {
        state.register = state.schoolId
            ? await get(`/bus/schools/${state.schoolId}/register`) : null;
        draw();
    };
    /** @param {Tab} tab */
    const show = (tab) => { state.tab = tab; draw(); };
    const draw = () => {
        state.leave?.();
        state.leave = null;
        replaceChildren(tabs, TABS.map((tab) => h('button', { class: 'tab', type: 'button',
            role: 'tab', id: `register-tab-${tab}`, 'aria-selected': String(tab === state.tab),
            disabled: tab !== 'schools' && !state.register, i18n: `register.tab.${tab}`,
            onclick: () => show(tab) })));
        const { register, schoolId } = state;
        if (state.tab === 'schools' || !register || !schoolId) {
            state.leave = schoolsTab(panel, state.schools, register, async (id) => {
                if (id !== undefined) state.schoolId = id;
                await loadSchools();
                await reload();
            });
            return;
        }
        /** @type {Desk} */
        const desk = { schoolId, register, reload, show };
        if (state.tab === 'buses') state.leave = busesTab(panel, desk);
        if (state.tab === 'households') state.leave = householdsTab(panel, desk);
        if (state.tab === 'import') replaceChildren(panel, importTab(desk));
    };
    picker.addEventListener('change', async () => {
        state.schoolId = picker.value;
        await reload();
    });
    await loadSchools();
    await reload();
    return () => state.leave?.();
}

/**
 * The schools: the list, a form to add one or edit the picked one, a map to set its position,
 * and deleting it. Drawn into `panel`; returns what removes the map.
 * @param {HTMLElement} panel
 * @param {SchoolRow[]} schools
 * @param {Register | null} register the picked school's
 * @param {(id?: string | null) => Promise<void>} changed
 * @returns {() => void}
 */
function schoolsTab(panel, schools, register, changed) {
    /** @param {SchoolRow | null} school */
    const form = (school) => recordForm({
        id: school ? 'register-school-edit' : 'register-school-new',
        title: school ? 'register.school.editing' : 'register.school.new',
        titleParams: { name: school?.name ?? '' },
        fields: [
            { name: 'name', label: 'register.school.name', value: school?.name },
            { name: 'lat', label: 'register.lat', value: school?.lat },
            { name: 'lon', label: 'register.lon', value: school?.lon },
            // text, not type=time: the browser would show 09:00 PM on an English system
            { name: 'eveningDismissal', label: 'register.school.evening',
                value: school?.eveningDismissal.slice(0, 5) ?? '21:00' },
            { name: 'morningArrival', label: 'register.school.morning',
                value: school?.morningArrival.slice(0, 5) ?? '07:20' },
        ],
        more: [crsSelect(school ? 'register-school-crs-edit' : 'register-school-crs')],
        submit: school ? 'register.save' : 'register.add',
        save: async (v) => {
            const body = { name: v.name, lat: number(v.lat), lon: number(v.lon), crs: v.crs,
                eveningDismissal: v.eveningDismissal, morningArrival: v.morningArrival };
            const saved = school ? await put(`/bus/schools/${school.id}`, body)
                : await post('/bus/schools', body);
            await changed(saved.id);
        },
    });
    const current = register?.school ?? null;
    const forms = [current && form(current), form(null)].filter((f) => f !== null);
    const picker = positionMap('register-school-map');
    replaceChildren(panel, h('div', { class: 'register-tab', id: 'register-schools' },
        recordTable({ id: 'register-school-list',
            headers: ['register.school.name', 'register.school.evening',
                'register.school.morning', 'register.school.registered'],
            rows: schools, key: (s) => s.id,
            cells: (s) => [s.name, s.eveningDismissal.slice(0, 5), s.morningArrival.slice(0, 5),
                t('register.school.counts', { households: s.households ?? 0,
                    buses: s.buses ?? 0 })],
            edit: (s) => changed(s.id) }),
        schools.length === 0 && h('p', { class: 'notice', i18n: 'register.none' }),
        h('div', { class: 'register-columns' }, forms), picker,
        current && removeSchool(current, changed)));
    return startPositionMap(picker, forms, current ?? schools[0]);
}

/**
 * Deleting the school, once its name is typed.
 * @param {SchoolRow} school
 * @param {(id?: string | null) => Promise<void>} changed
 */
function removeSchool(school, changed) {
    return recordForm({ id: 'register-school-remove', title: 'register.school.remove',
        hint: 'register.school.removeHint',
        fields: [{ name: 'name', label: 'register.school.removeName' }],
        submit: 'register.delete', danger: true,
        save: async (v) => {
            await post(`/bus/schools/${school.id}/remove`, { name: v.name ?? '' });
            await changed(null);
        } });
}

/**
 * The school's buses: the table, a form to add one or edit the one chosen, and a map to set a
 * depot. Drawn into `panel`; returns what removes the map.
 * @param {HTMLElement} panel
 * @param {Desk} desk
 * @returns {() => void}
 */
function busesTab(panel, desk) {
    const base = `/bus/schools/${desk.schoolId}/register/buses`;
    const formSlot = h('div');
    /** @param {BusRow | null} bus */
    const form = (bus) => recordForm({
        id: 'register-bus-form',
        title: bus ? 'register.bus.editing' : 'register.bus.new',
        titleParams: { name: bus?.label ?? '' },
        hint: 'register.bus.depotHint',
        fields: [
            { name: 'label', label: 'register.bus.label', value: bus?.label },
            { name: 'plate', label: 'register.bus.plate', value: bus?.plate },
            { name: 'capacity', label: 'register.bus.capacity', type: 'number',
                value: bus?.capacity },
            { name: 'driverName', label: 'register.bus.driver', value: bus?.driverName },
            { name: 'driverPhone', label: 'register.bus.driverPhone', type: 'tel',
                value: bus?.driverPhone },
            { name: 'depot.lat', label: 'register.bus.depotLat', value: bus?.depot?.lat },
            { name: 'depot.lon', label: 'register.bus.depotLon', value: bus?.depot?.lon },
        ],
        submit: bus ? 'register.save' : 'register.add',
        cancel: bus ? () => replaceChildren(formSlot, form(null)) : undefined,
        save: async (v) => {
            const depot = v['depot.lat'] || v['depot.lon']
                ? { lat: number(v['depot.lat']), lon: number(v['depot.lon']) } : null;
            const body = { label: v.label, plate: v.plate ?? null, capacity: number(v.capacity),
                driverName: v.driverName ?? null, driverPhone: v.driverPhone ?? null, depot };
            if (bus) await put(`${base}/${bus.id}`, body);
            else await post(base, body);
            await desk.reload();
        },
    });
    replaceChildren(formSlot, form(null));
    const { buses } = desk.register;
    const picker = positionMap('register-depot-map');
    replaceChildren(panel, h('div', { class: 'register-tab', id: 'register-buses' },
        recordTable({ id: 'register-bus-list',
            headers: ['register.bus.label', 'register.bus.plate', 'register.bus.capacity',
                'register.bus.driver', 'register.bus.driverPhone', 'register.bus.depot'],
            rows: buses, key: (b) => b.id,
            cells: (b) => [b.label, b.plate ?? '', String(b.capacity), b.driverName ?? '',
                b.driverPhone ?? '', b.depot ? `${b.depot.lat.toFixed(5)}, ${b.depot.lon
                    .toFixed(5)}` : t('register.bus.atSchool')],
            edit: (b) => replaceChildren(formSlot, form(b)),
            remove: async (b) => {
                if (!window.confirm(t('register.confirmDelete', { name: b.label }))) return;
                await post(`${base}/remove`, { ids: [b.id] });
                await desk.reload();
            } }),
        formSlot, picker));
    // the form in the slot changes (add, edit): the map fills whichever is there
    return startPositionMap(picker, [formSlot], desk.register.school);
}
