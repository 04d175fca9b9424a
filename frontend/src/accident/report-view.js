// @ts-check
/**
 * #/accident/new, the first step: what to do for safety before anything else (the steps of
 * Order 146 and one-tap 122/120), then the place (phone location, a tap on our map or the pin
 * dragged) snapped to a
 * road, shown with the nearest cross street; the plates (yours first), weather and form; a
 * report near an open case with a shared plate is offered that case instead.
 */
import { h, replaceChildren } from '../dom.js';
import { ApiError, get, post, withQuery } from '../api.js';
import { describe, field, formError, showError } from '../forms.js';
import { bindText, t } from '../i18n.js';
import { navigate } from '../router.js';
import { safetyPanel, selectField } from './common.js';
/** @import { Map as MapLibreMap, Marker } from 'maplibre-gl' */
/**
 * @import { CaseLocation, CaseView, DuplicateOffer, LatLon, ReportAnswer } from '../types.js'
 */

/**
 * The map of the page once loaded, its pin, and the overlay helpers (loaded with it).
 * @typedef {{ map: MapLibreMap, pin: Marker, overlays: typeof import('../map/overlays.js') }}
 *     ReportMap
 */

const WEATHER = ['SUNNY', 'OVERCAST', 'RAIN', 'SNOW', 'FOG', 'OTHER'];
const FORMS = ['REAR_END_COLLISION', 'SIDE_COLLISION', 'HEAD_ON_COLLISION', 'SCRAPE', 'OTHER'];

/**
 * An error the server gives a plate, `plates[1]`, named for its input here, `plates1`.
 * @param {unknown} error
 * @returns {unknown}
 */
function onPlateInput(error) {
    if (!(error instanceof ApiError)) return error;
    const match = /^plates\[(\d)\]$/.exec(error.field ?? '');
    return match ? { ...error, field: `plates${match[1]}` } : error;
}

/** @param {HTMLElement} outlet */
export async function reportView(outlet) {
    // cast, not annotated: the callbacks below set it, which the checker's narrowing of an
    // annotated `= null` would not see (it would take `place` for null after the awaits)
    let place = /** @type {LatLon | null} */ (null);
    let cleanupMap = () => {};
    /** The map and its pin once loaded; the page works without it. @type {ReportMap | null} */
    let onMap = null;
    // the point last asked for and its road once found, so a map that loads after the phone's
    // position came in still centres there and draws the road (cast as `place` is)
    let asked = /** @type {{ at: LatLon, found: CaseLocation | null } | null} */ (null);
    const road = h('p', { id: 'report-road', class: 'hint', i18n: 'accident.report.noPlace' });
    const nearby = h('p', { id: 'report-nearby', class: 'hint', hidden: true });
    const placeError = h('p', { class: 'field-error', hidden: true, role: 'alert' });
    const mapBox = h('div', { class: 'map-box', id: 'report-map' });

    /**
     * @param {number} lat
     * @param {number} lon
     * @param {{ centre?: boolean }} [options]
     */
    async function setPlace(lat, lon, { centre = false } = {}) {
        placeError.hidden = true;
        const ask = { at: { lat, lon }, found: /** @type {CaseLocation | null} */ (null) };
        asked = ask;
        showPin(lat, lon, centre);
        try {
            /** @type {CaseLocation} */
            const found = await get(withQuery('/accidents/location', { lat, lon }));
            ask.found = found;
            place = { lat, lon };
            road.dataset.roadName = found.roadName ?? '';
            bindText(road, 'accident.report.road', { road: found.roadName || '—' });
            showNearby(found);
            showRoad(found);
        } catch (error) {
            place = null;
            nearby.hidden = true;
            describe(placeError, error);
            placeError.hidden = false;
        }
    }

    /**
     * @param {number} lat
     * @param {number} lon
     * @param {boolean} centre
     */
    function showPin(lat, lon, centre) {
        if (!onMap) return;
        onMap.pin.setLngLat([lon, lat]);
        if (centre) {
            onMap.map.jumpTo({ center: [lon, lat], zoom: Math.max(onMap.map.getZoom(), 16) });
        }
    }

    /**
     * Where the accident is in words: the cross street and the landmark the server names near
     * the snapped road (the same names the school bus gives its stops).
     * @param {CaseLocation} found
     */
    function showNearby(found) {
        const parts = [];
        const { crossStreet, landmark } = found;
        if (crossStreet) parts.push(t('basemap.near.cross', { name: crossStreet.name,
            metres: crossStreet.metres }));
        if (landmark) parts.push(t('basemap.near.landmark', { name: landmark.name,
            metres: landmark.metres }));
        nearby.dataset.crossStreet = crossStreet?.name ?? '';
        nearby.textContent = parts.join(' · ');
        nearby.hidden = parts.length === 0;
    }

    /**
     * The snapped road drawn on the map.
     * @param {CaseLocation} found
     */
    function showRoad(found) {
        if (!onMap) return;
        const { map, overlays } = onMap;
        overlays.highlightRoad(map, found.roadName);
        map.triggerRepaint();
    }

    const locate = h('button', { type: 'button', class: 'secondary', id: 'use-location',
        i18n: 'accident.report.locate' });
    locate.addEventListener('click', () => {
        bindText(road, 'accident.report.locating');
        navigator.geolocation.getCurrentPosition(
            (position) => setPlace(position.coords.latitude, position.coords.longitude,
                { centre: true }),
            () => bindText(road, 'accident.report.noPlace'),
            { enableHighAccuracy: true, timeout: 10000 });
    });

    const plates = h('div', { id: 'plates' },
        field({ name: 'plates0', label: 'accident.report.myPlate', autocomplete: 'off' }),
        field({ name: 'plates1', label: 'accident.report.otherPlate', autocomplete: 'off' }));
    const addVehicle = h('button', { type: 'button', class: 'link', id: 'add-vehicle',
        i18n: 'accident.report.addVehicle' });
    addVehicle.addEventListener('click', () => {
        const n = plates.children.length;
        if (n < 5) plates.append(field({ name: `plates${n}`, label: 'accident.report.otherPlate' }));
    });
    const offers = h('div', { id: 'duplicate-offers' });

    const form = h('form', { id: 'report-form', novalidate: true },
        h('h2', { i18n: 'accident.report.plates' }), plates, addVehicle,
        // nothing chosen for the driver: what the agreement records is theirs to say
        selectField({ name: 'weather', label: 'accident.report.weather', choose: 'accident.choose',
            options: WEATHER.map((w) => [w, null, `accident.weather.${w}`]) }),
        selectField({ name: 'accidentForm', label: 'accident.report.form',
            choose: 'accident.choose',
            options: FORMS.map((f) => [f, null, `accident.form.${f}`]) }),
        formError(),
        h('button', { type: 'submit', class: 'primary', id: 'report-submit',
            i18n: 'accident.report.submit' }));

    /** @param {string} name */
    const selected = (name) =>
        /** @type {HTMLSelectElement} */ (form.elements.namedItem(name)).value;

    /** @param {boolean} ignoreDuplicates */
    async function send(ignoreDuplicates) {
        if (!place) {
            showError(form, { key: 'accident.report.noPlace' });
            return;
        }
        const unchosen = ['weather', 'accidentForm'].find((name) => !selected(name));
        if (unchosen) {
            showError(form, { key: `accident.report.choose.${unchosen}`, field: unchosen });
            return;
        }
        const plateValues = [...plates.querySelectorAll('input')].map((i) => i.value.trim())
            .filter(Boolean);
        try {
            /** @type {ReportAnswer} */
            const answer = await post('/accidents', { lat: place.lat, lon: place.lon,
                plates: plateValues, weather: selected('weather'),
                accidentForm: selected('accidentForm'), ignoreDuplicates });
            if (answer.created === false) showOffers(answer.duplicates);
            else navigate(`/accident/${answer.id}`);
        } catch (error) {
            showError(form, onPlateInput(error));
        }
    }

    /** @param {DuplicateOffer[]} duplicates */
    function showOffers(duplicates) {
        replaceChildren(offers, h('section', { class: 'card notice' },
            h('p', { i18n: 'accident.report.duplicates', i18nParams: { minutes: 30 } }),
            h('ul', { class: 'plain' }, duplicates.map((d) => h('li', {},
                `${d.sharedPlates.join(', ')} · ${d.distanceMetres} m · `,
                h('button', { type: 'button', class: 'secondary', dataset: { caseId: d.caseId },
                    i18n: 'accident.report.joinExisting',
                    onclick: async () => {
                        /** @type {CaseView} */
                        const joined = await post('/accidents/join', { caseId: d.caseId });
                        navigate(`/accident/${joined.id}`);
                    } })))),
            h('button', { type: 'button', class: 'link', id: 'create-anyway',
                i18n: 'accident.report.createAnyway', onclick: () => send(true) })));
    }

    form.addEventListener('submit', (event) => {
        event.preventDefault();
        send(false);
    });

    replaceChildren(outlet, h('div', { class: 'accident', id: 'accident-report' },
        h('nav', { class: 'steps', id: 'steps' },
            h('p', { class: 'steps-count', i18n: 'accident.steps.count',
                i18nParams: { n: 1, total: 7, name: t('accident.step.location') } })),
        h('p', { class: 'lead', i18n: 'accident.report.safetyFirst' }),
        safetyPanel(),
        h('section', { class: 'card' },
            h('h1', { i18n: 'accident.report.title' }),
            locate, h('p', { class: 'hint', i18n: 'accident.report.mapHint' }), mapBox,
            road, nearby, placeError),
        offers,
        h('section', { class: 'card' }, form)));

    // the map is a help, not a need: without it the phone's location still works
    try {
        const [{ createBaseMap, whenStyleLoaded }, overlays, { loadMapInfo }] = await Promise.all([
            import('../map/basemap.js'), import('../map/overlays.js'), import('../map/info.js')]);
        const info = await loadMapInfo().catch(() => null);
        const start = place ?? info?.center;
        const map = createBaseMap(mapBox, { center: start, zoom: 16 });
        cleanupMap = () => map.remove();
        await whenStyleLoaded(map);
        const centre = map.getCenter();
        const pin = overlays.addPin(map, { lat: centre.lat, lon: centre.lng },
            { draggable: true, label: t('basemap.pin'), className: 'report-pin' });
        onMap = { map, pin, overlays };
        if (asked) {
            showPin(asked.at.lat, asked.at.lon, true);
            if (asked.found) showRoad(asked.found);
        }
        pin.on('dragend', () => {
            const { lat, lng } = pin.getLngLat();
            setPlace(lat, lng);
        });
        map.on('click', ({ lngLat }) => setPlace(lngLat.lat, lngLat.lng));
    } catch {
        mapBox.hidden = true;
    }
    return () => cleanupMap();
}
