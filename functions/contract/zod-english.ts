/**
 * zod/mini loads no messages: an issue without words of ours would read "Invalid input". Imported for its effect by
 * each module that turns issues into text, this gives them the English messages classic zod gives (~3 KB, one
 * locale), so a 400's reason or a sandbox file error reads exactly as it did before the switch to zod/mini.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());
