/** The map's extent from the server, fetched once per page: {bounds, center, attribution}. */
import { get } from '../api.js';

let mapInfo = null;

export async function loadMapInfo() {
    mapInfo ??= get('/map/info').catch((error) => {
        mapInfo = null;
        throw error;
    });
    return mapInfo;
}
