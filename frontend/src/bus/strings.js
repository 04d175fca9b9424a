// @ts-check
/**
 * Only for child-view.js, which another change is rewriting: the bus strings register in
 * ./messages.js like every area's (see i18n.js). Delete this file once child-view.js imports
 * './messages.js' itself.
 */
import './messages.js';
