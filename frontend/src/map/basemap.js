// @ts-check
/**
 * The base map every page uses (底图): MapLibre GL drawing our own vector tiles, style and
 * label glyphs, all from our server (the pages run on intranets with no tile servers), Chinese
 * labels first, with the OpenStreetMap credit.
 *
 *   const map = createBaseMap(element, { center: { lat, lon }, zoom: 16, interactive: true });
 *   await whenStyleLoaded(map);          // before adding sources and layers
 *   map.remove();                        // when the page is left
 *
 * `element` needs a height. It gets `data-map` (and, for older tests, `data-roads`) set to
 * loading | loaded | failed, and `element.mapLibreMap` for browser tests.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import './basemap.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { bindText } from '../i18n.js';
import './messages.js';

// the bundler renames the worker file; tell MapLibre where it went
maplibregl.setWorkerUrl(new URL(workerUrl, document.baseURI).href);

export { maplibregl };
/** Maps whose style has loaded once ('load' fires once; isStyleLoaded() dips as tiles load). */
const loadedMaps = new WeakSet();

export const ATTRIBUTION = '© OpenStreetMap contributors (ODbL)';
export const STYLE_PATH = './api/v1/map/style.json';
/** The font stack of our labels; the server answers any stack with its CJK font. */
export const LABEL_FONT = ['WenQuanYi Micro Hei'];

/**
 * Our server's paths as absolute URLs: the style names them from the server's root
 * ("/api/v1/map/..."), which is resolved against the page like every other API call.
 * @param {string} url
 * @returns {string}
 */
export function absoluteUrl(url) {
    if (url.startsWith('/api/')) return new URL(`.${url}`, document.baseURI).href;
    return new URL(url, document.baseURI).href;
}

/**
 * Creates the base map in `container`. Options: `center` {lat, lon} (else the map's middle),
 * `zoom` (16 with a centre, else 14), `interactive` (default true; false for a still map).
 * Returns the maplibregl.Map at once; it draws as tiles arrive.
 *
 * @param {HTMLElement} container
 * @param {{ center?: {lat: number, lon: number}, zoom?: number, interactive?: boolean }} [options]
 */
export function createBaseMap(container, { center, zoom, interactive = true } = {}) {
    container.classList.add('anxing-map');
    setState(container, 'loading');
    const map = new maplibregl.Map({
        container,
        style: absoluteUrl(STYLE_PATH),
        center: center ? [center.lon, center.lat] : undefined,
        zoom: zoom ?? (center ? 16 : undefined),
        minZoom: 10,
        maxZoom: 19,
        interactive,
        // our glyph ranges carry the Chinese font, so every browser draws the same labels
        localIdeographFontFamily: false,
        transformRequest: (url) => ({ url: absoluteUrl(url) }),
        attributionControl: { compact: false, customAttribution: ATTRIBUTION },
        dragRotate: false,
        pitchWithRotate: false,
    });
    if (interactive) {
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        map.touchZoomRotate.disableRotation();
    }
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.once('load', () => loadedMaps.add(map));
    map.once('idle', () => setState(container, 'loaded'));
    map.on('error', (event) => {
        // a missing tile is no failure; the style or the tiles' server being down is
        if (container.dataset.map === 'loaded') return;
        setState(container, 'failed', event.error?.message ?? '');
    });
    Object.assign(container, { mapLibreMap: map });
    return map;
}

/**
 * Resolves once the style is in, when sources and layers may be added.
 * @param {maplibregl.Map} map
 * @returns {Promise<maplibregl.Map>}
 */
export function whenStyleLoaded(map) {
    if (loadedMaps.has(map)) return Promise.resolve(map);
    return new Promise((resolve) => { map.once('load', () => resolve(map)); });
}

/**
 * A line at the bottom of the map while it loads or when it failed.
 * @param {HTMLElement} container
 * @param {'loading' | 'loaded' | 'failed'} state
 * @param {string} [message]
 */
function setState(container, state, message = '') {
    container.dataset.map = state;
    container.dataset.roads = state;
    /** @type {HTMLElement | null} */
    let line = container.querySelector(':scope > .map-status');
    if (!line) {
        line = document.createElement('div');
        line.className = 'map-status';
        line.setAttribute('role', 'status');
        container.append(line);
    }
    line.hidden = state === 'loaded';
    if (state === 'loading') bindText(line, 'basemap.loading');
    if (state === 'failed') bindText(line, 'basemap.failed', { message });
}
