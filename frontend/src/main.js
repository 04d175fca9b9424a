// @ts-check
/**
 * Starts the pages: the header, then the router with every page's route. A feature adds its
 * routes here (one line each); its strings live in its own messages.js (see i18n.js).
 */
import './styles.css';
import './messages.js';
import { applyTranslations } from './i18n.js';
import { mountHeader } from './header.js';
import { HOME, SIGN_IN, addRoute, lazy, startRouter } from './router.js';
import { signInView } from './views/signin.js';
import { homeView } from './views/home.js';
import { areaPlaceholderView } from './views/area-placeholder.js';

addRoute(SIGN_IN, signInView, { public: true });
addRoute(HOME, homeView);
// pages with a map load MapLibre on first use, so sign-in on a phone stays small
addRoute('/map', lazy(() => import('./views/map-view.js'), 'mapView'));
addRoute('/bus', lazy(() => import('./bus/planning-view.js'), 'planningView'),
    { roles: ['coordinator', 'admin'] });
addRoute('/bus/register', lazy(() => import('./bus/register/register-view.js'), 'registerView'),
    { roles: ['coordinator', 'admin'] });
addRoute('/child-bus', lazy(() => import('./bus/child-view.js'), 'childBusView'),
    { roles: ['parent'] });
addRoute('/payments', lazy(() => import('./payments/payments-view.js'), 'paymentsView'));
addRoute('/payments/:id', lazy(() => import('./payments/application-view.js'),
    'applicationView'));
addRoute('/admin', lazy(() => import('./admin/accounts-view.js'), 'adminView'),
    { roles: ['admin'] });
addRoute('/area/:id', areaPlaceholderView);
/** @type {(name: string, file: string) => import('./types.js').View} */
const accident = (name, file) => lazy(() => import(`./accident/${file}.js`), name);
addRoute('/accident', accident('accidentHomeView', 'home-view'), { roles: ['driver'] });
addRoute('/accident/new', accident('reportView', 'report-view'), { roles: ['driver'] });
// public: the second driver sees what they join before signing in
addRoute('/accident/join/:code', accident('joinView', 'home-view'), { public: true });
addRoute('/accident/:id', accident('caseView', 'case-view'), { roles: ['driver'] });
addRoute('/police/accidents', accident('policeQueueView', 'police-views'),
    { roles: ['police', 'admin'] });
addRoute('/police/accidents/:id', accident('policeCaseView', 'police-views'),
    { roles: ['police', 'admin'] });
addRoute('/verify', accident('verifyView', 'verify-view'), { public: true });
/** @type {(name: string, file: string) => import('./types.js').View} */
const insight = (name, file) => lazy(() => import(`./insight/${file}.js`), name);
addRoute('/insight', insight('insightMapView', 'map-view'), { roles: ['police', 'admin'] });
addRoute('/insight/dashboard', insight('dashboardView', 'dashboard-view'),
    { roles: ['police', 'admin'] });
addRoute('/police/audit', accident('policeAuditView', 'police-views'),
    { roles: ['police', 'admin'] });
addRoute('/verify/determination/:code', accident('determinationVerifyView', 'police-views'),
    { public: true });
addRoute('/verify/:code', accident('verifyView', 'verify-view'), { public: true });

applyTranslations(document);
// index.html has both elements
mountHeader(/** @type {HTMLElement} */ (document.getElementById('app-header')));
startRouter(/** @type {HTMLElement} */ (document.getElementById('app')));
