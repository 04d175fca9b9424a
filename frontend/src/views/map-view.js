// @ts-check
/**
 * The road map page (#/map): the shared base map, and a tap shows the nearest road. It shows
 * how a feature page uses map/basemap.js and map/snap.js.
 */
import { h, replaceChildren } from '../dom.js';
import { mountMap } from '../map/leaflet-map.js';
import { showSnapOnClick } from '../map/snap.js';

/** @param {HTMLElement} outlet */
export async function mapView(outlet) {
    const mapElement = h('div', { class: 'map-full', id: 'road-map' });
    replaceChildren(outlet,
        h('section', { class: 'map-page' },
            h('div', { class: 'map-heading' },
                h('h1', { i18n: 'map.title' }),
                h('p', { class: 'hint', i18n: 'map.tapHint' })),
            mapElement));
    const map = await mountMap(mapElement);
    showSnapOnClick(map);
    return () => map.remove();
}
