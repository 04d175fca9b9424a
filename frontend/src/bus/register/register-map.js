// @ts-check
/**
 * A map under the register's forms: a click on it puts that point's latitude and longitude
 * (WGS-84, the map's own) into the form last worked in, so a coordinator need not know the
 * school's or depot's coordinates.
 */
import { h } from '../../dom.js';
import { bindText } from '../../i18n.js';
import { createBaseMap, maplibregl, whenStyleLoaded } from '../../map/basemap.js';

/**
 * The map's element, to be placed in the page before `start` is called.
 * @param {string} id
 */
export function positionMap(id) {
    return h('section', { class: 'card register-position' },
        h('p', { class: 'hint', i18n: 'register.map.hint' }),
        h('div', { class: 'register-map', id }));
}

/**
 * Starts the map in `section` (from positionMap, already in the page), filling the lat and lon
 * inputs of the form of `forms` last focused (the first until then). Returns what removes it.
 * @param {HTMLElement} section
 * @param {HTMLElement[]} forms the forms, or elements holding one
 * @param {{ lat: number, lon: number } | undefined} centre
 * @returns {() => void}
 */
export function startPositionMap(section, forms, centre) {
    const element = /** @type {HTMLElement} */ (section.querySelector('.register-map'));
    const hint = /** @type {HTMLElement} */ (section.querySelector('.hint'));
    let target = forms[0];
    for (const form of forms) form.addEventListener('focusin', () => { target = form; });
    const map = createBaseMap(element, { center: centre, zoom: centre ? 15 : undefined });
    /** @type {maplibregl.Marker | null} */
    let marker = null;
    whenStyleLoaded(map).then(() => map.on('click', (event) => {
        const { lat, lng } = event.lngLat;
        const set = (/** @type {string} */ name, /** @type {number} */ value) => {
            const input = target.querySelector(`[name="${name}"]`);
            if (input instanceof HTMLInputElement) input.value = value.toFixed(6);
        };
        set('lat', lat);
        set('lon', lng);
        set('depot.lat', lat);
        set('depot.lon', lng);
        const crs = target.querySelector('select[name=crs]');
        if (crs instanceof HTMLSelectElement) crs.value = 'WGS84';
        marker = (marker ?? new maplibregl.Marker({ color: '#d7263d' })).setLngLat([lng, lat])
            .addTo(map);
        const title = target.querySelector('h2')?.textContent ?? '';
        bindText(hint, 'register.map.set', { form: title });
    }));
    return () => map.remove();
}
