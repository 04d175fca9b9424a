// @ts-check
/**
 * Finding the road nearest a point (/api/v1/map/snap), and a map behaviour that shows it where
 * the person taps: accident pages place the scene on a road this way.
 */
import L from 'leaflet';
import { ApiError, get, withQuery } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../forms.js';
import { escapeHtml } from './road-layer.js';
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
 * On each tap, marks the nearest road point and opens a popup with its name and distance.
 * `onSnap(snapped)` is called with the server's answer. Returns a function that stops it.
 * @param {L.Map} map
 * @param {(snapped: RoadSnap) => void} [onSnap]
 * @returns {() => void}
 */
export function showSnapOnClick(map, onSnap = () => {}) {
    const marker = L.marker([0, 0], { keyboard: false })
        .bindPopup('', { className: 'snap-popup' });
    const errorPopup = L.popup({ className: 'snap-popup' });
    let latest = 0;
    /** @param {L.LeafletMouseEvent} event */
    const handle = async ({ latlng }) => {
        const ticket = ++latest;
        try {
            const snapped = await snapToRoad(latlng.lat, latlng.lng);
            if (ticket !== latest) return;
            map.closePopup();
            marker.setLatLng([snapped.lat, snapped.lon]).addTo(map);
            marker.setPopupContent(snapPopup(snapped)).openPopup();
            onSnap(snapped);
        } catch (error) {
            if (ticket !== latest) return;
            marker.remove();
            const code = error instanceof ApiError ? error.code : '';
            errorPopup.setLatLng(latlng)
                .setContent(`<p class="form-error snap-error" data-code="${escapeHtml(code)}">`
                    + `${escapeHtml(errorText(error))}</p>`)
                .openOn(map);
        }
    };
    map.on('click', handle);
    return () => {
        map.off('click', handle);
        marker.remove();
        errorPopup.remove();
    };
}

/** @param {RoadSnap} snapped */
function snapPopup(snapped) {
    const name = snapped.roadName || t('map.unnamedRoad');
    return `<div class="snap-result" data-road-name="${escapeHtml(snapped.roadName ?? '')}">`
        + `<small>${escapeHtml(t('map.snap.title'))}</small>`
        + `<strong class="snap-road">${escapeHtml(name)}</strong>`
        + `<span>${escapeHtml(t('map.snap.distance', {
            metres: Math.round(snapped.distanceMetres ?? 0) }))}</span></div>`;
}
