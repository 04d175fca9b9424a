// @ts-check
/**
 * A case's place on the base map, for the police: the pin where the driver put it and the road
 * it was snapped to, highlighted. A still map around the place; the page works without it.
 */
import { createBaseMap, whenStyleLoaded } from './basemap.js';
import { addPin, highlightRoad } from './overlays.js';
/** @import { CaseLocation } from '../types.js' */

/**
 * Draws `location` ({lat, lon, roadLat?, roadLon?, roadName}) in `box`; returns the map at
 * once (the pins follow when its style is in).
 * @param {HTMLElement} box
 * @param {CaseLocation} location
 */
export function showCaseOnMap(box, location) {
    const map = createBaseMap(box, { center: { lat: location.lat, lon: location.lon },
        zoom: 17 });
    whenStyleLoaded(map).then(() => {
        if (location.roadName) highlightRoad(map, location.roadName);
        if (location.roadLat != null && location.roadLon != null) {
            addPin(map, { lat: location.roadLat, lon: location.roadLon },
                { colour: '#1e6fd9', label: location.roadName, className: 'case-road-pin' });
        }
        addPin(map, location, { label: location.roadName, className: 'case-pin' });
    });
    return map;
}
