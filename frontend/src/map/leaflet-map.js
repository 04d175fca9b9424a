// @ts-check
/**
 * The road map page's Leaflet map (#/map, until the one traffic map replaces it): our own road
 * lines from /api/v1/map/roads with the OpenStreetMap attribution. Every other map is MapLibre
 * on our vector tiles: see basemap.js.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import markerIcon from 'leaflet/dist/images/marker-icon.png';
import markerIcon2x from 'leaflet/dist/images/marker-icon-2x.png';
import markerShadow from 'leaflet/dist/images/marker-shadow.png';
import { bindText } from '../i18n.js';
import { loadMapInfo } from './info.js';
import { addRoadLayer } from './road-layer.js';
/** @import { RoadStatus } from './road-layer.js' */
/** @import { LatLon } from '../types.js' */

export const ATTRIBUTION = '© OpenStreetMap contributors';

// Leaflet finds its marker images through a CSS path that bundling renames; give it the
// bundled files instead, so markers show with no request outside our server.
L.Icon.Default.imagePath = '';
L.Icon.Default.mergeOptions({
    iconUrl: markerIcon,
    iconRetinaUrl: markerIcon2x,
    shadowUrl: markerShadow,
});

/**
 * Mounts a map into `element` (which needs a height) and resolves to the Leaflet map once it
 * shows the roads' area. Options: `center` {lat, lon} and `zoom` to start elsewhere. Call
 * `map.remove()` when the page is left.
 * @param {HTMLElement} element
 * @param {{ center?: LatLon, zoom?: number }} [options]
 * @returns {Promise<L.Map>}
 */
export async function mountMap(element, options = {}) {
    const info = await loadMapInfo();
    element.classList.add('anxing-map');
    const bounds = L.latLngBounds(
        [info.bounds.minLat, info.bounds.minLon], [info.bounds.maxLat, info.bounds.maxLon]);

    const map = L.map(element, {
        zoomControl: false,
        attributionControl: false,
        maxBounds: bounds.pad(0.5),
        maxBoundsViscosity: 0.8,
        minZoom: 10,
        maxZoom: 19,
    });
    L.control.zoom().addTo(map);
    for (const [button, key] of [['in', 'map.zoomIn'], ['out', 'map.zoomOut']]) {
        /** @type {HTMLElement | null} */
        const element = map.getContainer().querySelector(`.leaflet-control-zoom-${button}`);
        if (!element) continue;
        bindText(element, key, null, 'title');
        bindText(element, key, null, 'aria-label');
    }
    L.control.attribution({ prefix: false })
        .addAttribution(escapeAttribution(info.attribution || ATTRIBUTION))
        .addTo(map);
    L.control.scale({ imperial: false }).addTo(map);

    if (options.center) map.setView([options.center.lat, options.center.lon], options.zoom ?? 16);
    else map.setView([info.center.lat, info.center.lon], options.zoom ?? 14);

    addRoadLayer(map, element);
    addRoadStatus(map, element);
    // browser tests reach the map through its element: page.$eval('#id', e => e.leafletMap...)
    Object.assign(element, { leafletMap: map });
    return map;
}

/**
 * A small line at the bottom of the map while roads load or when they failed.
 * @param {L.Map} map
 * @param {HTMLElement} element
 */
function addRoadStatus(map, element) {
    const Status = L.Control.extend({
        onAdd() {
            const line = L.DomUtil.create('div', 'map-status');
            line.setAttribute('role', 'status');
            line.hidden = true;
            element.addEventListener('roads', (event) => {
                if (!(event instanceof CustomEvent)) return;
                /** @type {RoadStatus} */
                const detail = event.detail;
                line.hidden = detail.state === 'loaded';
                if (detail.state === 'loading') bindText(line, 'map.loadingRoads');
                if (detail.state === 'failed') {
                    bindText(line, 'map.roadsFailed', {
                        message: detail.error?.serverMessage || detail.error?.code || '',
                    });
                }
            });
            return line;
        },
    });
    new Status({ position: 'bottomleft' }).addTo(map);
}

/** @param {unknown} text */
function escapeAttribution(text) {
    return String(text).replace(/</g, '&lt;');
}
