// @ts-check
// @ts-check
/** The base map's own strings (keys `basemap.`), Chinese first. */
import { addMessages } from '../i18n.js';

export const baseMapMessages = addMessages({
    'zh-CN': {
        'basemap.loading': '正在加载地图…',
        'basemap.failed': '地图加载失败：{message}',
        'basemap.pin': '事故位置（可拖动）',
        'basemap.near.cross': '附近路口：{name}（约 {metres} 米）',
        'basemap.near.landmark': '附近：{name}（约 {metres} 米）',
        'basemap.home': '家',
    },
    en: {
        'basemap.loading': 'Loading the map…',
        'basemap.failed': 'The map could not be loaded: {message}',
        'basemap.pin': 'Accident place (drag to move)',
        'basemap.near.cross': 'Near the junction with {name} (about {metres} m)',
        'basemap.near.landmark': 'Near {name} (about {metres} m)',
        'basemap.home': 'Home',
    },
});
