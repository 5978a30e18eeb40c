import { registerLanguageStrategy } from '#lib/i18n/locale.ts';

registerLanguageStrategy();
