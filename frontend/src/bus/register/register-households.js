// @ts-check
/**
 * The register's 家庭 tab: the school's households with edit and delete, a form to add one,
 * and the households given by address only, pinned by a click on the map.
 */
import { h, replaceChildren } from '../../dom.js';
import { post, put } from '../../api.js';
import { bindText, t } from '../../i18n.js';
import { describe } from '../../forms.js';
import { createBaseMap, maplibregl, whenStyleLoaded } from '../../map/basemap.js';
import { crsSelect, number, recordForm, recordTable } from './register-form.js';

/** @import { Desk, HouseholdRow } from './register-view.js' */

/**
 * Draws the tab into `panel`; returns what to do when it is left (the map is removed).
 * @param {HTMLElement} panel
 * @param {Desk} desk
 * @returns {() => void}
 */
export function householdsTab(panel, desk) {
    const base = `/bus/schools/${desk.schoolId}/register/households`;
    const { households } = desk.register;
    const formSlot = h('div');
    /** @param {HouseholdRow | null} household */
    const form = (household) => {
        const element = householdForm(household);
        const phone = element.querySelector('input[name=parentPhone]');
        // the registered phone is shown masked: an empty field keeps it
        if (household?.parentPhone && phone instanceof HTMLInputElement) {
            phone.placeholder = t('register.household.phoneKeep',
                { phone: household.parentPhone });
        }
        return element;
    };
    /** @param {HouseholdRow | null} household */
    const householdForm = (household) => recordForm({
        id: 'register-household-form',
        title: household ? 'register.household.editing' : 'register.household.new',
        titleParams: { name: household?.label ?? '' },
        fields: [
            { name: 'label', label: 'register.household.label', value: household?.label },
            { name: 'studentNames', label: 'register.household.names',
                value: household?.studentNames },
            { name: 'students', label: 'register.household.students', type: 'number',
                value: household?.students ?? 1 },
            { name: 'parentPhone', label: 'register.household.phone', type: 'tel' },
            { name: 'address', label: 'register.household.address', value: household?.address },
            { name: 'lat', label: 'register.lat', value: household?.lat },
            { name: 'lon', label: 'register.lon', value: household?.lon },
        ],
        more: [crsSelect('register-household-crs')],
        submit: household ? 'register.save' : 'register.add',
        cancel: household ? () => replaceChildren(formSlot, form(null)) : undefined,
        save: async (v) => {
            /** @type {Record<string, unknown>} */
            const body = { label: v.label, studentNames: v.studentNames ?? null,
                students: number(v.students), address: v.address ?? null,
                needsDoorStop: false };
            if (v.lat || v.lon) Object.assign(body, { lat: number(v.lat), lon: number(v.lon),
                crs: v.crs });
            // editing: an empty phone keeps the registered one (the page shows it masked)
            if (v.parentPhone || !household) body.parentPhone = v.parentPhone ?? null;
            if (household) await put(`${base}/${household.id}`, body);
            else await post(base, body);
            await desk.reload();
        },
    });
    replaceChildren(formSlot, form(null));
    const students = households.reduce((sum, x) => sum + x.students, 0);
    const unpinned = households.filter((x) => x.lat === null);
    const mapElement = h('div', { class: 'register-map', id: 'register-pin-map' });
    const pinStatus = h('p', { class: 'hint', id: 'register-pin-status', role: 'status',
        i18n: 'register.pin.hint' });
    replaceChildren(panel, h('div', { class: 'register-tab', id: 'register-households' },
        h('p', { class: 'hint', i18n: 'register.household.count',
            i18nParams: { households: households.length, students } }),
        recordTable({ id: 'register-household-list',
            headers: ['register.household.label', 'register.household.names',
                'register.household.students', 'register.household.phone',
                'register.household.address', 'register.household.position'],
            rows: households, key: (x) => x.id,
            cells: (x) => [x.label, x.studentNames ?? '', String(x.students),
                x.parentPhone ?? '', x.address ?? '', t(x.lat === null
                    ? 'register.household.unplaced' : 'register.household.placed')],
            edit: (x) => replaceChildren(formSlot, form(x)),
            remove: async (x) => {
                if (!window.confirm(t('register.confirmDelete', { name: x.label }))) return;
                await post(`${base}/remove`, { ids: [x.id] });
                await desk.reload();
            } }),
        formSlot,
        h('section', { class: 'card', id: 'register-pin' },
            h('h2', { i18n: 'register.pin.title', i18nParams: { count: unpinned.length } }),
            unpinned.length === 0 ? h('p', { class: 'hint', i18n: 'register.pin.none' }) : [
                pinStatus,
                h('ul', { class: 'register-pin-list', id: 'register-pin-list' },
                    unpinned.map((x) => h('li', { dataset: { id: x.id } },
                        h('button', { class: 'secondary', type: 'button',
                            i18n: 'register.pin.choose', onclick: () => choose(x) }),
                        ` ${x.label} · ${x.address ?? ''}`))),
                mapElement])));
    if (unpinned.length === 0) return () => {};

    const school = desk.register.school;
    const map = createBaseMap(mapElement, { center: { lat: school.lat, lon: school.lon },
        zoom: 15 });
    new maplibregl.Marker({ color: '#1d5fa8' }).setLngLat([school.lon, school.lat]).addTo(map);
    // the households already placed, small and grey, so a new pin is set among its neighbours
    for (const placed of households) {
        if (placed.lat !== null && placed.lon !== null) {
            new maplibregl.Marker({ color: '#8a94a3', scale: 0.55 })
                .setLngLat([placed.lon, placed.lat]).addTo(map);
        }
    }
    /** @type {HouseholdRow | null} */
    let chosen = null;
    /** @param {HouseholdRow} household */
    const choose = (household) => {
        chosen = household;
        bindText(pinStatus, 'register.pin.chosen', { name: household.label });
        for (const li of panel.querySelectorAll('#register-pin-list li')) {
            li.classList.toggle('chosen', li instanceof HTMLElement
                && li.dataset.id === household.id);
        }
    };
    whenStyleLoaded(map).then(() => map.on('click', async (event) => {
        if (!chosen) return;
        const household = chosen;
        try {
            await put(`${base}/${household.id}/position`, { lat: event.lngLat.lat,
                lon: event.lngLat.lng });
            await desk.reload();
        } catch (error) {
            describe(pinStatus, error);
        }
    }));
    return () => map.remove();
}
