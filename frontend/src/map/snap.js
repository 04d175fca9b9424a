/**
 * Finding the road nearest a point (/api/v1/map/snap), and a map behaviour that shows it where
 * the person taps: accident pages place the scene on a road this way.
 */
import L from 'leaflet';
import { get, withQuery } from '../api.js';
import { localizeServerMessage, t } from '../i18n.js';
import { escapeHtml } from './road-layer.js';

/** {lat, lon, distanceMetres, roadName, roadClass} of the road point nearest (lat, lon). */
export function snapToRoad(lat, lon, options) {
    return get(withQuery('/map/snap', { lat: lat.toFixed(7), lon: lon.toFixed(7) }), options);
}

/**
 * On each tap, marks the nearest road point and opens a popup with its name and distance.
 * `onSnap(snapped)` is called with the server's answer. Returns a function that stops it.
 */
export function showSnapOnClick(map, onSnap = () => {}) {
    const marker = L.marker([0, 0], { keyboard: false });
    let latest = 0;
    const handle = async ({ latlng }) => {
        const ticket = ++latest;
        try {
            const snapped = await snapToRoad(latlng.lat, latlng.lng);
            if (ticket !== latest) return;
            marker.setLatLng([snapped.lat, snapped.lon]).addTo(map);
            marker.bindPopup(snapPopup(snapped), { className: 'snap-popup' }).openPopup();
            onSnap(snapped);
        } catch (error) {
            if (ticket !== latest) return;
            L.popup({ className: 'snap-popup' })
                .setLatLng(latlng)
                .setContent(`<p class="form-error">${escapeHtml(t('map.snap.failed', {
                    message: error.serverMessage ? localizeServerMessage(error.serverMessage)
                        : t(`error.${error.code}`),
                }))}</p>`)
                .openOn(map);
        }
    };
    map.on('click', handle);
    return () => {
        map.off('click', handle);
        marker.remove();
    };
}

function snapPopup(snapped) {
    const name = snapped.roadName || t('map.unnamedRoad');
    return `<div class="snap-result" data-road-name="${escapeHtml(snapped.roadName ?? '')}">`
        + `<small>${escapeHtml(t('map.snap.title'))}</small>`
        + `<strong class="snap-road">${escapeHtml(name)}</strong>`
        + `<span>${escapeHtml(t('map.snap.distance', {
            metres: Math.round(snapped.distanceMetres ?? 0) }))}</span></div>`;
}
