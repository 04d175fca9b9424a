/** Registers the bus strings once, however many bus pages import it (modules run once). */
import { addMessages } from '../i18n.js';
import { busMessages } from './messages.js';

addMessages(busMessages);
