// @ts-check
/**
 * Finding the road nearest a point (/api/v1/map/snap), and a base map behaviour that shows it
 * where the person taps: accident pages place the scene on a road this way.
 */
import { ApiError, get, withQuery } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../forms.js';
import { addPin, textElement, textPopup } from './overlays.js';
/** @import { Map as MapLibreMap, MapMouseEvent, Marker, Popup } from 'maplibre-gl' */
/** @import { RequestOptions } from '../api.js' */
/** @import { RoadSnap } from '../types.js' */

/**
 * The road point nearest (lat, lon).
 * @param {number} lat
 * @param {number} lon
 * @param {RequestOptions} [options]
 * @returns {Promise<RoadSnap>}
 */
export function snapToRoad(lat, lon, options) {
    return get(withQuery('/map/snap', { lat: lat.toFixed(7), lon: lon.toFixed(7) }), options);
}

/**
 * On each tap, pins the nearest road point and opens a popup with its name and distance, or
 * says why the server could not place it. `onSnap(snapped)` is called with the server's
 * answer. Returns a function that stops it.
 * @param {MapLibreMap} map
 * @param {(snapped: RoadSnap) => void} [onSnap]
 * @returns {() => void}
 */
export function showSnapOnClick(map, onSnap = () => {}) {
    /** @type {Marker | null} */
    let pin = null;
    /** @type {Popup | null} */
    let popup = null;
    let latest = 0;
    const clear = () => {
        pin?.remove();
        popup?.remove();
        pin = null;
        popup = null;
    };
    /** @param {MapMouseEvent} event */
    const handle = async ({ lngLat }) => {
        const ticket = ++latest;
        try {
            const snapped = await snapToRoad(lngLat.lat, lngLat.lng);
            if (ticket !== latest) return;
            clear();
            pin = addPin(map, snapped, { label: snapped.roadName || t('map.unnamedRoad'),
                className: 'snap-pin' });
            popup = textPopup(snapResult(snapped), { className: 'snap-popup', offset: 36 })
                .setLngLat([snapped.lon, snapped.lat]).addTo(map);
            onSnap(snapped);
        } catch (error) {
            if (ticket !== latest) return;
            clear();
            const line = textElement('p', errorText(error), 'form-error snap-error');
            line.dataset.code = error instanceof ApiError ? error.code : '';
            popup = textPopup(line, { className: 'snap-popup' })
                .setLngLat(lngLat).addTo(map);
        }
    };
    map.on('click', handle);
    return () => {
        map.off('click', handle);
        clear();
    };
}

/**
 * The popup's content, built of text nodes: road names come from map data.
 * @param {RoadSnap} snapped
 * @returns {HTMLElement}
 */
function snapResult(snapped) {
    const box = document.createElement('div');
    box.className = 'snap-result';
    box.dataset.roadName = snapped.roadName ?? '';
    box.append(
        textElement('small', t('map.snap.title')),
        textElement('strong', snapped.roadName || t('map.unnamedRoad'), 'snap-road'),
        textElement('span', t('map.snap.distance', {
            metres: Math.round(snapped.distanceMetres ?? 0) })));
    return box;
}
