// @ts-check
/** The map's extent from the server, fetched once per page: {bounds, center, attribution}. */
import { get } from '../api.js';
/** @import { MapInfo } from '../types.js' */

/** @type {Promise<MapInfo> | null} */
let mapInfo = null;

/** @returns {Promise<MapInfo>} */
export async function loadMapInfo() {
    mapInfo ??= get('/map/info').catch((error) => {
        mapInfo = null;
        throw error;
    });
    return mapInfo;
}
