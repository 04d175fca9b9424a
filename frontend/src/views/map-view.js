// @ts-check
/**
 * The road map page (#/map): the shared base map centred on the map's middle, and a tap shows
 * the nearest road. It shows how a feature page uses map/basemap.js, map/overlays.js and
 * map/snap.js.
 */
import { h, replaceChildren } from '../dom.js';
import { createBaseMap } from '../map/basemap.js';
import { loadMapInfo } from '../map/info.js';
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
    const { center } = await loadMapInfo();
    const map = createBaseMap(mapElement, { center, zoom: 16 });
    const stop = showSnapOnClick(map);
    return () => {
        stop();
        map.remove();
    };
}
