/**
 * #/accident/new, the first step: what to do for safety before anything else, then the place
 * (the phone's position as a draggable pin on our map, a tap moves it) snapped to a road, the
 * plates (yours first), weather and form; a report near an open case with a shared plate is
 * offered that case instead.
 */
import { h, replaceChildren } from '../dom.js';
import { get, post, withQuery } from '../api.js';
import { describe, field, formError, showError } from '../forms.js';
import { bindText, t } from '../i18n.js';
import { navigate } from '../router.js';
import { safetyPanel, selectField } from './common.js';

const WEATHER = ['SUNNY', 'OVERCAST', 'RAIN', 'SNOW', 'FOG', 'OTHER'];
const FORMS = ['REAR_END_COLLISION', 'SIDE_COLLISION', 'HEAD_ON_COLLISION', 'SCRAPE', 'OTHER'];

/**
 * The map of the location step, in one place so the base map can change under it: mounts the
 * map in `box` and a pin that can be dragged, or moved by a tap; `onPlace(lat, lon)` on each
 * move. Returns `moveTo(lat, lon)` (centres there) and `remove()`.
 */
async function placeMap(box, onPlace) {
    const [{ mountMap }, { default: L }] = await Promise.all([
        import('../map/basemap.js'), import('leaflet')]);
    const map = await mountMap(box);
    const pin = L.marker(map.getCenter(), { draggable: true, autoPan: true, keyboard: true });
    const put = (lat, lon) => { pin.setLatLng([lat, lon]).addTo(map); };
    pin.on('dragend', () => {
        const at = pin.getLatLng();
        onPlace(at.lat, at.lng);
    });
    map.on('click', ({ latlng }) => {
        put(latlng.lat, latlng.lng);
        onPlace(latlng.lat, latlng.lng);
    });
    box.placePin = pin; // for tests, as element.leafletMap
    return {
        moveTo(lat, lon) {
            put(lat, lon);
            // no animation: the page may be left before it ends, and Leaflet then fails
            map.setView([lat, lon], Math.max(map.getZoom(), 17), { animate: false });
        },
        remove: () => map.remove(),
    };
}

/**
 * The nearest named road other than `roadName` within about 300 m of the point, from the same
 * road lines the map draws: with the snapped road it makes an address a person recognises
 * ("柏里大道, near 天禄大道"). Null when none is near or the lines cannot be had.
 */
async function nearestCrossStreet(lat, lon, roadName) {
    const d = 0.003;
    let roads;
    try {
        roads = await get(withQuery('/map/roads', {
            bbox: [lon - d, lat - d, lon + d, lat + d].map((v) => v.toFixed(6)).join(',') }));
    } catch {
        return null;
    }
    const kx = 111_320 * Math.cos(lat * Math.PI / 180);
    const ky = 110_540;
    // metres from the point to the segment a-b, on a local flat projection
    const toSegment = ([ax, ay], [bx, by]) => {
        const [px, py] = [0, 0];
        const [x1, y1, x2, y2] = [(ax - lon) * kx, (ay - lat) * ky, (bx - lon) * kx, (by - lat) * ky];
        const len = (x2 - x1) ** 2 + (y2 - y1) ** 2;
        const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * (x2 - x1) + (py - y1)
            * (y2 - y1)) / len));
        return Math.hypot(x1 + t * (x2 - x1) - px, y1 + t * (y2 - y1) - py);
    };
    let best = null;
    for (const feature of roads.features ?? []) {
        const name = feature.properties?.name;
        const line = feature.geometry?.type === 'LineString' ? feature.geometry.coordinates : null;
        if (!name || name === roadName || !line) continue;
        for (let i = 1; i < line.length; i++) {
            const metres = toSegment(line[i - 1], line[i]);
            if (metres <= 300 && (!best || metres < best.metres)) best = { name, metres };
        }
    }
    return best?.name ?? null;
}

export async function reportView(outlet) {
    let place = null;
    let cleanupMap = () => {};
    let mapControl = null;
    const road = h('p', { id: 'report-road', class: 'hint', i18n: 'accident.report.noPlace' });
    const placeError = h('p', { class: 'field-error', hidden: true, role: 'alert' });
    const near = h('p', { id: 'report-near', class: 'hint', hidden: true });
    const mapBox = h('div', { class: 'map-box', id: 'report-map' });

    async function setPlace(lat, lon) {
        placeError.hidden = true;
        try {
            const found = await get(withQuery('/accidents/location', { lat, lon }));
            place = { lat, lon };
            road.dataset.roadName = found.roadName ?? '';
            bindText(road, 'accident.report.road', { road: found.roadName || '—' });
            near.hidden = true;
            const cross = await nearestCrossStreet(lat, lon, found.roadName);
            if (cross && place?.lat === lat && place?.lon === lon) {
                near.dataset.near = cross;
                bindText(near, 'accident.report.near', { near: cross });
                near.hidden = false;
            }
        } catch (error) {
            place = null;
            describe(placeError, error);
            placeError.hidden = false;
        }
    }

    const locate = h('button', { type: 'button', class: 'secondary', id: 'use-location',
        i18n: 'accident.report.locate' });
    locate.addEventListener('click', () => {
        bindText(road, 'accident.report.locating');
        navigator.geolocation.getCurrentPosition(
            (position) => {
                mapControl?.moveTo(position.coords.latitude, position.coords.longitude);
                setPlace(position.coords.latitude, position.coords.longitude);
            },
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
        selectField({ name: 'weather', label: 'accident.report.weather', value: 'SUNNY',
            options: WEATHER.map((w) => [w, null, `accident.weather.${w}`]) }),
        selectField({ name: 'accidentForm', label: 'accident.report.form',
            value: 'REAR_END_COLLISION',
            options: FORMS.map((f) => [f, null, `accident.form.${f}`]) }),
        formError(),
        h('button', { type: 'submit', class: 'primary', id: 'report-submit',
            i18n: 'accident.report.submit' }));

    async function send(ignoreDuplicates) {
        if (!place) {
            showError(form, { key: 'accident.report.noPlace' });
            return;
        }
        const plateValues = [...plates.querySelectorAll('input')].map((i) => i.value.trim())
            .filter(Boolean);
        try {
            const answer = await post('/accidents', { lat: place.lat, lon: place.lon,
                plates: plateValues, weather: form.weather.value,
                accidentForm: form.accidentForm.value, ignoreDuplicates });
            if (answer.created === false) showOffers(answer.duplicates);
            else navigate(`/accident/${answer.id}`);
        } catch (error) {
            const match = /^plates\[(\d)\]$/.exec(error.field ?? '');
            showError(form, match ? { ...error, field: `plates${match[1]}` } : error);
        }
    }

    function showOffers(duplicates) {
        replaceChildren(offers, h('section', { class: 'card notice' },
            h('p', { i18n: 'accident.report.duplicates', i18nParams: { minutes: 30 } }),
            h('ul', { class: 'plain' }, duplicates.map((d) => h('li', {},
                `${d.sharedPlates.join(', ')} · ${d.distanceMetres} m · `,
                h('button', { type: 'button', class: 'secondary', dataset: { caseId: d.caseId },
                    i18n: 'accident.report.joinExisting',
                    onclick: async () => {
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
            locate, h('p', { class: 'hint', i18n: 'accident.report.pinHint' }), mapBox,
            road, near, placeError),
        offers,
        h('section', { class: 'card' }, form)));

    // the map is a help, not a need: without it the phone's location still works
    try {
        mapControl = await placeMap(mapBox, (lat, lon) => setPlace(lat, lon));
        cleanupMap = () => mapControl.remove();
    } catch {
        mapBox.hidden = true;
    }
    return () => cleanupMap();
}
