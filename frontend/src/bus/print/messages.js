// @ts-check
/** The printed documents' links (keys `bus.print.`), Chinese first. */
import { addMessages } from '../../i18n.js';

export const busPrintMessages = addMessages({
    'zh-CN': {
        'bus.print.title': '打印与导出',
        'bus.print.hint': '路线单给司机（含学生姓名和家长电话，请勿外传）；站点表给学校；通知给家长。',
        'bus.print.line': '{name}（{bus}）',
        'bus.print.sheetPdf': '路线单 PDF',
        'bus.print.sheetCsv': '路线单 Excel 表',
        'bus.print.stops': '全校站点表',
        'bus.print.stopsPdf': '站点表 PDF',
        'bus.print.stopsCsv': '站点表 Excel 表',
        'bus.print.notice': '打印乘车通知',
        'bus.print.notices': '给家庭的乘车通知',
        'bus.print.household': '选择家庭',
        'bus.print.noticeFor': '打印这户的通知',
        'bus.print.noNotices': '这个方案里还没有分到站点的家庭。',
        'bus.print.working': '正在生成…',
        'bus.print.failed': '文件没有生成，请稍后再试。',
        'bus.print.metres': '（{metres} 米）',
        'bus.print.km': '（{km} 公里）',
    },
    en: {
        'bus.print.title': 'Print and export',
        'bus.print.hint': "Route sheets are for drivers (they hold students' names and parents' phones: keep them private); the stop list is for the school; notices are for parents.",
        'bus.print.line': '{name} ({bus})',
        'bus.print.sheetPdf': 'Route sheet PDF',
        'bus.print.sheetCsv': 'Route sheet spreadsheet',
        'bus.print.stops': "The school's stop list",
        'bus.print.stopsPdf': 'Stop list PDF',
        'bus.print.stopsCsv': 'Stop list spreadsheet',
        'bus.print.notice': 'Print the bus notice',
        'bus.print.notices': 'Bus notices for families',
        'bus.print.household': 'Choose a household',
        'bus.print.noticeFor': "Print this household's notice",
        'bus.print.noNotices': 'No household has a stop in this plan yet.',
        'bus.print.working': 'Preparing…',
        'bus.print.failed': 'The file could not be made; please try again later.',
        'bus.print.metres': ' ({metres} m)',
        'bus.print.km': ' ({km} km)',
    },
});
