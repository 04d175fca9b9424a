/** Registers the insight pages' strings once, whichever page loads first. */
import { addMessages } from '../i18n.js';
import { insightMessages } from './messages.js';

addMessages(insightMessages);
