/**
 * STAND-IN, to be replaced at integration: the base map helper (branch r12-map) exports
 * `createBaseMap(container, { center, zoom, interactive })` from ../map/basemap.js, returning a
 * maplibre-gl Map drawn from our own vector tiles. Until that merges, this tiny version with the
 * same signature draws a plain background and our road lines (GeoJSON from /api/v1/map/roads),
 * so the one traffic map can be built and tested. The integrator deletes this file and changes
 * the one import in map-view.js to '../map/basemap.js'.
 */
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// the worker is a self-contained module; bundled as our own asset so nothing loads from elsewhere
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { get, withQuery } from '../api.js';

setWorkerUrl(workerUrl);

export function createBaseMap(container, { center, zoom = 14, interactive = true } = {}) {
    const lngLat = Array.isArray(center) ? center : [center.lon, center.lat];
    const map = new MapLibreMap({
        container,
        center: lngLat,
        zoom,
        interactive,
        attributionControl: { compact: false,
            customAttribution: '© OpenStreetMap contributors (ODbL)' },
        style: {
            version: 8,
            sources: {},
            layers: [{ id: 'background', type: 'background',
                paint: { 'background-color': '#f2efe9' } }],
        },
    });
    map.on('load', async () => {
        const [lon, lat] = lngLat;
        const roads = await get(withQuery('/map/roads',
            { bbox: [lon - 0.06, lat - 0.05, lon + 0.06, lat + 0.05].join(',') }));
        map.addSource('standin-roads', { type: 'geojson', data: roads });
        const firstOwnLayer = map.getStyle().layers.find((l) => l.id !== 'background')?.id;
        map.addLayer({ id: 'standin-roads', type: 'line', source: 'standin-roads',
            paint: { 'line-color': '#ffffff', 'line-width': ['match', ['get', 'roadClass'],
                ['primary', 'trunk', 'motorway'], 5, ['secondary', 'tertiary'], 4, 2] } },
        firstOwnLayer);
        map.addLayer({ id: 'standin-road-casing', type: 'line', source: 'standin-roads',
            paint: { 'line-color': '#c8c2b8', 'line-width': 1, 'line-gap-width': ['match',
                ['get', 'roadClass'], ['primary', 'trunk', 'motorway'], 5,
                ['secondary', 'tertiary'], 4, 2] } }, 'standin-roads');
    });
    return map;
}
